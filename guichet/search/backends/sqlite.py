"""The embedded default: SQLite FTS5 over analysed text, ranked by BM25.

See ``sqlite_schema.py`` for the table and the triggers that keep it in step.
"""

# ruff: noqa: S608, S611 - SQL assembled from this module's constants and identifiers taken
# from the code (model tables, columns); every value travels as a query parameter.

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils import timezone

from guichet.search import analysis
from guichet.search.backends import sqlite_schema as schema
from guichet.search.backends.base import Hit, Progress, Require, Scope, SearchBackend
from guichet.search.documents import ID_BITS, ID_SPAN, KINDS, SOURCES, split_doc_number
from guichet.search.query import AnalyzedQuery, coverage_points

FTS = schema.FTS_TABLE
MASK = ID_SPAN - 1
REBUILD_BATCH = 5000


def compile_match(query: AnalyzedQuery, require: Require) -> str:
    """The FTS5 expression: groups of alternatives (phrases), all or any of the groups.

    The index holds no stop word, so a phrase's stems follow each other there.
    """
    groups = []
    for group in query.groups:
        alternatives = [schema.quote_phrase(a.stems) for a in group.alternatives]
        groups.append(
            alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"
        )
    return (" AND " if require == "all" else " OR ").join(groups)


HEAD = "{" + " ".join(schema.HEAD_FIELDS) + "}"


def compile_head_match(query: AnalyzedQuery) -> str:
    """The FTS5 expression of a one-group query, in the title, summary or taxonomy only."""
    return f"{HEAD} : ({compile_match(query, 'all')})"


def _side_documents(cursor: Any, *, synthetic: bool) -> int:
    """Documents of one side (real or synthetic entries) in the index: the N of the idf."""
    ranges = [s.doc_range(synthetic=synthetic) for s in SOURCES]
    cursor.execute(
        f"SELECT COUNT(*) FROM {FTS} WHERE "
        + " OR ".join(["(rowid >= %s AND rowid < %s)"] * len(ranges)),
        [bound for pair in ranges for bound in pair],
    )
    return int(cursor.fetchone()[0])


