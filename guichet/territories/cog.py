"""Reading the Code officiel géographique as packaged by ``@etalab/decoupage-administratif``.

Pure functions over files: nothing here touches the database. Every entry that cannot be used
is reported as a ``Problem`` rather than dropped silently.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

POSTCODE_RE = re.compile(r"^\d{5}$")
SOURCE_FILES = ("regions.json", "departements.json", "communes.json")


class SourceError(Exception):
    """The source directory or one of its files cannot be read at all (message in French)."""


@dataclass(frozen=True)
class Problem:
    """One unusable entry: the file, where in it (entry number or line) and why."""

    file: str
    position: int
    field: str
    reason: str


@dataclass(frozen=True)
class RegionRecord:
    code: str
    name: str
    chef_lieu: str


@dataclass(frozen=True)
class DepartmentRecord:
    code: str
    name: str
    chef_lieu: str
    region: str


@dataclass(frozen=True)
class CommuneRecord:
    code: str
    name: str
    department: str
    region: str
    population: int | None
    postcodes: tuple[str, ...]


@dataclass(frozen=True)
class ArrondissementRecord:
    """A municipal arrondissement of Paris, Lyon or Marseille: not a commune, part of one."""

    code: str
    name: str
    commune: str


@dataclass
class Source:
    regions: list[RegionRecord] = field(default_factory=list)
    departments: list[DepartmentRecord] = field(default_factory=list)
    communes: list[CommuneRecord] = field(default_factory=list)
    arrondissements: list[ArrondissementRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_json_list(path: Path) -> list[Any]:
    """The JSON array held by ``path``; ``SourceError`` when missing, unreadable or not an array."""
    if not path.is_file():
        raise SourceError(_("Le fichier %(path)s est introuvable.") % {"path": path})
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(
            _("Le fichier %(path)s est illisible : %(error)s") % {"path": path, "error": error}
        ) from error
    except json.JSONDecodeError as error:
        raise SourceError(
            _("Le fichier %(path)s n'est pas du JSON valide (ligne %(line)s) : %(error)s")
            % {"path": path, "line": error.lineno, "error": error.msg}
        ) from error
    if not isinstance(data, list):
        raise SourceError(_("Le fichier %(path)s doit contenir une liste.") % {"path": path})
    return data


def read_source(directory: Path) -> Source:
    """Regions, departments, current communes and municipal arrondissements of ``directory``."""
    if not directory.is_dir():
        raise SourceError(_("Le dossier %(path)s est introuvable.") % {"path": directory})
    regions_data, departments_data, communes_data = (
        read_json_list(directory / name) for name in SOURCE_FILES
    )
    source = Source()
    _read_regions(regions_data, source)
    _read_departments(departments_data, source)
    _read_communes(communes_data, source)
    return source


class _Entry:
    """Field access on one JSON entry that records a ``Problem`` for each missing field."""

    def __init__(self, file: str, position: int, raw: Any, problems: list[Problem]) -> None:
        self.file, self.position, self.problems = file, position, problems
        self.raw: dict[str, Any] = raw if isinstance(raw, dict) else {}
        if not isinstance(raw, dict):
            self.fail("", _("l'entrée n'est pas un objet JSON"))

    def fail(self, name: str, reason: str) -> None:
        self.problems.append(Problem(self.file, self.position, name, reason))

    def text(self, name: str, *, required: bool = True) -> str | None:
        value = self.raw.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if required and self.raw:
            self.fail(name, _("champ absent ou vide"))
        return None if required else ""


def _read_regions(data: list[Any], source: Source) -> None:
    for position, raw in enumerate(data, start=1):
        entry = _Entry("regions.json", position, raw, source.problems)
        code, name = entry.text("code"), entry.text("nom")
        if code and name:
            source.regions.append(
                RegionRecord(code, name, entry.text("chefLieu", required=False) or "")
            )


def _read_departments(data: list[Any], source: Source) -> None:
    regions = {region.code for region in source.regions}
    for position, raw in enumerate(data, start=1):
        entry = _Entry("departements.json", position, raw, source.problems)
        code, name, region = entry.text("code"), entry.text("nom"), entry.text("region")
        if not (code and name and region):
            continue
        if region not in regions:
            entry.fail("region", _("région %(code)s inconnue") % {"code": region})
            continue
        chef_lieu = entry.text("chefLieu", required=False) or ""
        source.departments.append(DepartmentRecord(code, name, chef_lieu, region))


def _read_communes(data: list[Any], source: Source) -> None:
    regions = {region.code for region in source.regions}
    departments = {department.code for department in source.departments}
    extra_postcodes: dict[str, set[str]] = {}
    pending: list[CommuneRecord] = []
    seen: dict[str, int] = {}
    for position, raw in enumerate(data, start=1):
        entry = _Entry("communes.json", position, raw, source.problems)
        kind = entry.text("type")
        if kind not in ("commune-actuelle", "arrondissement-municipal"):
            # Delegated and associated communes are parts of a current commune: not loaded.
            continue
        code, name = entry.text("code"), entry.text("nom")
        if not (code and name):
            continue
        if code in seen:
            entry.fail(
                "code",
                _("commune %(code)s déjà lue (entrée %(position)s)")
                % {"code": code, "position": seen[code]},
            )
            continue
        seen[code] = position
        postcodes = _postcodes(entry)
        if kind == "arrondissement-municipal":
            parent = entry.text("commune")
            if parent:
                source.arrondissements.append(ArrondissementRecord(code, name, parent))
                extra_postcodes.setdefault(parent, set()).update(postcodes)
            continue
        department, region = entry.text("departement"), entry.text("region")
        if not (department and region):
            continue
        if department not in departments:
            entry.fail("departement", _("département %(code)s inconnu") % {"code": department})
            continue
        if region not in regions:
            entry.fail("region", _("région %(code)s inconnue") % {"code": region})
            continue
        population = entry.raw.get("population")
        if population is not None and (not isinstance(population, int) or population < 0):
            entry.fail("population", _("population invalide : %(value)r") % {"value": population})
            population = None
        pending.append(CommuneRecord(code, name, department, region, population, tuple(postcodes)))
    for record in pending:
        # An arrondissement's postcodes belong to its commune (13001 is Marseille's).
        merged = set(record.postcodes) | extra_postcodes.get(record.code, set())
        source.communes.append(dataclasses.replace(record, postcodes=tuple(sorted(merged))))


def _postcodes(entry: _Entry) -> list[str]:
    raw = entry.raw.get("codesPostaux") or []
    if not isinstance(raw, list):
        entry.fail("codesPostaux", _("une liste est attendue"))
        return []
    valid = []
    for value in raw:
        if isinstance(value, str) and POSTCODE_RE.match(value):
            valid.append(value)
        else:
            entry.fail("codesPostaux", _("code postal invalide : %(value)r") % {"value": value})
    return valid
