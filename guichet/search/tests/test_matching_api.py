"""POST /api/v1/match: three ranked lists for a firm's profile and need; 400 naming the field.

Until ``/api/v1/match`` and ``/trouver-de-l-aide/`` are routed by the project, the tests of
matching (this module, the page's and the browser's) serve them from ``urlpatterns`` below.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from guichet.search.tests.test_matching import Catalogue, catalogue

__all__ = ["catalogue"]

URL = "/api/v1/match"
PAGE_URL = "/trouver-de-l-aide/"


def post(client: Client, body: Any, *, raw: bool = False, **extra: Any) -> Any:
    content_type = extra.pop("content_type", "application/json")
    data = body if raw else json.dumps(body)
    return client.post(URL, data=data, content_type=content_type, **extra)


def test_match_returns_three_ranked_lists(client: Client, catalogue: Catalogue) -> None:
    """A Marseille firm and a chatbot need get solutions, schemes and trainings, explained."""
    response = post(
        client,
        {
            "profile": {"commune": "13055", "naf": "47.91A", "headcount": 25, "siret": None},
            "need": "un chatbot pour notre service client",
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"profile", "solutions", "schemes", "trainings"}
    assert set(body["schemes"]) == {"eligible", "to_check", "left_out"}
    left_out = body["schemes"]["left_out"]
    corsica = next(item for item in left_out["schemes"] if item["id"] == catalogue.corsica.pk)
    assert corsica["criterion"] == "geography" and corsica["reason"]
    assert left_out["count"] >= len(left_out["schemes"])
    solution = body["solutions"][0]
    assert set(solution) == {"id", "title", "url", "score", "explanation"}
    assert solution["id"] == catalogue.chatbot.pk
    assert solution["url"] == "http://testserver/solutions/agent-conversationnel/"
    assert 0 <= solution["score"] <= 100
    assert solution["explanation"]["use_cases"][0]["code"] == "customer_chatbot"
    assert solution["explanation"]["distance_to"] == "Aix-en-Provence"
    eligible = {item["id"]: item for item in body["schemes"]["eligible"]}
    assert catalogue.paca.pk in eligible
    criteria = eligible[catalogue.paca.pk]["explanation"]["criteria"]
    assert {
        "criterion": "geography",
        "label": "Zone géographique",
        "verdict": "eligible",
        "verdict_label": "Éligible",
        "reason": "ouvert aux entreprises de Provence-Alpes-Côte d'Azur",
        "informative": False,
    } in criteria
    trainings = [item["id"] for item in body["trainings"]]
    assert catalogue.chatbot_training.pk in trainings
    assert body["profile"]["commune"]["code"] == "13055"
    assert body["profile"]["size_category"]["from_headcount_only"] is True


def test_failing_scheme_never_under_eligible(client: Client, catalogue: Catalogue) -> None:
    """25 people fail the TPE scheme (max 9): it is neither eligible nor to check."""
    body = post(client, {"profile": {"headcount": 25}, "need": "chatbot"}).json()
    listed = [item["id"] for item in body["schemes"]["eligible"] + body["schemes"]["to_check"]]
    assert catalogue.small_only.pk not in listed
    for item in body["schemes"]["eligible"]:
        verdicts = {c["verdict"] for c in item["explanation"]["criteria"]}
        assert "not_eligible" not in verdicts


def test_every_field_is_optional(client: Client, catalogue: Catalogue) -> None:
    """An empty object is a valid body: schemes to check, solutions and trainings by fit."""
    body = post(client, {}).json()
    assert body["solutions"] and body["trainings"]
    assert all(item["explanation"]["matched_terms"] == [] for item in body["solutions"])
    assert catalogue.paca.pk in [item["id"] for item in body["schemes"]["to_check"]]


def test_json_sent_as_plain_text_is_read(client: Client, catalogue: Catalogue) -> None:
    """The body is read whatever its declared content type."""
    response = post(client, {"need": "chatbot"}, content_type="text/plain")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"profile": {"naf": "00.00Z"}}, "profile.naf"),
        ({"profile": {"naf": 6201}}, "profile.naf"),
        ({"profile": {"created": "2019-02-30"}}, "profile.created"),
        ({"profile": {"created": "hier"}}, "profile.created"),
        ({"profile": {"commune": "99999"}}, "profile.commune"),
        ({"profile": {"siret": "73282932000079"}}, "profile.siret"),
        ({"profile": {"headcount": "douze"}}, "profile.headcount"),
        ({"profile": {"headcount": -3}}, "profile.headcount"),
        ({"profile": {"legal_form": "SPA"}}, "profile.legal_form"),
        ({"profile": {"colour": "blue"}}, "profile.colour"),
        ({"profile": ["62.01Z"]}, "profile"),
        ({"need": 42}, "need"),
        ({"need": "x" * 1001}, "need"),
        ({"needs": "chatbot"}, "needs"),
        (["chatbot"], "body"),
        ("chatbot", "body"),
    ],
)
def test_malformed_body_gets_400_naming_the_field(
    client: Client, catalogue: Catalogue, body: Any, field: str
) -> None:
    """Wrong types, bad NAF, bad date, unknown commune, bad SIRET: 400 naming the field."""
    response = post(client, body)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == [field]
    assert errors[field]


def test_body_that_is_not_json_gets_400(client: Client, db: None) -> None:
    """A body that is not JSON is refused under « body », in French."""
    response = post(client, "{need: chatbot", raw=True)
    assert response.status_code == 400
    assert response.json()["errors"]["body"].startswith(
        "Le corps de la requête n'est pas du JSON valide"
    )


def test_several_bad_fields_are_all_named(client: Client, db: None) -> None:
    """Every bad field is named in one answer."""
    response = post(client, {"profile": {"naf": "x", "created": "x"}, "need": 1})
    assert set(response.json()["errors"]) == {"profile.naf", "profile.created", "need"}


def test_only_post_is_allowed(client: Client, db: None) -> None:
    """GET is refused with 405."""
    assert client.get(URL).status_code == 405


def test_openapi_document_describes_match(client: Client, db: None) -> None:
    """The OpenAPI document has the match operation with its request and 400 answer."""
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/match"]["post"]
    assert operation["operationId"] == "match"
    assert {"200", "400"} <= set(operation["responses"])
