"""The embedded index: one FTS5 table, kept in step by SQLite triggers.

The FTS5 table ``search_fts`` stores analysed text (stems separated by spaces), one row
per public entry, its rowid being the document number (``documents.doc_number``).
Triggers on the catalogue tables recompute an entry's row whenever the entry, one of
its links (use cases, sessions...), a linked term's name (a use case's name or keywords,
a technique's name...) or its owner's name changes, inside the statement
that made the change: the index is always in the same transaction as the data, whoever
writes (services, the admin, ``bulk_create``, imports, the generator).

The triggers call ``guichet_terms(text)``, a Python function (``analysis.index_text``)
registered on every connection Django opens (``apps.py``). A connection opened outside
Django (the ``sqlite3`` shell) cannot write the catalogue tables: it fails loudly with
"no such function: guichet_terms" rather than leaving the index behind.

SQLite rebuilds a table for most schema changes and refuses to when a trigger elsewhere
names it, so the triggers are dropped before ``migrate`` and created again after it
(``apps.py``); the index is then rebuilt when a migration touched the catalogue.
"""

# ruff: noqa: S608 - SQL assembled from this module's constants and identifiers taken
# from the code (model tables, columns); every value travels as a query parameter.

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.backends.base.base import BaseDatabaseWrapper

from guichet.search import analysis
from guichet.search.documents import SOURCES, Related, Source, select_sql
from guichet.territories.models import Commune, Department, Region

FTS_TABLE = "search_fts"
VOCAB_TABLE = "search_fts_vocab"
# One row counting the writes to the tables the index and the facets read (see
# ``change_counter_triggers``): a cached answer holds while it stays (``data_version``).
STATE_TABLE = "search_state"
TRIGGER_PREFIX = "search_"
FUNCTION = "guichet_terms"
FIELDS = ("title", "summary", "tags", "body")
# BM25 weight of each column: title, summary, tags, body.
WEIGHTS = "10.0, 5.0, 3.0, 1.0"
# The fields where a word counts in full for coverage (query.coverage_points), and the
# bm25 weights that are zero exactly when a phrase is in none of them.
HEAD_FIELDS = ("title", "summary", "tags")
HEAD_WEIGHTS = "1.0, 1.0, 1.0, 0.0"


def quote_phrase(stems: Sequence[str]) -> str:
    """An FTS5 phrase of analysed stems."""
    return '"' + " ".join(stems).replace('"', '""') + '"'


CREATE_TABLES = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, summary, tags, body, deadline UNINDEXED, published UNINDEXED, "
    "tokenize = 'ascii', detail = full)",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB_TABLE} USING fts5vocab({FTS_TABLE}, 'row')",
]
DROP_TABLES = [f"DROP TABLE IF EXISTS {VOCAB_TABLE}", f"DROP TABLE IF EXISTS {FTS_TABLE}"]


def register_functions(connection: BaseDatabaseWrapper) -> None:
    """Give a new SQLite connection the analysis function the triggers call."""
    connection.connection.create_function(FUNCTION, 1, analysis.index_text, deterministic=True)


def _column(source: Source, name: str) -> str:
    try:
        field = source.model._meta.get_field(name)
    except FieldDoesNotExist:  # a raw column name
        return name
    return str(getattr(field, "column", name))


def _changed(columns: tuple[str, ...]) -> str:
    return " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)


def delete_sql(source: Source, entry_id_sql: str) -> str:
    real, synthetic = ((source.number * 2 + s) << 40 for s in (0, 1))
    return (
        f"DELETE FROM {FTS_TABLE} WHERE rowid IN "
        f"({real} + {entry_id_sql}, {synthetic} + {entry_id_sql});"
    )


def insert_sql(source: Source, where: str) -> str:
    """Index the public documents of ``source`` whose entry row ``e`` satisfies ``where``."""
    analysed = ", ".join(f"{FUNCTION}(d.{f})" for f in FIELDS)
    return (
        f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(FIELDS)}, deadline, published) "
        f"SELECT d.doc, {analysed}, d.deadline, d.published "
        f"FROM ({select_sql(source, where, 'sqlite')}) d WHERE d.public = 1;"
    )


def refresh_sql(source: Source, entry_id_sql: str) -> str:
    return delete_sql(source, entry_id_sql) + " " + insert_sql(source, f"e.id = {entry_id_sql}")


def _trigger(name: str, timing: str, table: str, body: str, when: str = "") -> str:
    condition = f" WHEN {when}" if when else ""
    return f"CREATE TRIGGER {TRIGGER_PREFIX}{name} {timing} ON {table}{condition} BEGIN {body} END"


