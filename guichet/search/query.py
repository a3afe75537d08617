"""From what a person typed to what the backends look for.

A query is a list of *groups*, one per idea the person typed ("chatbot", "clients").
Each group lists *alternatives*: the words as typed, the synonyms of the maintained
list (``lexicon.SYNONYM_SETS``) and, for a word of five letters or more that no entry
contains, the indexed words one typo away. Backends match a group when any of its
alternatives is found; the selector asks for every group, then for some of them.

Words that only say a need exists ("je cherche", "besoin d'aide", "mon entreprise":
``lexicon.NEED_WORDS``) are left out when the query has other words (``ignored``).

Ranking by coverage (``coverage_points``): each group weighs its rarity, BM25's
``idf = ln(1 + (N - n + 0.5) / (n + 0.5))`` over the N documents of the side searched,
n of them holding the group; an entry earns a group's full weight when it holds the group
in its title, summary or taxonomy, ``BODY_SHARE`` of it when only its long texts do.
Entries are ordered by the weight they earn (how much of the query they cover), then by
BM25. Weights are integers (``POINTS`` per unit of idf) so that every backend adds them
up exactly alike.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from guichet.search import analysis
from guichet.search.lexicon import NEED_WORDS, SYNONYM_SETS

EXACT = "exact"
SYNONYM = "synonym"
TYPO = "typo"


@dataclass(frozen=True)
class Alternative:
    """A word or phrase to look for: stems, their relative positions, the readable form."""

    stems: tuple[str, ...]
    positions: tuple[int, ...]
    text: str
    reason: str = EXACT

    @property
    def is_phrase(self) -> bool:
        return len(self.stems) > 1


@dataclass(frozen=True)
class Group:
    text: str  # what the person typed for this idea
    alternatives: tuple[Alternative, ...]

    def stems(self) -> set[str]:
        return {s for alternative in self.alternatives for s in alternative.stems}


@dataclass(frozen=True)
class AnalyzedQuery:
    text: str
    groups: tuple[Group, ...]
    unknown: tuple[str, ...] = ()  # typed words (folded) no entry contains, typos included
    ignored: tuple[str, ...] = ()  # words of the need left out (``lexicon.NEED_WORDS``)

    @property
    def is_empty(self) -> bool:
        return not self.groups

    def stems(self) -> set[str]:
        return {s for group in self.groups for s in group.stems()}

    def single_groups(self) -> list[AnalyzedQuery]:
        """One query per group (to count how many groups an entry matches)."""
        return [AnalyzedQuery(group.text, (group,)) for group in self.groups]


POINTS = 1000
BODY_SHARE = 0.75


def idf(documents: int, holding: int) -> float:
    """BM25's idf (the Lucene form, never negative)."""
    return math.log(1 + (documents - holding + 0.5) / (holding + 0.5))


def coverage_points(documents: int, holding: Sequence[int]) -> list[tuple[int, int]]:
    """Per group, the points an entry earns holding it in its title, summary or
    taxonomy, and holding it only in its long texts (see the module)."""
    out = []
    for n in holding:
        head = max(1, round(idf(documents, n) * POINTS))
        out.append((head, max(1, round(head * BODY_SHARE))))
    return out


@cache
def need_stems() -> frozenset[str]:
    return frozenset(
        analysis.stem(w) for w in analysis.words(NEED_WORDS) if not analysis.is_stop(w)
    )


@dataclass(frozen=True)
class _Phrase:
    stems: tuple[str, ...]
    positions: tuple[int, ...]
    text: str


@cache
def synonym_index() -> tuple[dict[tuple[str, ...], int], tuple[tuple[_Phrase, ...], ...], int]:
    """Phrase stems → set number, the analysed sets, and the longest phrase in stems."""
    sets: list[tuple[_Phrase, ...]] = []
    index: dict[tuple[str, ...], int] = {}
    longest = 1
    for number, phrases in enumerate(SYNONYM_SETS):
        analysed = []
        for text in phrases:
            stems, positions = analysis.phrase_terms(text)
            if not stems:
                continue
            analysed.append(_Phrase(stems, positions, text))
            index.setdefault(stems, number)
            longest = max(longest, len(stems))
        sets.append(tuple(analysed))
    return index, tuple(sets), longest


