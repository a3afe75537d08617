"""The public page territories:lookup: a GET form that works without JavaScript."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from .html import terms, text, title

pytestmark = pytest.mark.usefixtures("loaded")


def page(client: Client, **params: str) -> str:
    response = client.get(reverse("territories:lookup"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_empty_page_shows_a_labelled_form_and_no_error(client: Client) -> None:
    """Without a code, the page shows the labelled field and no error nor result."""
    html = page(client)
    assert reverse("territories:lookup") == "/territoires/"
    assert '<form method="get"' in html
    assert '<label for="id_code">Code postal ou code commune (INSEE)' in html
    assert "<legend>Type de code</legend>" in html
    assert "Résultat pour" not in html
    assert "error-summary" not in html


def test_found_code_shows_commune_department_region_and_centre(client: Client) -> None:
    """Typing 2A004 shows Ajaccio, Corse-du-Sud, Corse and the centre's coordinates."""
    html = page(client, code="2A004")
    assert terms(html) == {
        "Commune": "Ajaccio",
        "Code commune (INSEE)": "2A004",
        "Codes postaux": "20000, 20090, 20167",
        "Département": "Corse-du-Sud (2A)",
        "Région": "Corse",
        "Centre de la commune": "latitude 41,93479, longitude 8,70132",
    }
    assert title(html).startswith("2A004 – Retrouver une commune")


def test_shared_postcode_shows_a_table_of_candidates(client: Client) -> None:
    """20167 lists Afa, Ajaccio and Alata in a captioned table, each linked by INSEE code."""
    html = page(client, code="20167")
    assert "<caption>Communes desservies par le code postal 20167</caption>" in html
    for code in ("2A001", "2A004", "2A006"):
        assert f"?code={code}&amp;kind=insee" in html
    assert "20167 dessert 3 communes" in text(html)


def test_postcode_also_insee_code_links_to_the_other_commune(client: Client) -> None:
    """13001 shows Marseille and offers Aix-en-Provence, whose INSEE code it is."""
    html = page(client, code="13001")
    assert "Marseille" in html
    assert "Voir la commune Aix-en-Provence" in html
    assert 'value="auto" id="id_kind_0" checked' in html  # the default reading is shown
    html = page(client, code="13001", kind="insee")
    assert "Aix-en-Provence" in html


def test_unknown_code_shows_the_message(client: Client) -> None:
    """A code matching nothing shows the clear French message."""
    html = page(client, code="99999")
    message = "Le code 99999 ne correspond à aucune commune ni à aucun code postal connu."
    assert message in text(html)


def test_malformed_code_shows_the_error_tied_to_the_field(client: Client) -> None:
    """A malformed code is a form error naming the expected format, linked to the field."""
    html = page(client, code="abc")
    assert "error-summary" in html
    assert 'href="#id_code"' in html
    assert "Saisissez 5 chiffres, ou 2A ou 2B suivis de 3 chiffres" in html
