"""Which search backend serves this installation.

``settings.SEARCH_BACKEND``: ``""`` picks the one matching the database engine
(SQLite → FTS5, PostgreSQL → full text), ``"sqlite"`` or ``"postgresql"`` name one, and
a dotted path (``"region_sud.search.OpenSearchBackend"``) plugs another implementation
of ``backends.base.SearchBackend`` without touching any caller (see docs/search.md).
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils.module_loading import import_string

from guichet.search.backends.base import SearchBackend

BUILT_IN = {
    "sqlite": "guichet.search.backends.sqlite.SQLiteBackend",
    "postgresql": "guichet.search.backends.postgresql.PostgreSQLBackend",
}


@cache
def _backend(name: str, vendor: str) -> SearchBackend:
    path = BUILT_IN.get(name or vendor, name)
    if (name or vendor) in BUILT_IN and BUILT_IN[name or vendor] != BUILT_IN.get(vendor):
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={name!r} needs a {name} database; this one is {vendor}."
        )
    try:
        backend_class = import_string(path)
    except ImportError as error:
        raise ImproperlyConfigured(f"SEARCH_BACKEND={name!r}: {error}") from error
    if not (isinstance(backend_class, type) and issubclass(backend_class, SearchBackend)):
        raise ImproperlyConfigured(f"SEARCH_BACKEND={name!r} is not a SearchBackend.")
    return backend_class()


def get_backend() -> SearchBackend:
    """The configured backend (one instance per process)."""
    return _backend(getattr(settings, "SEARCH_BACKEND", "") or "", connection.vendor)


__all__ = ["SearchBackend", "get_backend"]
