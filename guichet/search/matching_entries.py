"""Matching solutions and trainings: relevance to the need, fit to the profile, distance.

With a need, only entries the search index finds for its words are listed (the backend's
best ``TEXT_POOL``), then ranked with the profile. With an empty need, a pool of entries
aimed at the firm is ranked by fit alone: solutions for its sector or from providers of its
Region, trainings with a coming session in its Region or given remotely, then the newest.

Scores, in 0-100 (``matching_fit`` gives the parts; ``answer_score``: 100 × √relevance × fit):
- solution: ``√relevance × (0.55 + 0.25 × sector + 0.2 × proximity`` of its provider``)``;
  ``55 × sector + 45 × proximity`` without a need;
- training: ``√relevance × (0.6 + 0.3 × reach + 0.1 × coming)`` (reach: ``REMOTE_REACH``
  remote, else the proximity of its nearest coming session; coming: it has one, or is
  remote); ``75 × reach + 25 × coming`` without a need.
With a need, fit orders entries of like relevance but never lifts one holding a word of the
need above one answering it (the score is a product, not a sum).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import QuerySet

from guichet.catalogue.models import Solution, Training, TrainingSession
from guichet.organisations.naf import SECTIONS
from guichet.search.documents import KINDS, entry_url
from guichet.search.matching_fit import (
    REMOTE_REACH,
    answer_score,
    distance_km,
    firm_sections,
    point,
    proximity,
    solution_sector_fit,
    weighted_score,
)
from guichet.search.matching_items import Explanation, FitNote, MatchItem
from guichet.search.matching_schemes import Scored, best
from guichet.search.matching_text import NeedAnalysis, TextHit, text_hits
from guichet.search.profile import FirmProfile

TEXT_POOL = 60

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
TRAINING_FIELDS = ("pk", "slug", "title", "summary", "modality")


def _url(kind: str, slug: str, pk: int) -> str:
    return entry_url(KINDS[kind], slug, pk)


def _newest(queryset: QuerySet, limit: int, *, besides: list[int] | None = None) -> list[int]:
    if besides:
        queryset = queryset.exclude(pk__in=besides)
    return list(queryset.order_by("-pk").values_list("pk", flat=True)[:limit])


def _solution_pool(profile: FirmProfile, published: QuerySet) -> list[int]:
    """Without a need: solutions for the firm's sector, from its Region, then the newest."""
    ids: list[int] = []
    if profile.naf is not None:
        ids += _newest(published.filter(sectors=profile.naf.section), TEXT_POOL)
    place = profile.place
    if place is not None and place.region_code:
        nearby = published.filter(owner__commune__region_id=place.region_code)
        ids += _newest(nearby, TEXT_POOL, besides=ids)
    return ids + _newest(published, TEXT_POOL // 2, besides=ids)


def match_solutions(
    profile: FirmProfile, need: NeedAnalysis, *, synthetic: bool, limit: int
) -> list[MatchItem]:
    published = Solution.objects.published().filter(is_synthetic=synthetic)
    hits: dict[int, TextHit] = {}
    if need.is_empty:
        ids = _solution_pool(profile, published)
    else:
        hits = text_hits("solutions", need, allowed=None, synthetic=synthetic, limit=TEXT_POOL)
        ids = list(hits)
    if not ids:
        return []
    sections: dict[int, set[str]] = defaultdict(set)
    for solution_id, section in Solution.sectors.through.objects.filter(
        solution_id__in=ids
    ).values_list("solution_id", "activitysection_id"):
        sections[solution_id].add(section)
    scored = []
    rows: list[dict[str, Any]] = list(published.filter(pk__in=ids).values(*SOLUTION_FIELDS))
    for row in rows:
        # The provider's own position, else its commune's centre (Organisation.coordinates).
        there = point(row["owner__latitude"], row["owner__longitude"]) or point(
            row["owner__commune__latitude"], row["owner__commune__longitude"]
        )
        distance = distance_km(profile, there)
        sector, note = solution_sector_fit(sections[row["pk"]], profile)
        shared = sorted(firm_sections(profile.naf) & sections[row["pk"]]) if profile.naf else []
        row["sector_label"] = f"{shared[0]} – {SECTIONS[shared[0]]}" if shared else ""
        hit = hits.get(row["pk"])
        row.update(distance=distance, sector_note=note, hit=hit)
        if hit is None:
            score = weighted_score((55, sector), (45, proximity(distance)))
        else:
            score = answer_score(hit.relevance, 0.55, (0.25, sector), (0.2, proximity(distance)))
        scored.append(Scored(score, row["title"], row["pk"], row))
    return [_solution_item(c) for c in best(scored, limit)]


def _solution_item(scored: Scored) -> MatchItem:
    row = scored.row
    note: FitNote = row["sector_note"]
    return MatchItem(
        kind="solution",
        id=scored.id,
        title=scored.title,
        url=_url("solutions", row["slug"], scored.id),
        score=scored.score,
        summary=row["summary"],
        explanation=_explanation(
            row["hit"],
            fit=(note,),
            distance=row["distance"],
            distance_to=row["owner__commune__name"] or row["owner__name"],
            sector=row["sector_label"],
        ),
    )


def _training_pool(profile: FirmProfile, published: QuerySet, on: datetime.date) -> list[int]:
    """Without a need: trainings given remotely or with a coming session in the firm's
    Region, then the newest with a coming session."""
    coming = published.filter(sessions__starts_on__gte=on).distinct()
    ids = _newest(published.filter(modality=Training.Modality.REMOTE), TEXT_POOL // 2)
    place = profile.place
    if place is not None and place.region_code:
        nearby = published.filter(
            sessions__starts_on__gte=on, sessions__commune__region_id=place.region_code
        ).distinct()
        ids += _newest(nearby, TEXT_POOL, besides=ids)
    return ids + _newest(coming, TEXT_POOL // 2, besides=ids)


def match_trainings(
    profile: FirmProfile, need: NeedAnalysis, *, on: datetime.date, synthetic: bool, limit: int
) -> list[MatchItem]:
    published = Training.objects.published().filter(is_synthetic=synthetic)
    hits: dict[int, TextHit] = {}
    if need.is_empty:
        ids = _training_pool(profile, published, on)
    else:
        hits = text_hits("trainings", need, allowed=None, synthetic=synthetic, limit=TEXT_POOL)
        ids = list(hits)
    if not ids:
        return []
    nearest: dict[int, tuple[float, str]] = {}
    has_coming: set[int] = set()
    sessions = TrainingSession.objects.filter(training_id__in=ids, starts_on__gte=on).values_list(
        "training_id", "commune__name", "commune__latitude", "commune__longitude"
    )
    for training_id, name, latitude, longitude in sessions:
        has_coming.add(training_id)
        km = distance_km(profile, point(latitude, longitude))
        if km is not None and (training_id not in nearest or km < nearest[training_id][0]):
            nearest[training_id] = (km, name)
    scored = []
    rows: list[dict[str, Any]] = list(published.filter(pk__in=ids).values(*TRAINING_FIELDS))
    for row in rows:
        remote = row["modality"] == Training.Modality.REMOTE
        distance = nearest[row["pk"]][0] if row["pk"] in nearest and not remote else None
        reach = REMOTE_REACH if remote else proximity(distance)
        coming = 1.0 if remote or row["pk"] in has_coming else 0.0
        hit = hits.get(row["pk"])
        notes = () if coming else (FitNote("sessions", False, "aucune session à venir annoncée"),)
        row.update(remote=remote, distance=distance, hit=hit, notes=notes)
        if hit is None:
            score = weighted_score((75, reach), (25, coming))
        else:
            score = answer_score(hit.relevance, 0.6, (0.3, reach), (0.1, coming))
        scored.append(Scored(score, row["title"], row["pk"], row))
    return [_training_item(c, nearest) for c in best(scored, limit)]


def _training_item(scored: Scored, nearest: dict[int, tuple[float, str]]) -> MatchItem:
    row = scored.row
    return MatchItem(
        kind="training",
        id=scored.id,
        title=scored.title,
        url=_url("trainings", row["slug"], scored.id),
        score=scored.score,
        summary=row["summary"],
        explanation=_explanation(
            row["hit"],
            fit=row["notes"],
            distance=row["distance"],
            distance_to=nearest[scored.id][1] if row["distance"] is not None else "",
            remote=row["remote"],
        ),
    )


def _explanation(
    hit: TextHit | None,
    *,
    fit: tuple[FitNote, ...],
    distance: float | None,
    distance_to: str,
    remote: bool = False,
    sector: str = "",
) -> Explanation:
    return Explanation(
        matched_terms=hit.matched_terms if hit else (),
        term_matches=hit.matches if hit else (),
        use_cases=hit.use_cases if hit else (),
        fit=fit,
        distance_km=distance,
        distance_to=distance_to if distance is not None else "",
        remote=remote,
        sector=sector,
    )
