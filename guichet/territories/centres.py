"""Reading a CSV of commune centres (``code_insee,nom,...,latitude,longitude``).

Each unusable row is reported with its line number and the field at fault, then skipped.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from guichet.territories.cog import Problem, SourceError

REQUIRED_COLUMNS = ("code_insee", "latitude", "longitude")
BOUNDS = {"latitude": 90.0, "longitude": 180.0}


@dataclass
class Centres:
    coordinates: dict[str, tuple[float, float]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0


def read_centres(path: Path, known_codes: Collection[str]) -> Centres:
    """Coordinates by commune code; rows naming a commune outside ``known_codes`` are problems."""
    if not path.is_file():
        raise SourceError(_("Le fichier %(path)s est introuvable.") % {"path": path})
    centres = Centres()
    lines_seen: dict[str, int] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [name for name in REQUIRED_COLUMNS if name not in (reader.fieldnames or [])]
            if missing:
                raise SourceError(
                    _("Le fichier %(path)s n'a pas les colonnes attendues : %(columns)s.")
                    % {"path": path, "columns": ", ".join(missing)}
                )
            for row in reader:
                centres.rows += 1
                _read_row(row, reader.line_num, path.name, known_codes, lines_seen, centres)
    except UnicodeDecodeError as error:
        raise SourceError(
            _("Le fichier %(path)s n'est pas encodé en UTF-8.") % {"path": path}
        ) from error
    except csv.Error as error:
        raise SourceError(
            _("Le fichier %(path)s n'est pas un CSV valide : %(error)s")
            % {"path": path, "error": error}
        ) from error
    return centres


def _read_row(
    row: dict[str, str | None],
    line: int,
    file: str,
    known_codes: Collection[str],
    lines_seen: dict[str, int],
    centres: Centres,
) -> None:
    def fail(name: str, reason: str) -> None:
        centres.problems.append(Problem(file, line, name, reason))

    code = (row.get("code_insee") or "").strip().upper()
    if code not in known_codes:
        fail("code_insee", _("commune inconnue : « %(code)s »") % {"code": code})
        return
    if code in lines_seen:
        fail(
            "code_insee",
            _("commune %(code)s déjà lue ligne %(line)s")
            % {"code": code, "line": lines_seen[code]},
        )
        return
    values = []
    for name, bound in BOUNDS.items():
        text = (row.get(name) or "").strip()
        # French files often write decimals with a comma.
        if not text:
            fail(name, _("valeur absente"))
            return
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            fail(name, _("« %(value)s » n'est pas un nombre") % {"value": text})
            return
        if not math.isfinite(value) or abs(value) > bound:
            fail(
                name,
                _("%(value)s est hors des bornes (-%(bound)s à %(bound)s)")
                % {"value": text, "bound": int(bound)},
            )
            return
        values.append(value)
    lines_seen[code] = line
    centres.coordinates[code] = (values[0], values[1])
