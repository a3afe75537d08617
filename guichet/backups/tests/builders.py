"""Builders for the backup tests: a small catalogue, archives made by hand."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from django.db import connection

from guichet.backups.archive import Manifest, write_archive
from guichet.backups.selectors import applied_migrations, live_counts, live_tables
from guichet.backups.services import project_version
from guichet.catalogue.models import Solution, Training
from guichet.search.selectors import parse_search, search
from guichet.search.tests.entries import owner, published


def small_catalogue() -> None:
    """Two providers, a solution each and a training, all published."""
    bakery = owner("Fournil Numérique")
    published(Solution, bakery, title="Chatbot de prise de commande pour boulangerie")
    studio = owner("Studio Bleu")
    published(Solution, studio, title="Tri automatique des factures")
    published(Training, studio, title="Découvrir l'IA générative en TPE")


def snapshot() -> dict[str, Any]:
    """What a visitor and an operator would compare: rows per table, titles, a search."""
    params, errors = parse_search({"q": "chatbot"})
    assert not errors
    found = search(params, cached=False)
    return {
        "counts": live_counts(),
        "solutions": sorted(Solution.objects.values_list("slug", "title")),
        "search": [(result.kind, result.slug) for result in found.results],
    }


def current_manifest(**changes: Any) -> Manifest:
    """A manifest describing the test database as it is, with ``changes``."""
    with connection.cursor() as cursor:
        migrations = applied_migrations(cursor, existing=live_tables())
    manifest = Manifest(
        created_at="2026-01-01T00:00:00+00:00",
        project_version=project_version(),
        vendor=connection.vendor,
        migrations=migrations,
        counts=live_counts(),
    )
    return replace(manifest, **changes)


def hand_made_archive(path: Path, manifest: Manifest, *, database: bytes = b"") -> Path:
    """An archive in our layout around ``manifest`` and a database file of ``database``."""
    body = path.with_suffix(".db")
    body.write_bytes(database)
    write_archive(output=path, manifest=manifest, database=body, media_root=path.parent, media=[])
    return path
