"""``schemes_import`` against garbage in every column of both etalab schemas.

Whatever one cell of a valid row holds (text, Unicode, huge, empty, dates out of range,
spreadsheet formulas, lone surrogates, NUL), the import never raises: the row is imported or
refused with its line and a column, the report can be printed, and the file's other rows are
imported exactly as without the bad cell. Runs on SQLite and on PostgreSQL alike.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guichet.catalogue.models import Scheme
from guichet.catalogue.schemes_io.columns import BY_NAME, stored_value
from guichet.catalogue.schemes_io.reading import SchemeFileError, read_scheme_bytes
from guichet.catalogue.schemes_io.report import ImportReport
from guichet.catalogue.schemes_io.services import schemes_import

TESTS = Path(__file__).resolve().parent / "fixtures"
FILES = {
    "dispositif-aide": TESTS / "schemes" / "dispositifs.csv",
    "dispositif-aide-professionnels": TESTS / "schemes" / "dispositifs-professionnels.csv",
}
SCHEMAS = list(FILES)


def schema_columns(schema: str) -> list[str]:
    descriptor = json.loads((TESTS / "etalab" / schema / "schema.json").read_text("utf-8"))
    return [field["name"] for field in descriptor["fields"]]


EVERY_COLUMN = [(schema, column) for schema in SCHEMAS for column in schema_columns(schema)]
# Values a careless or hostile file holds; NUL and lone surrogates make the whole file
# unreadable (binary, not UTF-8) and are tried one file at a time by the hypothesis test.
NASTY = [
    "",
    " ",
    "\u00a0",
    "0001-01-01",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-05:00",
    "1799-12-31",
    "2101-01-01T00:00:00Z",
    "2025-02-30",
    "2025-10-15T25:61:00Z",
    "-1",
    "99999999999999999999999999",
    "1e3",
    "NaN",
    "\uff10\uff11\uff12",
    '=HYPERLINK("https://exemple.invalid/?"&A1;"Cliquez")',
    "+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "-2+3",
    "\t=1",
    "\r=1",
    "'=1",
    "null",
    "[]",
    "{}",
    "[{",
    "[{nom: '=x', roles: []}]",
    "[{nom: 'x', siren: 'abc'}]",
    "[{libelle: 'x'}]",
    "REG-99|",
    "|||",
    "COM-75108",
    "DEP-2A",
    "a" * 6000,
    "é" * 300,
    "\U0001f642" * 50,
    "\u202e\u200b\ufeff",
    "\x1b[31m\x07",
    "ligne 1\nligne 2\r\nligne 3",
    '"guillemets" et ,virgules,',
    "<script>alert(1)</script>",
    "'; DROP TABLE catalogue_scheme; --",
]
DATE_LIKE = r"\d{1,5}-\d{1,2}-\d{1,2}(T\d\d:\d\d(:\d\d)?(Z|[+-]\d\d:\d\d)?)?"
garbage = st.one_of(
    st.sampled_from([*NASTY, "\x00", "\ud800", "a\udfffb"]),
    st.text(max_size=300),
    st.text(st.characters(codec="utf-8"), max_size=50),
    st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3),
    st.from_regex(
        r"\d{1,5}-\d{1,2}-\d{1,2}(T\d\d:\d\d(:\d\d)?(Z|[+-]\d\d:\d\d)?)?", fullmatch=True
    ),
    st.integers().map(str),
    st.lists(st.sampled_from(["REG-93", "DEP-13", "=", "", "x"]), max_size=4).map("|".join),
)


def valid_rows(schema: str) -> list[dict[str, str]]:
    with FILES[schema].open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def file_bytes(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8", "surrogatepass")


def snapshot(ids: list[str | None]) -> dict[str | None, tuple[Any, ...]]:
    """What is stored for ``ids``: owner, state and the value of every column."""
    schemes = (
        Scheme.objects.filter(external_id__in=ids)
        .select_related("owner")
        .prefetch_related("aid_types", "audiences", "territories")
    )
    return {
        scheme.external_id: (
            scheme.owner.name,
            scheme.status,
            *(stored_value(scheme, column.target) for column in BY_NAME.values()),
        )
        for scheme in schemes
    }


def import_rolled_back(
    data: bytes,
) -> tuple[ImportReport | str, dict[str | None, tuple[Any, ...]]]:
    """Import ``data`` then undo it; the report (or why the file is unreadable) and what the
    catalogue held in between."""
    with transaction.atomic():
        try:
            source = read_scheme_bytes(data, name="fuzz.csv")
        except SchemeFileError as error:
            return str(error), {}
        report = schemes_import(source=source)
        stored = snapshot(list(Scheme.objects.values_list("external_id", flat=True)))
        transaction.set_rollback(True)
    return report, stored


def check(schema: str, column: str, values: list[str]) -> None:
    """One file: the schema's valid rows, then one copy of a valid row per value of
    ``column``; the copies are imported or refused with their line, the valid rows intact."""
    rows = valid_rows(schema)
    baseline, expected = import_rolled_back(file_bytes(rows))
    assert isinstance(baseline, ImportReport)
    assert not baseline.refused
    fuzzed = []
    for value in values:
        copy = {**rows[-1], "id": str(uuid.uuid4()), column: value}
        fuzzed.append(copy)
    report, stored = import_rolled_back(file_bytes(rows + fuzzed))
    unreadable = any("\x00" in value or _surrogate(value) for value in values)
    if isinstance(report, str):
        assert unreadable, report
        return
    assert not unreadable
    assert "\n".join(report.lines()).encode("utf-8")  # printable: no raw surrogate echoed
    first_fuzzed = len(rows)
    lines = [
        record.line for record in read_scheme_bytes(file_bytes(rows + fuzzed), name="f").records
    ]
    known = set(schema_columns(schema))
    for line in lines[first_fuzzed:]:
        assert (line in report.refused) != (line in report.created), line
        notes = [note for note in report.refusals if note.line == line]
        assert bool(notes) == (line in report.refused)
        assert all(note.column in known for note in notes), notes
    assert {note.line for note in report.refusals} <= set(lines[first_fuzzed:])
    assert {key: stored[key] for key in expected} == expected


def _surrogate(value: str) -> bool:
    return any(0xD800 <= ord(char) <= 0xDFFF for char in value)


@pytest.mark.django_db
@pytest.mark.parametrize(("schema", "column"), EVERY_COLUMN)
def test_nasty_values_in_every_column_are_refused_or_imported(schema: str, column: str) -> None:
    """Every column of both schemas, with each hostile value: no exception, refusals with
    line and column, the other rows stored exactly as from the clean file."""
    check(schema, column, NASTY)


@pytest.mark.django_db
@pytest.mark.parametrize("schema", SCHEMAS)
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_garbage_in_one_cell_never_breaks_the_import(
    schema: str, data: st.DataObject
) -> None:
    """Any value in any one cell (surrogates and NUL make the file unreadable, said in
    French): never an exception, and the other rows are intact."""
    column = data.draw(st.sampled_from(schema_columns(schema)), label="column")
    check(schema, column, [data.draw(garbage, label="value")])
