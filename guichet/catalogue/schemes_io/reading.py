"""Opening a schemes CSV: encoding, separator, header and schema, before any row is read.

Everything that makes the whole file unreadable raises ``SchemeFileError`` with a French
message; what is odd but readable becomes a notice in the report.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from guichet.catalogue.schemes_io.spec import PROFESSIONALS, TableSpec, detect, spec

DELIMITERS = (",", ";", "\t")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class SchemeFileError(Exception):
    """The file cannot be read at all; the message says why, in French."""


@dataclass(frozen=True)
class Record:
    line: int  # physical line where the record starts; the header is line 1
    values: dict[str, str]  # known columns only
    width_error: str = ""


@dataclass
class SchemeFile:
    name: str
    table: TableSpec
    columns: list[str]  # the file's columns that the schema knows, in file order
    records: list[Record]
    notices: list[str] = field(default_factory=list)


def read_scheme_file(path: Path) -> SchemeFile:
    """Read and check ``path``; raises ``SchemeFileError`` when it cannot be read."""
    if not path.exists():
        raise SchemeFileError(_("Le fichier %(path)s est introuvable.") % {"path": path})
    if not path.is_file():
        raise SchemeFileError(
            _("%(path)s n'est pas un fichier : indiquez un fichier CSV.") % {"path": path}
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SchemeFileError(
            _("Le fichier %(path)s ne peut pas être lu : %(error)s.")
            % {"path": path, "error": error.strerror}
        ) from error
    return read_scheme_bytes(data, name=path.name)


def _decode(data: bytes, name: str) -> str:
    if data.startswith(UTF16_BOMS):
        raise SchemeFileError(
            _(
                "Le fichier %(name)s est encodé en UTF-16 et non en UTF-8 : enregistrez-le en "
                "UTF-8 (« CSV UTF-8 » dans un tableur) puis recommencez."
            )
            % {"name": name}
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SchemeFileError(
            _(
                "Le fichier %(name)s n'est pas encodé en UTF-8 (octet 0x%(byte)02X illisible "
                "ligne %(line)s) ; il est sans doute en Latin-1 (ISO-8859-1) ou Windows-1252. "
                "Enregistrez-le en UTF-8 (« CSV UTF-8 » dans un tableur) puis recommencez."
            )
            % {"name": name, "byte": data[error.start], "line": line}
        ) from error


def _header(text: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
    except csv.Error:
        return []


def read_scheme_bytes(data: bytes, *, name: str) -> SchemeFile:
    """Read a schemes CSV held in memory; ``name`` is used in messages."""
    if not data.strip():
        raise SchemeFileError(_("Le fichier %(name)s est vide.") % {"name": name})
    if b"\x00" in data and not data.startswith(UTF16_BOMS):
        raise SchemeFileError(
            _("Le fichier %(name)s n'est pas un fichier CSV : il contient des données binaires.")
            % {"name": name}
        )
    text = _decode(data, name)
    all_columns = set(spec(PROFESSIONALS).columns)  # a superset of the base schema's
    scores = {
        delimiter: sum(
            1 for cell in _header(text, delimiter) if cell.strip().lower() in all_columns
        )
        for delimiter in DELIMITERS
    }
    delimiter = max(DELIMITERS, key=lambda d: scores[d])
    if scores[delimiter] == 0:
        first_line = text.splitlines()[0][:80] if text.splitlines() else ""
        raise SchemeFileError(
            _(
                "Le fichier %(name)s n'est pas un fichier CSV de dispositifs d'aide : sa première "
                "ligne (« %(line)s ») ne contient aucune colonne des schémas dispositif-aide "
                "(id, titre, description…)."
            )
            % {"name": name, "line": first_line}
        )
    notices: list[str] = []
    if delimiter != ",":
        notices.append(
            _(
                "Séparateur « %(delimiter)s » au lieu de la virgule du schéma : "
                "fichier lu quand même."
            )
            % {"delimiter": "tabulation" if delimiter == "\t" else delimiter}
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    raw_header = next(reader)
    header = [cell.strip().lower() for cell in raw_header]
    if header != raw_header:
        notices.append(
            _("Noms de colonnes lus sans espaces ni majuscules : %(names)s.")
            % {"names": ", ".join(h for h, r in zip(header, raw_header, strict=True) if h != r)}
        )
    repeated = sorted(column for column, count in Counter(header).items() if count > 1)
    if repeated:
        raise SchemeFileError(
            _("Le fichier %(name)s a plusieurs colonnes du même nom : %(columns)s.")
            % {"name": name, "columns": ", ".join(repeated)}
        )
    table = detect(header)
    missing = [column for column in table.required if column not in header]
    if missing:
        raise SchemeFileError(
            _(
                "Colonnes obligatoires absentes du fichier %(name)s (schéma %(schema)s) : "
                "%(columns)s."
            )
            % {"name": name, "schema": table.name, "columns": ", ".join(missing)}
        )
    absent = [column for column in table.columns if column not in header]
    if absent:
        notices.append(
            _(
                "Colonnes facultatives absentes, laissées telles quelles sur les fiches "
                "existantes : %(columns)s."
            )
            % {"columns": ", ".join(absent)}
        )
    unknown = [column for column in header if column not in table.columns]
    if unknown:
        notices.append(
            _("Colonnes inconnues du schéma %(schema)s, ignorées : %(columns)s.")
            % {"schema": table.name, "columns": ", ".join(unknown)}
        )
    records, blank = _records(reader, header, table, name)
    if blank:
        notices.append(_("Lignes vides ignorées : %(count)s.") % {"count": blank})
    return SchemeFile(
        name=name,
        table=table,
        columns=[column for column in header if column in table.columns],
        records=records,
        notices=notices,
    )


def _records(
    reader: Iterator[list[str]], header: list[str], table: TableSpec, name: str
) -> tuple[list[Record], int]:
    records: list[Record] = []
    blank = 0
    line = 2
    known = set(table.columns)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise SchemeFileError(
                _("Le fichier %(name)s n'est pas un CSV lisible ligne %(line)s : %(error)s.")
                % {"name": name, "line": line, "error": error}
            ) from error
        start, line = line, reader.line_num + 1  # type: ignore[attr-defined]
        if not any(cell.strip() for cell in row):
            blank += 1
            continue
        width_error = ""
        if len(row) != len(header):
            width_error = _("la ligne compte %(found)s valeurs pour %(expected)s colonnes") % {
                "found": len(row),
                "expected": len(header),
            }
        values = {
            column: cell for column, cell in zip(header, row, strict=False) if column in known
        }
        records.append(Record(line=start, values=values, width_error=width_error))
    return records, blank
