"""The index tables, per database engine (SQL frozen here, as migrations should be).

SQLite: an FTS5 table of analysed text and its vocabulary view. PostgreSQL: the
``unaccent`` and ``pg_trgm`` extensions, the ``guichet_french`` text search
configuration, a weighted ``tsvector`` table with a GIN index, and the lexicon with a
trigram index. The triggers that fill them are installed after every ``migrate``
(see ``apps.py``), so that they always match the current catalogue tables.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, summary, tags, body, deadline UNINDEXED, published UNINDEXED, "
    "tokenize = 'ascii', detail = full)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocab USING fts5vocab(search_fts, 'row')",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_fts_vocab", "DROP TABLE IF EXISTS search_fts"]

POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'guichet_french') THEN
            CREATE TEXT SEARCH CONFIGURATION guichet_french (COPY = pg_catalog.french);
            ALTER TEXT SEARCH CONFIGURATION guichet_french
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END $$""",
    """CREATE TABLE IF NOT EXISTS search_document (
        doc bigint PRIMARY KEY,
        vector tsvector NOT NULL,
        deadline timestamptz NULL,
        published timestamptz NULL
    )""",
    "CREATE INDEX IF NOT EXISTS search_document_vector ON search_document USING gin (vector)",
    "CREATE TABLE IF NOT EXISTS search_lexeme (lexeme text PRIMARY KEY)",
    "CREATE INDEX IF NOT EXISTS search_lexeme_trgm ON search_lexeme USING gin (lexeme gin_trgm_ops)",
]
POSTGRESQL_DROP = [
    "DROP TABLE IF EXISTS search_lexeme",
    "DROP TABLE IF EXISTS search_document",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS guichet_french",
]


def _run(statements, vendor):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == vendor:
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0002_vocabularies"),
        ("organisations", "0002_reference_sections_and_roles"),
        ("territories", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(_run(SQLITE, "sqlite"), _run(SQLITE_DROP, "sqlite")),
        migrations.RunPython(_run(POSTGRESQL, "postgresql"), _run(POSTGRESQL_DROP, "postgresql")),
    ]
