"""The OpenAPI document: valid, generated from the shared filters, and changed only on purpose."""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from drf_spectacular.validation import validate_schema

from guichet.catalogue import filters

pytestmark = pytest.mark.django_db

SNAPSHOT = Path(__file__).with_name("openapi.snapshot.json")
REFRESH = "UPDATE_OPENAPI_SNAPSHOT=1 uv run --frozen pytest guichet/api/tests/test_openapi.py"

LISTS = {
    "/api/v1/solutions/": filters.SOLUTIONS,
    "/api/v1/trainings/": filters.TRAININGS,
    "/api/v1/schemes/": filters.SCHEMES,
    "/api/v1/events/": filters.EVENTS,
    "/api/v1/places/": filters.PLACES,
    "/api/v1/organisations/": filters.ORGANISATIONS,
}


def dump(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@pytest.fixture
def document(client: Client) -> dict[str, Any]:
    return client.get("/api/v1/openapi.json").json()


def test_document_is_valid_openapi_3(document: dict[str, Any]) -> None:
    """The served document validates against the OpenAPI 3 schema (as spectacular --validate)."""
    validate_schema(document)
    assert document["openapi"].startswith("3.")


def test_every_list_and_detail_is_documented(document: dict[str, Any]) -> None:
    """Each endpoint has its list and its detail, the list with 200 and 400 answers."""
    for path in LISTS:
        assert set(document["paths"][path]) == {"get"}
        assert set(document["paths"][path]["get"]["responses"]) == {"200", "400"}
        assert set(document["paths"][f"{path}{{id}}/"]["get"]["responses"]) == {"200", "404"}


def test_query_parameters_are_the_page_facets(document: dict[str, Any]) -> None:
    """Each list documents exactly its FilterSet's parameters, plus synthetic and paging."""
    for path, filterset in LISTS.items():
        documented = {p["name"] for p in document["paths"][path]["get"]["parameters"]}
        expected = {f.param for f in filterset.filters} | {"synthetic", "page", "page_size"}
        assert documented == expected, path
    regions = next(
        p
        for p in document["paths"]["/api/v1/schemes/"]["get"]["parameters"]
        if p["name"] == "region"
    )
    assert "93" in regions["schema"]["enum"]
    assert "`93` : Provence-Alpes-Côte d'Azur" in regions["description"]


def test_document_matches_the_snapshot(document: dict[str, Any]) -> None:
    """Any change to the API shows here first; refresh the snapshot when it is meant."""
    if os.environ.get("UPDATE_OPENAPI_SNAPSHOT"):
        SNAPSHOT.write_text(dump(document), encoding="utf-8")
        pytest.skip(f"{SNAPSHOT.name} rewritten: review and commit it.")
    assert SNAPSHOT.exists(), f"No snapshot yet: create it with\n  {REFRESH}"
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    if document != expected:
        diff = "".join(
            difflib.unified_diff(
                dump(expected).splitlines(keepends=True),
                dump(document).splitlines(keepends=True),
                fromfile=f"{SNAPSHOT.name} (committed)",
                tofile="/api/v1/openapi.json (generated now)",
                n=2,
            )
        )
        lines = diff.splitlines()
        shown = "\n".join(lines[:80]) + (
            f"\n... {len(lines) - 80} more lines" if len(lines) > 80 else ""
        )
        pytest.fail(
            "The OpenAPI document changed. If the change is intended, refresh the snapshot with\n"
            f"  {REFRESH}\nand commit it with the change; re-users may depend on the old shape.\n\n"
            + shown,
            pytrace=False,
        )
