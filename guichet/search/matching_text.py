"""Text relevance for matching: how well an entry answers a firm's need, in 0-1, with the terms.

This is the interim scorer, used until matching is switched to the search backend: it reads the
need with the search's own French analysis (``analysis.py``: folding, elisions, stop words,
Snowball stems), so a need and a catalogue text are compared stem to stem; it recognises the
use cases of the taxonomy from their keywords, and scores an entry by
its links to those use cases and by the need's terms found in its title and summary.

``text_hits(model, queryset, need, limit=...)`` is the one seam: it returns, for the entries
of ``queryset`` that answer the need, a ``TextHit`` (relevance 0-1, matched terms, use cases).
To move to the search backend, reimplement it on the backend (restricted to the queryset's
ids) and keep its contract; callers do not change.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet

from guichet.catalogue.models import UseCase
from guichet.search import analysis

# Each word looked for costs a LIKE scan of the text columns: a few only.
MIN_SQL_WORD = 4  # shorter words are not looked for in SQL ("ia" is in "social")
SQL_WORDS = 4
SQL_TOTAL_WORDS = 6
TITLE_WEIGHT = 1.0
SUMMARY_WEIGHT = 0.6
DESCRIPTION_WEIGHT = 0.3  # a word lost in a long text says less than one in the title
USE_CASE_WEIGHT = 0.5
STEM_CACHE = 50_000
DESCRIPTION_CHARS = 2_000  # of a long description, the start only is read
# Words of a need that say "I want help", not what with: dropped on top of the search's stop words.
NEED_NOISE = frozenset(
    analysis.words(
        "besoin besoins veux voudrais voudrait souhaite souhaitons cherche cherchons aimerais "
        "aider aide entreprise entreprises societe mieux meilleur afin ainsi alors faire fait"
    )
)
STOP_WORDS = analysis.STOP_WORDS | NEED_NOISE


def fold(text: str) -> str:
    """The search's folding (``analysis.fold``): ``L'Intelligence`` → ``l intelligence``."""
    return analysis.fold(text)


def words(text: str) -> list[str]:
    """The folded words of ``text`` that carry meaning, as the search reads them."""
    return [w for w in analysis.words(text) if w not in STOP_WORDS]


@functools.lru_cache(maxsize=STEM_CACHE)
def _stems(text: str) -> tuple[str, ...]:
    return tuple(analysis.stem(w) for w in words(text))


def stems(text: str) -> list[str]:
    """The search's stems of ``text``'s meaningful words, in order; cached, texts recur."""
    return list(_stems(text))


@dataclass(frozen=True)
class UseCaseMatch:
    code: str
    name: str
    keywords: tuple[str, ...]  # the keywords found in the need
    # Every keyword of the use case, stemmed: an entry without use-case links (a scheme)
    # is taken to be about the use case when its text holds one of them.
    all_keywords: tuple[tuple[str, ...], ...] = ()
    sql_keywords: tuple[str, ...] = ()  # every keyword as written, lower case, for SQL

    def mentioned_in(self, text_stems: list[str]) -> bool:
        return any(_contains(text_stems, keyword) for keyword in self.all_keywords)


@dataclass(frozen=True)
class NeedAnalysis:
    text: str
    terms: tuple[str, ...]  # stems, in order, without repeats
    shown: dict[str, str]  # stem → the need's own word, to show matched terms
    sql_words: tuple[str, ...]  # a few long words, stemmed but not folded, for SQL prefixes
    use_cases: tuple[UseCaseMatch, ...]

    @property
    def is_empty(self) -> bool:
        return not self.terms


def _contains(sequence: list[str], part: list[str] | tuple[str, ...]) -> bool:
    width = len(part)
    part = list(part)
    return any(sequence[i : i + width] == part for i in range(len(sequence) - width + 1))


def analyse_need(text: str) -> NeedAnalysis:
    """The need's terms and the use cases whose keywords (or whole name) it contains."""
    raw_words = words(text)
    need_stems = [analysis.stem(w) for w in raw_words]
    shown: dict[str, str] = {}
    for stem, word in zip(need_stems, raw_words, strict=True):
        shown.setdefault(stem, word)
    matches = []
    for code, name, keywords in UseCase.objects.values_list("code", "name", "keywords"):
        stemmed = {k: tuple(stems(k)) for k in keywords or ()}
        found = tuple(k for k, ks in stemmed.items() if ks and _contains(need_stems, list(ks)))
        name_stems = set(stems(name))
        if found or (len(name_stems) > 1 and name_stems <= set(need_stems)):
            all_keywords = tuple(ks for ks in (*stemmed.values(), tuple(stems(name))) if ks)
            sql_keywords = tuple(k.lower() for k in keywords or ())
            matches.append(UseCaseMatch(code, name, found or (name,), all_keywords, sql_keywords))
    originals = sorted(
        {
            w
            for w in re.findall(r"\w+", text.lower())
            if len(w) >= MIN_SQL_WORD and fold(w).strip() not in STOP_WORDS
        },
        key=lambda w: (-len(w), w),
    )
    return NeedAnalysis(
        text=text,
        terms=tuple(shown),
        shown=shown,
        sql_words=tuple(dict.fromkeys(analysis.stem(w) for w in originals[:SQL_WORDS])),
        use_cases=tuple(matches),
    )


