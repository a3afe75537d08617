"""Matching: a firm's profile and need → solutions, schemes (eligible, to check), trainings.

``match(profile, need_text)`` returns three ranked lists of ``MatchItem`` (id, title, url, score
0-100, explanation). It serves ``POST /api/v1/match`` and the "Trouver de l'aide" page alike.

- Solutions and trainings must answer the need (``matching_text.text_hits``): no need, none
  listed. Their score weighs the text relevance, the firm's sector (solutions) and the
  distance from the firm's commune centre to the provider or to the nearest coming session
  (haversine); a remote training is reachable from anywhere.
- Schemes are listed when the firm is eligible (``eligible``) or may be (``to_check``), ranked
  by relevance to the need, certainty of eligibility and fit to the profile; a scheme failing a
  criterion is never listed but counted in ``left_out`` with the criterion it fails. Only
  published, real (or only synthetic) schemes, not closed on the day, are looked
  at; the cheap criteria (territory codes, headcount, years of existence) are applied in SQL
  first, then each remaining scheme is checked criterion by criterion in Python.

To stay fast at 100,000 entries, only pools are scored in Python: up to ``SCHEME_POOL`` schemes
found by their words plus as many of the newest other candidates, and up to ``TEXT_POOL``
solutions and trainings found by their words or use cases. Each list shows the best
``LIST_LIMIT``. Text relevance comes from ``matching_text.text_hits``, the one seam to switch to
the search backend.

Scores (documented choices, all clipped to 0-100):
- scheme: 55 × relevance + 30 × certainty (1 eligible, 0.5 to check) + 15 × fit (share of its
  criteria the profile meets); 60 × certainty + 40 × fit when the need is empty; halved for a
  scheme for research (aid type or audience of research, a call for laboratories);
- solution: 75 × relevance + 10 × sector + 15 × proximity;
- training: 80 × relevance + 20 × proximity.
Proximity is 1 next door, falling linearly to 0 at ``PROXIMITY_KM``; 0.5 when a distance
cannot be computed (the firm's or the entry's place is unknown), so it neither helps nor hurts.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from guichet.catalogue.models import (
    Scheme,
    SchemeTerritory,
    Solution,
    Training,
    TrainingSession,
)
from guichet.organisations.naf import SECTIONS
from guichet.search import analysis
from guichet.search.eligibility import SCHEME_RULE_FIELDS, SchemeRules, check, full_years
from guichet.search.eligibility_geography import TerritoryNames
from guichet.search.eligibility_verdicts import CriterionVerdict, Eligibility, Verdict
from guichet.search.matching_text import (
    NeedAnalysis,
    TextHit,
    UseCaseMatch,
    analyse_need,
    score_text,
    text_hits,
)
from guichet.search.profile import FirmProfile
from guichet.territories.models import Commune
from guichet.territories.selectors import municipal_arrondissements

LIST_LIMIT = 20
# Schemes looked at for their words, then as many again among the newest.
SCHEME_POOL = 100
# Solutions and trainings scored in Python at most.
TEXT_POOL = 150
PROXIMITY_KM = 200.0
LEFT_OUT_LIMIT = 50
# A scheme for researchers (an aid type or audience of research, a call for laboratories) keeps
# this share of its score for a firm: it may be open to it, it is rarely what it needs.
RESEARCH_FACTOR = 0.5
RESEARCH_STEMS = frozenset(analysis.terms("recherche laboratoire laboratoires chercheurs"))
# In a title or promise, "recherche" alone is too common ("recherche de clients").
RESEARCH_TEXT_STEMS = frozenset(analysis.terms("laboratoire laboratoires chercheur chercheurs"))
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Explanation:
    """Why an item is proposed: the terms and use cases of the need it answers, its distance,
    and for schemes the verdict of each eligibility criterion."""

    matched_terms: tuple[str, ...] = ()
    use_cases: tuple[UseCaseMatch, ...] = ()
    distance_km: float | None = None
    distance_to: str = ""  # the provider's or the session's commune
    remote: bool = False  # a remote training: distance does not matter
    sector: str = ""  # the firm's NAF section, when the solution targets it
    verdict: Verdict | None = None
    criteria: tuple[CriterionVerdict, ...] = ()
    research: bool = False  # a scheme for research, ranked down for a firm


@dataclass(frozen=True)
class MatchItem:
    kind: str  # "solution", "scheme" or "training"
    id: int
    title: str
    url: str
    score: int  # 0-100
    explanation: Explanation
    summary: str = ""


@dataclass(frozen=True)
class MatchResult:
    profile: FirmProfile
    need: NeedAnalysis
    on: datetime.date
    solutions: list[MatchItem] = field(default_factory=list)
    eligible_schemes: list[MatchItem] = field(default_factory=list)
    schemes_to_check: list[MatchItem] = field(default_factory=list)
    trainings: list[MatchItem] = field(default_factory=list)
    # Schemes looked at and left out, each with the criterion it fails (the first few only).
    left_out: list[LeftOut] = field(default_factory=list)
    left_out_count: int = 0


@dataclass(frozen=True)
class LeftOut:
    """A scheme the firm is not eligible to, and the first criterion it fails."""

    id: int
    title: str
    url: str
    criterion: str
    reason: str


def match(
    profile: FirmProfile,
    need_text: str,
    *,
    on: datetime.date | None = None,
    synthetic: bool = False,
    limit: int = LIST_LIMIT,
) -> MatchResult:
    """Solutions, schemes and trainings for a firm and its need, ranked and explained."""
    on = on or timezone.localdate()
    need = analyse_need(need_text or "")
    eligible, to_check, left_out, left_out_count = _schemes(
        profile, need, on=on, synthetic=synthetic, limit=limit
    )
    return MatchResult(
        profile=profile,
        need=need,
        on=on,
        solutions=_solutions(profile, need, synthetic=synthetic, limit=limit),
        eligible_schemes=eligible,
        schemes_to_check=to_check,
        trainings=_trainings(profile, need, on=on, synthetic=synthetic, limit=limit),
        left_out=left_out[:LEFT_OUT_LIMIT],
        left_out_count=left_out_count,
    )


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def proximity(distance_km: float | None) -> float:
    if distance_km is None:
        return 0.5
    return max(0.0, 1.0 - distance_km / PROXIMITY_KM)


def weighted_score(*parts: tuple[float, float]) -> int:
    """Weighted sum of (weight, value in 0-1) pairs, as an integer 0-100."""
    total = sum(weight * min(1.0, max(0.0, value)) for weight, value in parts)
    return max(0, min(100, round(total)))


@dataclass(frozen=True)
class _Scored:
    """A candidate before its item is built: only the best ``limit`` of each list are."""

    score: int
    title: str
    id: int
    row: dict[str, Any]


def _best(scored: list[_Scored], limit: int) -> list[_Scored]:
    return sorted(scored, key=lambda c: (-c.score, c.title, c.id))[:limit]


def _url(name: str, slug: str) -> str:
    return reverse(f"catalogue:{name}_detail", kwargs={"slug": slug})


# --- schemes ----------------------------------------------------------------------------------


def open_schemes(on: datetime.date, *, synthetic: bool) -> QuerySet:
    """Published schemes not closed on ``on``: those a firm is told about, listed or left out."""
    day_start = timezone.make_aware(datetime.datetime.combine(on, datetime.time.min))
    schemes = Scheme.objects.published().filter(is_synthetic=synthetic)
    return schemes.filter(Q(closes_at__isnull=True) | Q(closes_at__gte=day_start))


def scheme_candidates(profile: FirmProfile, on: datetime.date, *, synthetic: bool) -> QuerySet:
    """Published schemes not closed on ``on`` and not ruled out by the cheap criteria in SQL.

    Only certain failures are filtered out here; everything else is left to ``check``.
    """
    schemes = open_schemes(on, synthetic=synthetic)
    if profile.headcount is not None:
        schemes = schemes.filter(
            Q(headcount_min__isnull=True) | Q(headcount_min__lte=profile.headcount),
            Q(headcount_max__isnull=True) | Q(headcount_max__gte=profile.headcount),
        )
    if profile.created is not None:
        age = full_years(profile.created, on)
        schemes = schemes.filter(
            Q(min_years_existence__isnull=True) | Q(min_years_existence__lte=age)
        )
    place = profile.place
    if place is not None:
        codes = sorted(place.territory_codes)
        # Plain (not correlated) subqueries on the (code, excluded) index: SQLite builds each
        # list once, where a correlated one would run for every scheme scanned.
        excluding = SchemeTerritory.objects.filter(excluded=True, code__in=codes)
        schemes = schemes.exclude(pk__in=excluding.values("scheme_id"))
        if place.is_precise and place.commune_code:
            # Covered by one of the firm's codes, or by no code at all ("to check"). The
            # catalogue's forms and import accept only readable codes (PAYS-, REG-, DEP-, COM-
            # of a commune), so no other code can cover the firm.
            covering = SchemeTerritory.objects.filter(
                excluded=False, code__in=[*codes, *_arrondissement_codes(place.commune_code)]
            )
            anywhere = SchemeTerritory.objects.filter(scheme=OuterRef("pk"), excluded=False)
            schemes = schemes.filter(Q(pk__in=covering.values("scheme_id")) | ~Exists(anywhere))
    return schemes


def _arrondissement_codes(commune_code: str) -> list[str]:
    return [
        f"COM-{code}"
        for code, row in municipal_arrondissements().items()
        if row["commune"] == commune_code
    ]


def _schemes(
    profile: FirmProfile, need: NeedAnalysis, *, on: datetime.date, synthetic: bool, limit: int
) -> tuple[list[MatchItem], list[MatchItem], list[LeftOut], int]:
    candidates = scheme_candidates(profile, on, synthetic=synthetic)
    hits = text_hits(Scheme, candidates, need, limit=SCHEME_POOL)
    # Then the newest other candidates: a need in other words must not hide eligible schemes.
    others = (
        candidates.exclude(pk__in=list(hits))
        .order_by("-pk")
        .values_list("pk", flat=True)[:SCHEME_POOL]
    )
    # Schemes ruled out in SQL: counted, and the first few checked to say why.
    ruled_out = open_schemes(on, synthetic=synthetic).exclude(pk__in=candidates.values("pk"))
    ruled_out_count = ruled_out.count()
    ruled_out_ids = list(
        ruled_out.order_by("title", "pk").values_list("pk", flat=True)[:LEFT_OUT_LIMIT]
    )
    ids = [*hits, *others, *ruled_out_ids]
    rows = list(
        Scheme.objects.filter(pk__in=ids).values(
            "pk", "slug", "title", "summary", "promise", "description", *SCHEME_RULE_FIELDS
        )
    )
    territories: dict[int, list[tuple[str, bool]]] = defaultdict(list)
    for scheme_id, code, excluded in SchemeTerritory.objects.filter(scheme_id__in=ids).values_list(
        "scheme_id", "code", "excluded"
    ):
        territories[scheme_id].append((code, excluded))
    audiences: dict[int, list[str]] = defaultdict(list)
    for scheme_id, code in Scheme.audiences.through.objects.filter(scheme_id__in=ids).values_list(
        "scheme_id", "audience_id"
    ):
        audiences[scheme_id].append(code)
    research = _research_schemes(ids, audiences)
    names = TerritoryNames(_commune_names(territories))
    eligible: list[_Scored] = []
    to_check: list[_Scored] = []
    left_out: list[LeftOut] = []
    ruled_out_set = set(ruled_out_ids)
    for row in rows:
        scheme_id = row["pk"]
        rules = SchemeRules.from_values(
            row, territories=territories[scheme_id], audiences=audiences[scheme_id]
        )
        eligibility = check(profile, rules, on=on, names=names)
        verdict = eligibility.verdict
        if verdict == Verdict.NOT_ELIGIBLE or scheme_id in ruled_out_set:
            # A scheme ruled out in SQL fails a criterion ``check`` sees too; guard anyway.
            failures = eligibility.failures or eligibility.criteria
            if not failures:
                continue
            failed = failures[0]
            left_out.append(
                LeftOut(
                    scheme_id,
                    row["title"],
                    _url("scheme", row["slug"]),
                    str(failed.criterion.label),
                    failed.reason,
                )
            )
            continue
        # Rescored with the description: found by their short texts, ranked on all of them.
        hit = _scheme_hit(scheme_id, row, need)
        is_research = scheme_id in research or bool(
            RESEARCH_TEXT_STEMS & set(analysis.terms(f"{row['title']} {row['promise']}"))
        )
        row.update(hit=hit, eligibility=eligibility, research=is_research)
        score = scheme_score(
            relevance=hit.relevance if hit else 0.0,
            eligibility=eligibility,
            need_is_empty=need.is_empty,
            research=is_research,
        )
        (eligible if verdict == Verdict.ELIGIBLE else to_check).append(
            _Scored(score, row["title"], scheme_id, row)
        )
    left_out.sort(key=lambda item: (item.title, item.id))
    return (
        [_scheme_item(c) for c in _best(eligible, limit)],
        [_scheme_item(c) for c in _best(to_check, limit)],
        left_out,
        len(left_out) + ruled_out_count - len(ruled_out_ids),
    )


def scheme_score(
    *, relevance: float, eligibility: Eligibility, need_is_empty: bool, research: bool
) -> int:
    """Relevance to the need, certainty of eligibility and fit to the profile, in 0-100.

    Fit is the share of the scheme's criteria the profile is known to meet (sector, territory,
    size...): a scheme aimed at the firm's kind beats one that merely sets no criterion.
    """
    certainty = 1.0 if eligibility.verdict == Verdict.ELIGIBLE else 0.5
    criteria = [c for c in eligibility.criteria if not c.informative]
    # A scheme setting no criterion fits everyone, hence no one in particular.
    fit = sum(c.verdict == Verdict.ELIGIBLE for c in criteria) / len(criteria) if criteria else 0.3
    parts: tuple[tuple[float, float], ...]
    if need_is_empty:
        parts = ((60, certainty), (40, fit))
    else:
        parts = ((55, relevance), (30, certainty), (15, fit))
    score = weighted_score(*parts)
    return round(score * RESEARCH_FACTOR) if research else score


def _research_schemes(ids: list[int], audiences: dict[int, list[str]]) -> set[int]:
    """Schemes with an aid type or an audience of research (codes and names read as stems)."""
    found = {
        scheme_id
        for scheme_id, codes in audiences.items()
        if RESEARCH_STEMS & set(analysis.terms(" ".join(codes)))
    }
    links = Scheme.aid_types.through.objects.filter(scheme_id__in=ids).values_list(
        "scheme_id", "aidtype__code", "aidtype__name"
    )
    for scheme_id, code, name in links:
        if RESEARCH_STEMS & set(analysis.terms(f"{code} {name}")):
            found.add(scheme_id)
    return found


def _scheme_item(scored: _Scored) -> MatchItem:
    row = scored.row
    hit: TextHit | None = row["hit"]
    eligibility = row["eligibility"]
    return MatchItem(
        kind="scheme",
        id=scored.id,
        title=scored.title,
        url=_url("scheme", row["slug"]),
        score=scored.score,
        summary=row["promise"] or row["summary"],
        explanation=Explanation(
            matched_terms=hit.matched_terms if hit else (),
            use_cases=hit.use_cases if hit else (),
            verdict=eligibility.verdict,
            criteria=eligibility.criteria,
            research=row["research"],
        ),
    )


def _scheme_hit(scheme_id: int, row: dict[str, Any], need: NeedAnalysis) -> TextHit | None:
    """Relevance of a scheme by its title, summary and promise, then (less) its description."""
    relevance, matched, use_cases = score_text(
        need,
        title=row["title"],
        summary=f"{row['summary']} {row['promise']}",
        description=row["description"],
    )
    return TextHit(scheme_id, relevance, matched, use_cases) if relevance > 0 else None


def _commune_names(territories: dict[int, list[tuple[str, bool]]]) -> dict[str, str]:
    codes = {
        code.removeprefix("COM-")
        for codes in territories.values()
        for code, _excluded in codes
        if code.startswith("COM-")
    }
    if not codes:
        return {}
    return dict(Commune.objects.filter(code__in=codes).values_list("code", "name"))


# --- solutions and trainings ------------------------------------------------------------------


def _distance(profile: FirmProfile, there: tuple[float, float] | None) -> float | None:
    here = profile.place.coordinates if profile.place is not None else None
    if here is None or there is None:
        return None
    return round(haversine_km(here, there), 1)


def _point(latitude: float | None, longitude: float | None) -> tuple[float, float] | None:
    return (latitude, longitude) if latitude is not None and longitude is not None else None


SOLUTION_FIELDS = (
    "pk",
    "slug",
    "title",
    "summary",
    "owner__name",
    "owner__latitude",
    "owner__longitude",
    "owner__commune__name",
    "owner__commune__latitude",
    "owner__commune__longitude",
)


def _solutions(
    profile: FirmProfile, need: NeedAnalysis, *, synthetic: bool, limit: int
) -> list[MatchItem]:
    published = Solution.objects.published().filter(is_synthetic=synthetic)
    hits = text_hits(Solution, published, need, limit=TEXT_POOL)
    if not hits:
        return []
    ids = list(hits)
    section = profile.naf.section if profile.naf is not None else None
    in_sector: set[int] = set()
    if section is not None:
        in_sector = set(
            Solution.sectors.through.objects.filter(
                solution_id__in=ids, activitysection_id=section
            ).values_list("solution_id", flat=True)
        )
    scored = []
    rows: list[dict[str, Any]] = list(Solution.objects.filter(pk__in=ids).values(*SOLUTION_FIELDS))
    for row in rows:
        # The provider's own position, else its commune's centre (Organisation.coordinates).
        there = _point(row["owner__latitude"], row["owner__longitude"]) or _point(
            row["owner__commune__latitude"], row["owner__commune__longitude"]
        )
        distance = _distance(profile, there)
        targets_sector = row["pk"] in in_sector
        row.update(distance=distance, targets_sector=targets_sector)
        score = weighted_score(
            (75, hits[row["pk"]].relevance), (10, float(targets_sector)), (15, proximity(distance))
        )
        scored.append(_Scored(score, row["title"], row["pk"], row))
    return [_solution_item(c, hits[c.id], section) for c in _best(scored, limit)]


def _solution_item(scored: _Scored, hit: TextHit, section: str | None) -> MatchItem:
    row = scored.row
    return MatchItem(
        kind="solution",
        id=scored.id,
        title=scored.title,
        url=_url("solution", row["slug"]),
        score=scored.score,
        summary=row["summary"],
        explanation=_text_explanation(
            hit,
            distance=row["distance"],
            distance_to=row["owner__commune__name"] or row["owner__name"],
            sector=f"{section} – {SECTIONS[section]}" if row["targets_sector"] and section else "",
        ),
    )


TRAINING_FIELDS = ("pk", "slug", "title", "summary", "modality")


def _trainings(
    profile: FirmProfile, need: NeedAnalysis, *, on: datetime.date, synthetic: bool, limit: int
) -> list[MatchItem]:
    published = Training.objects.published().filter(is_synthetic=synthetic)
    hits = text_hits(Training, published, need, limit=TEXT_POOL)
    if not hits:
        return []
    ids = list(hits)
    nearest: dict[int, tuple[float, str]] = {}
    if profile.place is not None and profile.place.coordinates is not None:
        sessions = TrainingSession.objects.filter(
            training_id__in=ids, starts_on__gte=on, commune__latitude__isnull=False
        ).values_list("training_id", "commune__name", "commune__latitude", "commune__longitude")
        for training_id, name, latitude, longitude in sessions:
            km = _distance(profile, _point(latitude, longitude))
            if km is not None and (training_id not in nearest or km < nearest[training_id][0]):
                nearest[training_id] = (km, name)
    scored = []
    rows: list[dict[str, Any]] = list(Training.objects.filter(pk__in=ids).values(*TRAINING_FIELDS))
    for row in rows:
        remote = row["modality"] == Training.Modality.REMOTE
        distance = nearest[row["pk"]][0] if row["pk"] in nearest and not remote else None
        row.update(remote=remote, distance=distance)
        score = weighted_score(
            (80, hits[row["pk"]].relevance), (20, 1.0 if remote else proximity(distance))
        )
        scored.append(_Scored(score, row["title"], row["pk"], row))
    return [_training_item(c, hits[c.id], nearest) for c in _best(scored, limit)]


def _training_item(
    scored: _Scored, hit: TextHit, nearest: dict[int, tuple[float, str]]
) -> MatchItem:
    row = scored.row
    return MatchItem(
        kind="training",
        id=scored.id,
        title=scored.title,
        url=_url("training", row["slug"]),
        score=scored.score,
        summary=row["summary"],
        explanation=_text_explanation(
            hit,
            distance=row["distance"],
            distance_to=nearest[scored.id][1] if row["distance"] is not None else "",
            remote=row["remote"],
        ),
    )


def _text_explanation(
    hit: TextHit,
    *,
    distance: float | None,
    distance_to: str,
    remote: bool = False,
    sector: str = "",
) -> Explanation:
    return Explanation(
        matched_terms=hit.matched_terms,
        use_cases=hit.use_cases,
        distance_km=distance,
        distance_to=distance_to if distance is not None else "",
        remote=remote,
        sector=sector,
    )
