"""The home page's figures: cached for every visitor, never stale after a write."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from guichet.catalogue.models import Solution
from guichet.catalogue.tests.public_entries import draft, organisation, published
from guichet.organisations.models import Organisation

pytestmark = pytest.mark.django_db

COUNTED = re.compile(r'SELECT COUNT\(\*\) AS "__count" FROM "(\w+)"')


def solutions_figure(client: Client) -> str:
    """The « Solutions d'IA » block's figure on the home page."""
    text = unescape(client.get("/").content.decode())
    found = re.search(r"Solutions d'IA(?:\s*</a>)?\s*</h3>.*?(\d+) fiches? publiées?", text, re.S)
    assert found
    return found.group(1)


def counts_of_one_visit(client: Client) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return [m.group(1) for q in captured.captured_queries if (m := COUNTED.search(q["sql"]))]


def test_second_visit_counts_no_table(client: Client) -> None:
    """The six whole-table counts run at the first visit only; the next visitor gets them cached."""
    organisation("Vision Alpes")
    client.get("/")  # the Region's identity row is created at the first page
    cache.clear()
    first = counts_of_one_visit(client)
    assert len(first) == 6
    assert counts_of_one_visit(client) == []


def test_publishing_a_solution_changes_the_home_figure_at_once(client: Client) -> None:
    """After a solution is published, the next home page counts it (no stale cached figure)."""
    owner = organisation("Vision Alpes")
    published(Solution, owner, title="Caméra qualité")
    cache.clear()
    assert solutions_figure(client) == "1"
    assert solutions_figure(client) == "1"  # from the cache

    draft(Solution, owner, title="Tri des courriers")
    assert solutions_figure(client) == "1"  # a draft is not counted
    published(Solution, owner, title="Prévision des ventes")
    assert solutions_figure(client) == "2"


def test_a_new_organisation_changes_the_organisations_figure(client: Client) -> None:
    """A new public organisation is counted by the next home page."""

    def figure() -> str:
        text = unescape(client.get("/").content.decode())
        found = re.search(
            r"Organisations(?:\s*</a>)?\s*</h3>.*?(\d+) fiches? publiées?", text, re.S
        )
        assert found
        return found.group(1)

    organisation("Vision Alpes")
    cache.clear()
    before = int(figure())
    organisation("Studio Bleu")
    assert int(figure()) == before + 1 == Organisation.objects.real().count()
