"""Geographic eligibility: a firm's place against a scheme's codes and exclusions.

Codes are those of the dispositif-aide schema: ``PAYS-99100`` (France), ``REG-93``, ``DEP-2A``,
``COM-13055``. A commune lies in one department, which lies in one region, which lies in France;
the territories app gives the codes covering a commune (``territory_codes_for_commune``), with
Corsica's departments 2A and 2B in region 94, overseas departments (971-976) in their own
region (Guadeloupe is REG-01 and DEP-971), and each overseas collectivity (975, 977, 978, 984,
986-989) as its own department and region.

A scheme's code covers the firm (yes), certainly does not (no), or may (maybe: the profile
only gives a department or nothing, or the code is of a kind the guichet cannot read).
Exclusions take precedence, as the schema says: a firm inside an excluded area is not eligible
even if an included code covers it.

Three choices:
- a profile without a commune is taken to be in France (the guichet serves French firms):
  a national scheme is eligible, a regional one "to check";
- a firm in an overseas *collectivity* matched only by ``PAYS-99100`` is "to check": national
  schemes often do not apply there (their own tax and economic powers, outside the EU);
- a scheme with no geographic code at all (the schema makes the column mandatory) is "to check".
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from enum import Enum

from guichet.search.eligibility_verdicts import Verdict
from guichet.search.profile import OVERSEAS_COLLECTIVITIES, FirmPlace
from guichet.territories.reference import DEPARTMENTS_FILE, REGIONS_FILE, load_rows
from guichet.territories.selectors import FRANCE, municipal_arrondissements

LEVELS = {"PAYS": 0, "REG": 1, "DEP": 2, "COM": 3}
NAMES_SHOWN = 6


class Cover(Enum):
    YES = "yes"
    NO = "no"
    MAYBE = "maybe"


@functools.cache
def _regions() -> dict[str, str]:
    return {row["code"]: row["name"] for row in load_rows(REGIONS_FILE)}


@functools.cache
def _departments() -> dict[str, tuple[str, str]]:
    """Department code → (name, region code)."""
    return {row["code"]: (row["name"], row["region"]) for row in load_rows(DEPARTMENTS_FILE)}


def department_of_commune(code: str) -> str:
    """The department of an INSEE commune code: three characters overseas, else two."""
    return code[:3] if code[:2] in {"97", "98"} else code[:2]


class TerritoryNames:
    """French names of geographic codes; communes' names are given (they need a query)."""

    def __init__(self, communes: Mapping[str, str] | None = None) -> None:
        self.communes = communes or {}

    def name(self, code: str) -> str:
        kind, _, value = code.partition("-")
        if code == FRANCE:
            return "France"
        if kind == "REG" and value in _regions():
            return _regions()[value]
        if kind == "DEP" and value in _departments():
            return f"{_departments()[value][0]} ({value})"
        if kind == "COM":
            arrondissement = municipal_arrondissements().get(value)
            if arrondissement is not None:
                return str(arrondissement["name"])
            if value in self.communes:
                return f"{self.communes[value]} ({department_of_commune(value)})"
            return f"commune {value}"
        return code

    def enumerate(self, codes: list[str]) -> str:
        names = sorted(self.name(code) for code in codes)
        if len(names) > NAMES_SHOWN:
            rest = len(names) - (NAMES_SHOWN - 1)
            names = [*names[: NAMES_SHOWN - 1], f"{rest} autres territoires"]
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} et {names[-1]}"


def _of(phrase: str) -> str:
    """``de Provence…``, ``d'Île-de-France``: French elision before a vowel."""
    return f"d'{phrase}" if phrase[:1].upper() in "AEIOUYÉÈÊÎÏÔÂ" else f"de {phrase}"


def _ancestors(code: str) -> dict[int, str]:
    """By level, the codes a readable code lies in, itself included; empty when unreadable."""
    kind, _, value = code.partition("-")
    level = LEVELS.get(kind)
    if level is None:
        return {}
    chain = {level: code}
    if kind == "COM":
        value = department_of_commune(value)
        chain[LEVELS["DEP"]] = f"DEP-{value}"
        kind = "DEP"
    if kind == "DEP" and value in _departments():
        chain[LEVELS["REG"]] = f"REG-{_departments()[value][1]}"
    if kind in {"DEP", "REG"}:
        chain[LEVELS["PAYS"]] = FRANCE
    return chain


