"""Fixtures shared by the whole suite; each plugin module documents its own."""

import os
from collections.abc import Generator
from typing import Any

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


# A skip whose reason says a file is missing hides a test a fresh clone should run: under CI
# (CI=true, as .ci/run sets it) it fails instead. Skips for another database or for a
# front-end package not installed by `make install` keep their own wording.
MISSING_FILE_WORDS = ("absent", "not found", "not beside", "missing", "introuvable")


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    outcome = yield
    report = outcome.get_result()
    if not (report.skipped and _ci()):
        return
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    if any(word in reason.lower() for word in MISSING_FILE_WORDS):
        report.outcome = "failed"
        report.longrepr = f"skipped for a missing file, which CI does not allow: {reason}"
