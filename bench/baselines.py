"""The two baselines our search is compared with, on the same data and in the same process.

- ``Icontains``: what a Django developer writes first: ``title/summary/description
  __icontains`` each word, OR across words and fields, over the same kinds of public
  entries. No ranking: newest first; the kinds are merged round-robin.
- ``Fts5Default``: a plain FTS5 table over the same texts with FTS5's default tokenizer
  (``unicode61``: case folding and diacritics removal, no elisions, no stop words, no
  stemming, no synonyms, no typo tolerance), queried with the words OR-ed and ranked by
  FTS5's ``bm25`` with equal column weights.

Each returns, like ``guichet.search.selectors.search``, the count per kind and the first
page (20 entries); with ``kind="solutions"`` it also counts that kind's facets through
``catalogue.filters.facet_counts`` (the same definition our search uses).
"""

from __future__ import annotations

import re
import time
from functools import reduce
from operator import or_
from typing import Any

from django.db import connection
from django.db.models import F, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat

from guichet.catalogue import filters
from guichet.search.documents import KINDS
from guichet.search.selectors import public_entries

PAGE = 20
FTS_TABLE = "bench_fts_default"
MATCH_KINDS = ("solutions", "schemes", "trainings")
Entry = tuple[str, int]


def words(text: str) -> list[str]:
    """The query's words as a plain implementation sees them (split on non-letters)."""
    return [w for w in re.findall(r"\w+", text) if len(w) >= 2]


def _text_fields(kind: str) -> tuple[Any, Any, Any]:
    """(title, summary, description) expressions of a kind."""
    if kind == "organisations":
        return "name", "description", Value("")
    if kind == "schemes":
        return "title", Concat("summary", Value(" "), Coalesce("promise", Value(""))), "description"
    return "title", "summary", "description"


def texts(kind: str, *, synthetic: bool) -> QuerySet:
    """(pk, title, summary, description) of the public entries of a kind: what every
    baseline indexes."""
    title, summary, description = _text_fields(kind)
    return (
        public_entries(kind, synthetic=synthetic)
        .order_by()
        .annotate(b_title=F(title) if isinstance(title, str) else title)
        .annotate(b_summary=F(summary) if isinstance(summary, str) else summary)
        .annotate(b_description=F(description) if isinstance(description, str) else description)
        .values_list("pk", "b_title", "b_summary", "b_description")
    )


def _round_robin(lists: list[list[Entry]], limit: int) -> list[Entry]:
    merged: list[Entry] = []
    for row in range(max((len(items) for items in lists), default=0)):
        merged.extend(items[row] for items in lists if row < len(items))
    return merged[:limit]


class Icontains:
    name = "icontains"

    def __init__(self, *, synthetic: bool) -> None:
        self.synthetic = synthetic

    def _matching(self, kind: str, text: str) -> QuerySet:
        entries = public_entries(kind, synthetic=self.synthetic)
        found = words(text)
        if not found:
            return entries.none()
        fields = (
            ("name", "description")
            if kind == "organisations"
            else ("title", "summary", "description")
        )
        condition = reduce(or_, (Q(**{f"{f}__icontains": w}) for w in found for f in fields))
        return entries.filter(condition)

    def search(self, text: str, *, kind: str = "") -> tuple[dict[str, int], list[Entry], Any]:
        kinds = [kind] if kind else list(KINDS)
        counts: dict[str, int] = {}
        pages: list[list[Entry]] = []
        for k in kinds:
            matching = self._matching(k, text)
            counts[k] = matching.count()
            pages.append(
                [(k, pk) for pk in matching.order_by("-pk").values_list("pk", flat=True)[:PAGE]]
            )
        facets = None
        if kind:
            facets = filters.facet_counts(filters.FILTERSETS[kind], self._matching(kind, text), {})
        return counts, _round_robin(pages, PAGE), facets

    def rank(self, text: str) -> list[Entry]:
        return self.search(text)[1]

    def match(self, need: str) -> dict[str, list[int]]:
        return {
            k: list(self._matching(k, need).order_by("-pk").values_list("pk", flat=True)[:PAGE])
            for k in MATCH_KINDS
        }


class Fts5Default:
    name = "FTS5 default"

    def __init__(self, *, synthetic: bool) -> None:
        self.synthetic = synthetic

    def build(self) -> tuple[float, int]:
        """(Re)create the plain FTS5 table over the public entries; (seconds, rows)."""
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
            cursor.execute(
                f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
                f"kind UNINDEXED, entry_id UNINDEXED, title, summary, description)"
            )
            rows = 0
            for kind in KINDS:
                entries = texts(kind, synthetic=self.synthetic)
                sql, params = entries.query.sql_with_params()
                # Identifiers are this module's constants and Django's own SQL; values are bound.
                cursor.execute(
                    f"INSERT INTO {FTS_TABLE}(kind, entry_id, title, summary, description) "  # noqa: S608
                    f"SELECT %s, * FROM ({sql})",
                    [kind, *params],
                )
                rows += cursor.rowcount
        return time.perf_counter() - started, rows

    @staticmethod
    def expression(text: str) -> str:
        return " OR ".join(f'"{w}"' for w in words(text))

    def _ids(self, match: str, kind: str, limit: int) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT entry_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND kind = %s "  # noqa: S608
                "ORDER BY rank LIMIT %s",
                [match, kind, limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def search(self, text: str, *, kind: str = "") -> tuple[dict[str, int], list[Entry], Any]:
        match = self.expression(text)
        if not match:
            return {}, [], None
        where = f"{FTS_TABLE} MATCH %s" + (" AND kind = %s" if kind else "")
        params: list[Any] = [match, kind] if kind else [match]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT kind, COUNT(*) FROM {FTS_TABLE} WHERE {where} GROUP BY kind",  # noqa: S608
                params,
            )
            counts = dict(cursor.fetchall())
            cursor.execute(
                f"SELECT kind, entry_id FROM {FTS_TABLE} WHERE {where} "  # noqa: S608
                f"ORDER BY rank LIMIT {PAGE}",
                params,
            )
            page = [(k, int(pk)) for k, pk in cursor.fetchall()]
        facets = None
        if kind:
            ids = RawSQL(  # noqa: S611 (constant SQL, values bound)
                f"SELECT entry_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND kind = %s",  # noqa: S608
                [match, kind],
            )
            entries = public_entries(kind, synthetic=self.synthetic).filter(pk__in=ids)
            facets = filters.facet_counts(filters.FILTERSETS[kind], entries, {})
        return counts, page, facets

    def rank(self, text: str) -> list[Entry]:
        return self.search(text)[1]

    def match(self, need: str) -> dict[str, list[int]]:
        expression = self.expression(need)
        if not expression:
            return {k: [] for k in MATCH_KINDS}
        return {k: self._ids(expression, k, PAGE) for k in MATCH_KINDS}
