"""The list pages: facets as a GET form, counts, results, pagination, errors as a 400."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guichet.catalogue.models import Event, Place, Scheme, Solution, Training, TrainingSession
from guichet.catalogue.tests.public_entries import commune, organisation, published

pytestmark = pytest.mark.django_db

LISTS = ["solution_list", "training_list", "scheme_list", "event_list", "place_list"]
ENTRY_ID = re.compile(r'data-entry-id="(\d+)"')


def page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status
    return html.unescape(response.content.decode())


@pytest.fixture
def catalogue() -> dict[str, object]:
    """One published real entry of each kind, plus a synthetic solution."""
    owner = organisation("Vision Alpes", commune=commune("marseille"))
    training = published(Training, owner, title="Initiation à l'IA", level="beginner")
    TrainingSession.objects.create(
        training=training, starts_on=timezone.localdate(), commune=commune("nice")
    )
    return {
        "solution": published(
            Solution, owner, title="Caméra qualité", techniques=["vision"], sectors=["C"]
        ),
        "synthetic": published(Solution, owner, title="Offre fictive", synthetic=True),
        "training": training,
        "scheme": published(Scheme, owner, title="EasyTech", aid_types=["financement"]),
        "event": published(Event, owner, title="Salon", starts_at=timezone.now()),
        "place": published(Place, owner, title="Tiers-lieu", commune=commune("nice")),
    }


@pytest.mark.parametrize("name", LISTS)
def test_every_list_page_has_a_get_form_that_works_without_javascript(
    client: Client, catalogue: dict[str, object], name: str
) -> None:
    """Each list page has a GET form with a submit button and lists its entry with its id."""
    text = page(client, reverse(f"catalogue:{name}"))

    assert '<form method="get"' in text
    assert '<button type="submit">Filtrer</button>' in text
    assert len(ENTRY_ID.findall(text)) == 1
    assert "1 résultat" in text


def test_facets_are_fieldsets_with_counts(client: Client, catalogue: dict[str, object]) -> None:
    """Multi-value facets are checkbox groups in fieldsets, each value with its count."""
    text = page(client, reverse("catalogue:solution_list"))

    assert "<legend>Technique</legend>" in text
    assert re.search(
        r'<input type="checkbox"\s+name="technique"\s+value="vision"[^>]*>\s*'
        r"<label[^>]*>\s*Vision par ordinateur\s*<span class=\"facet__count\">\(1\)</span>",
        text,
    )
    assert re.search(r'<select id="filtre-region"\s+name="region"', text)
    assert re.search(r"Provence-Alpes-Côte d'Azur\s*\(1\)\s*</option>", text)


def test_ticking_a_facet_filters_and_keeps_it_ticked(
    client: Client, catalogue: dict[str, object]
) -> None:
    """?technique=vision lists the matching entry, with its box still ticked."""
    owner = organisation("Autre")
    published(Solution, owner, title="Agent vocal", techniques=["speech"])

    text = page(client, reverse("catalogue:solution_list") + "?technique=vision")

    assert ENTRY_ID.findall(text) == [str(catalogue["solution"].pk)]  # type: ignore[attr-defined]
    assert re.search(r'value="vision"\s+id="filtre-technique-\d+"\s+checked', text)


def test_date_and_yes_no_filters_are_inputs(client: Client, catalogue: dict[str, object]) -> None:
    """Dates are date inputs keeping their value; yes/no filters are selects."""
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

    text = page(client, reverse("catalogue:training_list") + f"?starts_after={tomorrow}&cpf=1")

    assert re.search(rf'type="date"[^>]*name="starts_after"\s+value="{tomorrow}"', text)
    assert re.search(r'<option value="1"\s+selected>\s*oui', text)
    assert "0 résultat" in text


def test_bad_parameter_answers_400_with_the_whole_page(
    client: Client, catalogue: dict[str, object]
) -> None:
    """A bad value gives a 400 page with the form and the message naming the parameter."""
    text = page(client, reverse("catalogue:training_list") + "?starts_after=demain", status=400)

    assert "Le paramètre « starts_after » attend une date AAAA-MM-JJ, pas « demain »." in text
    assert '<form method="get"' in text
    assert 'role="alert"' in text
    assert ENTRY_ID.findall(text) == []


def test_unknown_facet_value_answers_400(client: Client, catalogue: dict[str, object]) -> None:
    """An unknown facet value names its parameter and its value."""
    text = page(client, reverse("catalogue:scheme_list") + "?aid_type=cadeau", status=400)

    assert "Le paramètre « aid_type » ne connaît pas la valeur « cadeau »." in text


def test_synthetic_entries_have_their_own_list_with_a_banner(
    client: Client, catalogue: dict[str, object]
) -> None:
    """By default no synthetic entry and no banner; ?synthetic=1 shows them under the banner."""
    real = page(client, reverse("catalogue:solution_list"))
    synthetic = page(client, reverse("catalogue:solution_list") + "?synthetic=1")

    assert "Offre fictive" not in real and "Données de synthèse" not in real
    assert "Offre fictive" in synthetic and "Caméra qualité" not in synthetic
    assert "Données de synthèse" in synthetic
    assert '<input type="hidden" name="synthetic" value="1">' in synthetic


def test_bad_synthetic_value_answers_400(client: Client, catalogue: dict[str, object]) -> None:
    """?synthetic=2 is refused with a message naming « synthetic »."""
    text = page(client, reverse("catalogue:solution_list") + "?synthetic=2", status=400)

    assert "Le paramètre « synthetic »" in text


def test_pagination_links_keep_the_filters(client: Client) -> None:
    """With 45 results, page links carry the filters and the page number; 20 entries per page."""
    owner = organisation("Catalogue fourni")
    for number in range(45):
        published(Solution, owner, title=f"Offre {number:02d}", techniques=["vision"])

    text = page(client, reverse("catalogue:solution_list") + "?technique=vision&page=2")

    assert len(ENTRY_ID.findall(text)) == 20
    assert "45 résultats" in text
    assert "Page 2 sur 3" in text
    assert 'href="?technique=vision&page=3"' in text
    assert 'href="?technique=vision&page=1"' in text


def test_main_menu_marks_the_current_list(client: Client) -> None:
    """The main menu links every list and the map, and marks the page being read."""
    for url, current in [("/formations/", "Formations"), ("/carte/", "Carte")]:
        text = page(client, url)
        assert re.findall(r'aria-current="page">([^<]+)</a>', text) == [current]
        for name in LISTS:
            assert f'href="{reverse(f"catalogue:{name}")}"' in text
