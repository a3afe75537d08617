"""Bad query parameters: a 400 whose JSON names each refused parameter, in French."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from guichet.api.tests import catalogue
from guichet.api.tests.catalogue import World

pytestmark = pytest.mark.django_db

BAD_QUERIES = [
    ("solutions", {"region": "999"}, "region"),
    ("solutions", {"department": "ZZ"}, "department"),
    ("solutions", {"sector": ["C", "nope"]}, "sector"),
    ("solutions", {"technique": "telepathy"}, "technique"),
    ("trainings", {"level": "expert"}, "level"),
    ("trainings", {"cpf": "peut-être"}, "cpf"),
    ("trainings", {"starts_after": "2026-13-01"}, "starts_after"),
    ("schemes", {"open_now": "2"}, "open_now"),
    ("schemes", {"closes_after": "demain"}, "closes_after"),
    ("schemes", {"aid_type": "cadeau"}, "aid_type"),
    ("events", {"online": "maybe"}, "online"),
    ("events", {"after": "21/11/2026"}, "after"),
    ("places", {"region": "ZZ"}, "region"),
    ("organisations", {"role": "wizard"}, "role"),
    ("places", {"synthetic": "peut-être"}, "synthetic"),
    ("places", {"page": "abc"}, "page"),
    ("places", {"page": "0"}, "page"),
    ("places", {"page": "-1"}, "page"),
    ("places", {"page": "2"}, "page"),  # there is one page only
    ("places", {"page_size": "0"}, "page_size"),
    ("places", {"page_size": "101"}, "page_size"),
    ("places", {"page_size": "vingt"}, "page_size"),
]


@pytest.mark.parametrize(("kind", "query", "param"), BAD_QUERIES)
def test_bad_parameter_gets_400_naming_it(
    kind: str, query: dict, param: str, db: None, api: APIClient
) -> None:
    """Each bad value is refused with a message naming its parameter."""
    response = api.get(f"/api/v1/{kind}/", query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert list(body) == ["errors"]
    assert list(body["errors"]) == [param]
    assert f"« {param} »" in body["errors"][param]


def test_every_bad_filter_is_reported_at_once(db: None, api: APIClient) -> None:
    """Several bad filters are all named in one answer."""
    response = api.get("/api/v1/events/", {"region": "XX", "online": "bof", "before": "hier"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"region", "online", "before"}
    assert (
        "Le paramètre « before » attend une date AAAA-MM-JJ" in response.json()["errors"]["before"]
    )


def test_bad_page_and_page_size_are_reported_together(db: None, api: APIClient) -> None:
    """A bad page and a bad page size are both named in one answer."""
    response = api.get("/api/v1/places/", {"page": "x", "page_size": "1000"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"page", "page_size"}


def test_page_beyond_the_last_says_how_many(world: World, api: APIClient) -> None:
    """Asking for a page past the end says how many pages there are."""
    catalogue.places(world)
    response = api.get("/api/v1/places/", {"page": "3"})
    assert response.status_code == 400
    assert response.json() == {
        "errors": {"page": "Le paramètre « page » demande la page 3, mais il n'y en a que 2."}
    }


def test_one_page_only_is_said_in_good_french(db: None, api: APIClient) -> None:
    """With a single (empty) page, page 2 is refused and the message says there is only one."""
    assert api.get("/api/v1/events/", {"page": "2"}).json() == {
        "errors": {"page": "Le paramètre « page » demande la page 2, mais il n'y en a qu'une."}
    }


def test_unknown_parameters_are_ignored(db: None, api: APIClient) -> None:
    """A parameter no filter knows is ignored, as on the pages (utm_source and the like)."""
    assert api.get("/api/v1/solutions/", {"utm_source": "lettre"}).status_code == 200


def test_empty_values_mean_no_filter(db: None, api: APIClient) -> None:
    """An empty value, as an empty form field sends, means no filter."""
    response = api.get("/api/v1/trainings/", {"region": "", "cpf": "", "page": "", "page_size": ""})
    assert response.status_code == 200
