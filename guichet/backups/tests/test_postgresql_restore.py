"""PostgreSQL: a dump restores into a new database, and missing extensions are explained.

The backup is made in this process from the test database; ``guichet restore`` then runs
in a subprocess pointed (DATABASE_URL) at a scratch database created for the test and
dropped after it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote
from uuid import uuid4

import psycopg
import pytest
from django.db import connection

from guichet.backups.services import backup_create

from .builders import current_manifest, hand_made_archive, small_catalogue
from .processes import compared, guichet, run

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def admin(statement: str) -> None:
    """Run ``statement`` on the server's maintenance database, as the suite's account."""
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as server:
        server.execute(statement)


def url(database: str, *, user: str = "") -> str:
    settings = connection.settings_dict
    account = quote(user or settings["USER"] or "")
    if not user and settings["PASSWORD"]:
        account += ":" + quote(settings["PASSWORD"])
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or "5432"
    return f"postgres://{account}@{host}:{port}/{database}"


@pytest.fixture
def scratch() -> Iterator[str]:
    """An empty database of its own: no table, no extension."""
    name = f"guichet_restore_{uuid4().hex[:10]}"
    admin(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    (root / "plaquette.pdf").write_bytes(b"%PDF-1.4 demo")
    settings.MEDIA_ROOT = root
    return root


def test_a_dump_restores_into_a_new_database(media: Path, tmp_path: Path, scratch: str) -> None:
    """Restored into an empty database, the catalogue and the search answer as the original."""
    small_catalogue()
    archive = backup_create(output=tmp_path / "site.tar.gz").path
    original = compared(
        tmp_path / "original", database_url=url(str(connection.settings_dict["NAME"]))
    )
    target = tmp_path / "fresh"

    out = guichet(target, "restore", str(archive), database_url=url(scratch))

    assert "Base PostgreSQL restaurée" in out
    assert "Index « postgresql » en ordre" in out
    restored = compared(target, database_url=url(scratch))
    assert original["search"], "the catalogue should answer « chatbot »"
    assert restored == original
    assert (target / "media" / "plaquette.pdf").read_bytes() == b"%PDF-1.4 demo"


def test_an_account_that_cannot_create_the_extensions_is_told_what_to_run(
    tmp_path: Path, scratch: str
) -> None:
    """Without the extensions and the right to create them, the message gives the statements."""
    role = f"guichet_plain_{uuid4().hex[:10]}"
    admin(f'CREATE ROLE "{role}" LOGIN')
    try:
        archive = hand_made_archive(tmp_path / "site.tar.gz", current_manifest())
        result = run(
            tmp_path / "fresh",
            ["-m", "guichet", "restore", str(archive)],
            database_url=url(scratch, user=role),
        )
    finally:
        admin(f'DROP ROLE IF EXISTS "{role}"')
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "ce compte ne peut pas les créer" in result.stderr
    assert "CREATE EXTENSION IF NOT EXISTS unaccent;" in result.stderr
    assert "CREATE EXTENSION IF NOT EXISTS pg_trgm;" in result.stderr
