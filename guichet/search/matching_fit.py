"""How well an entry fits a firm's profile, beyond eligibility: sector, territory, size, distance.

Each function gives a value in 0-1 and a ``FitNote`` saying why, in French. Neutral (0.5)
means the entry says nothing on the point (open to every sector, no territory) or the
profile lacks the fact: it neither helps nor hurts.

Scheme sectors (``ciblage_secteur_activite``) are free labels ("industrie", "IAA",
"artisanat"...): the common ones are read as NAF sections, divisions or classes
(``SECTOR_LABELS``); an unknown label is neutral. The schema says "prioritairement ciblés":
a firm outside them may still apply, so a sector never rules a scheme out, it ranks it.
"""

from __future__ import annotations

import math

from guichet.organisations.naf import SECTIONS, NafCode
from guichet.search import analysis
from guichet.search.eligibility import Overlap, SchemeRules, naf_overlap
from guichet.search.eligibility_verdicts import Criterion, Eligibility, Verdict
from guichet.search.matching_items import FitNote
from guichet.search.profile import FirmPlace, FirmProfile

NEUTRAL = 0.5
AIMED_ELSEWHERE = 0.1
PROXIMITY_KM = 200.0
# A remote training is reachable from anywhere, but a session next door beats a screen.
REMOTE_REACH = 0.8
EARTH_RADIUS_KM = 6371.0088

# Common sector labels → NAF prefixes (a section letter, or the start of a code "10.71").
SECTOR_LABELS: dict[str, tuple[str, ...]] = {
    "agriculture": ("A",),
    "agricole": ("A",),
    "peche": ("03",),
    "industrie": ("B", "C", "D", "E"),
    "industriel": ("B", "C", "D", "E"),
    "iaa": ("10", "11"),
    "agroalimentaire": ("10", "11"),
    "industries agroalimentaires": ("10", "11"),
    # Craft trades: making, building, repairing, personal services; bakers and butchers.
    "artisanat": ("C", "F", "45.2", "95", "96"),
    "artisan": ("C", "F", "45.2", "95", "96"),
    # Shops: trade, and the food crafts that sell what they make (bakeries, butchers).
    "commerce": ("G", "10.71", "10.13"),
    "commerce de proximite": ("G", "10.71", "10.13"),
    "services": ("H", "I", "J", "K", "L", "M", "N", "P", "Q", "R", "S"),
    "tourisme": ("I", "79"),
    "hotellerie": ("55",),
    "restauration": ("56",),
    "numerique": ("J",),
    "construction": ("F",),
    "btp": ("F",),
    "batiment": ("F",),
    "transport": ("H",),
    "transports": ("H",),
    "logistique": ("H",),
    "sante": ("Q",),
    "energie": ("D",),
    "culture": ("R",),
}
# Bakers, pastry cooks and butchers are in NAF's manufacturing section, yet no one calls them
# an industry: they are craft trades and shops.
NOT_INDUSTRY = ("10.71B", "10.71C", "10.71D", "10.13B")
SECTOR_EXCLUDED = {"industrie": NOT_INDUSTRY, "industriel": NOT_INDUSTRY}
ALL_SECTORS = frozenset({"tous secteurs d activite", "tous secteurs", "tout secteur"})


def _label(text: str) -> str:
    return " ".join(analysis.fold(text).split())


def _prefix_holds(prefix: str, naf: NafCode) -> bool:
    if len(prefix) == 1:
        return naf.section == prefix
    return naf.code.replace(".", "").startswith(prefix.replace(".", ""))


def label_covers(key: str, naf: NafCode) -> bool:
    """Whether a (folded) sector label covers the firm's activity."""
    if any(_prefix_holds(p, naf) for p in SECTOR_EXCLUDED.get(key, ())):
        return False
    return any(_prefix_holds(p, naf) for p in SECTOR_LABELS.get(key, ()))


def sector_fit(
    labels: list[str], naf_included: tuple[str, ...], profile: FirmProfile
) -> tuple[float, FitNote]:
    """A scheme's targeted sectors (labels and NAF codes) against the firm's activity."""
    named = [_label(label) for label in labels if label.strip()]
    if not naf_included and (not named or any(label in ALL_SECTORS for label in named)):
        return NEUTRAL, FitNote("sector", None, "ouvert à tous les secteurs d'activité")
    naf = profile.naf
    if naf is None:
        return NEUTRAL, FitNote("sector", None, "secteur inconnu : donnez votre code NAF")
    shown = ", ".join(label for label in labels if label.strip()) or ", ".join(naf_included)
    hits = [label for label, key in zip(labels, named, strict=False) if label_covers(key, naf)]
    hits += [code for code in naf_included if naf_overlap(code, naf) == Overlap.YES]
    if hits:
        return 1.0, FitNote("sector", True, f"vise votre secteur : {', '.join(hits)}")
    if named and all(key not in SECTOR_LABELS for key in named) and not naf_included:
        return NEUTRAL, FitNote("sector", None, f"secteurs visés : {shown}")
    return AIMED_ELSEWHERE, FitNote("sector", False, f"vise d'autres secteurs : {shown}")


