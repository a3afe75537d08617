"""Matching: a firm's profile and need → solutions, schemes (eligible, to check), trainings.

``match(profile, need_text)`` returns three ranked lists of ``MatchItem`` (id, title, url, score
0-100, explanation) and the schemes left out with the criterion each fails. It serves
``POST /api/v1/match`` and the "Trouver de l'aide" page alike; ``synthetic=True`` matches the
generated entries of the benchmark instead of the real ones (never both).

Where each part lives:
- ``matching_text``: the need read as the search reads a query, and text relevance from the
  search index (one French analysis for both);
- ``matching_fit``: fit to the profile (sector, territory, size, audience, distance);
- ``matching_prefilter``: the schemes a firm certainly fails, in one cheap pass;
- ``matching_schemes``: eligibility criterion by criterion, left out schemes, scheme scores;
- ``matching_entries``: solutions and trainings;
- ``matching_items``: the answer's data classes.

Every score is relevance to the need and fit to the profile, weighted as each module's
docstring says; an empty need ranks by fit alone.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from guichet.search.backends import get_backend
from guichet.search.matching_entries import TEXT_POOL, match_solutions, match_trainings
from guichet.search.matching_fit import PROXIMITY_KM, haversine_km, proximity, weighted_score
from guichet.search.matching_items import (
    Explanation,
    FitNote,
    LeftOut,
    MatchItem,
    MatchResult,
    TermMatch,
    UseCaseMatch,
)
from guichet.search.matching_prefilter import prefilter
from guichet.search.matching_schemes import LEFT_OUT_LIMIT, SCHEME_POOL, match_schemes
from guichet.search.matching_text import analyse_need
from guichet.search.profile import FirmProfile

LIST_LIMIT = 20


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
    need = analyse_need(need_text or "", get_backend())
    eligible, to_check, left_out, left_out_count = match_schemes(
        profile, need, on=on, synthetic=synthetic, limit=limit
    )
    return MatchResult(
        profile=profile,
        need_text=need.text,
        on=on,
        solutions=match_solutions(profile, need, synthetic=synthetic, limit=limit),
        eligible_schemes=eligible,
        schemes_to_check=to_check,
        trainings=match_trainings(profile, need, on=on, synthetic=synthetic, limit=limit),
        left_out=left_out[:LEFT_OUT_LIMIT],
        left_out_count=left_out_count,
        need_terms=need.terms,
    )


__all__ = [
    "LEFT_OUT_LIMIT",
    "LIST_LIMIT",
    "PROXIMITY_KM",
    "SCHEME_POOL",
    "TEXT_POOL",
    "Explanation",
    "FitNote",
    "LeftOut",
    "MatchItem",
    "MatchResult",
    "TermMatch",
    "UseCaseMatch",
    "haversine_km",
    "match",
    "prefilter",
    "proximity",
    "weighted_score",
]
