"""Text relevance for matching, read from the search index: how well an entry answers a need.

One French analysis for search and matching: the need is read as the search reads a query
(``query.analyze_query`` with the index's vocabulary: stems, the synonym list, spelling
corrections), and the use cases of the taxonomy whose keywords it holds add one idea each,
made of all their keywords (a need for a "chatbot" also looks for "FAQ" or "service client").
Candidates and their scores come from the search backend: ``text_hits`` asks it for the
entries of one kind holding some idea of the need (``require="any"``), among the ids allowed,
and reads from the index's stored terms (or the documents analysed alike) which ideas each
one holds, and where.

Relevance, in 0-1: ``coverage × (BM25_FLOOR + (1 - BM25_FLOOR) × score / best score)``, where
coverage is the share of the need's ideas an entry holds, each idea weighted by its inverse
document frequency (a word most entries hold, "IA", says little) and by the field holding it
(title, summary, tags, description: ``FIELD_WEIGHTS``); the backend's score, relative to the
best of the same answer, orders entries of equal coverage.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from guichet.catalogue.models import UseCase
from guichet.search import analysis
from guichet.search.backends import get_backend
from guichet.search.backends.base import Scope, SearchBackend
from guichet.search.documents import load_documents
from guichet.search.matching_items import TermMatch, UseCaseMatch
from guichet.search.query import SYNONYM, TYPO, Alternative, AnalyzedQuery, Group, analyze_query

FIELDS = ("title", "summary", "tags", "body")
FIELD_NAMES = {"title": "title", "summary": "summary", "tags": "tags", "body": "description"}
FIELD_WEIGHTS = {"title": 1.0, "summary": 0.85, "tags": 0.7, "body": 0.4}
BM25_FLOOR = 0.7
# A long need is read for its first ideas only: each costs the index a lookup.
MAX_GROUPS = 12
# With ``only``, the index's best answers are read this many times over, then kept.
ONLY_FACTOR = 3


@dataclass(frozen=True)
class NeedAnalysis:
    text: str
    query: AnalyzedQuery  # the need's own ideas, then one per recognised use case
    typed_groups: int  # how many of ``query.groups`` are the need's own ideas
    weights: tuple[float, ...]  # one per group of ``query``
    use_cases: tuple[UseCaseMatch, ...]

    @property
    def is_empty(self) -> bool:
        return self.typed_groups == 0

    @property
    def terms(self) -> tuple[str, ...]:
        """The need's ideas, as typed."""
        return tuple(group.text for group in self.query.groups[: self.typed_groups])


@dataclass(frozen=True)
class TextHit:
    id: int
    relevance: float  # 0-1
    matches: tuple[TermMatch, ...]  # the need's own ideas found
    use_cases: tuple[UseCaseMatch, ...]  # the recognised use cases it is about

    @property
    def matched_terms(self) -> tuple[str, ...]:
        return tuple(match.term for match in self.matches)


def analyse_need(text: str, backend: SearchBackend | None = None) -> NeedAnalysis:
    """The need's ideas as the search reads them, the use cases it names, their weights."""
    backend = backend or get_backend()
    typed = analyze_query(text or "", backend.known_terms)
    own = typed.groups[:MAX_GROUPS]
    use_cases, extra = _use_cases(text or "")
    query = AnalyzedQuery(typed.text, (*own, *extra), typed.unknown)
    return NeedAnalysis(text or "", query, len(own), _weights(query, len(own), backend), use_cases)


def _use_cases(text: str) -> tuple[tuple[UseCaseMatch, ...], tuple[Group, ...]]:
    """The use cases whose keywords (or whole name) the need holds, and a group for each."""
    need_stems = analysis.terms(text)
    if not need_stems:
        return (), ()
    present = set(need_stems)
    matches, groups = [], []
    for code, name, keywords in UseCase.objects.order_by("code").values_list(
        "code", "name", "keywords"
    ):
        phrases = {k: analysis.phrase_terms(k) for k in (*(keywords or ()), name)}
        found = tuple(
            k
            for k in keywords or ()
            if phrases[k][0] and _holds(need_stems, present, phrases[k][0])
        )
        name_stems = set(phrases[name][0])
        if not found and not (len(name_stems) > 1 and name_stems <= present):
            continue
        matches.append(UseCaseMatch(code, name, found or (name,)))
        alternatives = {
            stems: Alternative(stems, positions, k, SYNONYM)
            for k, (stems, positions) in phrases.items()
            if stems
        }
        groups.append(Group(name, tuple(alternatives.values())))
    return tuple(matches), tuple(groups)


def _weights(query: AnalyzedQuery, typed: int, backend: SearchBackend) -> tuple[float, ...]:
    """Inverse document frequency of each group (1 each when the backend cannot tell)."""
    if not query.groups:
        return ()
    frequencies = backend.document_frequencies(query.stems())
    if frequencies is None:
        return tuple(1.0 for _ in query.groups)
    total, df = frequencies
    weights = []
    for group in query.groups:
        docs = max(min(df.get(s, 0) for s in a.stems) for a in group.alternatives)
        # A word no entry holds weighs nothing: every entry misses it alike.
        weights.append(math.log(1 + total / (1 + docs)) if docs else 0.0)
    own = [w for w in weights[:typed] if w > 0]
    mean = sum(own) / len(own) if own else 1.0
    # A use case weighs as an average idea of the need: it restates some of its words.
    return tuple(weights[:typed]) + tuple(mean for _ in weights[typed:])


