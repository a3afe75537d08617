"""Ranking by coverage: a need in plain French finds the entries that hold most of it.

The same tests run on SQLite (FTS5) and on PostgreSQL (full text).
"""

from __future__ import annotations

import pytest

from guichet.catalogue.models import Scheme, Solution, Training
from guichet.search.selectors import SearchResults, parse_search, search
from guichet.search.tests.entries import owner, published

pytestmark = pytest.mark.django_db


def run(q: str) -> SearchResults:
    cleaned, errors = parse_search({"q": q})
    assert not errors
    return search(cleaned, cached=False)


def slugs(q: str) -> list[str]:
    return [r.slug for r in run(q).results]


@pytest.fixture
def demo_like():
    """Entries written like the demo's: the energy and chatbot ones, and others that
    repeat the words of needs ("entreprise", "aide", "réduire")."""
    provider = owner("Atelier Numérique")
    energy = published(
        Solution,
        provider,
        title="Pilotage de l'énergie pour les ateliers",
        summary="Suivre ses consommations et réduire sa facture d'énergie.",
        description="Des capteurs et des prévisions pour décaler les usages.",
    )
    chatbot = published(
        Solution,
        provider,
        title="Assistant conversationnel pour les commerces",
        summary="Un chatbot qui répond aux clients le soir et le week-end.",
    )
    published(
        Scheme,
        owner("Région Exemple", role="financer"),
        title="Aide aux entreprises qui recrutent",
        summary="Une aide pour chaque entreprise, pour réduire le coût d'une embauche.",
        description="L'entreprise dépose sa demande d'aide ; l'aide est versée à l'entreprise.",
    )
    published(
        Training,
        owner("Institut Exemple", role="training_body"),
        title="Gestion d'entreprise",
        summary="Réduire ses coûts : une formation pour toute entreprise.",
    )
    return energy, chatbot


def test_a_need_in_plain_french_finds_the_energy_entry(demo_like):
    """ "réduire la facture d'énergie de mon entreprise" puts the energy entry first,
    though no entry holds every word and others repeat "entreprise" and "réduire"."""
    energy, _ = demo_like
    results = run("réduire la facture d'énergie de mon entreprise")
    assert results.results[0].slug == energy.slug
    assert results.query.ignored == ("entreprise",)
    terms = {m.term for m in results.results[0].explanation}
    assert terms == {"réduire", "facture", "énergie"}  # what the card says it found


def test_looking_for_help_with_a_chatbot_finds_the_chatbot(demo_like):
    """ "je cherche une aide pour un chatbot" finds the chatbot, not the scheme saying "aide"."""
    _, chatbot = demo_like
    assert slugs("je cherche une aide pour un chatbot") == [chatbot.slug]


def test_more_of_the_rare_words_ranks_higher():
    """An entry holding three of three rare words comes before one holding one of them,
    even when that one repeats it in its title."""
    provider = owner("Studio Bleu")
    one = published(
        Solution,
        provider,
        title="Palettisation, palettisation et palettisation",
        summary="La palettisation avant tout.",
    )
    three = published(
        Solution,
        provider,
        title="Cellule robotisée",
        description="Palettisation des cartons, étiquetage des colis et filmage des palettes.",
    )
    for n in range(3):
        published(Solution, provider, title=f"Outil de gestion numéro {n}")
    results = run("palettisation étiquetage filmage")
    assert [r.slug for r in results.results] == [three.slug, one.slug]
    assert results.results[0].complete and not results.results[1].complete


def test_a_rare_word_outweighs_two_common_ones():
    """The entry holding the query's rare word comes before those holding its two common
    words: coverage weighs each word by its rarity, it does not count words."""
    provider = owner("Studio Bleu")
    common = [
        published(Solution, provider, title=f"Logiciel de gestion {n}", summary="Un logiciel.")
        for n in range(6)
    ]
    rare = published(Solution, provider, title="Vendanges assistées", summary="Pour la vigne.")
    found = slugs("logiciel de gestion pour les vendanges")
    assert found[0] == rare.slug
    assert set(found[1:]) == {entry.slug for entry in common}


def test_title_and_summary_weigh_more_than_long_texts():
    """The same word in a title ranks above it in a description only, whatever BM25 says
    of the description's length."""
    provider = owner("Studio Bleu")
    in_text = published(
        Solution,
        provider,
        title="Tableau de bord",
        description="Cartographie. " * 5,
    )
    in_title = published(
        Solution,
        provider,
        title="Cartographie des risques industriels et des fournisseurs",
        description="Un outil complet, long à décrire, pour les acheteurs et les qualiticiens.",
    )
    assert slugs("cartographie") == [in_title.slug, in_text.slug]
