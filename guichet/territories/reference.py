"""Reference files committed under ``data/``: regions, departments, municipal arrondissements.

They are derived from ``@etalab/decoupage-administratif`` so that the platform knows every region
and department (and where 75108 or 13201 belong) without the package being installed.
Regenerate them at each new COG vintage with ``guichet load-territories --source DIR
--write-reference``; migration 0002 loads the regions and departments.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from guichet.territories.cog import Source

DATA_DIR = Path(__file__).resolve().parent / "data"
REGIONS_FILE = "regions.json"
DEPARTMENTS_FILE = "departments.json"
ARRONDISSEMENTS_FILE = "municipal_arrondissements.json"


def build_reference(source: Source) -> dict[str, list[dict[str, str]]]:
    """The content of each reference file, sorted by code so that diffs stay readable."""
    return {
        REGIONS_FILE: [
            {"code": r.code, "name": r.name, "chef_lieu": r.chef_lieu}
            for r in sorted(source.regions, key=lambda r: r.code)
        ],
        DEPARTMENTS_FILE: [
            {"code": d.code, "name": d.name, "chef_lieu": d.chef_lieu, "region": d.region}
            for d in sorted(source.departments, key=lambda d: d.code)
        ],
        ARRONDISSEMENTS_FILE: [
            {"code": a.code, "name": a.name, "commune": a.commune}
            for a in sorted(source.arrondissements, key=lambda a: a.code)
        ],
    }


def write_reference(source: Source, directory: Path = DATA_DIR) -> list[Path]:
    """Rewrite the reference files from ``source``; returns the paths written."""
    written = []
    for name, rows in build_reference(source).items():
        path = directory / name
        path.write_text(_dump(rows), encoding="utf-8")
        written.append(path)
    return written


def reference_differs(source: Source, directory: Path = DATA_DIR) -> list[str]:
    """Names of the committed reference files lacking a row of ``source`` or holding it changed.

    Rows the source does not mention are not counted, so that a partial source (a test's)
    raises no alarm.
    """
    outdated = []
    for name, rows in build_reference(source).items():
        committed = load_rows(name, directory) if (directory / name).is_file() else []
        if any(row not in committed for row in rows):
            outdated.append(name)
    return outdated


def load_rows(name: str, directory: Path = DATA_DIR) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads((directory / name).read_text(encoding="utf-8"))
    return rows


@functools.cache
def municipal_arrondissements() -> dict[str, dict[str, str]]:
    """Arrondissement code (75108, 13201, 69381...) → its name and the code of its commune."""
    return {row["code"]: row for row in load_rows(ARRONDISSEMENTS_FILE)}


def _dump(rows: list[dict[str, str]]) -> str:
    lines = ",\n".join(f"  {json.dumps(row, ensure_ascii=False)}" for row in rows)
    return f"[\n{lines}\n]\n"
