"""Fixtures shared by the whole suite; each plugin module documents its own."""

import pytest
from django.core.cache import cache

pytest_plugins = [
    "pytester",
    "guichet.testing.browser",
    "guichet.accounts.tests.people",
]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Each test starts with an empty cache: the database rolls back, cached copies must too."""
    cache.clear()