class SQLiteBackend(SearchBackend):
    name = "sqlite"

    # --- keeping the index -------------------------------------------------------------------

    def install(self) -> None:
        with connection.cursor() as cursor:
            if not schema.table_exists(cursor):
                return
            for name in schema.installed_triggers(cursor):
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            for statement in schema.trigger_statements():
                cursor.execute(statement)

    def uninstall(self) -> None:
        with connection.cursor() as cursor:
            for name in schema.installed_triggers(cursor):
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")

    def index(self, kind: str, ids: Iterable[int]) -> None:
        source = KINDS[kind]
        with connection.cursor() as cursor:
            for entry_id in ids:
                cursor.execute(schema.delete_sql(source, "%s"), [entry_id, entry_id])
                cursor.execute(schema.insert_sql(source, "e.id = %s"), [entry_id])
            cursor.execute(schema.bump_sql())

    def unindex(self, kind: str, ids: Iterable[int]) -> None:
        source = KINDS[kind]
        with connection.cursor() as cursor:
            for entry_id in ids:
                cursor.execute(schema.delete_sql(source, "%s"), [entry_id, entry_id])
            cursor.execute(schema.bump_sql())

    def rebuild(self, *, progress: Progress | None = None) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS}")
            for source in SOURCES:
                cursor.execute(f"SELECT MIN(id), MAX(id) FROM {source.table}")
                low, high = cursor.fetchone()
                if low is None:
                    continue
                for start in range(low, high + 1, REBUILD_BATCH):
                    end = start + REBUILD_BATCH
                    cursor.execute(
                        schema.insert_sql(source, "e.id >= %s AND e.id < %s"), [start, end]
                    )
                    if progress:
                        cursor.execute(
                            f"SELECT COUNT(*) FROM {source.table} WHERE id >= %s AND id < %s",
                            [start, end],
                        )
                        progress(cursor.fetchone()[0])
            cursor.execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('optimize')")
            cursor.execute(schema.bump_sql())
            cursor.execute(f"SELECT COUNT(*) FROM {FTS}")
            return int(cursor.fetchone()[0])

    def size(self) -> dict[str, int]:
        counts = dict.fromkeys(KINDS, 0)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid >> {ID_BITS + 1}, COUNT(*) FROM {FTS} GROUP BY 1")
            for number, count in cursor.fetchall():
                counts[next(s.kind for s in SOURCES if s.number == number)] = count
        return counts

    def check(self) -> list[str]:
        with connection.cursor() as cursor:
            if not schema.table_exists(cursor):
                return ["La table d'index search_fts n'existe pas : lancez « guichet migrate »."]
            missing = schema.expected_triggers() - schema.installed_triggers(cursor)
        if missing:
            return [
                f"{len(missing)} déclencheurs manquent ({', '.join(sorted(missing)[:3])}…) : "
                "lancez « guichet search-index --rebuild »."
            ]
        return []

    # --- reading ----------------------------------------------------------------------------

    def _scope(self, scope: Scope, *, synthetic: bool, match: str | None) -> tuple[str, list[Any]]:
        low, high = KINDS[scope.kind].doc_range(synthetic=synthetic)
        where = ["rowid >= %s", "rowid < %s"]
        params: list[Any] = [low, high]
        if match:
            where.insert(0, f"{FTS} MATCH %s")
            params.insert(0, match)
        if scope.allowed is not None:
            sql, allowed_params = scope.allowed.query.sql_with_params()
            where.append(f"(rowid & {MASK}) IN ({sql})")
            params += list(allowed_params)
        rank = f"bm25({FTS}, {schema.WEIGHTS})" if match else "0"
        return (
            f"SELECT rowid AS doc, {rank} AS rank, deadline, published FROM {FTS} "
            f"WHERE {' AND '.join(where)}",
            params,
        )

    def search(
        self,
        query: AnalyzedQuery,
        *,
        scopes: Sequence[Scope],
        synthetic: bool,
        require: Require,
        sort: str,
        offset: int,
        limit: int,
    ) -> list[Hit]:
        if not scopes:
            return []
        match = compile_match(query, require) if not query.is_empty else None
        params: list[Any] = []
        # Groups matched (for "complete") and coverage points (for the order), per entry.
        matched, coverage, full = "1", "0", 1
        groups = len(query.groups) if match and require == "any" else 1
        if groups > 1:
            matched = " + ".join(
                f"(doc IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s))" for _ in query.groups
            )
            params += [compile_match(one, "all") for one in query.single_groups()]
        if match and sort == "relevance":  # the other sorts do not read coverage
            points = self.coverage_points(query, synthetic=synthetic)
            full = sum(head for head, _ in points)
            parts = []
            for one, (head, body) in zip(query.single_groups(), points, strict=True):
                parts.append(
                    f"(CASE WHEN doc IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s) THEN %s "
                    f"WHEN doc IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s) THEN %s "
                    "ELSE 0 END)"
                )
                params += [compile_head_match(one), head, compile_match(one, "all"), body]
            coverage = " + ".join(parts)
        parts = []
        for scope in scopes:
            sql, scope_params = self._scope(scope, synthetic=synthetic, match=match)
            parts.append(sql)
            params += scope_params
        order, order_params = self._order(
            sort if match else ("newest" if sort == "relevance" else sort)
        )
        params += order_params
        sql = (
            f"SELECT doc, rank, {matched} AS matched, {coverage} AS coverage "
            f"FROM ({' UNION ALL '.join(parts)}) ORDER BY {order} LIMIT %s OFFSET %s"
        )
        params += [limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        hits = []
        for doc, rank, found, points_earned in rows:
            source, entry_id, is_synthetic = split_doc_number(doc)
            hits.append(
                Hit(
                    source.kind,
                    entry_id,
                    -float(rank),
                    is_synthetic,
                    found == groups,
                    int(points_earned) / full if full > 1 else 1.0,
                )
            )
        return hits

    def coverage_points(self, query: AnalyzedQuery, *, synthetic: bool) -> list[tuple[int, int]]:
        """Each group's points (``query.coverage_points``) from the documents of the side
        holding it, counted by FTS5 (remembered while the index version holds)."""
        ranges = [s.doc_range(synthetic=synthetic) for s in SOURCES]
        side = " OR ".join(["(rowid >= %s AND rowid < %s)"] * len(ranges))
        bounds = [bound for pair in ranges for bound in pair]
        memo = self._memo("_search_group_counts")
        holding = []
        with connection.cursor() as cursor:
            total = f"{int(synthetic)}"
            if total not in memo:
                memo[total] = _side_documents(cursor, synthetic=synthetic)
            for one in query.single_groups():
                match = compile_match(one, "all")
                key = f"{int(synthetic)} {match}"
                if key not in memo:
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {FTS} WHERE {FTS} MATCH %s AND ({side})",
                        [match, *bounds],
                    )
                    memo[key] = int(cursor.fetchone()[0])
                holding.append(memo[key])
        return coverage_points(memo[total], holding)

    @staticmethod
    def _order(sort: str) -> tuple[str, list[Any]]:
        if sort == "newest":
            return "published DESC NULLS LAST, doc DESC", []
        if sort == "closing":
            now = connection.ops.adapt_datetimefield_value(timezone.now())
            return (
                "CASE WHEN deadline >= %s THEN 0 WHEN deadline IS NULL THEN 1 ELSE 2 END, "
                "CASE WHEN deadline >= %s THEN deadline END ASC, deadline DESC, rank, doc",
                [now, now],
            )
        return "coverage DESC, rank ASC, doc ASC", []

    def count(
        self, query: AnalyzedQuery, *, scopes: Sequence[Scope], synthetic: bool, require: Require
    ) -> dict[str, int]:
        if not scopes:
            return {}
        match = compile_match(query, require) if not query.is_empty else None
        parts, params = [], []
        for scope in scopes:
            sql, scope_params = self._scope(scope, synthetic=synthetic, match=match)
            parts.append(f"SELECT %s, COUNT(*) FROM ({sql})")
            params += [scope.kind, *scope_params]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            return {kind: int(n) for kind, n in cursor.fetchall()}

    def matching_ids(
        self, query: AnalyzedQuery, *, kind: str, synthetic: bool, require: Require
    ) -> Any:
        low, high = KINDS[kind].doc_range(synthetic=synthetic)
        if query.is_empty:
            return RawSQL(
                f"SELECT rowid & {MASK} FROM {FTS} WHERE rowid >= %s AND rowid < %s", [low, high]
            )
        return RawSQL(
            f"SELECT rowid & {MASK} FROM {FTS} WHERE {FTS} MATCH %s AND rowid >= %s AND rowid < %s",
            [compile_match(query, require), low, high],
        )

    def stored_terms(
        self, pairs: Iterable[tuple[str, int]]
    ) -> dict[tuple[str, int], dict[str, list[str]]]:
        wanted = {
            KINDS[kind].doc_range(synthetic=synthetic)[0] + entry_id: (kind, entry_id)
            for kind, entry_id in pairs
            for synthetic in (False, True)
        }
        if not wanted:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, {', '.join(schema.FIELDS)} FROM {FTS} "
                "WHERE rowid IN (SELECT value FROM json_each(%s))",
                [json.dumps(sorted(wanted))],
            )
            rows = cursor.fetchall()
        return {
            wanted[row[0]]: {
                field: (text or "").split()
                for field, text in zip(schema.FIELDS, row[1:], strict=True)
            }
            for row in rows
        }

    def version(self) -> Any:
        """FTS5's structure record (its cookie moves at every committed change) and this
        connection's change counter (for its own writes, committed or not)."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT block FROM {FTS}_data WHERE id = 10")
            row = cursor.fetchone()
        raw = connection.connection
        return (bytes(row[0]) if row else b"", id(raw), raw.total_changes)

    def _memo(self, name: str) -> dict[str, Any]:
        """Answers that hold as long as the index version does, kept per connection."""
        version = self.version()
        seen_version, memo = getattr(connection, name, (None, {}))
        if seen_version != version or len(memo) > 200_000:
            memo = {}
            setattr(connection, name, (version, memo))
        return memo

    def document_frequencies(self, stems: Iterable[str]) -> tuple[int, dict[str, int]] | None:
        # Kept per connection at the index version, like every other answer: any write
        # to the catalogue changes the version, so a count is never stale.
        memo: dict[str, int] = self._memo("_search_frequencies")
        wanted = {s for s in stems if s and s.isalnum() and s.isascii()}
        with connection.cursor() as cursor:
            if "" not in memo:
                cursor.execute(f"SELECT COUNT(*) FROM {FTS}")
                memo[""] = int(cursor.fetchone()[0])
            missing = sorted(wanted - memo.keys())
            if missing:
                marks = ", ".join(["%s"] * len(missing))
                cursor.execute(
                    f"SELECT term, doc FROM {schema.VOCAB_TABLE} WHERE term IN ({marks})", missing
                )
                found = dict(cursor.fetchall())
                memo.update({term: int(found.get(term, 0)) for term in missing})
        return memo[""], {term: memo[term] for term in wanted}

    def known_terms(self, stems: Iterable[str]) -> set[str]:
        wanted = {s for s in stems if s and s.isalnum() and s.isascii()}
        if not wanted:
            return set()
        # What the index holds only changes with its version: remember the answers.
        memo = self._memo("_search_known_terms")
        unknown = sorted(wanted - memo.keys())
        if unknown:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT value FROM json_each(%s) WHERE EXISTS "
                    f"(SELECT 1 FROM {FTS} WHERE {FTS} MATCH '\"' || value || '\"')",
                    [json.dumps(unknown)],
                )
                found = {row[0] for row in cursor.fetchall()}
            memo.update({term: term in found for term in unknown})
        return {term for term in wanted if memo[term]}

    def nearby_terms(self, word: str, *, max_distance: int, limit: int = 20) -> list[str]:
        if not word:
            return []
        own = analysis.stem(word)
        prefix = word[:2] if len(word) > 3 else word[:1]
        found: dict[str, int] = {}
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT term, doc FROM {schema.VOCAB_TABLE} WHERE term >= %s AND term < %s",
                [prefix, prefix + "{"],
            )
            rows = cursor.fetchall()
        for term, docs in rows:
            if analysis.closeness(term, word, max_distance + 1) <= max_distance:
                found[term] = int(docs)
        # Typos in the first letters escape the prefix scan: look those up one by one.
        for term in self.known_terms(analysis.edits1(own)):
            found.setdefault(term, 0)
        found.pop(own, None)
        ranked = sorted(found, key=lambda t: (analysis.closeness(t, word), -found[t], t))
        return ranked[:limit]
