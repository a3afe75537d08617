"""Dates in list filters: a day outside 1800-2100 is refused, naming the parameter."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from guichet.api.query import date_errors
from guichet.catalogue import filters

pytestmark = pytest.mark.django_db

DATE_PARAMS = [
    (kind, flt.param)
    for kind, filterset in [
        ("trainings", filters.TRAININGS),
        ("schemes", filters.SCHEMES),
        ("events", filters.EVENTS),
        ("solutions", filters.SOLUTIONS),
        ("places", filters.PLACES),
        ("organisations", filters.ORGANISATIONS),
    ]
    for flt in filterset.filters
    if flt.kind == "date"
]


def test_every_date_filter_is_covered() -> None:
    """The lists with a date filter are those the catalogue defines (none is forgotten)."""
    assert {param for _, param in DATE_PARAMS} == {
        "starts_after",
        "starts_before",
        "closes_after",
        "after",
        "before",
    }


@pytest.mark.parametrize(("kind", "param"), DATE_PARAMS)
@pytest.mark.parametrize("day", ["0001-01-01", "1799-12-31", "2101-01-01", "9999-12-31"])
def test_date_outside_1800_2100_gets_400_naming_it(
    kind: str, param: str, day: str, api: APIClient
) -> None:
    """A day outside 1800-2100 is refused with a message naming the parameter and the day."""
    response = api.get(f"/api/v1/{kind}/", {param: day})
    assert response.status_code == 400
    assert response.json() == {
        "errors": {
            param: f"Le paramètre « {param} » attend une date entre 1800 et 2100, pas le {day}."
        }
    }


@pytest.mark.parametrize(("kind", "param"), DATE_PARAMS)
@pytest.mark.parametrize("day", ["1800-01-01", "2026-11-21", "2100-12-31"])
def test_date_inside_the_range_is_accepted(kind: str, param: str, day: str, api: APIClient) -> None:
    """The first and last days of the range are accepted."""
    assert api.get(f"/api/v1/{kind}/", {param: day}).status_code == 200


def test_range_errors_come_with_the_others(api: APIClient) -> None:
    """A date out of range is reported together with the other bad filters."""
    response = api.get("/api/v1/events/", {"after": "0100-01-01", "online": "bof"})
    assert set(response.json()["errors"]) == {"after", "online"}


def test_date_errors_ignore_other_kinds() -> None:
    """Only date filters are checked: other cleaned values are left alone."""
    assert date_errors(filters.EVENTS, {"online": True}) == {}


@pytest.mark.parametrize("param", sorted({param for _, param in DATE_PARAMS}))
def test_search_refuses_dates_outside_the_range(param: str, api: APIClient) -> None:
    """The unified search, which takes every list's date filters, refuses them alike."""
    response = api.get("/api/v1/search", {"q": "données", param: "0001-01-01"})
    assert response.status_code == 400
    message = f"Le paramètre « {param} » attend une date entre 1800 et 2100, pas le 0001-01-01."
    assert response.json() == {"errors": {param: message}}
    assert api.get("/api/v1/search", {"q": "données", param: "2100-12-31"}).status_code == 200


def test_search_keeps_its_own_message_for_a_malformed_date(api: APIClient) -> None:
    """A date that is no date is named by the search app itself, as before."""
    response = api.get("/api/v1/search", {"after": "demain"})
    assert response.status_code == 400
    assert "AAAA-MM-JJ" in response.json()["errors"]["after"]
