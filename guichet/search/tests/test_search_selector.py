"""Unified search: French matching, ranking, facets, sorting, pages, highlights, suggestions.

The same tests run on SQLite (FTS5) and on PostgreSQL (full text).
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from guichet.catalogue.models import Event, Place, Scheme, Solution, Training
from guichet.search.selectors import SearchResults, parse_search, search
from guichet.search.tests.entries import commune, loaded, owner, published

pytestmark = pytest.mark.django_db


def run(q: str = "", **params: str) -> SearchResults:
    cleaned, errors = parse_search({"q": q, **params})
    assert not errors
    return search(cleaned)


def slugs(q: str, **params: str) -> list[str]:
    return [r.slug for r in run(q, **params).results]


def complete(q: str, **params: str) -> list[str]:
    """The results holding every idea of the query (partial matches may follow them)."""
    return [r.slug for r in run(q, **params).results if r.complete]


@pytest.fixture
def provider():
    return owner("Studio Bleu")


@pytest.mark.parametrize(
    "q",
    ["intelligence", "INTELLIGENCE", "intélligence", "l'intelligence", "l’intelligence"],
)
def test_accents_case_and_elisions_do_not_matter(provider, q):
    """However the word is typed, the entry written "L’Intelligence" is found."""
    published(Solution, provider, title="L’Intelligence au service des artisans")
    assert len(slugs(q)) == 1


def test_inflections_match(provider):
    """ "machines" finds "machine", "prédictif" finds "prédictive"."""
    solution = published(Solution, provider, title="Surveillance de la machine prédictive")
    assert complete("machines prédictif") == [solution.slug]


def test_synonyms_and_acronyms_match(provider):
    """ "IA" finds "intelligence artificielle"; "chatbot" finds "assistant virtuel"."""
    first = published(Solution, provider, title="Intelligence artificielle pour le bâtiment")
    second = published(Solution, provider, title="Assistant virtuel pour les mairies")
    assert complete("IA bâtiment") == [first.slug]
    assert slugs("chatbot") == [second.slug]
    assert slugs("subvention", type="solutions") == []


def test_one_typo_is_forgiven_on_long_words(provider):
    """One typo on a word of five letters or more still finds the entry."""
    solution = published(Solution, provider, title="Robotique de palettisation")
    assert slugs("palettisaton") == [solution.slug]
    assert slugs("roobtique") == [solution.slug]


def test_no_typo_is_forgiven_on_short_words(provider):
    """A word of four letters must be typed right: "dota" does not find "data"."""
    published(Solution, provider, title="Data lake industriel")
    assert slugs("data") != []
    assert slugs("dota") == []


def test_titles_rank_above_descriptions(provider):
    """An entry naming the word in its title comes before one mentioning it in passing."""
    passing = published(
        Solution,
        provider,
        title="Tableau de bord",
        description="Un outil de pilotage qui aide aussi à la cartographie des risques.",
    )
    titled = published(Solution, provider, title="Cartographie des risques", description="Outil.")
    assert slugs("cartographie") == [titled.slug, passing.slug]


def test_all_words_first_then_some(provider):
    """Entries with every word come first; with few of them, partial matches follow."""
    both = published(Solution, provider, title="Vision pour la viticulture")
    one = published(Solution, provider, title="Vision pour les entrepôts")
    results = run("vision viticulture")
    assert [r.slug for r in results.results] == [both.slug, one.slug]
    assert results.require == "any"
    assert results.complete_count == 1
    assert [r.complete for r in results.results] == [True, False]


def test_type_counts_and_kind_facets(provider):
    """Counts per type; with a type, its own facets counted by catalogue.filters."""
    published(Solution, provider, title="Outil de prévision", use_cases=["demand_forecasting"])
    published(
        Solution, provider, title="Prévision des pannes", use_cases=["predictive_maintenance"]
    )
    published(Training, owner(role="training_body"), title="Prévision pour débutants")
    results = run("prévision")
    assert {f.value: f.count for f in results.type_facet} == {"solutions": 2, "trainings": 1}
    assert results.facets == {}
    results = run("prévision", type="solutions", use_case="demand_forecasting")
    assert results.count == 1
    use_cases = {f.value: (f.count, f.selected) for f in results.facets["use_case"]}
    assert use_cases["demand_forecasting"] == (1, True)
    assert use_cases["predictive_maintenance"] == (1, False)
    # The other types keep their counts, for the filters they understand.
    results = run("prévision", type="solutions")
    assert {f.value: (f.count, f.selected) for f in results.type_facet} == {
        "solutions": (2, True),
        "trainings": (1, False),
    }


def test_filters_are_the_catalogue_filters(provider):
    """?region= narrows every kind with its own catalogue filter."""
    here = published(
        Event, provider, title="Atelier IA", starts_at=timezone.now(), commune=commune("marseille")
    )
    published(
        Event,
        provider,
        title="Atelier IA à Lyon",
        starts_at=timezone.now(),
        commune=commune("lyon"),
    )
    published(Place, provider, title="Atelier IA permanent", commune=commune("lyon"))
    assert slugs("atelier", region="93") == [here.slug]


def test_kind_specific_filter_limits_the_kinds(provider):
    """A filter only schemes know (aid_type) searches schemes only."""
    scheme = published(
        Scheme, owner(role="financer"), title="Diagnostic IA", aid_types=["expertise"]
    )
    published(Solution, provider, title="Diagnostic IA")
    assert slugs("diagnostic", aid_type="expertise") == [scheme.slug]


def test_sort_by_closing_date(provider):
    """Schemes closing soonest first; closed and undated ones after."""
    financer = owner(role="financer")
    now = timezone.now()
    later = published(
        Scheme, financer, title="Appel robotique B", closes_at=now + datetime.timedelta(days=60)
    )
    soon = published(
        Scheme, financer, title="Appel robotique A", closes_at=now + datetime.timedelta(days=5)
    )
    undated = published(Scheme, financer, title="Appel robotique C")
    closed = published(
        Scheme, financer, title="Appel robotique D", closes_at=now - datetime.timedelta(days=5)
    )
    assert slugs("robotique", sort="closing") == [soon.slug, later.slug, undated.slug, closed.slug]


def test_sort_by_newest(provider):
    """Latest published first."""
    old = loaded(
        Solution,
        provider,
        title="Jumeau numérique",
        slug="ancien",
        published_at=timezone.now() - datetime.timedelta(days=30),
    )
    new = loaded(
        Solution, provider, title="Jumeau numérique", slug="recent", published_at=timezone.now()
    )
    assert slugs("jumeau", sort="newest") == [new.slug, old.slug]


def test_pages(provider):
    """Results come page by page; the count covers them all."""
    for n in range(5):
        loaded(Solution, provider, title=f"Agent vocal {n}", slug=f"agent-vocal-{n}")
    first = run("vocal", page_size="2")
    third = run("vocal", page_size="2", page="3")
    assert first.count == 5 and first.pages == 3 and first.has_next
    assert len(first.results) == 2 and len(third.results) == 1 and not third.has_next
    seen = (
        slugs("vocal", page_size="2")
        + slugs("vocal", page_size="2", page="2")
        + [r.slug for r in third.results]
    )
    assert sorted(seen) == [f"agent-vocal-{n}" for n in range(5)]


def test_highlights_are_escaped_and_marked(provider):
    """Matched words are wrapped in <mark>; the rest of the text is escaped."""
    published(
        Solution,
        provider,
        title="<b>Maintenance prédictive</b> & co",
        summary="Prévenir les pannes des machines.",
    )
    (result,) = run("maintenance prédictive machines").results
    assert result.title_html == ("&lt;b&gt;<mark>Maintenance prédictive</mark>&lt;/b&gt; &amp; co")
    assert "<mark>machines</mark>" in result.snippet_html


def test_explanation_lists_terms_and_fields(provider):
    """Each result says which words matched, how, and in which fields."""
    published(
        Solution,
        provider,
        title="Agent conversationnel",
        description="Répond aux clients jour et nuit.",
    )
    (result,) = run("chatbot clients").results
    by_term = {m.term: m for m in result.explanation}
    assert by_term["chatbot"].reason == "synonym"
    assert "agent conversationnel" in by_term["chatbot"].matched
    assert by_term["chatbot"].fields[0] == "title"
    assert by_term["clients"].fields == ("description",)


def test_did_you_mean_when_nothing_matches(provider):
    """A query that finds nothing proposes indexed words, written as the entries write them."""
    published(Solution, provider, title="Reconnaissance vocale pour les ateliers")
    results = run("reconaisance vocal ateliers robt")
    assert results.count == 0 or results.suggestions == []
    results = run("reconaisence")
    assert results.count == 0
    assert [s.q for s in results.suggestions] == ["reconnaissance"]
    assert results.suggestions[0].count == 1


def test_empty_query_lists_a_kind(provider):
    """Without words, a type lists its entries, newest first."""
    published(Solution, provider, title="Premier")
    published(Solution, provider, title="Second")
    assert run(type="solutions").count == 2
