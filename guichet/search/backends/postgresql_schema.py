"""The PostgreSQL index: a table of weighted ``tsvector`` kept in step by triggers.

``search_document`` holds one row per public entry: its document number (see
``documents.py``), a ``tsvector`` built with the ``guichet_french`` configuration
(``french`` Snowball stemming behind ``unaccent``) and weighted A for the title, B for
the summary and the taxonomy, C for the long texts, plus the dates used for sorting.
A GIN index serves the searches. ``search_lexeme`` lists every lexeme ever indexed,
with a trigram index (``pg_trgm``) to find the ones close to a misspelt word.

PL/pgSQL triggers on the catalogue tables refresh an entry's row in the same
transaction as the change (and TRUNCATE empties the kind), including when a linked term
is renamed (a use case's name or keywords). Like on SQLite, they are
dropped before ``migrate`` and created again after it (``apps.py``).
"""

# ruff: noqa: S608 - SQL assembled from this module's constants and identifiers taken
# from the code (model tables, columns); every value travels as a query parameter.

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist

from guichet.search.backends.sqlite_schema import bump_sql, counted_tables, term_links
from guichet.search.documents import ID_SPAN, SOURCES, Related, Source, select_sql

TABLE = "search_document"
LEXEMES = "search_lexeme"
CONFIG = "guichet_french"
PREFIX = "search_"

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
            CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.french);
            ALTER TEXT SEARCH CONFIGURATION {CONFIG}
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END $$""",
    f"""CREATE TABLE IF NOT EXISTS {TABLE} (
        doc bigint PRIMARY KEY,
        vector tsvector NOT NULL,
        deadline timestamptz NULL,
        published timestamptz NULL
    )""",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_vector ON {TABLE} USING gin (vector)",
    f"CREATE TABLE IF NOT EXISTS {LEXEMES} (lexeme text PRIMARY KEY)",
    f"CREATE INDEX IF NOT EXISTS {LEXEMES}_trgm ON {LEXEMES} USING gin (lexeme gin_trgm_ops)",
]
DROP = [
    f"DROP TABLE IF EXISTS {LEXEMES}",
    f"DROP TABLE IF EXISTS {TABLE}",
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}",
]

VECTOR = (
    f"setweight(to_tsvector('{CONFIG}', d.title), 'A') || "
    f"setweight(to_tsvector('{CONFIG}', d.summary || ' ' || d.tags), 'B') || "
    f"setweight(to_tsvector('{CONFIG}', d.body), 'C')"
)


def _column(source: Source, name: str) -> str:
    try:
        field = source.model._meta.get_field(name)
    except FieldDoesNotExist:  # a raw column name
        return name
    return str(getattr(field, "column", name))
    try:  # pragma: no cover - kept for the structure below
        pass
    except FieldDoesNotExist:
        return name


def refresh_function(source: Source) -> str:
    """``search_refresh_<kind>(ids)``: recompute the documents of these entries."""
    real, synthetic = ((source.number * 2 + s) * ID_SPAN for s in (0, 1))
    return f"""
