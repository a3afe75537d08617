"""Reading the committed demo data (``data/*.json``), facts taken from the Regions' documents.

Each record names the documents it comes from (``sources``, keys of ``sources.json``); the
loader writes them as the last line of the description, the one field every page shows.
Fields the documents do not give are absent and stay empty ("non renseigné").
"""

from __future__ import annotations

import datetime
import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"

# Keys of an entry record that are not model fields: the loader handles them.
ENTRY_META_KEYS = frozenset(
    {"slug", "owner", "sources", "commune", "starts_on", "dates_text", "session_days"}
)
# Keys of an example record giving days from the loading day, so the demo never looks dead.
OFFSET_KEYS = frozenset({"starts_in_days", "session_offsets_days"})


def read(name: str) -> list[dict[str, Any]]:
    """The records of ``data/<name>.json``."""
    records: list[dict[str, Any]] = json.loads(
        (DATA_DIR / f"{name}.json").read_text(encoding="utf-8")
    )
    return records


@cache
def sources() -> dict[str, dict[str, Any]]:
    """The source documents by key: a short ``label`` and the full ``document`` title."""
    found: dict[str, dict[str, Any]] = json.loads(
        (DATA_DIR / "sources.json").read_text(encoding="utf-8")
    )
    return found


def source_note(keys: list[str]) -> str:
    """``Source : <label>`` (or ``Sources : a ; b``) for the documents ``keys`` name."""
    if not keys:
        return ""
    labels = [sources()[key]["label"] for key in keys]
    return ("Sources : " if len(labels) > 1 else "Source : ") + " ; ".join(labels)


def dated(record: dict[str, Any], today: datetime.date) -> dict[str, Any]:
    """An example record with its day offsets turned into dates counted from ``today``."""
    dated_record = {k: v for k, v in record.items() if k not in OFFSET_KEYS}
    dated_record.setdefault("sources", [])
    if "starts_in_days" in record:
        day = today + datetime.timedelta(days=record["starts_in_days"])
        dated_record["starts_on"] = day.isoformat()
    if "session_offsets_days" in record:
        dated_record["session_days"] = [
            today + datetime.timedelta(days=days) for days in record["session_offsets_days"]
        ]
    return dated_record


def described(record: dict[str, Any], *extra_lines: str) -> str:
    """The record's description, then any extra lines, then its source note as the last line."""
    parts = [
        record.get("description", "").strip(),
        *extra_lines,
        source_note(record.get("sources", [])),
    ]
    return "\n\n".join(part for part in parts if part)
