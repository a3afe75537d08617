"""``schemes_export``: the schemes as a CSV with exactly the columns of an official schema.

Each row is checked against the committed schema (``spec.official_problems``) and what a
validator would refuse is reported, never rewritten into something false: Corsica's codes stay
``DEP-2A`` and ``COM-2A004`` although the official pattern forgets them (see README.md).
By default such rows are left out of the file, so that it validates, and listed with the
reason; ``include_nonconforming`` writes them too.

Example schemes (``is_example``, fictional entries written for the demo) are left out too,
listed with the reason « exemple de démonstration »: the official schema has no column to
mark them, a new column would make the file invalid, and a file published in that schema is
read by other catalogues as real aid. ``include_examples`` keeps them, their title then
ending in « (exemple) » so that the mark survives in every reader.
"""

from __future__ import annotations

import csv
import uuid
from typing import Any, TextIO

from django.utils.translation import gettext as _

from guichet.catalogue.models import Scheme
from guichet.catalogue.schemes_io.columns import BY_NAME, stored_value
from guichet.catalogue.schemes_io.formulas import neutralise
from guichet.catalogue.schemes_io.report import ExportReport
from guichet.catalogue.schemes_io.selectors import schemes_for_export
from guichet.catalogue.schemes_io.spec import TableSpec, official_problems, spec

# Ids computed for schemes that have none: uuid5 of this namespace and the scheme's slug.
ID_NAMESPACE = uuid.UUID("8f1d7c2e-5b1a-4e53-9a57-3c1f0e6d2b90")
# How an example scheme's title is marked when examples are written (demo titles end so).
EXAMPLE_MARK = "(exemple)"


def example_title(title: str) -> str:
    """``title`` ending in « (exemple) », added only when it is not there already."""
    if title.rstrip().lower().endswith(EXAMPLE_MARK):
        return title
    return f"{title.rstrip()} {EXAMPLE_MARK}"


def _value(scheme: Scheme, target: str, report: ExportReport) -> Any:
    """The stored value, or a sound one computed for schemes created on the platform."""
    value = stored_value(scheme, target)
    if target == "external_id" and not value:
        value = str(uuid.uuid5(ID_NAMESPACE, scheme.slug))
        report.derived[_("id calculé à partir de l'adresse de la fiche")].append(value)
    elif target == "carriers" and not value:
        carrier: dict[str, Any] = {"nom": scheme.owner.name}
        if scheme.owner.siren:
            carrier["siren"] = scheme.owner.siren
        carrier["roles"] = []
        value = [carrier]
        report.derived[_("porteurs = organisation propriétaire de la fiche")].append(
            scheme.external_id or scheme.slug
        )
    elif target == "title" and scheme.is_example:
        value = example_title(value)
    elif target == "source_updated_at" and value is None:
        value = scheme.updated_at
        report.derived[_("date_mise_a_jour = dernière modification sur la plateforme")].append(
            scheme.external_id or scheme.slug
        )
    return value


def _cell(name: str, value: Any) -> str:
    column = BY_NAME[name]
    text = column.write(value)
    return neutralise(text) if column.free_text else text


def scheme_row(scheme: Scheme, table: TableSpec, report: ExportReport) -> dict[str, str]:
    """One CSV row for ``scheme``: every column of ``table``, as text; free text that a
    spreadsheet would run as a formula is neutralised (``formulas.py``)."""
    return {
        name: _cell(name, _value(scheme, BY_NAME[name].target, report)) for name in table.columns
    }


def schemes_export(
    *,
    schema: str,
    stream: TextIO,
    destination: str,
    all_statuses: bool = False,
    include_nonconforming: bool = False,
    include_examples: bool = False,
) -> ExportReport:
    """Write the schemes to ``stream`` in the official ``schema`` (UTF-8 text, comma, CRLF);
    example schemes only with ``include_examples``, their title marked « (exemple) »."""
    table = spec(schema)
    strict = not include_nonconforming
    report = ExportReport(
        schema=table.name,
        version=table.version,
        destination=destination,
        strict=strict,
        examples_included=include_examples,
    )
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(table.columns)
    for scheme in schemes_for_export(all_statuses=all_statuses).iterator(chunk_size=500):
        if scheme.is_example and not include_examples:
            report.examples.append(scheme.external_id or scheme.slug)
            continue
        row = scheme_row(scheme, table, report)
        if scheme.is_example:
            report.examples.append(row["id"])
        problems = official_problems(table, row)
        for problem in problems:
            ids = report.problems[(problem.column, problem.kind, problem.message)]
            ids.append(row["id"])
        if strict and problems:
            report.omitted.append(row["id"])
            continue
        writer.writerow([row[name] for name in table.columns])
        report.written += 1
    return report