CREATE OR REPLACE FUNCTION {PREFIX}refresh_{source.kind}(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    DELETE FROM {TABLE} WHERE doc IN (
        SELECT i + {real} FROM unnest(ids) i UNION ALL SELECT i + {synthetic} FROM unnest(ids) i
    );
    WITH fresh AS (
        INSERT INTO {TABLE} (doc, vector, deadline, published)
        SELECT d.doc, {VECTOR}, d.deadline, d.published
        FROM ({select_sql(source, "e.id = ANY(ids)", "postgresql")}) d
        WHERE d.public = 1
        RETURNING vector
    )
    INSERT INTO {LEXEMES} (lexeme)
    SELECT DISTINCT unnest(tsvector_to_array(vector)) FROM fresh
    ON CONFLICT DO NOTHING;
END $fn$"""


def _trigger_function(name: str, body: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION {PREFIX}{name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
{body}
    RETURN NULL;
END $fn$"""


def _trigger(name: str, timing: str, table: str, when: str = "", level: str = "ROW") -> str:
    condition = f" WHEN ({when})" if when else ""
    return (
        f"CREATE TRIGGER {PREFIX}{name} {timing} ON {table} FOR EACH {level}{condition} "
        f"EXECUTE FUNCTION {PREFIX}{name}()"
    )


def _changed(columns: tuple[str, ...]) -> str:
    return " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)


def _related(source: Source, number: int, related: Related) -> list[str]:
    name = f"{source.kind}_link{number}"
    refresh = f"{PREFIX}refresh_{source.kind}"
    body = f"""
    IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM {refresh}(ARRAY[OLD.{related.column}]); END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM {refresh}(ARRAY[NEW.{related.column}]); END IF;"""
    events = "AFTER INSERT OR DELETE" + (" OR UPDATE" if related.watched else "")
    return [_trigger_function(name, body), _trigger(name, events, related.table)]


def statements() -> list[str]:
    """Every function and trigger keeping ``search_document`` in step with the catalogue."""
    out: list[str] = []
    owners_table = next(s for s in SOURCES if not s.owned).table
    for source in SOURCES:
        refresh = f"{PREFIX}refresh_{source.kind}"
        low = source.number * 2 * ID_SPAN
        watched = tuple(_column(source, n) for n in source.watched)
        out.append(refresh_function(source))
        out += [
            _trigger_function(f"{source.kind}_insert", f"    PERFORM {refresh}(ARRAY[NEW.id]);"),
            _trigger(f"{source.kind}_insert", "AFTER INSERT", source.table),
            _trigger_function(f"{source.kind}_update", f"    PERFORM {refresh}(ARRAY[NEW.id]);"),
            _trigger(f"{source.kind}_update", "AFTER UPDATE", source.table, _changed(watched)),
            _trigger_function(f"{source.kind}_delete", f"    PERFORM {refresh}(ARRAY[OLD.id]);"),
            _trigger(f"{source.kind}_delete", "AFTER DELETE", source.table),
            _trigger_function(
                f"{source.kind}_truncate",
                f"    DELETE FROM {TABLE} WHERE doc >= {low} AND doc < {low + 2 * ID_SPAN};",
            ),
            _trigger(f"{source.kind}_truncate", "AFTER TRUNCATE", source.table, level="STATEMENT"),
        ]
        for number, related in enumerate(source.related, 1):
            out += _related(source, number, related)
        if source.owned:
            body = (
                f"    PERFORM {refresh}(ARRAY(SELECT id FROM {source.table} "
                "WHERE owner_id = NEW.id));"
            )
            out += [
                _trigger_function(f"{source.kind}_owner", body),
                _trigger(
                    f"{source.kind}_owner",
                    "AFTER UPDATE",
                    owners_table,
                    "OLD.name IS DISTINCT FROM NEW.name",
                ),
            ]
    for link in term_links():
        name = f"{link.source.kind}_term{link.number}"
        body = f"    PERFORM {PREFIX}refresh_{link.source.kind}(ARRAY({link.entries_sql('NEW')}));"
        out += [
            _trigger_function(name, body),
            _trigger(name, "AFTER UPDATE", link.term_table, _changed(link.term_columns)),
        ]
    return out + change_counter_statements()


def change_counter_statements() -> list[str]:
    """Like on SQLite, every write to a counted table adds one to ``search_state.changes``
    in the writing transaction: the version search answers are cached at (``selectors``).
    Once per statement, not per row: a bulk load moves it once. ``search_document``
    is counted too: a rebuild, or ``unindex_entry``, writes only there (SQLite's FTS5
    structure record tells the same)."""
    out = [_trigger_function("state_bump", f"    {bump_sql()};")]
    for table in [*counted_tables(), TABLE]:
        out.append(
            f"CREATE TRIGGER {PREFIX}state_{table} "
            f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {PREFIX}state_bump()"
        )
    return out


def installed_functions(cursor: Any) -> list[str]:
    cursor.execute(
        "SELECT p.oid::regprocedure::text FROM pg_proc p "
        "JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = current_schema() AND p.proname LIKE %s",
        [PREFIX.replace("_", "\\_") + "%"],
    )
    return [row[0] for row in cursor.fetchall()]


def installed_triggers(cursor: Any) -> set[str]:
    cursor.execute(
        "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE %s",
        [PREFIX.replace("_", "\\_") + "%"],
    )
    return {row[0] for row in cursor.fetchall()}


def expected_triggers() -> set[str]:
    return {s.split()[2] for s in statements() if s.startswith("CREATE TRIGGER")}


def table_exists(cursor: Any) -> bool:
    cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [TABLE])
    return bool(cursor.fetchone()[0])
