"""The common pages: home, accessibility statement, legal notice, health check."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_shows_region_and_links_to_the_parts(client: Client) -> None:
    """The home page names the Region and its label and links to every open part."""
    html = client.get("/").content.decode()
    assert "Région Sud Provence-Alpes-Côte d&#x27;Azur" in html
    assert "Sud IA" in html
    for name in ["organisations:list", "territories:lookup", "accounts:dashboard"]:
        assert f'href="{reverse(name)}"' in html


def test_every_page_has_landmarks_and_skip_link(client: Client) -> None:
    """Skip link, header, navigation, main and footer are on each page, in French."""
    for url in ["/", reverse("web:accessibility"), reverse("web:legal"), reverse("accounts:login")]:
        html = client.get(url).content.decode()
        assert '<html lang="fr">' in html
        assert 'href="#contenu"' in html
        assert '<main id="contenu"' in html
        assert 'role="banner"' in html and "<nav" in html and 'role="contentinfo"' in html


def test_health_answers_when_the_database_does(client: Client) -> None:
    """/sante/ returns 200 with status ok."""
    response = client.get(reverse("web:health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_assets_are_served_by_the_app(client: Client) -> None:
    """The stylesheet comes from the app itself, not from a CDN."""
    html = client.get("/").content.decode()
    assert "https://cdn" not in html
    assert "/static/web/guichet.css" in html