def _alternatives_for(number: int, typed: _Phrase, reason_typed: str) -> list[Alternative]:
    _, sets, _ = synonym_index()
    out = [Alternative(typed.stems, typed.positions, typed.text, reason_typed)]
    seen = {typed.stems}
    for phrase in sets[number]:
        if phrase.stems not in seen:
            seen.add(phrase.stems)
            out.append(Alternative(phrase.stems, phrase.positions, phrase.text, SYNONYM))
    return out


KnownTerms = Callable[[Iterable[str]], set[str]]


def analyze_query(text: str, known: KnownTerms | None = None) -> AnalyzedQuery:
    """Groups of alternatives for ``text``; ``known`` tells which stems the index holds.

    Without ``known`` (no index at hand), no typo is corrected.
    """
    text = (text or "").strip()
    nfc, tokens = analysis.tokenize(text)
    words = [t for t in tokens if t.stem]
    index, _, longest = synonym_index()

    # Greedy longest match of the synonym phrases over the typed words.
    spans: list[tuple[int, int, int | None]] = []  # (first word, past last word, set)
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            stems = tuple(t.stem for t in words[i : i + size])
            if stems in index:
                spans.append((i, i + size, index[stems]))
                i += size
                break
        else:
            spans.append((i, i + 1, None))
            i += 1

    # Words that only say there is a need go, unless nothing else is left.
    needs = need_stems()
    ignored = [
        words[first].word
        for first, last, _ in spans
        if last - first == 1 and words[first].stem in needs
    ]
    if ignored and len(ignored) < len(spans):
        spans = [
            (first, last, number)
            for first, last, number in spans
            if not (last - first == 1 and words[first].stem in needs)
        ]
    else:
        ignored = []

    known_stems = known({t.stem for t in words}) if known and words else set()
    corrections: dict[str, list[str]] = {}
    if known is not None:
        to_fix = {
            t.word: analysis.typo_candidates(t.word)
            for first, last, number in spans
            if number is None and last - first == 1
            for t in words[first:last]
            if t.stem not in known_stems and len(t.word) >= analysis.TYPO_MIN_LENGTH
        }
        if to_fix:
            found = known(set().union(*to_fix.values()))
            for word, candidates in to_fix.items():
                corrections[word] = sorted(
                    candidates & found, key=lambda s: (analysis.distance(s, word), s)
                )

    groups: list[Group] = []
    unknown: list[str] = []
    for first, last, number in spans:
        chosen = words[first:last]
        typed_text = nfc[chosen[0].start : chosen[-1].end]
        base = chosen[0].position
        typed = _Phrase(
            tuple(t.stem for t in chosen), tuple(t.position - base for t in chosen), typed_text
        )
        if number is not None:
            groups.append(Group(typed_text, tuple(_alternatives_for(number, typed, EXACT))))
            continue
        token = chosen[0]
        alternatives = [Alternative(typed.stems, typed.positions, typed_text)]
        if known is not None and token.stem not in known_stems:
            unknown.append(token.word)
            for fixed in corrections.get(token.word, []):
                if (fixed,) in index:
                    fixed_phrase = _Phrase((fixed,), (0,), fixed)
                    alternatives.extend(_alternatives_for(index[(fixed,)], fixed_phrase, TYPO))
                else:
                    alternatives.append(Alternative((fixed,), (0,), fixed, TYPO))
        groups.append(Group(typed_text, tuple(_dedupe(alternatives))))
    return AnalyzedQuery(text, tuple(groups), tuple(unknown), tuple(ignored))


def _dedupe(alternatives: list[Alternative]) -> list[Alternative]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for alternative in alternatives:
        if alternative.stems not in seen:
            seen.add(alternative.stems)
            out.append(alternative)
    return out
