"""The common pages: home, accessibility statement, legal notice, health check."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from guichet.catalogue.models import Solution
from guichet.catalogue.tests.public_entries import draft, organisation, published

pytestmark = pytest.mark.django_db


def test_home_shows_region_and_links_to_the_parts(client: Client) -> None:
    """The home page names the Region and its label and links to every open part."""
    html = client.get("/").content.decode()
    assert "Région Sud Provence-Alpes-Côte d&#x27;Azur" in html
    assert "Sud IA" in html
    for name in ["organisations:list", "territories:lookup", "accounts:dashboard"]:
        assert f'href="{reverse(name)}"' in html


def test_home_has_one_way_in_per_audience(client: Client) -> None:
    """The four audiences each have a block; the SME one leads to schemes, solutions, trainings."""
    html = unescape(client.get("/").content.decode())

    blocks = {}
    for title in (
        "Je suis une TPE/PME",
        "Je propose des solutions d'IA",
        "Je forme à l'IA",
        "Je finance ou j'accompagne",
    ):
        block = re.search(rf"{title}\s*</h3>(.*?)(?=<li class=\"card|</section>)", html, re.S)
        assert block, title
        blocks[title] = block.group(1)
    for name in ["scheme_list", "solution_list", "training_list"]:
        assert f'href="{reverse(f"catalogue:{name}")}"' in blocks["Je suis une TPE/PME"]
    for title in ("Je propose des solutions d'IA", "Je forme à l'IA", "Je finance ou j'accompagne"):
        assert 'href="/espace/' in blocks[title]


def test_home_links_every_list_and_the_map_with_published_real_counts(client: Client) -> None:
    """Each list page and the map are linked; counts are of published real entries only."""
    owner = organisation("Vision Alpes")
    published(Solution, owner, title="Caméra qualité")
    published(Solution, owner, title="Agent vocal")
    published(Solution, owner, title="Offre fictive", synthetic=True)
    draft(Solution, owner, title="Brouillon")

    html = unescape(client.get("/").content.decode())

    for name in [
        "solution_list",
        "training_list",
        "scheme_list",
        "event_list",
        "place_list",
        "map",
    ]:
        assert f'href="{reverse(f"catalogue:{name}")}"' in html
    solutions = html.split('<a href="/solutions/">Solutions d\'IA</a>', 1)[1]
    assert re.match(
        r"\s*</h3>\s*<p>[^<]*</p>\s*<p class=\"card__meta\">\s*2 fiches publiées", solutions
    )
    assert "(2 fiches)" in html  # beside the SME's link to solutions


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


def test_home_leads_to_matching_and_has_a_search_box(client: Client) -> None:
    """The main call to action is "Trouver de l'aide"; the search box asks /recherche/."""
    html = unescape(client.get("/").content.decode())

    hero = re.search(r'<section class="hero".*?</section>', html, re.S)
    assert hero
    assert re.search(
        rf'<a class="button" href="{reverse("search:match")}">\s*Trouver de l\'aide',
        hero.group(0),
    )
    form = re.search(r"<form[^>]*>.*?</form>", hero.group(0), re.S)
    assert form
    assert 'method="get"' in form.group(0)
    assert f'action="{reverse("search:results")}"' in form.group(0)
    assert 'name="q"' in form.group(0)
    assert '<label for="recherche-accueil">' in form.group(0)


def test_pages_link_the_favicon_and_favicon_ico_redirects_to_it(client: Client) -> None:
    """Every page links the SVG favicon, and /favicon.ico leads to it instead of a 404."""
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/web/favicon.svg" type="image/svg+xml">' in html

    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/web/favicon.svg"
