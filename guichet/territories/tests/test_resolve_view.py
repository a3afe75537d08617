"""The JSON endpoint territories:resolve: the page's answer for programs."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("loaded")


def test_url_is_under_territoires() -> None:
    """The endpoint lives at /territoires/resoudre.json."""
    assert reverse("territories:resolve") == "/territoires/resoudre.json"


def test_found_code_returns_commune_department_region_and_coordinates(client: Client) -> None:
    """97411 gives Saint-Denis, 974, La Réunion and its centre."""
    response = client.get(reverse("territories:resolve"), {"code": "97411"})
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "found"
    assert data["matched_as"] == "insee"
    assert data["communes"][0]["name"] == "Saint-Denis"
    assert data["communes"][0]["postcodes"] == ["97400", "97417", "97490"]
    assert data["department"] == {"code": "974", "name": "La Réunion"}
    assert data["region"] == {"code": "04", "name": "La Réunion"}
    assert data["coordinates"] == {"latitude": -20.9329708192, "longitude": 55.446867167}
    assert data["message"] is None


def test_shared_postcode_returns_every_candidate(client: Client) -> None:
    """20167 is ambiguous: three communes, one department, no coordinates."""
    data = client.get(reverse("territories:resolve"), {"code": "20167"}).json()
    assert data["status"] == "ambiguous"
    assert [c["code"] for c in data["communes"]] == ["2A001", "2A004", "2A006"]
    assert data["department"]["code"] == "2A"
    assert data["coordinates"] is None


def test_unknown_code_returns_the_message(client: Client) -> None:
    """A well-formed unknown code answers 200 with status unknown and the French message."""
    data = client.get(reverse("territories:resolve"), {"code": "99999"}).json()
    assert data["status"] == "unknown"
    assert data["communes"] == []
    assert data["message"] == (
        "Le code 99999 ne correspond à aucune commune ni à aucun code postal connu."
    )


@pytest.mark.parametrize("params", [{}, {"code": ""}, {"code": "abc"}, {"code": "123456"}])
def test_missing_or_malformed_code_is_a_400_naming_the_parameter(
    client: Client, params: dict[str, str]
) -> None:
    """Without a well-formed code, the answer is 400 and the message names « code »."""
    response = client.get(reverse("territories:resolve"), params)
    assert response.status_code == 400
    assert "Le paramètre « code »" in response.json()["error"]


def test_unknown_kind_is_a_400_naming_the_parameter(client: Client) -> None:
    """A kind other than auto, postcode or insee is refused, naming « kind »."""
    response = client.get(reverse("territories:resolve"), {"code": "13001", "kind": "siret"})
    assert response.status_code == 400
    assert "« kind »" in response.json()["error"]


def test_only_reads_are_allowed(client: Client) -> None:
    """POST is refused: the endpoint only reads."""
    assert client.post(reverse("territories:resolve"), {"code": "13001"}).status_code == 405
