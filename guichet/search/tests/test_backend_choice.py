"""SEARCH_BACKEND picks the backend; a dotted path plugs another one without touching callers."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import override_settings

from guichet.search.backends import get_backend
from guichet.search.backends.sqlite import SQLiteBackend


class RegionBackend(SQLiteBackend):
    """Stands for a Region's own backend (a search cluster), here the embedded one."""

    name = "region"


def test_default_follows_the_database_engine():
    """An empty setting picks the backend of the database in use."""
    with override_settings(SEARCH_BACKEND=""):
        assert get_backend().name == connection.vendor


def test_a_dotted_path_plugs_another_backend():
    """Any SearchBackend subclass can be named by its dotted path."""
    with override_settings(SEARCH_BACKEND="guichet.search.tests.test_backend_choice.RegionBackend"):
        assert get_backend().name == "region"


@pytest.mark.parametrize("value", ["guichet.nowhere.Backend", "guichet.search.analysis.stem"])
def test_a_wrong_backend_fails_loudly(value):
    """A path that does not lead to a SearchBackend is a configuration error."""
    with override_settings(SEARCH_BACKEND=value), pytest.raises(ImproperlyConfigured):
        get_backend()


def test_a_backend_for_another_engine_fails_loudly():
    """Asking for PostgreSQL full text on SQLite (or the reverse) is refused."""
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    with override_settings(SEARCH_BACKEND=other), pytest.raises(ImproperlyConfigured):
        get_backend()