def append_sql(source: Source, related: Related) -> str:
    """A new link only adds words: append them to the field instead of recomputing the
    document (a solution gets a dozen links when a bulk loader writes it)."""
    real, synthetic = ((source.number * 2 + s) << 40 for s in (0, 1))
    entry = f"NEW.{related.column}"
    return (
        f"UPDATE {FTS_TABLE} SET {related.field} = {related.field} || ' ' || "
        f"{FUNCTION}({related.text}) WHERE rowid IN ({real} + {entry}, {synthetic} + {entry});"
    )


def _related_triggers(source: Source, number: int, related: Related) -> list[str]:
    name = f"{source.kind}_link{number}"
    statements = [
        _trigger(
            f"{name}_insert",
            "AFTER INSERT",
            related.table,
            append_sql(source, related)
            if related.field
            else refresh_sql(source, f"NEW.{related.column}"),
        ),
        _trigger(
            f"{name}_delete",
            "AFTER DELETE",
            related.table,
            refresh_sql(source, f"OLD.{related.column}"),
        ),
    ]
    if related.watched:
        statements.append(
            _trigger(
                f"{name}_update",
                "AFTER UPDATE",
                related.table,
                refresh_sql(source, f"OLD.{related.column}")
                + " "
                + refresh_sql(source, f"NEW.{related.column}"),
                when=_changed(related.watched),
            )
        )
    return statements


def trigger_statements() -> list[str]:
    """Every CREATE TRIGGER keeping ``search_fts`` in step with the catalogue."""
    statements: list[str] = []
    owners_table = next(s for s in SOURCES if not s.owned).table
    for source in SOURCES:
        table = source.table
        watched = tuple(_column(source, name) for name in source.watched)
        statements += [
            _trigger(f"{source.kind}_insert", "AFTER INSERT", table, refresh_sql(source, "NEW.id")),
            _trigger(
                f"{source.kind}_update",
                "AFTER UPDATE",
                table,
                refresh_sql(source, "OLD.id"),
                when=_changed(watched),
            ),
            _trigger(f"{source.kind}_delete", "AFTER DELETE", table, delete_sql(source, "OLD.id")),
        ]
        for number, related in enumerate(source.related, 1):
            statements += _related_triggers(source, number, related)
        if source.owned:
            # The owner's name is part of the body: renaming it re-indexes what it owns.
            real, synthetic = ((source.number * 2 + s) << 40 for s in (0, 1))
            statements.append(
                _trigger(
                    f"{source.kind}_owner",
                    "AFTER UPDATE",
                    owners_table,
                    f"DELETE FROM {FTS_TABLE} WHERE rowid IN (SELECT id + {real} FROM {table} "
                    f"WHERE owner_id = NEW.id UNION ALL SELECT id + {synthetic} FROM {table} "
                    f"WHERE owner_id = NEW.id); " + insert_sql(source, "e.owner_id = NEW.id"),
                    when="OLD.name IS NOT NEW.name",
                )
            )
    for link in term_links():
        statements.append(
            _trigger(
                f"{link.source.kind}_term{link.number}",
                "AFTER UPDATE",
                link.term_table,
                refresh_where(link.source, link.entries_sql("NEW")),
                when=_changed(link.term_columns),
            )
        )
    return statements + change_counter_triggers()


@dataclass(frozen=True)
class TermLink:
    """A vocabulary (use cases, techniques...) whose terms' text is in the documents of
    the entries linked to them: renaming a term (or editing a use case's keywords) must
    recompute those documents."""

    source: Source
    number: int
    through: str  # the link table
    own: str  # its column holding the entry's id
    other: str  # its column holding the term's key
    term_table: str
    term_key: str
    term_columns: tuple[str, ...]  # the term's columns the documents read

    def entries_sql(self, row: str) -> str:
        """The ids of the entries linked to the term ``row`` (NEW or OLD)."""
        return f"SELECT {self.own} FROM {self.through} WHERE {self.other} = {row}.{self.term_key}"


def term_links() -> list[TermLink]:
    """Every (kind, vocabulary) pair whose link table is one of the kind's ``related``."""
    links: list[TermLink] = []
    for source in SOURCES:
        related_tables = {related.table for related in source.related}
        number = 0
        for m2m in source.model._meta.many_to_many:
            through = m2m.remote_field.through._meta  # type: ignore[union-attr]
            if through.db_table not in related_tables:
                continue
            target = m2m.related_model._meta
            own = next(
                f.column
                for f in through.fields
                if f.is_relation and f.related_model is source.model
            )
            other = next(
                f.column
                for f in through.fields
                if f.is_relation and f.related_model is not source.model and f.column != own
            )
            columns = tuple(
                f.column
                for f in target.concrete_fields
                if f.name in {"name", "keywords", "label"} and not f.primary_key
            )
            if not columns:
                continue
            number += 1
            links.append(
                TermLink(
                    source,
                    number,
                    str(through.db_table),
                    str(own),
                    str(other),
                    str(target.db_table),
                    str(target.pk.column),
                    tuple(str(c) for c in columns),
                )
            )
    return links


