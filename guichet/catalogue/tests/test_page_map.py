"""The map page: tables that hold the data without JavaScript, the same data for Leaflet."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from guichet.catalogue.models import Event, Place
from guichet.catalogue.tests.public_entries import commune, organisation, published

pytestmark = pytest.mark.django_db


def markers(client: Client, text: str) -> dict:
    """The page's map data, with the markers its script fetches from the address it gives."""
    found = re.search(r'<script id="carte-donnees" type="application/json">(.*?)</script>', text)
    assert found
    data = json.loads(found.group(1))
    return {**data, **client.get(data["points"]).json()}


def test_map_lists_every_kind_in_tables_with_unknown_positions(client: Client) -> None:
    """Providers, sessions, events and places are tables; an entry without position says so."""
    organisation("Vision Alpes", commune=commune("marseille"))
    owner = organisation("Salons du Sud", role="financer")
    published(
        Event, owner, title="SophIA Summit", starts_at=timezone.now(), commune=commune("nice")
    )
    published(Place, owner, title="Lieu sans carte", commune=commune("nowhere"))

    response = client.get(reverse("catalogue:map"))

    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    for heading in ("Offreurs de solutions d'IA", "Sessions de formation", "Événements", "Lieux"):
        assert re.search(rf'<h2 id="couche-\w+">\s*{re.escape(heading)}', text), heading
    assert "<td>Marseille</td>" in text
    assert "lat. 43,2965 ; long. 5,3698" in text
    assert re.search(r"Lieu sans carte</a>.*?position inconnue", text, re.S)
    data = markers(client, text)
    assert {(m["kind"], m["title"]) for m in data["markers"]} == {
        ("providers", "Vision Alpes"),
        ("events", "SophIA Summit"),
    }
    assert data["layers"]["places"] == "Lieux"


def test_map_uses_vendored_leaflet_and_the_configured_tiles(client: Client) -> None:
    """Leaflet and its cluster plug-in come from /static/vendor/; tiles from MAP_TILE_URL."""
    with override_settings(
        MAP_TILE_URL="https://tuiles.region.example/{z}/{x}/{y}.png",
        MAP_TILE_ATTRIBUTION="© Région",
    ):
        text = client.get(reverse("catalogue:map")).content.decode()

    assert '<script src="/static/vendor/leaflet/leaflet.js">' in text
    assert "/static/vendor/leaflet.markercluster/leaflet.markercluster.js" in text
    assert 'data-tile-url="https://tuiles.region.example/{z}/{x}/{y}.png"' in text
    assert 'data-tile-attribution="© Région"' in text
    assert "cdn" not in text.lower()


def test_default_tiles_are_openstreetmap(client: Client, settings) -> None:
    """Without MAP_TILE_URL the map uses OpenStreetMap's tiles and credits them."""
    for name in ("MAP_TILE_URL", "MAP_TILE_ATTRIBUTION"):
        if hasattr(settings, name):
            delattr(settings, name)

    text = html.unescape(client.get(reverse("catalogue:map")).content.decode())

    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in text
    assert "OpenStreetMap" in text


def test_region_filter_and_bad_region(client: Client) -> None:
    """?region=84 keeps Lyon only; an unknown region is a 400 naming the parameter."""
    organisation("À Lyon", commune=commune("lyon"))
    organisation("À Nice", commune=commune("nice"))

    text = client.get(reverse("catalogue:map") + "?region=84").content.decode()
    bad = client.get(reverse("catalogue:map") + "?region=XX")

    assert "À Lyon" in text and "À Nice" not in text
    assert re.search(r'<option value="84"\s+selected>', text)
    assert "Sud IA" in text  # the Region's identity is still in the header
    assert bad.status_code == 400
    assert "Le paramètre « region » ne connaît pas la valeur « XX »." in html.unescape(
        bad.content.decode()
    )


def test_synthetic_map_is_separate(client: Client) -> None:
    """?synthetic=1 shows synthetic organisations only, under the banner."""
    organisation("Réelle", commune=commune("nice"))
    organisation("Fictive", commune=commune("nice"), is_synthetic=True)

    real = client.get(reverse("catalogue:map")).content.decode()
    synthetic = client.get(reverse("catalogue:map") + "?synthetic=1").content.decode()

    assert "Réelle" in real and "Fictive" not in real
    assert "Fictive" in synthetic and "Réelle" not in synthetic
    assert "Données de synthèse" in synthetic
