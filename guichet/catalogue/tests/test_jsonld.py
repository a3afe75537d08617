"""schema.org JSON-LD of the detail pages: parsed back from the page, with the right types."""

from __future__ import annotations

import datetime
import json
import re
import zoneinfo
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guichet.catalogue.jsonld import opening_hours
from guichet.catalogue.models import Event, Place, Scheme, Solution, Training, TrainingSession
from guichet.catalogue.tests.public_entries import commune, organisation, published

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def jsonld(client: Client, name: str, slug: str) -> dict[str, Any]:
    """The one JSON-LD block of a detail page, parsed."""
    text = client.get(reverse(f"catalogue:{name}", args=[slug])).content.decode()
    blocks = SCRIPT.findall(text)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    return data


@pytest.fixture
def owner() -> Any:
    return organisation(
        "Vision Alpes", commune=commune("marseille"), siren="732829320", website="https://va.fr"
    )


def test_solution_is_a_service_provided_by_an_organization(client: Client, owner: Any) -> None:
    """A solution is a Service whose provider is the owner Organization, with its SIREN."""
    solution = published(
        Solution, owner, title="Caméra </script> qualité", use_cases=["visual_inspection"]
    )

    data = jsonld(client, "solution_detail", solution.slug)

    assert data["@type"] == "Service"
    assert data["name"] == "Caméra </script> qualité"  # escaped in the page, intact once parsed
    assert data["url"] == f"http://testserver/solutions/{solution.slug}/"
    assert data["serviceType"] == ["Contrôle qualité visuel"]
    provider = data["provider"]
    assert provider["@type"] == "Organization"
    assert provider["name"] == "Vision Alpes"
    assert provider["sameAs"] == "https://va.fr"
    assert provider["identifier"] == [
        {"@type": "PropertyValue", "propertyID": "SIREN", "value": "732829320"}
    ]
    assert provider["address"]["addressLocality"] == "Marseille"


def test_training_is_a_course_with_its_instances(client: Client, owner: Any) -> None:
    """A training is a Course with one CourseInstance per session, its mode and place."""
    training = published(
        Training,
        owner,
        title="Initiation",
        modality="on_site",
        duration_hours="7.5",
        price_eur="300",
        rncp_code="38616",
    )
    TrainingSession.objects.create(
        training=training, starts_on=datetime.date(2027, 1, 11), commune=commune("nice"), seats=8
    )

    data = jsonld(client, "training_detail", training.slug)

    assert data["@type"] == "Course"
    assert data["provider"]["@type"] == "Organization"
    assert data["timeRequired"] == "PT7H30M"
    assert data["educationalCredentialAwarded"] == ["RNCP38616"]
    assert data["offers"] == {
        "@type": "Offer",
        "price": "300",
        "priceCurrency": "EUR",
        "category": "Paid",
    }
    (instance,) = data["hasCourseInstance"]
    assert instance["@type"] == "CourseInstance"
    assert instance["courseMode"] == "onsite"
    assert instance["startDate"] == "2027-01-11"
    assert instance["location"]["address"]["addressLocality"] == "Nice"
    assert instance["maximumAttendeeCapacity"] == 8


def test_event_dates_carry_the_event_offset(client: Client, owner: Any) -> None:
    """An Event's dates are ISO 8601 with the offset of the event's own time zone."""
    starts = datetime.datetime(2027, 7, 1, 10, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
    event = published(
        Event,
        owner,
        title="SophIA Summit",
        starts_at=starts,
        commune=commune("nice"),
        registration_url="https://inscription.example",
    )

    data = jsonld(client, "event_detail", event.slug)

    assert data["@type"] == "Event"
    assert data["startDate"] == "2027-07-01T10:00:00+02:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["organizer"]["@type"] == "Organization"
    assert data["offers"]["url"] == "https://inscription.example"


def test_event_known_by_its_day_only_has_a_date(client: Client, owner: Any) -> None:
    """An event stored at local midnight gets a plain date, not a made-up hour."""
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    event = published(
        Event, owner, title="Séminaire", starts_at=datetime.datetime(2024, 2, 22, tzinfo=paris)
    )

    assert jsonld(client, "event_detail", event.slug)["startDate"] == "2024-02-22"


def test_online_event_has_a_virtual_location(client: Client, owner: Any) -> None:
    """An online event without a venue is in a VirtualLocation."""
    event = published(
        Event,
        owner,
        title="Webinaire",
        starts_at=timezone.now(),
        is_online=True,
        website="https://webinaire.example",
    )

    data = jsonld(client, "event_detail", event.slug)

    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://webinaire.example"}


def test_scheme_is_a_government_service_with_its_area(client: Client, owner: Any) -> None:
    """A scheme is a GovernmentService with areas served by name and its audience's size."""
    scheme = published(
        Scheme,
        owner,
        title="EasyTech",
        geo_included=["REG-93"],
        headcount_max=249,
        application_url="https://depot.example",
        aid_types=["financement"],
    )

    data = jsonld(client, "scheme_detail", scheme.slug)

    assert data["@type"] == "GovernmentService"
    assert data["provider"]["@type"] == "Organization"
    assert data["areaServed"] == [
        {"@type": "AdministrativeArea", "name": "Provence-Alpes-Côte d'Azur"}
    ]
    assert data["audience"]["numberOfEmployees"] == {"@type": "QuantitativeValue", "maxValue": 249}
    assert data["availableChannel"]["serviceUrl"] == "https://depot.example"
    assert data["serviceType"] == ["Financement"]


def test_place_comes_with_its_organization_in_a_graph(client: Client, owner: Any) -> None:
    """A Place (which has no property for who runs it) and the owner Organization, side by side."""
    place = published(
        Place,
        owner,
        title="Tiers-lieu",
        commune=commune("nice"),
        opening_hours={"lundi": "9h-18h", "mardi": "sur rendez-vous"},
    )

    data = jsonld(client, "place_detail", place.slug)

    described, organization = data["@graph"]
    assert described["@type"] == "Place"
    assert described["geo"] == {"@type": "GeoCoordinates", "latitude": 43.7102, "longitude": 7.262}
    assert described["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Monday",
            "opens": "09:00",
            "closes": "18:00",
        }
    ]
    assert organization["@type"] == "Organization"


def test_opening_hours_read_common_french_notations() -> None:
    """« 9h30 - 12h », « 14:00–18:30 » are read; free text is skipped."""
    specs = opening_hours({"mercredi": "9h30 - 12h", "jeudi": "14:00–18:30", "samedi": "fermé"})

    assert [(s["opens"], s["closes"]) for s in specs] == [("09:30", "12:00"), ("14:00", "18:30")]
