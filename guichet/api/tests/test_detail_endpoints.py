"""Details: what a re-user reads about one entry, and which entries can be read."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.test import APIClient

from guichet.api.tests import catalogue
from guichet.api.tests.catalogue import World
from guichet.catalogue.models import Event, Place, Scheme, Solution, Training
from guichet.catalogue.services import entry_transition
from guichet.catalogue.workflow import Status

pytestmark = pytest.mark.django_db


def test_solution_detail_gives_codes_with_labels_and_owner(world: World, api: APIClient) -> None:
    """A solution carries its taxonomy as codes with labels, its owner and its public page."""
    catalogue.solutions(world)
    solution = Solution.objects.get(title="Solution Cap 05")
    data = api.get(f"/api/v1/solutions/{solution.pk}/").json()
    assert data["id"] == solution.pk
    assert data["slug"] == solution.slug
    assert data["url"].startswith("http://testserver/") and solution.slug in data["url"]
    assert data["owner"] == {
        "id": world.owners[2].pk,
        "slug": world.owners[2].slug,
        "name": "Confluence IA",
        "commune": {"code": "69123", "name": "Lyon", "department_code": "69", "region_code": "84"},
    }
    assert data["techniques"] == [
        {"code": "language", "label": "Langage et grands modèles de langage (LLM)"}
    ]
    assert data["sectors"] == [{"code": "J", "label": data["sectors"][0]["label"]}]
    assert data["deployments"] == [
        {"code": "on_premises", "label": "Sur site (dans l'entreprise)"},
        {"code": "embedded", "label": "Embarqué dans un équipement"},
    ]
    assert data["price_range"] is None
    assert data["ai_act_risk"] == {"code": "unknown", "label": "Non renseignée"}
    assert data["is_synthetic"] is False
    assert datetime.datetime.fromisoformat(data["published_at"]).utcoffset() is not None


def test_training_detail_lists_sessions_with_communes(world: World, api: APIClient) -> None:
    """A training gives its level, CPF eligibility and every session with its commune."""
    catalogue.trainings(world)
    training = Training.objects.get(title="Formation Boussole 02")
    data = api.get(f"/api/v1/trainings/{training.pk}/").json()
    assert data["level"] == {"code": "intermediate", "label": "intermédiaire"}
    assert data["modality"] == {"code": "blended", "label": "mixte"}
    assert data["cpf_eligible"] is None
    assert data["duration_hours"] == 14.0
    assert data["price_eur"] == 1200.0
    assert [s["starts_on"] for s in data["sessions"]] == [
        (world.today - datetime.timedelta(days=40)).isoformat(),
        (world.today + datetime.timedelta(days=5)).isoformat(),
    ]
    session = data["sessions"][0]
    assert session["commune"]["code"] == "69123"
    assert session["coordinates"] == {
        "latitude": 45.7578,
        "longitude": 4.832,
        "precision": "commune",
    }
    assert session["seats"] == 12


def test_scheme_detail_gives_eligibility_and_geographic_codes(world: World, api: APIClient) -> None:
    """A scheme gives its eligibility, included and excluded territories, dates with their zone."""
    catalogue.schemes(world)
    scheme = Scheme.objects.get(title="Dispositif Horizon 04")
    data = api.get(f"/api/v1/schemes/{scheme.pk}/").json()
    assert data["geographic_eligibility"] == ["PAYS-99100"]
    assert data["geographic_exclusions"] == ["REG-93"]
    assert data["headcount_max"] == 249
    assert data["size_categories"] == ["MIC", "PME"]
    assert data["carriers"] == [
        {"name": "Région Sud", "siren": "231300021", "roles": ["financeur"]}
    ]
    assert {a["code"] for a in data["aid_types"]} == {"accompagnement", "expertise"}
    assert data["recurrence"] == {"code": "one_off", "label": "ponctuel (appel à projets)"}
    assert data["amount_max_eur"] is None
    closes = datetime.datetime.fromisoformat(data["closes_at"])
    assert closes == scheme.closes_at
    assert data["closes_at"].endswith(("+01:00", "+02:00"))


def test_event_times_are_given_in_the_event_zone(world: World, api: APIClient) -> None:
    """Event times are ISO 8601 with the offset of the zone the organiser gave."""
    catalogue.events(world)
    event = Event.objects.get(title="Événement Atelier 01")
    event.time_zone = "America/Guadeloupe"
    event.save(update_fields=["time_zone"])
    data = api.get(f"/api/v1/events/{event.pk}/").json()
    assert data["starts_at"].endswith("-04:00")
    assert datetime.datetime.fromisoformat(data["starts_at"]) == event.starts_at
    assert data["commune"]["code"] == "06088"
    assert data["coordinates"]["precision"] == "commune"


def test_place_detail_prefers_its_own_coordinates(world: World, api: APIClient) -> None:
    """A place with its own position gives it; otherwise its commune's centre, marked as such."""
    catalogue.places(world)
    placed = Place.objects.exclude(latitude=None).filter(is_synthetic=False).first()
    unplaced = Place.objects.filter(latitude=None, is_synthetic=False).first()
    assert placed and unplaced
    data = api.get(f"/api/v1/places/{placed.pk}/").json()
    assert data["coordinates"] == {"latitude": 43.3, "longitude": 5.4, "precision": "address"}
    assert data["opening_hours"] == {"lundi": "9h-18h"}
    assert api.get(f"/api/v1/places/{unplaced.pk}/").json()["coordinates"]["precision"] == "commune"


def test_organisation_detail_shows_the_public_record(world: World, api: APIClient) -> None:
    """An organisation gives what its public page shows, never its e-mail or phone."""
    organisation = world.owners[0]
    organisation.email = "contact@calanques.example"
    organisation.legal_form = "5710"
    organisation.save()
    data = api.get(f"/api/v1/organisations/{organisation.pk}/").json()
    assert data["name"] == "Calanques Data"
    assert data["url"] == f"http://testserver/organisations/{organisation.slug}/"
    assert data["roles"] == [{"code": "provider", "label": data["roles"][0]["label"]}]
    assert data["legal_form"] == {"code": "5710", "label": "Société par actions simplifiée (SAS)"}
    assert data["coordinates"]["precision"] == "commune"
    assert "email" not in data and "phone" not in data and "siret" not in data


@pytest.mark.parametrize("kind", list(catalogue.BUILDERS))
def test_unpublished_entries_are_not_found(kind: str, world: World, api: APIClient) -> None:
    """A draft, or an archived entry, answers 404 like a missing one."""
    entries = catalogue.BUILDERS[kind](world)
    model = type(entries[0])
    draft = model.objects.get(status=Status.DRAFT)
    assert api.get(f"/api/v1/{kind}/{draft.pk}/").status_code == 404
    archived = entry_transition(actor=world.moderator, entry=entries[0], name="archive")
    assert api.get(f"/api/v1/{kind}/{archived.pk}/").status_code == 404
    assert api.get(f"/api/v1/{kind}/999999/").status_code == 404
    assert api.get(f"/api/v1/{kind}/abc/").status_code == 404


def test_synthetic_entry_detail_is_marked(world: World, api: APIClient) -> None:
    """A synthetic entry is read by its id and says it is synthetic."""
    entries = catalogue.places(world)
    synthetic = next(e for e in entries if e.is_synthetic)
    data = api.get(f"/api/v1/places/{synthetic.pk}/?region=84").json()
    assert data["is_synthetic"] is True
    assert data["owner"]["name"] == "Synthèse Conseil"
