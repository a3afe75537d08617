"""Production: PostgreSQL full text (``french`` with ``unaccent``), ``pg_trgm`` for spelling.

See ``postgresql_schema.py`` for the table, the configuration and the triggers.
"""

# ruff: noqa: S608, S611 - SQL assembled from this module's constants and identifiers taken
# from the code (model tables, columns); every value travels as a query parameter.

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils import timezone

from guichet.search import analysis
from guichet.search.backends import postgresql_schema as schema
from guichet.search.backends.base import Hit, Progress, Require, Scope, SearchBackend
from guichet.search.documents import ID_SPAN, KINDS, SOURCES, split_doc_number
from guichet.search.query import AnalyzedQuery, coverage_points

TABLE = schema.TABLE
MASK = ID_SPAN - 1
# ts_rank weights of D, C (long texts), B (summary and taxonomy), A (title).
WEIGHTS = "{0.05, 0.2, 0.5, 1.0}"
REBUILD_BATCH = 5000


def _lexeme(stem: str) -> str:
    return "'" + stem.replace("\\", "\\\\").replace("'", "''") + "'"


# The weights of the title, summary and taxonomy: where a group counts in full for
# coverage (``query.coverage_points``).
HEAD_LABELS = "AB"


def _phrase(stems: Sequence[str], positions: Sequence[int], labels: str = "") -> str:
    """Stems at their distances: PostgreSQL counts the stop words it dropped."""
    suffix = f":{labels}" if labels else ""
    out = _lexeme(stems[0]) + suffix
    for i in range(1, len(stems)):
        out += f" <{max(1, positions[i] - positions[i - 1])}> " + _lexeme(stems[i]) + suffix
    return out


def compile_tsquery(query: AnalyzedQuery, require: Require, labels: str = "") -> str:
    """Text for ``to_tsquery('simple', ...)``: the lexemes are already stems; with
    ``labels``, only lexemes of those weights match."""
    groups = []
    for group in query.groups:
        alternatives = [_phrase(a.stems, a.positions, labels) for a in group.alternatives]
        groups.append("(" + " | ".join(f"({a})" for a in alternatives) + ")")
    return (" & " if require == "all" else " | ").join(groups)


def _side(synthetic: bool) -> tuple[str, list[Any]]:
    """Every document of one side (real or synthetic)."""
    ranges = [s.doc_range(synthetic=synthetic) for s in SOURCES]
    sql = " OR ".join(["(d.doc >= %s AND d.doc < %s)"] * len(ranges))
    return f"({sql})", [bound for pair in ranges for bound in pair]


_FREQUENCIES: dict[str, Any] = {"changes": None, "memo": {}}
FREQUENCIES_KEPT = 50_000


def _frequencies(changes: Any) -> dict[Any, int]:
    """Document counts seen at this value of ``search_state.changes`` (every write moves
    it) and of the transaction id when the transaction wrote; a new value starts afresh."""
    if _FREQUENCIES["changes"] != changes or len(_FREQUENCIES["memo"]) > FREQUENCIES_KEPT:
        _FREQUENCIES["changes"] = changes
        _FREQUENCIES["memo"] = {}
    memo: dict[Any, int] = _FREQUENCIES["memo"]
    return memo


