"""SQLite: one row counting the writes to the tables the index and the facets read.

The triggers that move it are installed with the index's own (``sqlite_schema``); every
cached answer is keyed on this count and the index (``sqlite_schema.data_version``).
"""

from django.db import migrations

SQLITE = [
    "CREATE TABLE IF NOT EXISTS search_state "
    "(id INTEGER PRIMARY KEY CHECK (id = 1), changes INTEGER NOT NULL DEFAULT 0)",
    "INSERT OR IGNORE INTO search_state (id, changes) VALUES (1, 0)",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_state"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(_run(SQLITE), _run(SQLITE_DROP))]