def firm_sections(naf: NafCode) -> set[str]:
    """The NAF sections a firm is in: its own, and trade (G) for the food crafts that run a
    shop (bakers, butchers), filed under manufacturing by NAF."""
    if any(_prefix_holds(prefix, naf) for prefix in NOT_INDUSTRY):
        return {naf.section, "G"}
    return {naf.section}


def solution_sector_fit(sections: set[str], profile: FirmProfile) -> tuple[float, FitNote]:
    """A solution's target sections (NAF section letters) against the firm's sections."""
    if not sections:
        return NEUTRAL, FitNote("sector", None, "pour tous les secteurs")
    if profile.naf is None:
        return NEUTRAL, FitNote("sector", None, "secteur inconnu : donnez votre code NAF")
    mine = sorted(firm_sections(profile.naf) & sections)
    section = mine[0] if mine else profile.naf.section
    if mine:
        return 1.0, FitNote("sector", True, f"vise votre secteur : {section} – {SECTIONS[section]}")
    names = ", ".join(f"{s} – {SECTIONS.get(s, s)}" for s in sorted(sections))
    return AIMED_ELSEWHERE, FitNote("sector", False, f"vise d'autres secteurs : {names}")


def territory_fit(
    rules: SchemeRules, place: FirmPlace | None, eligibility: Eligibility
) -> tuple[float, FitNote]:
    """The narrowest of the scheme's territories covering the firm: local beats national."""
    geography = eligibility.of(Criterion.GEOGRAPHY)
    if place is None or geography is None or geography.verdict != Verdict.ELIGIBLE:
        return NEUTRAL, FitNote("territory", None, "zone à vérifier")
    covering = rules.territories & place.territory_codes
    if not rules.territories:
        return 0.4, FitNote("territory", None, "sans zone géographique précisée")
    if any(code.startswith(("COM-", "DEP-")) for code in covering):
        return 1.0, FitNote("territory", True, "réservé à votre territoire")
    if any(code.startswith("REG-") for code in covering):
        return 0.9, FitNote("territory", True, "réservé aux entreprises de votre Région")
    if covering:
        return 0.6, FitNote("territory", True, "ouvert dans toute la France")
    # Covered through an arrondissement or another reading of the codes.
    return 0.8, FitNote("territory", True, "couvre votre commune")


def size_fit(rules: SchemeRules, eligibility: Eligibility) -> tuple[float, FitNote]:
    """A scheme aimed at the firm's size (headcount bounds or size categories it meets)."""
    verdicts = [eligibility.of(c) for c in (Criterion.HEADCOUNT, Criterion.SIZE_CATEGORY)]
    set_by_scheme = [v for v in verdicts if v is not None]
    if not set_by_scheme:
        return NEUTRAL, FitNote("size", None, "ouvert à toutes les tailles d'entreprise")
    if all(v.verdict == Verdict.ELIGIBLE for v in set_by_scheme):
        return 1.0, FitNote("size", True, "vise les entreprises de votre taille")
    return NEUTRAL, FitNote("size", None, "taille à vérifier")


def audience_fit(audiences: frozenset[str]) -> tuple[float, FitNote]:
    """Aimed at firms only, or at firms among others (associations, public bodies...)."""
    if not audiences:
        return NEUTRAL, FitNote("audience", None, "public non précisé")
    if audiences == {"professionnels"}:
        return 1.0, FitNote("audience", True, "réservé aux entreprises")
    if "professionnels" in audiences:
        return 0.7, FitNote("audience", None, "ouvert aux entreprises parmi d'autres publics")
    return AIMED_ELSEWHERE, FitNote("audience", False, "destiné à d'autres publics")


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def proximity(distance_km: float | None) -> float:
    """1 next door, falling linearly to 0 at ``PROXIMITY_KM``; neutral when unknown."""
    if distance_km is None:
        return NEUTRAL
    return max(0.0, 1.0 - distance_km / PROXIMITY_KM)


def distance_km(profile: FirmProfile, there: tuple[float, float] | None) -> float | None:
    here = profile.place.coordinates if profile.place is not None else None
    if here is None or there is None:
        return None
    return round(haversine_km(here, there), 1)


def point(latitude: float | None, longitude: float | None) -> tuple[float, float] | None:
    return (latitude, longitude) if latitude is not None and longitude is not None else None


def answer_score(relevance: float, floor: float, *parts: tuple[float, float]) -> int:
    """0-100 for an entry listed because it answers the need: the square root of its
    relevance (so that a half answer still reads as one), times ``floor`` plus the weighted
    fit parts (weights summing to ``1 - floor``). Fit orders answers of like relevance; it
    never lifts an entry holding one word of the need above one answering it."""
    fit = floor + sum(weight * min(1.0, max(0.0, value)) for weight, value in parts)
    return max(0, min(100, round(100 * math.sqrt(max(0.0, min(1.0, relevance))) * fit)))


def weighted_score(*parts: tuple[float, float]) -> int:
    """Weighted sum of (weight, value in 0-1) pairs, as an integer 0-100."""
    total = sum(weight * min(1.0, max(0.0, value)) for weight, value in parts)
    return max(0, min(100, round(total)))