def refresh_where(source: Source, ids_sql: str) -> str:
    """Recompute the documents of the entries of ``source`` whose ids ``ids_sql`` selects."""
    real, synthetic = ((source.number * 2 + s) << 40 for s in (0, 1))
    return (
        f"DELETE FROM {FTS_TABLE} WHERE rowid IN (SELECT id + {real} FROM {source.table} "
        f"WHERE id IN ({ids_sql}) UNION ALL SELECT id + {synthetic} FROM {source.table} "
        f"WHERE id IN ({ids_sql})); " + insert_sql(source, f"e.id IN ({ids_sql})")
    )


def counted_tables() -> list[str]:
    """The tables whose writes may change a document, a facet count or a facet's label:
    the entries, every table they link to or that points to them (use cases and the
    other vocabularies, a scheme's territories, a training's sessions), and the
    territories (a facet's region goes through the communes)."""
    tables = {source.table for source in SOURCES}
    tables |= {related.table for source in SOURCES for related in source.related}
    for source in SOURCES:
        meta = source.model._meta
        for m2m in meta.many_to_many:
            if m2m.related_model._meta.app_label == "accounts":
                continue  # members are in no document and no facet
            tables.add(m2m.remote_field.through._meta.db_table)  # type: ignore[union-attr]
            tables.add(m2m.related_model._meta.db_table)
        for reverse in meta.related_objects:
            if reverse.one_to_many and reverse.related_model._meta.app_label in {
                "catalogue",
                "search",
            }:
                tables.add(reverse.related_model._meta.db_table)
    # The use cases' own links (functions, techniques) feed the taxonomy facets.
    by_table = _models_by_table()
    for table in list(tables):
        model = by_table.get(table)
        if model is not None and model._meta.app_label == "catalogue":
            for m2m in model._meta.many_to_many:
                tables.add(m2m.remote_field.through._meta.db_table)
    tables |= {model._meta.db_table for model in (Commune, Department, Region)}
    return sorted(tables)


def _models_by_table() -> dict[str, Any]:
    from django.apps import apps

    return {model._meta.db_table: model for model in apps.get_models()}


def change_counter_triggers() -> list[str]:
    """Triggers adding one to ``search_state.changes`` on every write to a counted table,
    in the writing statement's transaction (a rolled-back write leaves it as it was)."""
    bump = bump_sql() + ";"
    return [
        _trigger(f"state_{table}_{event.lower()}", f"AFTER {event}", table, bump)
        for table in counted_tables()
        for event in ("INSERT", "UPDATE", "DELETE")
    ]


def bump_sql() -> str:
    return f"UPDATE {STATE_TABLE} SET changes = changes + 1 WHERE id = 1"


VERSION_SQL = (
    f"SELECT (SELECT block FROM {FTS_TABLE}_data WHERE id = 10), "
    f"(SELECT changes FROM {STATE_TABLE} WHERE id = 1)"
)


def data_version(connection: BaseDatabaseWrapper) -> tuple[Any, ...]:
    """The version of everything an answer reads: the FTS5 structure record (a rebuild
    moves it) and ``search_state.changes`` (moved by triggers at every write, in the
    writing transaction). Inside a transaction the version is private to this connection
    (its identity and change count): what it sees may never be committed."""
    connection.ensure_connection()
    raw = connection.connection
    block, changes = raw.execute(VERSION_SQL).fetchone()
    state = (bytes(block) if block is not None else b"", changes)
    if raw.in_transaction:
        return ("private", _token(connection), raw.total_changes, *state)
    return ("shared", *state)


def _token(connection: BaseDatabaseWrapper) -> str:
    """A name for the raw connection Django holds now (new connection, new name; never
    reused, unlike ``id()``, so no other connection or process can share its answers)."""
    raw = connection.connection
    held = getattr(connection, "_search_version_token", None)
    if held is None or held[0] is not raw:
        held = (raw, uuid.uuid4().hex)
        connection._search_version_token = held  # type: ignore[attr-defined]
    return str(held[1])


def installed_triggers(cursor: Any) -> set[str]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s ESCAPE '\\'",
        [TRIGGER_PREFIX.replace("_", "\\_") + "%"],
    )
    return {row[0] for row in cursor.fetchall()}


def table_exists(cursor: Any) -> bool:
    cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [FTS_TABLE])
    return cursor.fetchone() is not None


def expected_triggers() -> set[str]:
    return {s.split()[2] for s in trigger_statements()}