def text_hits(
    kind: str,
    need: NeedAnalysis,
    *,
    allowed: QuerySet | None,
    synthetic: bool,
    limit: int,
    only: Collection[int] | None = None,
    backend: SearchBackend | None = None,
) -> dict[int, TextHit]:
    """The entries of ``kind`` holding some idea of the need, by id, the backend's best
    ``limit`` among ``allowed`` (a queryset, narrowed by the index) or ``only`` (ids, kept
    from the index's best answers: cheaper when the ids are already known)."""
    if need.is_empty:
        return {}
    backend = backend or get_backend()
    scope = Scope(kind, allowed.order_by().values("pk") if allowed is not None else None)
    hits = backend.search(
        need.query,
        scopes=[scope],
        synthetic=synthetic,
        require="any",
        sort="relevance",
        offset=0,
        limit=limit if only is None else limit * ONLY_FACTOR,
    )
    if only is not None:
        hits = [hit for hit in hits if hit.entry_id in only][:limit]
    if not hits:
        return {}
    pairs = [(kind, hit.entry_id) for hit in hits]
    stored = backend.stored_terms(pairs)
    missing = [pair for pair in pairs if pair not in stored]
    if missing:
        for pair, document in load_documents(missing).items():
            stored[pair] = {f: analysis.terms(getattr(document, f)) for f in FIELDS}
    best = max(hit.score for hit in hits)
    out = {}
    for hit in hits:
        terms = stored.get((kind, hit.entry_id))
        if terms is None:
            continue  # unpublished since the index answered
        coverage, matches, use_cases = _coverage(need, terms)
        if coverage <= 0:
            continue
        relative = max(0.0, hit.score) / best if best > 0 else 1.0
        relevance = coverage * (BM25_FLOOR + (1 - BM25_FLOOR) * relative)
        out[hit.entry_id] = TextHit(hit.entry_id, min(1.0, relevance), matches, use_cases)
    return out


def _coverage(
    need: NeedAnalysis, terms: dict[str, list[str]]
) -> tuple[float, tuple[TermMatch, ...], tuple[UseCaseMatch, ...]]:
    """The weighted share of the need's ideas ``terms`` hold, the ideas, the use cases."""
    present = {f: set(terms.get(f, ())) for f in FIELDS}
    anywhere = set().union(*present.values())
    joined: dict[str, str] = {}  # field → " stem stem … ", for phrases
    total = sum(need.weights) or 1.0
    covered = 0.0
    matches: list[TermMatch] = []
    use_cases: list[UseCaseMatch] = []
    for number, (group, weight) in enumerate(zip(need.query.groups, need.weights, strict=True)):
        found: dict[str, None] = {}
        where: dict[str, None] = {}
        reasons = set()
        for alternative in group.alternatives:
            stems = alternative.stems
            if not anywhere.issuperset(stems):
                continue  # most alternatives (synonyms, use-case keywords) are nowhere
            if len(stems) == 1:
                fields = [f for f in FIELDS if stems[0] in present[f]]
            else:
                fields = [f for f in FIELDS if _holds_phrase(terms, joined, present[f], f, stems)]
            if fields:
                found[alternative.text] = None
                reasons.add(alternative.reason)
                where.update(dict.fromkeys(fields))
        if not found:
            continue
        covered += weight * max(FIELD_WEIGHTS[f] for f in where)
        if number < need.typed_groups:
            reason = next((r for r in ("exact", SYNONYM, TYPO) if r in reasons), "exact")
            named = tuple(FIELD_NAMES[f] for f in FIELDS if f in where)
            matches.append(TermMatch(group.text, tuple(found), named, reason))
        else:
            use_cases.append(need.use_cases[number - need.typed_groups])
    return min(1.0, covered / total), tuple(matches), tuple(use_cases)


def _holds_phrase(
    terms: dict[str, list[str]],
    joined: dict[str, str],
    present: set[str],
    field: str,
    stems: tuple[str, ...],
) -> bool:
    """Whether ``field`` holds the phrase ``stems``: a substring search over its stems
    joined by spaces, built once per field (stems hold no space)."""
    if not present.issuperset(stems):
        return False
    if field not in joined:
        joined[field] = " " + " ".join(terms.get(field, ())) + " "
    return f" {' '.join(stems)} " in joined[field]


def _holds(terms: list[str], present: set[str], stems: Iterable[str]) -> bool:
    """Whether ``terms`` (whose set is ``present``) hold the phrase ``stems``, in order."""
    stems = tuple(stems)
    if not stems or not present.issuperset(stems):
        return False
    if len(stems) == 1:
        return True
    width = len(stems)
    return any(tuple(terms[i : i + width]) == stems for i in range(len(terms) - width + 1))
