"""Fixtures of the API tests: a world of communes and organisations, and catalogues in it."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from guichet.accounts.models import User
from guichet.api.tests.catalogue import World, build_world


@pytest.fixture
def world(moderator: User) -> World:
    return build_world(moderator)


@pytest.fixture
def api() -> APIClient:
    return APIClient()
