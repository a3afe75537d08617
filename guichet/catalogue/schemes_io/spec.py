"""The two official Table Schemas, read from the committed copies in ``schemas/``.

``TableSpec`` holds what the import and the export need from a schema: its columns in order,
which are required, and each column's constraints. ``official_problems`` checks one CSV row
against those constraints the way the ``frictionless`` validator does (required, maxLength,
pattern, uuid and uri formats, integer and datetime types), so that the export can say which
rows a validator will refuse without depending on ``frictionless`` at run time.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

SCHEMAS_DIR = Path(__file__).resolve().parent / "schemas"
BASE = "dispositif-aide"
PROFESSIONALS = "dispositif-aide-professionnels"
SCHEMA_NAMES = (BASE, PROFESSIONALS)

# Geographic columns: the official pattern forgets Corsica's 2A and 2B (see README.md).
GEO_COLUMNS = ("eligibilite_geographique", "eligibilite_geographique_exclusions")
CORSICA_RE = re.compile(r"(?<=-)2[AB]")
URI_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
INTEGER_RE = re.compile(r"^[+-]?\d+$")


@dataclass(frozen=True)
class TableSpec:
    name: str
    title: str
    version: str
    fields: tuple[dict[str, Any], ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f["name"] for f in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(
            f["name"] for f in self.fields if f.get("constraints", {}).get("required", False)
        )

    def field(self, column: str) -> dict[str, Any]:
        return next(f for f in self.fields if f["name"] == column)

    def max_length(self, column: str) -> int | None:
        return self.field(column).get("constraints", {}).get("maxLength")


@functools.cache
def spec(name: str) -> TableSpec:
    """The committed official schema ``name`` (``dispositif-aide`` or ``…-professionnels``)."""
    if name not in SCHEMA_NAMES:
        raise ValueError(name)
    descriptor = json.loads((SCHEMAS_DIR / name / "schema.json").read_text(encoding="utf-8"))
    return TableSpec(
        name=name,
        title=descriptor["title"],
        version=descriptor["version"],
        fields=tuple(descriptor["fields"]),
    )


def detect(header: Iterable[str]) -> TableSpec:
    """The schema a header is written in: ``…-professionnels`` as soon as one of its own
    columns is there, the base schema otherwise. Missing columns are checked afterwards."""
    names = set(header)
    own = set(spec(PROFESSIONALS).columns) - set(spec(BASE).columns)
    return spec(PROFESSIONALS) if names & own else spec(BASE)


@dataclass(frozen=True)
class Problem:
    """A value the official schema refuses; ``kind`` groups problems in reports."""

    column: str
    kind: str
    message: str


def _is_datetime(value: str) -> bool:
    # The validator uses dateutil's isoparse; a time part is required.
    if "T" not in value and " " not in value:
        return False
    try:
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def official_problems(table: TableSpec, row: Mapping[str, str]) -> list[Problem]:
    """What the official schema refuses in ``row`` (CSV strings by column name)."""
    problems: list[Problem] = []
    for field in table.fields:
        column = field["name"]
        value = row.get(column, "")
        constraints = field.get("constraints", {})
        if value == "":
            if constraints.get("required"):
                problems.append(
                    Problem(column, "required", _("valeur obligatoire dans le schéma officiel"))
                )
            continue
        if field.get("format") == "uuid" and not _is_uuid(value):
            problems.append(Problem(column, "uuid", _("ce n'est pas un UUID")))
        if field.get("format") == "uri" and not URI_SCHEME_RE.match(value):
            problems.append(Problem(column, "uri", _("ce n'est pas une adresse web complète")))
        if field["type"] == "integer" and not INTEGER_RE.match(value):
            problems.append(Problem(column, "integer", _("ce n'est pas un nombre entier")))
        if field["type"] == "datetime" and not _is_datetime(value):
            problems.append(Problem(column, "datetime", _("ce n'est pas une date ISO 8601")))
        limit = constraints.get("maxLength")
        if limit is not None and len(value) > limit:
            problems.append(
                Problem(
                    column,
                    "maxLength",
                    _("plus de %(limit)s caractères") % {"limit": limit},
                )
            )
        pattern = constraints.get("pattern")
        if pattern is not None and not re.fullmatch(pattern, value):
            if column in GEO_COLUMNS and re.fullmatch(pattern, CORSICA_RE.sub("20", value)):
                problems.append(
                    Problem(
                        column,
                        "corsica",
                        _("codes corses (2A/2B) que le motif du schéma officiel refuse"),
                    )
                )
            else:
                problems.append(
                    Problem(
                        column,
                        "pattern",
                        _("valeur hors du motif du schéma officiel (%(pattern)s)")
                        % {"pattern": pattern},
                    )
                )
    return problems
