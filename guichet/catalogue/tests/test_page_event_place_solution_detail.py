"""Event, place and solution pages: times in the event's zone, opening hours, the offer's facts."""

from __future__ import annotations

import datetime
import html
import re
import zoneinfo

import pytest
from django.test import Client
from django.urls import reverse

from guichet.catalogue.models import Event, Place, Solution
from guichet.catalogue.tests.public_entries import commune, organisation, published

pytestmark = pytest.mark.django_db


def text_of(client: Client, name: str, slug: str) -> str:
    response = client.get(reverse(f"catalogue:{name}", args=[slug]))
    assert response.status_code == 200
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


def test_event_times_are_given_in_the_event_time_zone(client: Client) -> None:
    """An event in Pointe-à-Pitre at 9:00 local time reads 09:00 with its zone and offset."""
    zone = zoneinfo.ZoneInfo("America/Guadeloupe")
    event = published(
        Event,
        organisation("Club IA Antilles", role="financer"),
        title="Rencontres IA",
        starts_at=datetime.datetime(2027, 3, 4, 9, 0, tzinfo=zone),
        ends_at=datetime.datetime(2027, 3, 4, 17, 30, tzinfo=zone),
        time_zone="America/Guadeloupe",
        is_online=True,
        venue="Palais des congrès",
        commune=commune("nice"),
    )

    text = text_of(client, "event_detail", event.slug)

    assert "jeudi 4 mars 2027 à 09:00" in text
    assert "jeudi 4 mars 2027 à 17:30" in text
    assert "America/Guadeloupe, UTC-04:00" in text
    assert "Palais des congrès" in text and "En ligne" in text
    assert 'datetime="2027-03-04T09:00:00-04:00"' in text


def test_place_shows_its_address_and_hours_in_week_order(client: Client) -> None:
    """Hours are listed Monday first, with free text after the days."""
    place = published(
        Place,
        organisation("Maison de l'IA", role="place"),
        title="Maison de l'Intelligence Artificielle",
        address="1 avenue de l'IA",
        commune=commune("nice"),
        opening_hours={"vendredi": "9h-17h", "lundi": "9h-18h", "texte": "Fermé en août"},
        services="Démonstrations",
    )

    text = text_of(client, "place_detail", place.slug)

    assert "1 avenue de l'IA" in text and "Nice" in text
    assert text.index("Lundi") < text.index("Vendredi") < text.index("Fermé en août")
    assert "Démonstrations" in text


def test_solution_shows_its_taxonomy_and_offer(client: Client) -> None:
    """Use cases, functions, techniques, deployment, price and AI Act class are shown by name."""
    solution = published(
        Solution,
        organisation("Vision Alpes"),
        title="Caméra qualité",
        use_cases=["visual_inspection"],
        business_functions=["quality"],
        techniques=["vision"],
        sectors=["C"],
        deployments=["on_premises"],
        price_range="5k_20k",
        ai_act_risk="limited",
        client_references="Une fromagerie savoyarde.",
    )

    text = text_of(client, "solution_detail", solution.slug)

    for expected in (
        "Contrôle qualité visuel",
        "Qualité",
        "Vision par ordinateur",
        "Industrie manufacturière",
        "Sur site (dans l'entreprise)",
        "De 5 000 à 20 000 €",
        "Risque limité (obligations de transparence)",
        "Une fromagerie savoyarde.",
    ):
        assert expected in text, expected


def test_event_known_by_its_day_only_shows_no_hour(client: Client) -> None:
    """An event stored at local midnight (the day without the hour) shows the day only."""
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    event = published(
        Event,
        organisation("Région", role="financer"),
        title="Séminaire IA régional",
        starts_at=datetime.datetime(2024, 2, 22, tzinfo=paris),
    )

    text = text_of(client, "event_detail", event.slug)

    assert '<time datetime="2024-02-22">jeudi 22 février 2024</time>' in text
    assert "00:00" not in text
