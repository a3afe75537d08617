"""Every API error is JSON in the one envelope ``{"errors": {field: message}}``, never HTML."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework import exceptions
from rest_framework.test import APIClient

from guichet.api.errors import exception_handler
from guichet.api.tests import catalogue
from guichet.api.tests.catalogue import World

pytestmark = pytest.mark.django_db

DETAILS = ["organisations", "solutions", "trainings", "schemes", "events", "places"]

# Identifiers no record has: not numbers, numbers no column holds, other scripts' digits.
ODD_IDS = [
    "abc",
    "0",
    "-1",
    "1e3",
    "99999999999999999999",
    "9223372036854775808",
    "9223372036854775807",
    "%C3%A9t%C3%A9",  # « été »
    "%D9%A3",  # ٣, an Arabic-Indic digit that int() would read as 3
    "%F0%9F%98%80",  # an emoji
    "%ED%A0%80",  # the UTF-8 bytes of a lone surrogate, which no text holds
    "%00",
    "1%20",
    "%20",
]


def errors_of(response: Any, status: int) -> dict[str, str]:
    """The ``errors`` of a JSON answer with ``status``, each message a non-empty string."""
    assert response.status_code == status, response.content[:300]
    media_type = response["Content-Type"].split(";")[0]
    assert media_type == "application/json" or media_type.endswith("+json")  # the OpenAPI type
    body = response.json()
    assert list(body) == ["errors"]
    assert body["errors"] and all(isinstance(m, str) and m for m in body["errors"].values())
    errors: dict[str, str] = body["errors"]
    return errors


@pytest.mark.parametrize("kind", DETAILS)
@pytest.mark.parametrize("odd", ODD_IDS)
def test_unknown_id_of_any_shape_gets_json_404(kind: str, odd: str, api: APIClient) -> None:
    """A detail asked with any identifier that is no record's answers 404 naming ``id``."""
    assert list(errors_of(api.get(f"/api/v1/{kind}/{odd}/"), 404)) == ["id"]


def test_unpublished_id_gets_the_same_404(world: World, api: APIClient) -> None:
    """A draft's real id is answered exactly as an id that never existed."""
    catalogue.solutions(world)
    draft = catalogue.draft(world, catalogue.Solution, {"title": "Brouillon caché"})
    hidden = api.get(f"/api/v1/solutions/{draft.pk}/")
    absent = api.get("/api/v1/solutions/987654321/")
    assert (
        errors_of(hidden, 404)
        == errors_of(absent, 404)
        == {"id": "Aucune fiche publiée sous cet identifiant."}
    )


def test_organisation_404_speaks_of_organisations(api: APIClient) -> None:
    """An unknown organisation is said so, in French."""
    assert errors_of(api.get("/api/v1/organisations/12/"), 404) == {
        "id": "Aucune organisation sous cet identifiant."
    }


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nope",
        "/api/v1/nope/",
        "/api/v1/solutions/1/2/",
        "/api/v1/solutions/1/sessions/",
        "/api/v1/openapi.json/x",
        "/api/v1/%E2%82%AC/",
        "/api/v1/search/",
        "/api/v1//",
    ],
)
def test_address_that_is_no_endpoint_gets_json_404(path: str, api: APIClient) -> None:
    """Any address under /api/v1/ that no endpoint answers gets a JSON 404 naming ``path``."""
    assert list(errors_of(api.get(path), 404)) == ["path"]
    assert list(errors_of(api.post(path, {}, format="json"), 404)) == ["path"]


def test_missing_final_slash_still_redirects(api: APIClient) -> None:
    """An endpoint's address without its final slash is redirected to it, query kept."""
    response = api.get("/api/v1/solutions/12?page=2")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/solutions/12/?page=2"
    assert api.get("/api/v1/solutions").status_code == 301


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/v1/solutions/", "/api/v1/solutions/1/", "/api/v1/"])
def test_write_methods_get_json_405(method: str, path: str, api: APIClient) -> None:
    """The read API refuses writes with a 405 naming ``method`` and an ``Allow`` header."""
    response = getattr(api, method)(path, {"title": "x"}, format="json")
    errors = errors_of(response, 405)
    assert errors == {"method": f"La méthode {method.upper()} n'est pas permise à cette adresse."}
    assert "GET" in response["Allow"]


def test_get_on_match_gets_json_405(api: APIClient) -> None:
    """The match endpoint, defined by the search app, answers a GET in the same envelope."""
    assert list(errors_of(api.get("/api/v1/match"), 405)) == ["method"]


@pytest.mark.parametrize(
    "path", ["/api/v1/solutions/", "/api/v1/search", "/api/v1/openapi.json", "/api/v1/nope/"]
)
def test_unsatisfiable_accept_gets_json_406(path: str, api: APIClient) -> None:
    """Asking for XML gets a 406 in JSON (the one type the API speaks) naming ``accept``."""
    assert list(errors_of(api.get(path, HTTP_ACCEPT="application/xml"), 406)) == ["accept"]


def test_unsupported_media_type_is_answered_in_the_envelope() -> None:
    """DRF's 415 (a body in a type no parser reads) is rewritten in the envelope, in French."""
    response = exception_handler(exceptions.UnsupportedMediaType("text/csv"), {"request": None})
    assert response is not None and response.status_code == 415
    assert response.data == {
        "errors": {"content_type": "Le corps de la requête s'envoie en JSON (application/json)."}
    }


def test_validation_error_fields_are_kept() -> None:
    """A DRF validation error keeps its fields as the envelope's keys, messages joined."""
    error = exceptions.ValidationError({"need": ["Trop long.", "Vide."], "profile": "Inconnu."})
    response = exception_handler(error, {"request": None})
    assert response is not None and response.status_code == 400
    assert response.data == {"errors": {"need": "Trop long. Vide.", "profile": "Inconnu."}}


def test_too_many_parameters_get_json_400(api: APIClient) -> None:
    """A query string past Django's field limit is a 400 naming ``query``, not an HTML page."""
    query = "&".join(f"p{i}=1" for i in range(1100))
    assert list(errors_of(api.get(f"/api/v1/solutions/?{query}"), 400)) == ["query"]


def test_list_and_root_still_answer(world: World, api: APIClient) -> None:
    """The guard changes nothing for a good request: the root lists the endpoints."""
    catalogue.places(world)
    root = api.get("/api/v1/").json()
    assert set(DETAILS) <= set(root)
    assert api.get("/api/v1/places/").json()["count"] > 0