def covers(code: str, place: FirmPlace | None) -> Cover:
    """Whether the area ``code`` contains the firm."""
    known = place.territory_codes if place is not None else frozenset({FRANCE})
    if code in known:
        return Cover.YES
    kind, _, value = code.partition("-")
    arrondissement = municipal_arrondissements().get(value) if kind == "COM" else None
    if arrondissement is not None:
        # A municipal arrondissement (COM-13201) is part of its commune: a firm in Marseille
        # may or may not be in the 1st arrondissement.
        parent = covers(f"COM-{arrondissement['commune']}", place)
        return Cover.NO if parent == Cover.NO else Cover.MAYBE
    chain = _ancestors(code)
    if not chain:
        return Cover.MAYBE  # a kind of code the guichet cannot read (EPCI-...)
    known_by_level = {LEVELS[c.partition("-")[0]]: c for c in known}
    for level, ancestor in chain.items():
        if level in known_by_level and known_by_level[level] != ancestor:
            return Cover.NO
    return Cover.MAYBE


def check_geography(
    place: FirmPlace | None,
    included: frozenset[str],
    excluded: frozenset[str],
    names: TerritoryNames,
) -> tuple[Verdict, str]:
    """The verdict and its French reason for the scheme's geographic codes."""
    excluded_cover = {code: covers(code, place) for code in sorted(excluded)}
    hit_exclusions = [code for code, cover in excluded_cover.items() if cover == Cover.YES]
    if hit_exclusions:
        return (
            Verdict.NOT_ELIGIBLE,
            f"le dispositif exclut les entreprises {_of(names.enumerate(hit_exclusions))}",
        )
    if not included:
        return Verdict.TO_CHECK, "le porteur n'a pas précisé la zone géographique du dispositif"
    included_cover = {code: covers(code, place) for code in sorted(included)}
    hits = [code for code, cover in included_cover.items() if cover == Cover.YES]
    maybes = [code for code, cover in included_cover.items() if cover == Cover.MAYBE]
    restricted = f"réservé aux entreprises {_of(names.enumerate(sorted(included)))}"
    if not hits and not maybes:
        return Verdict.NOT_ELIGIBLE, restricted
    if not hits:
        return Verdict.TO_CHECK, f"{restricted} : {_place_hint(place, maybes)}"
    possible_exclusions = [code for code, cover in excluded_cover.items() if cover == Cover.MAYBE]
    if possible_exclusions:
        return (
            Verdict.TO_CHECK,
            f"le dispositif exclut les entreprises {_of(names.enumerate(possible_exclusions))} : "
            f"{_place_hint(place, possible_exclusions)}",
        )
    closest = max(hits, key=lambda code: LEVELS[code.partition("-")[0]])
    if closest == FRANCE:
        if place is not None and place.department_code in OVERSEAS_COLLECTIVITIES:
            where = names.name(f"REG-{place.department_code}")
            return (
                Verdict.TO_CHECK,
                "dispositif national : vérifiez auprès du porteur qu'il s'applique dans votre "
                f"collectivité d'outre-mer ({where})",
            )
        return Verdict.ELIGIBLE, "dispositif national, ouvert partout en France"
    return Verdict.ELIGIBLE, f"ouvert aux entreprises {_of(names.name(closest))}"


def _place_hint(place: FirmPlace | None, codes: list[str]) -> str:
    if any(code.partition("-")[0] not in LEVELS for code in codes):
        unreadable = next(code for code in codes if code.partition("-")[0] not in LEVELS)
        return f"code géographique « {unreadable} » que le guichet ne sait pas lire, à vérifier"
    if place is None:
        return "indiquez votre commune pour le vérifier"
    return "précisez votre commune (votre code postal en dessert plusieurs) pour le vérifier"