@dataclass(frozen=True)
class TextHit:
    id: int
    relevance: float  # 0-1
    matched_terms: tuple[str, ...]
    use_cases: tuple[UseCaseMatch, ...]


def score_text(
    need: NeedAnalysis,
    *,
    title: str,
    summary: str = "",
    use_case_codes: frozenset[str] | None = None,
    description: str = "",
) -> tuple[float, tuple[str, ...], tuple[UseCaseMatch, ...]]:
    """Relevance 0-1 of an entry to the need, the need's words it contains, its use cases.

    ``use_case_codes`` are the entry's use-case links; ``None`` for a kind without such links
    (schemes), whose use cases are then read from its text.
    """
    if need.is_empty:
        return 0.0, (), ()
    title_stems, summary_stems = stems(title), stems(summary)
    in_title = set(title_stems)
    in_summary = set(summary_stems) - in_title
    in_description = set(stems(description[:DESCRIPTION_CHARS])) - in_title - in_summary
    if use_case_codes is None:
        use_case_codes = frozenset(
            u.code
            for u in need.use_cases
            if u.mentioned_in(title_stems) or u.mentioned_in(summary_stems)
        )
    weight = sum(
        TITLE_WEIGHT
        if t in in_title
        else SUMMARY_WEIGHT
        if t in in_summary
        else DESCRIPTION_WEIGHT
        if t in in_description
        else 0.0
        for t in need.terms
    )
    coverage = weight / len(need.terms)
    found = in_title | in_summary | in_description
    matched = tuple(need.shown[t] for t in need.terms if t in found)
    use_cases = tuple(u for u in need.use_cases if u.code in use_case_codes)
    if need.use_cases:
        relevance = USE_CASE_WEIGHT * bool(use_cases) + (1 - USE_CASE_WEIGHT) * coverage
    else:
        relevance = coverage
    return min(1.0, max(0.0, relevance)), matched, use_cases


def text_hits(
    model: type[Model], queryset: QuerySet, need: NeedAnalysis, *, limit: int
) -> dict[int, TextHit]:
    """Entries of ``queryset`` answering the need, by id, at most ``limit`` looked at."""
    if need.is_empty:
        return {}
    has_use_cases = any(f.name == "use_cases" for f in model._meta.get_fields())
    wanted = Q()
    sql_words = list(need.sql_words)
    if not has_use_cases:
        # Look for the recognised use cases' own keywords too ("agent conversationnel" in a
        # scheme's text answers a need for a "chatbot").
        sql_words += [
            keyword
            for use_case in need.use_cases
            for keyword in use_case.sql_keywords
            if len(keyword) >= MIN_SQL_WORD
        ]
    sql_words = list(dict.fromkeys(sql_words))[:SQL_TOTAL_WORDS]
    text_fields = ["title", "summary"]
    if any(f.name == "promise" for f in model._meta.get_fields()):
        text_fields.append("promise")
    # Entries linked to use cases are found through their links; their titles only are
    # scanned for the need's words. Schemes have no such links: their short texts are scanned.
    searched = ["title"] if has_use_cases else text_fields
    for word in sql_words:
        for name in searched:
            wanted |= Q(**{f"{name}__icontains": word})
    if has_use_cases and need.use_cases:
        wanted |= Q(pk__in=_use_case_links(model, [u.code for u in need.use_cases]))
    if not wanted:
        return {}
    rows = list(queryset.filter(wanted).order_by("-pk").values("pk", *text_fields)[:limit])
    links = _use_cases_of(model, [row["pk"] for row in rows]) if has_use_cases and rows else {}
    hits = {}
    for row in rows:
        summary = " ".join(filter(None, (row.get(name) for name in text_fields[1:])))
        relevance, matched, use_cases = score_text(
            need,
            title=row["title"],
            summary=summary,
            use_case_codes=links.get(row["pk"], frozenset()) if has_use_cases else None,
        )
        if relevance > 0:
            hits[row["pk"]] = TextHit(row["pk"], relevance, matched, use_cases)
    return hits


def _through(model: type[Model]) -> tuple[type[Model], str]:
    through = model._meta.get_field("use_cases").remote_field.through  # type: ignore[union-attr]
    return through, f"{model._meta.model_name}_id"


def _use_case_links(model: type[Model], codes: list[str]) -> QuerySet:
    through, column = _through(model)
    return through._default_manager.filter(usecase_id__in=codes).values(column)


def _use_cases_of(model: type[Model], ids: list[int]) -> dict[int, frozenset[str]]:
    through, column = _through(model)
    links: dict[int, set[str]] = {}
    for entry_id, code in through._default_manager.filter(**{f"{column}__in": ids}).values_list(
        column, "usecase_id"
    ):
        links.setdefault(entry_id, set()).add(code)
    return {key: frozenset(value) for key, value in links.items()}
