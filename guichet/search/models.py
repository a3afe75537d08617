"""No Django models: the index tables depend on the database engine.

SQLite holds an FTS5 virtual table, PostgreSQL a ``tsvector`` table with a GIN index;
both are created by ``migrations/0001_initial.py`` and kept in step by triggers
(``backends/sqlite_schema.py``, ``backends/postgresql_schema.py``). This module exists
so that Django sends this app the ``pre_migrate`` and ``post_migrate`` signals.
"""
