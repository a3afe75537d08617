"""tantivy (PyPI ``tantivy``, the Rust search library's official bindings) as a baseline.

Indexed on the same texts as the other baselines (``baselines.texts``: title, summary,
description of every public entry of the six kinds), in memory, with one writer thread
(the benchmark runs on one core). The three text fields go through one analyzer:
tantivy's simple tokenizer, long tokens dropped, lower case, its French stop words, its
French (Snowball) stemmer, then ASCII folding (after the stemmer, which expects accents).
A query is its words (``baselines.words``) OR-ed over the three fields with equal
weights, ranked by tantivy's BM25.

A search does what ours does for a page, as far as tantivy can: the count per kind (a
terms aggregation on the kind), the top 20, their stored title and a highlighted snippet
of the title and of the description. It does not do what ours adds: synonyms, typo
tolerance, explanations, facets, "did you mean".
"""

from __future__ import annotations

import time
from typing import Any

import tantivy
from baselines import PAGE, Entry, texts, words

from guichet.search.documents import KINDS

ANALYZER = "fr_stem"
FIELDS = ("title", "summary", "description")
WRITER_HEAP = 128 * 1024 * 1024


def analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stopword("french"))
        .filter(tantivy.Filter.stemmer("french"))
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


class Tantivy:
    name = "tantivy"

    def __init__(self, *, synthetic: bool) -> None:
        self.synthetic = synthetic
        self.index: tantivy.Index | None = None

    def build(self) -> tuple[float, int]:
        """Index every public entry in memory; (seconds, documents)."""
        started = time.perf_counter()
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("kind", stored=True, fast=True, tokenizer_name="raw")
        builder.add_unsigned_field("entry_id", stored=True)
        for field in FIELDS:
            builder.add_text_field(field, stored=True, tokenizer_name=ANALYZER)
        self.schema = builder.build()
        index = tantivy.Index(self.schema)
        index.register_tokenizer(ANALYZER, analyzer())
        writer = index.writer(WRITER_HEAP, 1)
        rows = 0
        for kind in KINDS:
            for pk, title, summary, description in texts(kind, synthetic=self.synthetic).iterator(
                chunk_size=5_000
            ):
                writer.add_document(
                    tantivy.Document(
                        kind=kind,
                        entry_id=pk,
                        title=title or "",
                        summary=summary or "",
                        description=description or "",
                    )
                )
                rows += 1
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        self.index = index
        self.searcher = index.searcher()
        return time.perf_counter() - started, rows

    def _query(self, text: str) -> Any:
        found = words(text)
        if not found or self.index is None:
            return None
        return self.index.parse_query(" ".join(found), list(FIELDS))

    def search(self, text: str) -> tuple[dict[str, int], list[Entry], list[str]]:
        """Counts per kind, the first page and its highlighted title and snippet."""
        query = self._query(text)
        if query is None:
            return {}, [], []
        aggregation = self.searcher.aggregate(
            query, {"kinds": {"terms": {"field": "kind", "size": len(KINDS)}}}
        )
        counts = {b["key"]: b["doc_count"] for b in aggregation["kinds"]["buckets"]}
        hits = self.searcher.search(query, PAGE).hits
        titles = tantivy.SnippetGenerator.create(self.searcher, query, self.schema, "title")
        bodies = tantivy.SnippetGenerator.create(self.searcher, query, self.schema, "description")
        page: list[Entry] = []
        html: list[str] = []
        for _score, address in hits:
            doc = self.searcher.doc(address)
            page.append((doc["kind"][0], int(doc["entry_id"][0])))
            html.append(
                titles.snippet_from_doc(doc).to_html() + bodies.snippet_from_doc(doc).to_html()
            )
        return counts, page, html

    def rank(self, text: str) -> list[Entry]:
        query = self._query(text)
        if query is None:
            return []
        hits = self.searcher.search(query, PAGE, count=False).hits
        return [
            (doc["kind"][0], int(doc["entry_id"][0]))
            for doc in (self.searcher.doc(address) for _score, address in hits)
        ]
