"""The fictional examples load beside the facts, marked, dated from today, and can be removed."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guichet.catalogue.models import Event, Place, Solution, Training, TrainingSession
from guichet.catalogue.taxonomy import USE_CASES
from guichet.demo import data
from guichet.organisations.models import Organisation
from guichet.territories.models import Commune

pytestmark = pytest.mark.django_db

REGIONS = {
    "04": "93",
    "05": "93",
    "06": "93",
    "13": "93",
    "83": "93",
    "84": "93",
    "26": "84",
    "38": "84",
    "42": "84",
    "63": "84",
    "69": "84",
    "74": "84",
    "30": "76",
    "34": "76",
}


@pytest.fixture
def example_communes(demo_communes: None) -> None:
    for record in data.read("examples/organisations"):
        code = record["commune"]
        Commune.objects.get_or_create(
            code=code,
            defaults={"name": code, "department_id": code[:2], "region_id": REGIONS[code[:2]]},
        )


@pytest.fixture
def loaded(example_communes: None) -> None:
    call_command("load-demo", stdout=StringIO())


def test_counts(loaded: None) -> None:
    """At least 40 example providers, 80 solutions, 20 trainings, 10 events and 8 places."""
    assert Organisation.objects.filter(is_example=True).count() >= 40
    assert Solution.objects.filter(is_example=True).count() >= 80
    assert Training.objects.filter(is_example=True).count() >= 20
    assert Event.objects.filter(is_example=True).count() >= 10
    assert Place.objects.filter(is_example=True, latitude__isnull=False).count() >= 8


def test_every_use_case_twice(loaded: None) -> None:
    """Each use case of the taxonomy has at least two example solutions."""
    for use_case in USE_CASES:
        assert Solution.objects.filter(is_example=True, use_cases=use_case.code).count() >= 2


def test_spread_over_regions_and_departments(loaded: None) -> None:
    """Example organisations sit in at least three Regions and ten departments."""
    examples = Organisation.objects.filter(is_example=True)
    assert examples.values("commune__region").distinct().count() >= 3
    assert examples.values("commune__department").distinct().count() >= 10


def test_dates_are_in_the_future(loaded: None) -> None:
    """Example events and training sessions start after the loading day."""
    now = timezone.now()
    assert not Event.objects.filter(is_example=True, starts_at__lte=now).exists()
    sessions = TrainingSession.objects.filter(training__is_example=True)
    assert sessions.count() >= 20
    assert not sessions.filter(starts_on__lte=datetime.date.today()).exists()


def test_reload_is_idempotent(loaded: None) -> None:
    """A second load creates no example again."""
    before = (
        Organisation.objects.count(),
        Solution.objects.count(),
        TrainingSession.objects.count(),
    )
    call_command("load-demo", stdout=StringIO())
    after = (
        Organisation.objects.count(),
        Solution.objects.count(),
        TrainingSession.objects.count(),
    )
    assert after == before


def test_remove_examples_keeps_facts(loaded: None) -> None:
    """--remove-examples deletes every example and keeps the facts."""
    facts = Organisation.objects.filter(is_example=False).count()
    call_command("load-demo", "--remove-examples", stdout=StringIO())
    assert not Organisation.objects.filter(is_example=True).exists()
    assert not Solution.objects.filter(is_example=True).exists()
    assert Organisation.objects.filter(is_example=False).count() == facts == 25
    assert Solution.objects.filter(slug="mivao").exists()


def test_api_says_which_records_are_examples(loaded: None, client: Client) -> None:
    """The API gives "example": true on example entries and organisations, false on facts."""
    example = Solution.objects.filter(is_example=True).earliest("pk")
    fact = Solution.objects.get(slug="mivao")
    assert client.get(f"/api/v1/solutions/{example.pk}/").json()["example"] is True
    assert client.get(f"/api/v1/solutions/{fact.pk}/").json()["example"] is False
    organisation = Organisation.objects.filter(is_example=True).earliest("pk")
    assert client.get(f"/api/v1/organisations/{organisation.pk}/").json()["example"] is True


def test_entry_page_shows_the_example_badge(loaded: None, client: Client) -> None:
    """An example solution's page carries the « Exemple » badge; a fact's page does not."""
    example = Solution.objects.filter(is_example=True).earliest("pk")
    assert (
        "badge--example"
        in client.get(reverse("catalogue:solution_detail", args=[example.slug])).content.decode()
    )


def test_organisation_page_shows_the_example_badge(loaded: None, client: Client) -> None:
    """An example organisation's page carries the « Exemple » badge; a fact's page does not."""
    example = Organisation.objects.filter(is_example=True).earliest("pk")
    fact = Organisation.objects.filter(is_example=False).earliest("pk")
    page = client.get(reverse("organisations:detail", args=[example.slug])).content.decode()
    assert "badge--example" in page
    page = client.get(reverse("organisations:detail", args=[fact.slug])).content.decode()
    assert "badge--example" not in page
