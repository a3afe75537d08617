"""Why a result came up, and where: matched terms per field, <mark> highlights, snippets.

Works on the raw texts of the documents (``documents.load_documents``) with the same
analysis as the index, so it is the same on every backend. Output HTML is escaped
everywhere except the ``<mark>`` tags it adds.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from guichet.search import analysis
from guichet.search.documents import Document
from guichet.search.query import SYNONYM, TYPO, AnalyzedQuery

FIELDS = ("title", "summary", "tags", "body")
FIELD_LABELS = {
    "title": "titre",
    "summary": "résumé",
    "tags": "thématiques",
    "body": "description",
}
# What the API calls the fields (the index's "body" is the description and the rest).
FIELD_NAMES = {"title": "title", "summary": "summary", "tags": "tags", "body": "description"}
SNIPPET_WORDS = 30
SNIPPET_SCAN = 4000  # characters of a field looked at for a passage


@dataclass(frozen=True)
class Match:
    """One idea of the query found in a result."""

    term: str  # as typed
    matched: tuple[str, ...]  # the words found (synonyms, corrected spelling...)
    fields: tuple[str, ...]  # API field names, title first
    reason: str  # "exact", "synonym" or "typo"

    @property
    def field_labels(self) -> list[str]:
        inverse = {v: k for k, v in FIELD_NAMES.items()}
        return [FIELD_LABELS[inverse[f]] for f in self.fields]

    def as_dict(self) -> dict[str, object]:
        return {
            "term": self.term,
            "matched": list(self.matched),
            "fields": list(self.fields),
            "reason": self.reason,
        }


def _contains(terms: list[str], present: set[str], stems: tuple[str, ...]) -> bool:
    """Whether ``terms`` (whose set is ``present``) hold the phrase ``stems``."""
    if not present.issuperset(stems):
        return False
    if len(stems) == 1:
        return True
    n = len(stems)
    return any(
        terms[i] == stems[0] and tuple(terms[i : i + n]) == stems for i in range(len(terms) - n + 1)
    )


def explain(
    query: AnalyzedQuery, document: Document, stored: dict[str, list[str]] | None = None
) -> list[Match]:
    """For each group of the query, which of its alternatives the document holds, where.

    ``stored``: the terms of each field as the index holds them, when the backend gives
    them (``SearchBackend.stored_terms``), so that they need not be analysed again.
    """
    terms = stored or {f: analysis.terms(getattr(document, f)) for f in FIELDS}
    present = {f: set(terms[f]) for f in FIELDS}
    matches = []
    for group in query.groups:
        found: dict[str, None] = {}
        fields: dict[str, None] = {}
        reasons = []
        for alternative in group.alternatives:
            where = [f for f in FIELDS if _contains(terms[f], present[f], alternative.stems)]
            if not where:
                continue
            word = alternative.text
            if alternative.reason == TYPO:
                word = surface(document, alternative.stems, where) or word
            found[word] = None
            reasons.append(alternative.reason)
            for f in where:
                fields[FIELD_NAMES[f]] = None
        if found:
            reason = "exact" if "exact" in reasons else (SYNONYM if SYNONYM in reasons else TYPO)
            ordered = tuple(FIELD_NAMES[f] for f in FIELDS if FIELD_NAMES[f] in fields)
            matches.append(Match(group.text, tuple(found), ordered, reason))
    return matches


def surface(document: Document, stems: tuple[str, ...], fields: Sequence[str] = FIELDS) -> str:
    """How the document writes a stem (for a corrected word: "machine", not "machin");
    ``fields``: where to look (those known to hold it, when known)."""
    stem = stems[0]
    # A stem starts its folded word: only the words starting alike are stemmed, found in
    # the text folded character by character (no need to map the whole text for a word).
    starting = re.compile(rf"(?<![^\W_]){re.escape(stem[:3])}[^\W_]*")
    for field in fields:
        text = unicodedata.normalize("NFC", getattr(document, field) or "")
        folded, origin = analysis.fold_chars(text)
        for match in starting.finditer(folded):
            begin, end = match.start(), match.end()
            if origin is not None:
                begin, end = origin[begin], origin[end - 1] + 1
            word = text[begin:end]
            if analysis.terms(word) == [stem]:
                return word.lower()
        # A word only ``tokenize`` reads whole (a dotted acronym, say).
        text, tokens = analysis.tokenize(text)
        for token in tokens:
            if token.stem == stem:
                return text[token.start : token.end].lower()
    return ""


@functools.lru_cache(maxsize=64)
def _phrases(query: AnalyzedQuery) -> dict[str, list[tuple[str, ...]]]:
    """The query's phrases by their first stem, longest first (asked for every result)."""
    starting: dict[str, list[tuple[str, ...]]] = {}
    every = {a.stems for g in query.groups for a in g.alternatives}
    for phrase in sorted(every, key=lambda p: (-len(p), p)):
        starting.setdefault(phrase[0], []).append(phrase)
    return starting


def _spans(
    tokens: list[analysis.Token], starting: dict[str, list[tuple[str, ...]]]
) -> list[tuple[int, int]]:
    """Character spans of the query's phrases among ``tokens`` (stop words skipped);
    at each word, the longest phrase starting there wins."""
    words = [t for t in tokens if t.stem]
    spans = []
    i = 0
    while i < len(words):
        for phrase in starting.get(words[i].stem, ()):
            n = len(phrase)
            if tuple(t.stem for t in words[i : i + n]) == phrase:
                spans.append((words[i].start, words[i + n - 1].end))
                i += n
                break
        else:
            i += 1
    return spans


def mark(text: str, query: AnalyzedQuery) -> SafeString:
    """``text`` escaped, the words of the query wrapped in <mark>."""
    text, tokens = analysis.tokenize(text or "")
    return _marked(text, tokens, query, 0, len(text))


def _marked(
    text: str, tokens: list[analysis.Token], query: AnalyzedQuery, begin: int, finish: int
) -> SafeString:
    """``text[begin:finish]`` escaped, the query's words among ``tokens`` marked."""
    out: list[str] = []
    last = begin
    for start, end in _spans(tokens, _phrases(query)):
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:finish]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def snippet(document: Document, query: AnalyzedQuery, words: int = SNIPPET_WORDS) -> SafeString:
    """A short passage of the summary or description, around the first word of the query."""
    stems = query.stems()
    for field in ("summary", "body"):
        text = (getattr(document, field) or "")[:SNIPPET_SCAN]
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        for line in lines:
            if stems.intersection(analysis.terms(line)):
                return _window(line, query, stems, words)
    fallback = (document.summary or document.body or "").strip().splitlines()
    return _window(fallback[0] if fallback else "", query, stems, words)


def _window(text: str, query: AnalyzedQuery, stems: set[str], words: int) -> SafeString:
    text, tokens = analysis.tokenize(text)
    if len(tokens) <= words:
        return _marked(text, tokens, query, 0, len(text))
    first = next((i for i, t in enumerate(tokens) if t.stem in stems), 0)
    start = max(0, first - words // 3)
    end = min(len(tokens), start + words)
    piece = _marked(text, tokens[start:end], query, tokens[start].start, tokens[end - 1].end)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(tokens) else ""
    return mark_safe(prefix + piece + suffix)  # noqa: S308 - _marked escapes
