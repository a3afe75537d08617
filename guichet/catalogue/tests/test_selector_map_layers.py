"""selectors.map_layers and map_markers: what the map and its tables show."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from guichet.catalogue.models import Event, Place, Training, TrainingSession
from guichet.catalogue.selectors import map_layers, map_markers
from guichet.catalogue.tests.public_entries import commune, draft, organisation, published

pytestmark = pytest.mark.django_db


def layer(layers: list, kind: str) -> list:
    return next(found for found in layers if found.kind == kind).points


def test_providers_are_placed_by_their_own_position_else_their_commune() -> None:
    """Own coordinates win; else the commune's centre; else no position, still listed."""
    organisation("Au port", commune=commune("marseille"), latitude=43.3, longitude=5.36)
    organisation("En ville", commune=commune("nice"))
    organisation("Quelque part", commune=commune("nowhere"))
    organisation("Organisme", role="training_body", commune=commune("nice"))

    points = {p.title: (p.latitude, p.longitude) for p in layer(map_layers(), "providers")}

    assert points == {
        "Au port": (43.3, 5.36),
        "En ville": (43.7102, 7.2620),
        "Quelque part": (None, None),
    }


def test_sessions_events_and_places_of_published_entries_only() -> None:
    """Drafts stay off the map; sessions are placed at their commune."""
    owner = organisation("Tiers-lieu du Sud", role="place", commune=commune("nice"))
    training = published(Training, owner, title="Initiation")
    TrainingSession.objects.create(
        training=training, starts_on=timezone.localdate(), commune=commune("ajaccio")
    )
    hidden = draft(Training, owner, title="Cachée")
    TrainingSession.objects.create(training=hidden, starts_on=timezone.localdate())
    published(Event, owner, title="Salon", starts_at=timezone.now(), commune=commune("nice"))
    draft(Event, owner, title="Salon caché", starts_at=timezone.now())
    published(Place, owner, title="Le lieu", latitude=43.7, longitude=7.25)

    layers = map_layers()

    assert [(p.title, p.commune, p.latitude) for p in layer(layers, "sessions")] == [
        ("Initiation", "Ajaccio", 41.9192)
    ]
    assert [p.title for p in layer(layers, "events")] == ["Salon"]
    assert [(p.title, p.latitude) for p in layer(layers, "places")] == [("Le lieu", 43.7)]


def test_synthetic_and_real_entries_are_never_mixed() -> None:
    """The real map has no synthetic entry, and the synthetic one no real entry."""
    owner = organisation("Lieux", role="place", commune=commune("nice"))
    published(Place, owner, title="Vrai lieu", commune=commune("nice"))
    published(Place, owner, title="Lieu fictif", commune=commune("nice"), synthetic=True)

    assert [p.title for p in layer(map_layers(), "places")] == ["Vrai lieu"]
    assert [p.title for p in layer(map_layers(synthetic=True), "places")] == ["Lieu fictif"]


def test_region_narrows_every_layer() -> None:
    """region=84 keeps what lies in Auvergne-Rhône-Alpes only."""
    organisation("À Lyon", commune=commune("lyon"))
    organisation("À Nice", commune=commune("nice"))

    assert [p.title for p in layer(map_layers(region="84"), "providers")] == ["À Lyon"]


def test_a_layer_holds_the_limit_and_says_how_many_there_are() -> None:
    """Beyond the limit, points are left out and the layer says it is truncated."""
    owner = organisation("Salons", role="financer")
    for number in range(3):
        published(
            Event,
            owner,
            title=f"Salon {number}",
            starts_at=timezone.now() + datetime.timedelta(days=number),
        )

    events = next(found for found in map_layers(limit=2) if found.kind == "events")

    assert (len(events.points), events.total, events.truncated) == (2, 3, True)


def test_markers_hold_located_points_only() -> None:
    """The map script gets the located points, with their kind and page URL."""
    organisation("Placée", commune=commune("nice"))
    organisation("Sans position", commune=commune("nowhere"))

    markers = map_markers(map_layers())

    assert [(m["kind"], m["title"], m["lat"], m["lon"]) for m in markers] == [
        ("providers", "Placée", 43.7102, 7.262)
    ]
    assert markers[0]["url"].startswith("/organisations/")
