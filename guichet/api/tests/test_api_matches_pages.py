"""For one query, the API lists the same entries as the public list page, in the same order."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from django.test import Client
from rest_framework.test import APIClient

from guichet.api.tests import catalogue
from guichet.api.tests.catalogue import World

pytestmark = pytest.mark.django_db

ENTRY_ID = re.compile(r'data-entry-id="(\d+)"')


def _in(days: int) -> str:
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()


# (page path, queries): no filter, a region, a multi-value facet, a bool, a date, page 2,
# synthetic entries, and a combination or two. Dates are computed when the test runs.
CASES: dict[str, tuple[str, Callable[[], list[str]]]] = {
    "solutions": (
        "/solutions/",
        lambda: [
            "",
            "region=93",
            "region=84",
            "department=06",
            "sector=C&sector=M",
            "technique=language&technique=prediction",
            "use_case=customer_chatbot",
            "function=quality",
            "region=93&technique=prediction",
            "page=2",
            "synthetic=1",
        ],
    ),
    "trainings": (
        "/formations/",
        lambda: [
            "",
            "region=93",
            "department=69",
            "level=beginner&level=advanced",
            "modality=remote",
            "technique=vision",
            "cpf=1",
            "cpf=0",
            f"starts_after={_in(5)}",
            f"starts_before={_in(10)}",
            f"modality=on_site&cpf=oui&starts_after={_in(-60)}",
            "page=2",
            "synthetic=1",
        ],
    ),
    "schemes": (
        "/dispositifs/",
        lambda: [
            "",
            "region=93",
            "region=84",
            "department=06",
            "department=2A",
            "aid_type=financement&aid_type=expertise",
            "audience=associations",
            "open_now=1",
            "open_now=0",
            f"closes_after={_in(4)}",
            "region=93&open_now=1",
            "page=2",
            "synthetic=1",
        ],
    ),
    "events": (
        "/evenements/",
        lambda: [
            "",
            "region=93",
            "department=69",
            "online=1",
            "online=0",
            f"after={_in(0)}",
            f"before={_in(3)}",
            f"region=93&after={_in(-3)}",
            "page=2",
            "synthetic=1",
        ],
    ),
    "places": (
        "/lieux/",
        lambda: ["", "region=93", "region=84", "department=13", "page=2", "synthetic=1"],
    ),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_api_lists_what_the_page_lists(
    kind: str, world: World, client: Client, api: APIClient
) -> None:
    """For every query, the ids of the API's results are those of the page, in its order."""
    catalogue.BUILDERS[kind](world)
    page_path, queries = CASES[kind]
    mismatches = []
    for query in queries():
        page = client.get(f"{page_path}?{query}")
        assert page.status_code == 200, f"{page_path}?{query} answered {page.status_code}"
        on_page = [int(pk) for pk in ENTRY_ID.findall(page.content.decode())]
        answer = api.get(f"/api/v1/{kind}/?{query}")
        assert answer.status_code == 200, answer.json()
        in_api = [row["id"] for row in answer.json()["results"]]
        if on_page != in_api:
            mismatches.append(f"?{query}\n  page: {on_page}\n  api:  {in_api}")
        if query in ("", "page=2", "synthetic=1"):
            assert in_api, f"?{query} should list something"
    assert not mismatches, f"{kind}: the API and {page_path} disagree on\n" + "\n".join(mismatches)