class PostgreSQLBackend(SearchBackend):
    name = "postgresql"

    # --- keeping the index -------------------------------------------------------------------

    def install(self) -> None:
        with connection.cursor() as cursor:
            if not schema.table_exists(cursor):
                return
            self._drop(cursor)
            for statement in schema.statements():
                cursor.execute(statement)

    def uninstall(self) -> None:
        with connection.cursor() as cursor:
            self._drop(cursor)

    @staticmethod
    def _drop(cursor: Any) -> None:
        for function in schema.installed_functions(cursor):
            cursor.execute(f"DROP FUNCTION IF EXISTS {function} CASCADE")

    def index(self, kind: str, ids: Iterable[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {schema.PREFIX}refresh_{kind}(%s::bigint[])", [list(ids)])

    def unindex(self, kind: str, ids: Iterable[int]) -> None:
        real, synthetic = ((KINDS[kind].number * 2 + s) * ID_SPAN for s in (0, 1))
        docs = [base + i for i in ids for base in (real, synthetic)]
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE doc = ANY(%s::bigint[])", [docs])

    def rebuild(self, *, progress: Progress | None = None) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLE}, {schema.LEXEMES}")
            for source in SOURCES:
                cursor.execute(f"SELECT MIN(id), MAX(id) FROM {source.table}")
                low, high = cursor.fetchone()
                if low is None:
                    continue
                for start in range(low, high + 1, REBUILD_BATCH):
                    cursor.execute(
                        f"SELECT {schema.PREFIX}refresh_{source.kind}("
                        f"ARRAY(SELECT id FROM {source.table} WHERE id >= %s AND id < %s))",
                        [start, start + REBUILD_BATCH],
                    )
                    if progress:
                        cursor.execute(
                            f"SELECT COUNT(*) FROM {source.table} WHERE id >= %s AND id < %s",
                            [start, start + REBUILD_BATCH],
                        )
                        progress(cursor.fetchone()[0])
            cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")
            return int(cursor.fetchone()[0])

    def size(self) -> dict[str, int]:
        counts = dict.fromkeys(KINDS, 0)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT doc / {2 * ID_SPAN}, COUNT(*) FROM {TABLE} GROUP BY 1")
            for number, count in cursor.fetchall():
                counts[next(s.kind for s in SOURCES if s.number == number)] = count
        return counts

    def check(self) -> list[str]:
        with connection.cursor() as cursor:
            if not schema.table_exists(cursor):
                return [
                    "La table d'index search_document n'existe pas : lancez « guichet migrate »."
                ]
            missing = schema.expected_triggers() - schema.installed_triggers(cursor)
        if missing:
            return [
                f"{len(missing)} déclencheurs manquent ({', '.join(sorted(missing)[:3])}…) : "
                "lancez « guichet search-index --rebuild »."
            ]
        return []

    # --- reading ----------------------------------------------------------------------------

    def _where(self, scopes: Sequence[Scope], *, synthetic: bool) -> tuple[str, list[Any]]:
        parts, params = [], []
        for scope in scopes:
            low, high = KINDS[scope.kind].doc_range(synthetic=synthetic)
            part = "(d.doc >= %s AND d.doc < %s"
            params += [low, high]
            if scope.allowed is not None:
                sql, allowed_params = scope.allowed.query.sql_with_params()
                part += f" AND (d.doc & {MASK}) IN ({sql})"
                params += list(allowed_params)
            parts.append(part + ")")
        return "(" + " OR ".join(parts) + ")", params

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
        where, where_params = self._where(scopes, synthetic=synthetic)
        params: list[Any] = []
        groups = len(query.groups) if not query.is_empty and require == "any" else 1
        full = 1
        if query.is_empty:
            select = "d.doc, 0.0 AS rank, 1 AS matched, 0 AS coverage"
            source = f"{TABLE} d"
            sort = "newest" if sort == "relevance" else sort
        else:
            # Groups matched (for "complete") and coverage points (for the order).
            matched = "1"
            if groups > 1:
                matched = " + ".join(
                    "(d.vector @@ to_tsquery('simple', %s))::int" for _ in query.groups
                )
                params += [compile_tsquery(one, "all") for one in query.single_groups()]
            # The other sorts do not read coverage: no need to count the groups' documents.
            points = self.coverage_points(query, synthetic=synthetic) if sort == "relevance" else []
            full = sum(head for head, _ in points) or 1
            coverage = ["0"]
            for one, (head, body) in zip(query.single_groups(), points, strict=False):
                coverage.append(
                    "(CASE WHEN d.vector @@ to_tsquery('simple', %s) THEN %s "
                    "WHEN d.vector @@ to_tsquery('simple', %s) THEN %s ELSE 0 END)"
                )
                params += [
                    compile_tsquery(one, "all", HEAD_LABELS),
                    head,
                    compile_tsquery(one, "all"),
                    body,
                ]
            select = (
                f"d.doc, ts_rank('{WEIGHTS}', d.vector, q.query, 1) AS rank, {matched} AS matched, "
                f"{' + '.join(coverage)} AS coverage"
            )
            source = f"{TABLE} d, to_tsquery('simple', %s) AS q(query)"
            params.append(compile_tsquery(query, require))
            where = f"d.vector @@ q.query AND {where}"
        order, order_params = self._order(sort)
        sql = f"SELECT {select} FROM {source} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s"
        params += where_params + order_params + [limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        hits = []
        for doc, rank, found, earned in rows:
            source_, entry_id, is_synthetic = split_doc_number(doc)
            share = int(earned) / full if full > 1 else 1.0
            hits.append(
                Hit(source_.kind, entry_id, float(rank), is_synthetic, found == groups, share)
            )
        return hits

    def coverage_points(self, query: AnalyzedQuery, *, synthetic: bool) -> list[tuple[int, int]]:
        """Each group's points (``query.coverage_points``) from the documents of the side
        holding it; counts are remembered per process until the next write (a common
        word's count reads its whole posting list)."""
        side, bounds = _side(synthetic)
        with connection.cursor() as cursor:
            # A transaction that wrote sees data of its own: its id joins the key.
            cursor.execute(
                "SELECT changes, txid_current_if_assigned() FROM search_state WHERE id = 1"
            )
            memo = _frequencies(cursor.fetchone())
            if synthetic not in memo:
                cursor.execute(f"SELECT COUNT(*) FROM {TABLE} d WHERE {side}", bounds)
                memo[synthetic] = int(cursor.fetchone()[0])
            holding = []
            for one in query.single_groups():
                key = (synthetic, compile_tsquery(one, "all"))
                if key not in memo:
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {TABLE} d "
                        f"WHERE d.vector @@ to_tsquery('simple', %s) AND {side}",
                        [key[1], *bounds],
                    )
                    memo[key] = int(cursor.fetchone()[0])
                holding.append(memo[key])
        return coverage_points(memo[synthetic], holding)

    @staticmethod
    def _order(sort: str) -> tuple[str, list[Any]]:
        if sort == "newest":
            return "d.published DESC NULLS LAST, d.doc DESC", []
        if sort == "closing":
            now = timezone.now()
            return (
                "CASE WHEN d.deadline >= %s THEN 0 WHEN d.deadline IS NULL THEN 1 ELSE 2 END, "
                "CASE WHEN d.deadline >= %s THEN d.deadline END ASC, d.deadline DESC, "
                "rank DESC, d.doc",
                [now, now],
            )
        return "coverage DESC, rank DESC, d.doc ASC", []

    def count(
        self, query: AnalyzedQuery, *, scopes: Sequence[Scope], synthetic: bool, require: Require
    ) -> dict[str, int]:
        counts: dict[str, int] = {}
        with connection.cursor() as cursor:
            for scope in scopes:
                where, params = self._where([scope], synthetic=synthetic)
                if not query.is_empty:
                    where = f"d.vector @@ to_tsquery('simple', %s) AND {where}"
                    params = [compile_tsquery(query, require), *params]
                cursor.execute(f"SELECT COUNT(*) FROM {TABLE} d WHERE {where}", params)
                counts[scope.kind] = int(cursor.fetchone()[0])
        return counts

    def matching_ids(
        self, query: AnalyzedQuery, *, kind: str, synthetic: bool, require: Require
    ) -> Any:
        low, high = KINDS[kind].doc_range(synthetic=synthetic)
        if query.is_empty:
            return RawSQL(
                f"SELECT doc & {MASK} FROM {TABLE} WHERE doc >= %s AND doc < %s", [low, high]
            )
        return RawSQL(
            f"SELECT doc & {MASK} FROM {TABLE} WHERE vector @@ to_tsquery('simple', %s) "
            "AND doc >= %s AND doc < %s",
            [compile_tsquery(query, require), low, high],
        )

    def known_terms(self, stems: Iterable[str]) -> set[str]:
        wanted = sorted({s for s in stems if s})
        if not wanted:
            return set()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT s FROM unnest(%s::text[]) s WHERE EXISTS "
                f"(SELECT 1 FROM {TABLE} WHERE vector @@ quote_literal(s)::tsquery)",
                [wanted],
            )
            return {row[0] for row in cursor.fetchall()}

    def nearby_terms(self, word: str, *, max_distance: int, limit: int = 20) -> list[str]:
        if not word:
            return []
        own = analysis.stem(word)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT lexeme FROM {schema.LEXEMES} "
                "WHERE lexeme %% %s OR lexeme LIKE %s "
                "ORDER BY similarity(lexeme, %s) DESC LIMIT 200",
                [own, word[:2] + "%", own],
            )
            candidates = [row[0] for row in cursor.fetchall()]
        candidates += sorted(analysis.edits1(own))
        close = [
            c
            for c in dict.fromkeys(candidates)
            if c != own and analysis.closeness(c, word, max_distance + 1) <= max_distance
        ]
        live = self.known_terms(close)
        ranked = sorted(live, key=lambda t: (analysis.closeness(t, word), t))
        return ranked[:limit]
