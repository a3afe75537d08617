"""Matching schemes: eligible, to check, or left out with the criterion they fail; ranked.

Only published, real (or only synthetic) schemes, not closed on the day, are looked at. The
cheap criteria (territory codes, headcount, years of existence) are applied first, in one
pass (``matching_prefilter``); then a pool is checked criterion by criterion: up to
``SCHEME_POOL`` schemes the search index finds for the need's words, then some of the other
candidates (those of the firm's own territory first, then the newest), so that a need in
other words never hides an eligible scheme.

Score, in 0-100: ``55 × relevance + 25 × certainty + 20 × fit`` (certainty: 1 eligible, 0.5 to
check; fit: the mean of ``matching_fit``'s territory, size, sector and audience values);
``45 × certainty + 55 × fit`` when the need is empty. A scheme for research (an aid type or
audience of research, a call for laboratories, theses or research projects) keeps
``RESEARCH_FACTOR`` of its score: it may be open to a firm, it is rarely what it needs.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from guichet.catalogue.models import Scheme, SchemeTerritory
from guichet.search import analysis
from guichet.search.documents import KINDS, entry_url
from guichet.search.eligibility import SCHEME_RULE_FIELDS, SchemeRules, check
from guichet.search.eligibility_geography import TerritoryNames
from guichet.search.eligibility_verdicts import Eligibility, Verdict
from guichet.search.matching_fit import (
    audience_fit,
    sector_fit,
    size_fit,
    territory_fit,
    weighted_score,
)
from guichet.search.matching_items import Explanation, FitNote, LeftOut, MatchItem
from guichet.search.matching_prefilter import Prefiltered, prefilter
from guichet.search.matching_text import NeedAnalysis, TextHit, text_hits
from guichet.search.profile import FirmProfile
from guichet.territories.models import Commune

SCHEME_POOL = 60
LEFT_OUT_LIMIT = 30
RESEARCH_FACTOR = 0.5
RESEARCH_STEMS = frozenset(analysis.terms("recherche laboratoire laboratoires chercheurs"))
# In a title, promise or summary, "recherche" alone is too common ("recherche de clients"):
# these words and phrases say the scheme is for research.
RESEARCH_PHRASES = tuple(
    analysis.phrase_terms(text)[0]
    for text in (
        "laboratoire",
        "laboratoires",
        "chercheur",
        "chercheurs",
        "thèse",
        "thèses",
        "doctorat",
        "doctorants",
        "projets de recherche",
        "projet de recherche",
        "recherche et l'innovation",
        "recherche et innovation",
        "recherche publique",
        "recherche académique",
    )
)


@dataclass(frozen=True)
class Scored:
    """A candidate before its item is built: only the best ``limit`` of each list are."""

    score: int
    title: str
    id: int
    row: dict[str, Any]


def best(scored: list[Scored], limit: int) -> list[Scored]:
    return sorted(scored, key=lambda c: (-c.score, c.title, c.id))[:limit]


def _pool(
    prefiltered: Prefiltered, need: NeedAnalysis, *, synthetic: bool
) -> tuple[dict[int, TextHit], list[int]]:
    """Schemes found by the need's words, then others: of the firm's territory, the newest."""
    hits = text_hits(
        "schemes",
        need,
        allowed=None,
        only=set(prefiltered.candidates),
        synthetic=synthetic,
        limit=SCHEME_POOL,
    )
    # Schemes in other words rank on certainty and fit alone: fewer are needed beside hits.
    size = SCHEME_POOL if need.is_empty else SCHEME_POOL // 2
    others = [pk for pk in prefiltered.candidates if pk not in hits]
    local = [pk for pk in others if pk in prefiltered.local][:size]
    chosen = set(local)
    newest = [pk for pk in others if pk not in chosen][:size]
    return hits, [*local, *newest]


def match_schemes(
    profile: FirmProfile, need: NeedAnalysis, *, on: datetime.date, synthetic: bool, limit: int
) -> tuple[list[MatchItem], list[MatchItem], list[LeftOut], int]:
    """Eligible schemes and schemes to check, ranked; the left out, and how many they are."""
    prefiltered = prefilter(profile, on, synthetic=synthetic)
    hits, others = _pool(prefiltered, need, synthetic=synthetic)
    # Schemes ruled out by the first pass: counted, and the first few checked to say why.
    ruled_out_count = len(prefiltered.ruled_out)
    ruled_out_ids = [pk for _title, pk in prefiltered.ruled_out[:LEFT_OUT_LIMIT]]
    ids = [*hits, *others, *ruled_out_ids]
    rows = list(
        Scheme.objects.filter(pk__in=ids).values(
            "pk", "slug", "title", "summary", "promise", "activity_sectors", *SCHEME_RULE_FIELDS
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
    eligible: list[Scored] = []
    to_check: list[Scored] = []
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
            # A scheme ruled out first fails a criterion ``check`` sees too; guard anyway.
            failures = eligibility.failures or eligibility.criteria
            if failures:
                failed = failures[0]
                left_out.append(
                    LeftOut(
                        scheme_id,
                        row["title"],
                        scheme_url(row["slug"], scheme_id),
                        str(failed.criterion.label),
                        failed.reason,
                        str(failed.criterion.value),
                    )
                )
            continue
        hit = hits.get(scheme_id)
        is_research = scheme_id in research or _reads_as_research(row)
        fit, notes = scheme_fit(profile, rules, eligibility, row["activity_sectors"] or [])
        row.update(hit=hit, eligibility=eligibility, research=is_research, fit=notes)
        score = scheme_score(
            relevance=hit.relevance if hit else 0.0,
            eligibility=eligibility,
            fit=fit,
            need_is_empty=need.is_empty,
            research=is_research,
        )
        (eligible if verdict == Verdict.ELIGIBLE else to_check).append(
            Scored(score, row["title"], scheme_id, row)
        )
    left_out.sort(key=lambda item: (item.title, item.id))
    return (
        [_scheme_item(c) for c in best(eligible, limit)],
        [_scheme_item(c) for c in best(to_check, limit)],
        left_out,
        len(left_out) + ruled_out_count - len(ruled_out_ids),
    )


def scheme_fit(
    profile: FirmProfile, rules: SchemeRules, eligibility: Eligibility, sectors: list[str]
) -> tuple[float, tuple[FitNote, ...]]:
    """How well a scheme is aimed at this firm, 0-1, and the notes saying how."""
    parts = (
        territory_fit(rules, profile.place, eligibility),
        size_fit(rules, eligibility),
        sector_fit(sectors, rules.naf_included, profile),
        audience_fit(rules.audiences),
    )
    return sum(value for value, _ in parts) / len(parts), tuple(note for _, note in parts)


def scheme_score(
    *,
    relevance: float,
    eligibility: Eligibility,
    fit: float,
    need_is_empty: bool,
    research: bool,
) -> int:
    """Relevance to the need, certainty of eligibility and fit to the profile, in 0-100."""
    certainty = 1.0 if eligibility.verdict == Verdict.ELIGIBLE else 0.5
    parts: tuple[tuple[float, float], ...]
    if need_is_empty:
        parts = ((45, certainty), (55, fit))
    else:
        parts = ((55, relevance), (25, certainty), (20, fit))
    score = weighted_score(*parts)
    return round(score * RESEARCH_FACTOR) if research else score


def _reads_as_research(row: dict[str, Any]) -> bool:
    stems = analysis.terms(f"{row['title']}\n{row['promise']}\n{row['summary']}")
    present = set(stems)
    for phrase in RESEARCH_PHRASES:
        if not present.issuperset(phrase):
            continue
        width = len(phrase)
        if any(tuple(stems[i : i + width]) == phrase for i in range(len(stems) - width + 1)):
            return True
    return False


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


def scheme_url(slug: str, pk: int) -> str:
    return entry_url(KINDS["schemes"], slug, pk)


def _scheme_item(scored: Scored) -> MatchItem:
    row = scored.row
    hit: TextHit | None = row["hit"]
    eligibility = row["eligibility"]
    return MatchItem(
        kind="scheme",
        id=scored.id,
        title=scored.title,
        url=scheme_url(row["slug"], scored.id),
        score=scored.score,
        summary=row["promise"] or row["summary"],
        explanation=Explanation(
            matched_terms=hit.matched_terms if hit else (),
            term_matches=hit.matches if hit else (),
            use_cases=hit.use_cases if hit else (),
            fit=row["fit"],
            verdict=eligibility.verdict,
            criteria=eligibility.criteria,
            research=row["research"],
        ),
    )


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
