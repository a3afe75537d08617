"""PostgreSQL: the same one-row write counter as SQLite's (``0002_search_state``).

Its triggers are installed with the index's (``postgresql_schema``); search answers are
cached at its value (``selectors``), so that every write to the catalogue, its
vocabularies or the territories gives the next search a fresh answer.
"""

from django.db import migrations

POSTGRESQL = [
    "CREATE TABLE IF NOT EXISTS search_state "
    "(id integer PRIMARY KEY CHECK (id = 1), changes bigint NOT NULL DEFAULT 0)",
    "INSERT INTO search_state (id, changes) VALUES (1, 0) ON CONFLICT DO NOTHING",
]
POSTGRESQL_DROP = ["DROP TABLE IF EXISTS search_state"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_search_state")]

    operations = [migrations.RunPython(_run(POSTGRESQL), _run(POSTGRESQL_DROP))]
