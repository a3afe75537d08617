"""Fuzz: every operation of the OpenAPI document, on a real catalogue, never answers 5xx.

Requests are drawn from the served document (``openapi_fuzz``): documented values and
hostile ones, in paths, query strings and bodies, with odd methods and ``Accept`` headers.
Every answer must be below 500, and every 4xx valid UTF-8 JSON in the envelope
``{"errors": {field: message}}``. Bounded and derandomised: the same requests on every run,
on SQLite and on PostgreSQL alike.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guichet.api.tests import catalogue, openapi_fuzz
from guichet.api.tests.catalogue import World
from guichet.catalogue.selectors import KIND_MODELS
from guichet.organisations.models import Organisation

pytestmark = pytest.mark.django_db

SNAPSHOT = json.loads(Path(__file__).with_name("openapi.snapshot.json").read_text("utf-8"))
OPERATIONS = {op.operation_id: op for op in openapi_fuzz.operations(SNAPSHOT)}
EXAMPLES = 40  # per operation without a body
BODY_EXAMPLES = 150  # per operation with one: bodies vary far more than query strings

# Mostly what clients send; XML (answered 406 before any body is read) now and then.
ACCEPTS = ["", "", "", "*/*", "application/json", "application/json; charset=utf-8"]
ACCEPTS += ["application/xml"]
OTHER_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


@pytest.fixture
def document(client: Client) -> dict[str, Any]:
    served: dict[str, Any] = client.get("/api/v1/openapi.json").json()
    return served


@pytest.fixture
def filled(world: World) -> World:
    """A catalogue of every kind, with drafts and synthetic entries, as the other tests use."""
    for build in catalogue.BUILDERS.values():
        build(world)
    return world


def ids_for(path: str) -> list[int]:
    kind = path.removeprefix("/api/v1/").split("/", 1)[0]
    if kind == "organisations":
        return list(Organisation.objects.values_list("pk", flat=True)[:50])
    model = KIND_MODELS.get(kind)
    return list(model.objects.values_list("pk", flat=True)[:50]) if model else []


def assert_answered(response: Any, request: str) -> None:
    """Below 500; a 4xx in the envelope; any JSON answer valid UTF-8."""
    status = response.status_code
    assert status < 500, request
    media_type = response.get("Content-Type", "").split(";")[0]
    is_json = media_type == "application/json" or media_type.endswith("+json")
    if 400 <= status < 500:
        assert is_json, (request, status, media_type)
    if is_json and response.content and response.request["REQUEST_METHOD"] != "HEAD":
        data = json.loads(response.content.decode("utf-8"))  # strict: no lone surrogate
        if 400 <= status < 500:
            assert list(data) == ["errors"], (request, data)
            assert data["errors"], request
            assert all(isinstance(k, str) and isinstance(m, str) for k, m in data["errors"].items())


def test_every_served_operation_is_fuzzed(document: dict[str, Any]) -> None:
    """The fuzzed operations are exactly those of the served document: none is forgotten."""
    served = {op.operation_id: (op.method, op.path) for op in openapi_fuzz.operations(document)}
    assert served == {key: (op.method, op.path) for key, op in OPERATIONS.items()}


def fuzz(operation: openapi_fuzz.Operation, client: Client, document: dict[str, Any]) -> None:
    """Run ``EXAMPLES`` drawn requests against one operation."""
    codes = openapi_fuzz.known_codes(document)
    raw_bodies = (
        openapi_fuzz.body(document, operation.body) if operation.body is not None else st.just(b"")
    )

    @settings(
        max_examples=EXAMPLES if operation.body is None else BODY_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(
        path_id=openapi_fuzz.path_value(ids_for(operation.path)),
        query=openapi_fuzz.query_string(operation, codes),
        raw=raw_bodies,
        method=st.sampled_from([operation.method] * 3 + OTHER_METHODS),
        accept=st.sampled_from(ACCEPTS),
    )
    def check(path_id: str, query: str, raw: bytes, method: str, accept: str) -> None:
        url = operation.path.replace("{id}", path_id) + (f"?{query}" if query else "")
        headers = {"Accept": accept} if accept else {}
        response = client.generic(
            method, url, raw, content_type="application/json", headers=headers
        )
        assert_answered(response, f"{method} {url} {raw[:80]!r} Accept={accept!r}")

    check()


def test_no_operation_answers_a_server_error(
    filled: World, client: Client, document: dict[str, Any]
) -> None:
    """Documented and hostile requests to each operation in turn: no 5xx, every 4xx in JSON.

    One test for all operations, so that the catalogue is built once.
    """
    for operation_id in sorted(OPERATIONS):
        fuzz(OPERATIONS[operation_id], client, document)
