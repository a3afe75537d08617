"""Lists: the envelope, page sizes, what is listed (published, real or synthetic), in what order."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from guichet.api.tests import catalogue
from guichet.api.tests.catalogue import REAL_PER_KIND, SYNTHETIC_PER_KIND, World
from guichet.catalogue.models import Scheme, Training

pytestmark = pytest.mark.django_db

KINDS = list(catalogue.BUILDERS)


def ids(answer: dict) -> list[int]:
    return [row["id"] for row in answer["results"]]


@pytest.mark.parametrize("kind", KINDS)
def test_list_envelope_and_default_page(kind: str, world: World, api: APIClient) -> None:
    """A list answers {count, next, previous, results}, 20 per page like the site's pages."""
    catalogue.BUILDERS[kind](world)
    answer = api.get(f"/api/v1/{kind}/").json()
    assert list(answer) == ["count", "next", "previous", "results"]
    assert answer["count"] == REAL_PER_KIND
    assert len(answer["results"]) == 20
    assert answer["previous"] is None
    assert answer["next"] == f"http://testserver/api/v1/{kind}/?page=2"
    second = api.get(answer["next"]).json()
    assert len(second["results"]) == REAL_PER_KIND - 20
    assert second["next"] is None
    assert second["previous"] == f"http://testserver/api/v1/{kind}/"
    assert not set(ids(answer)) & set(ids(second))


@pytest.mark.parametrize("kind", KINDS)
def test_only_published_real_entries_unless_synthetic_asked(
    kind: str, world: World, api: APIClient
) -> None:
    """Drafts never show; real and synthetic entries are never mixed in one list."""
    entries = catalogue.BUILDERS[kind](world)
    real = {e.pk for e in entries if not e.is_synthetic}
    synthetic = {e.pk for e in entries if e.is_synthetic}
    assert set(ids(api.get(f"/api/v1/{kind}/", {"page_size": "100"}).json())) == real
    assert (
        set(ids(api.get(f"/api/v1/{kind}/", {"synthetic": "0", "page_size": "100"}).json())) == real
    )
    answer = api.get(f"/api/v1/{kind}/", {"synthetic": "1"}).json()
    assert set(ids(answer)) == synthetic
    assert len(synthetic) == SYNTHETIC_PER_KIND
    assert all(row["is_synthetic"] for row in answer["results"])


def test_page_size_is_chosen_up_to_100(world: World, api: APIClient) -> None:
    """page_size sets the number of rows per page and is kept in the next link."""
    catalogue.places(world)
    answer = api.get("/api/v1/places/", {"page_size": 5, "page": 2}).json()
    assert answer["count"] == REAL_PER_KIND
    assert len(answer["results"]) == 5
    assert answer["next"] == "http://testserver/api/v1/places/?page=3&page_size=5"
    assert answer["previous"] == "http://testserver/api/v1/places/?page_size=5"
    assert len(api.get("/api/v1/places/", {"page_size": 100}).json()["results"]) == REAL_PER_KIND


def test_empty_list_is_one_empty_page(db: None, api: APIClient) -> None:
    """With nothing published, page 1 exists and is empty."""
    assert api.get("/api/v1/solutions/").json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }


def test_solutions_and_places_by_title(world: World, api: APIClient) -> None:
    """Solutions and places come in title order."""
    for kind, build in (("solutions", catalogue.solutions), ("places", catalogue.places)):
        build(world)
        titles = [r["title"] for r in api.get(f"/api/v1/{kind}/?page_size=100").json()["results"]]
        # Titles differ first at the ASCII capital of their second word: any collation agrees.
        assert titles == sorted(titles, key=lambda t: t.split(" ", 1)[1])


def test_trainings_by_next_session_then_without(world: World, api: APIClient) -> None:
    """Trainings with a session to come first, soonest first; the others after, by title."""
    catalogue.trainings(world)
    rows = api.get("/api/v1/trainings/?page_size=100").json()["results"]
    today = world.today.isoformat()
    next_starts = [
        min((s["starts_on"] for s in r["sessions"] if s["starts_on"] >= today), default=None)
        for r in rows
    ]
    upcoming = [d for d in next_starts if d is not None]
    assert upcoming == sorted(upcoming)
    assert next_starts == [*upcoming, *([None] * (len(rows) - len(upcoming)))]
    # A past session does not count as the next one.
    assert Training.objects.filter(pk=rows[0]["id"], sessions__starts_on__gte=world.today).exists()


def test_schemes_by_closing_date_nulls_last(world: World, api: APIClient) -> None:
    """Schemes closing soonest come first; those without a closing date come last."""
    catalogue.schemes(world)
    rows = api.get("/api/v1/schemes/?page_size=100").json()["results"]
    closing = [Scheme.objects.get(pk=r["id"]).closes_at for r in rows]
    dated = [c for c in closing if c is not None]
    assert dated == sorted(dated)
    assert closing == [*dated, *([None] * (len(closing) - len(dated)))]


def test_events_by_start(world: World, api: APIClient) -> None:
    """Events come in order of their start."""
    catalogue.events(world)
    rows = api.get("/api/v1/events/?page_size=100").json()["results"]
    starts = [datetime.datetime.fromisoformat(r["starts_at"]) for r in rows]
    assert starts == sorted(starts)


def test_facet_filters_narrow_the_list(world: World, api: APIClient) -> None:
    """A facet parameter keeps only matching entries, like the page does."""
    entries = catalogue.solutions(world)
    answer = api.get("/api/v1/solutions/?region=84&technique=vision&page_size=100").json()
    expected = {
        s.pk
        for s in entries
        if not s.is_synthetic
        and s.owner.commune_id == "69123"
        and s.techniques.filter(code="vision").exists()
    }
    assert expected
    assert set(ids(answer)) == expected
    assert answer["count"] == len(expected)


def test_organisations_list_real_ones(world: World, api: APIClient) -> None:
    """Organisations list the real ones; synthetic=1 lists only the synthetic ones."""
    answer = api.get("/api/v1/organisations/").json()
    assert [r["name"] for r in answer["results"]] == [
        "Azur Vision",
        "Calanques Data",
        "Confluence IA",
    ]
    assert [r["name"] for r in api.get("/api/v1/organisations/?synthetic=1").json()["results"]] == [
        "Synthèse Conseil"
    ]
    lyon = api.get("/api/v1/organisations/?region=84").json()["results"]
    assert [r["name"] for r in lyon] == ["Confluence IA"]
    assert [r["name"] for r in api.get("/api/v1/organisations/?sector=C").json()["results"]] == [
        "Azur Vision",
        "Calanques Data",
    ]


@pytest.mark.parametrize("kind", [*KINDS, "organisations"])
def test_a_page_costs_the_same_queries_whatever_its_size(
    kind: str, world: World, api: APIClient
) -> None:
    """Relations are fetched per page, not per row: 5 rows or 24 take as many queries."""
    if kind in catalogue.BUILDERS:
        catalogue.BUILDERS[kind](world)
    with CaptureQueriesContext(connection) as small:
        assert api.get(f"/api/v1/{kind}/", {"page_size": "2"}).status_code == 200
    with CaptureQueriesContext(connection) as large:
        assert api.get(f"/api/v1/{kind}/", {"page_size": "100"}).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_browsers_get_the_browsable_api(world: World, api: APIClient) -> None:
    """A browser asking for HTML gets DRF's browsable page of the same list."""
    catalogue.places(world)
    response = api.get("/api/v1/places/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert "Lieu Atelier 01" in response.content.decode()
