"""Two lexical baselines our search is measured against, on the same texts (SQLite only).

- ``fts5_default``: FTS5 with its default tokenizer (``unicode61``: case and accent
  folding, nothing else) over the raw texts; the query's words OR-ed, ranked by ``bm25``.
- ``fts5_french``: FTS5 over texts that went through our French analysis first
  (folding, elisions, the Snowball stop words, Snowball French stemming: ``analysis.terms``),
  the query analysed the same way, its stems OR-ed, ranked by ``bm25``. No synonyms, no
  typo tolerance, no field weights, no need stop words: what "FTS5 with French stemming"
  gives out of the box.

Both index each public entry's title, summary (and a scheme's promise) and description,
with equal weights, and rank every kind together, like our search's unified results.
"""

# ruff: noqa: S608 - table names are this module's constants; every value is bound.

from __future__ import annotations

import re
from collections.abc import Iterator

from django.db import connection
from django.db.models import Value
from django.db.models.functions import Coalesce, Concat

from guichet.search import analysis
from guichet.search.documents import KINDS

Entry = tuple[str, int]
PAGE = 20


def entry_texts(kind: str, *, synthetic: bool) -> Iterator[tuple[int, str, str, str]]:
    """(id, title, summary, description) of the public entries of ``kind``."""
    from guichet.search.selectors import public_entries

    entries = public_entries(kind, synthetic=synthetic).order_by()
    if kind == "organisations":
        rows = entries.values_list("pk", "name", "description")
        for pk, name, description in rows.iterator():
            yield pk, name or "", "", description or ""
        return
    if kind == "schemes":
        entries = entries.annotate(
            b_summary=Concat("summary", Value(" "), Coalesce("promise", Value("")))
        )
    else:
        entries = entries.annotate(b_summary=Coalesce("summary", Value("")))
    for pk, title, summary, description in entries.values_list(
        "pk", "title", "b_summary", "description"
    ).iterator():
        yield pk, title or "", summary or "", description or ""


class Fts5Baseline:
    """A throw-away FTS5 table over the public entries and its OR-ed bm25 ranking."""

    def __init__(self, name: str, *, french: bool, synthetic: bool = False) -> None:
        self.name = name
        self.french = french
        self.synthetic = synthetic
        self.table = "relevance_" + re.sub(r"\W", "_", name)

    def _text(self, text: str) -> str:
        return analysis.index_text(text) if self.french else text

    def build(self) -> int:
        """(Re)create the table; returns the number of entries indexed."""
        rows = []
        for number, kind in enumerate(KINDS):
            for pk, title, summary, description in entry_texts(kind, synthetic=self.synthetic):
                rows.append(
                    (number, pk, self._text(title), self._text(summary), self._text(description))
                )
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.table}")
            cursor.execute(
                f"CREATE VIRTUAL TABLE {self.table} USING fts5("
                "kind UNINDEXED, entry_id UNINDEXED, title, summary, description)"
            )
            cursor.executemany(
                f"INSERT INTO {self.table} (kind, entry_id, title, summary, description) "
                "VALUES (%s, %s, %s, %s, %s)",
                rows,
            )
        return len(rows)

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.table}")

    def expression(self, text: str) -> str:
        """The FTS5 query: the words (or stems) OR-ed, each quoted."""
        if self.french:
            found = analysis.unique(analysis.terms(text))
        else:
            found = analysis.unique(w for w in re.findall(r"\w+", text.lower()) if len(w) >= 2)
        return " OR ".join('"' + w.replace('"', '""') + '"' for w in found)

    def rank(self, text: str, limit: int = PAGE) -> list[Entry]:
        """The first ``limit`` entries, best first."""
        match = self.expression(text)
        if not match:
            return []
        kinds = list(KINDS)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT kind, entry_id FROM {self.table} WHERE {self.table} MATCH %s "
                "ORDER BY rank, kind, entry_id LIMIT %s",
                [match, limit],
            )
            return [(kinds[int(k)], int(pk)) for k, pk in cursor.fetchall()]
