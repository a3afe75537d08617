"""The search page /recherche/: a plain GET form, results with highlights, facets, pages."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from guichet.catalogue.models import Solution, Training
from guichet.search.tests.entries import loaded, owner, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries():
    provider = owner("Vallée Numérique")
    published(
        Solution,
        provider,
        title="Assistant virtuel pour l'accueil",
        summary="Répond aux questions des clients, jour et nuit.",
        use_cases=["customer_chatbot"],
    )
    published(Training, owner(role="training_body"), title="Créer son chatbot en un jour")


def test_empty_page_shows_a_labelled_form(client):
    """Without a query: the form, its label, no JavaScript needed."""
    response = client.get(reverse("search:results"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get"' in html
    assert '<label for="recherche-q">' in html
    assert 'id="recherche-q"' in html
    assert "<script" not in html.split("<main", 1)[1]


def test_results_are_announced_and_highlighted(client, entries):
    """The count sits in a role=status region; matched words are marked."""
    html = client.get(reverse("search:results"), {"q": "chatbot"}).content.decode()
    found = re.search(r'<p role="status"[^>]*>(.*?)</p>', html, re.S)
    assert found
    status = found.group(1)
    assert "2 résultats pour « chatbot »" in " ".join(status.split())
    assert "<mark>Assistant virtuel</mark>" in html
    assert "<mark>chatbot</mark>" in html
    text = " ".join(html.split())
    assert "Trouvé : « chatbot » dans titre, thématiques" in text  # why each result came up


def test_type_facet_links_keep_the_query(client, entries):
    """Each type is a link with its count, the query kept."""
    html = client.get(reverse("search:results"), {"q": "chatbot"}).content.decode()
    assert 'href="?q=chatbot&amp;type=trainings"' in html
    assert "Formations</a>" in html


def test_kind_facets_form(client, entries):
    """With a type, its facets come as a form of checkboxes, counted."""
    html = client.get(
        reverse("search:results"), {"q": "chatbot", "type": "solutions"}
    ).content.decode()
    assert re.search(r'type="checkbox"\s+name="use_case"\s+value="customer_chatbot"', html)
    assert "Agent conversationnel pour le service client" in html


def test_suggestion_link(client, entries):
    """When nothing matches, "did you mean" links to the corrected search."""
    html = client.get(reverse("search:results"), {"q": "acceuil"}).content.decode()
    assert "Vouliez-vous dire" not in html  # one typo on a long word: found directly
    assert "<mark>accueil</mark>" in html
    html = client.get(reverse("search:results"), {"q": "aceuil"}).content.decode()
    assert "Vouliez-vous dire" in html
    assert 'href="?q=accueil"' in html


def test_pagination_links(client):
    """More results than a page: a link to the next page keeps the query."""
    provider = owner("Série")
    for n in range(3):
        published(Solution, provider, title=f"Capteur {n}")
    html = client.get(
        reverse("search:results"), {"q": "capteur", "page_size": "2"}
    ).content.decode()
    assert 'rel="next"' in html
    assert "page=2" in html


def test_bad_parameter_is_explained(client):
    """A bad parameter answers 400 with a message naming it."""
    response = client.get(reverse("search:results"), {"q": "x", "type": "recettes"})
    assert response.status_code == 400
    assert "« type »" in response.content.decode()


def test_example_entries_carry_the_example_badge(client):
    """A demo example shows « Exemple » on its result card; a real entry does not."""
    provider = owner("Vallée Numérique")
    loaded(Solution, provider, title="Robot de cueillette fictif", is_example=True)
    loaded(Solution, provider, title="Robot de cueillette réel")
    html = client.get(reverse("search:results"), {"q": "cueillette"}).content.decode()
    cards = re.findall(r'<li class="card result".*?</li>', html, re.S)
    assert len(cards) == 2
    badged = ["fictif" in card for card in cards if "badge--example" in card]
    assert badged == [True]


def test_need_words_left_out_are_named(client, entries):
    """The page says which words of the need were not searched, so nothing is hidden."""
    html = client.get(reverse("search:results"), {"q": "je cherche un chatbot"}).content.decode()
    text = " ".join(html.split())
    assert "non cherchés : « cherche »" in text
    assert "2 résultats pour « je cherche un chatbot »" in text


def test_partial_answers_say_how_many_hold_every_word(client, entries):
    """With few entries holding every word, the page says how many do (French plural)."""
    html = client.get(reverse("search:results"), {"q": "chatbot licorne"}).content.decode()
    text = " ".join(html.split())
    assert "0 fiche contient tous vos mots ; les autres n'en contiennent qu'une partie." in text
