"""« Vouliez-vous dire… » : other spellings of a query that found nothing.

For every typed word no entry contains, the backend proposes indexed words close to
it (two edits for words of five letters or more, one below); each proposal is kept
when the corrected query finds something, and shown as the entries write the word.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from guichet.search import analysis
from guichet.search.backends.base import Scope, SearchBackend
from guichet.search.documents import load_documents
from guichet.search.highlight import surface
from guichet.search.query import Alternative, AnalyzedQuery, Group, analyze_query

MIN_LENGTH = 3


@dataclass(frozen=True)
class Suggestion:
    q: str
    count: int


def _written(stem: str, backend: SearchBackend, scopes: Sequence[Scope], synthetic: bool) -> str:
    """How an entry writes the word of this stem ("machine" for "machin")."""
    query = AnalyzedQuery(stem, (Group(stem, (Alternative((stem,), (0,), stem),)),))
    for side in (synthetic, not synthetic):
        hits = backend.search(
            query, scopes=scopes, synthetic=side, require="all", sort="relevance", offset=0, limit=1
        )
        if hits:
            documents = load_documents([(hits[0].kind, hits[0].entry_id)])
            for document in documents.values():
                return surface(document, (stem,)) or stem
    return stem


def did_you_mean(
    query: AnalyzedQuery,
    *,
    backend: SearchBackend,
    scopes: Sequence[Scope],
    synthetic: bool,
    limit: int = 3,
    prepare: Callable[[AnalyzedQuery], AnalyzedQuery] | None = None,
) -> list[Suggestion]:
    """Up to ``limit`` corrected queries that find entries, the likeliest first.

    ``prepare``: what the search does to an analysed query before running it (leaving
    ubiquitous ideas out), so that a suggestion's count is what following it finds."""
    unknown = set(query.unknown)
    if not unknown:
        return []
    text, tokens = analysis.tokenize(query.text)
    fixes: list[tuple[analysis.Token, list[str]]] = []
    for token in tokens:
        if token.word not in unknown or len(token.word) < MIN_LENGTH:
            continue
        reach = 2 if len(token.word) >= analysis.TYPO_MIN_LENGTH else 1
        candidates = backend.nearby_terms(token.word, max_distance=reach, limit=limit)
        if candidates:
            fixes.append((token, candidates))
    if not fixes:
        return []
    written: dict[str, str] = {}
    suggestions: list[Suggestion] = []
    seen: set[str] = set()
    for rank in range(limit):
        pieces, last = [], 0
        for token, candidates in fixes:
            stem = candidates[min(rank, len(candidates) - 1)]
            if stem not in written:
                written[stem] = _written(stem, backend, scopes, synthetic)
            pieces += [text[last : token.start], written[stem]]
            last = token.end
        corrected = "".join([*pieces, text[last:]]).strip()
        if corrected in seen:
            continue
        seen.add(corrected)
        analysed = analyze_query(corrected, backend.known_terms)
        if prepare is not None:
            analysed = prepare(analysed)
        found = sum(
            backend.count(analysed, scopes=scopes, synthetic=synthetic, require="any").values()
        )
        if found:
            suggestions.append(Suggestion(corrected, found))
    return suggestions
