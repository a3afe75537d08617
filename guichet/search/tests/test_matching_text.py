"""Text relevance of matching, read from the search index: the need's ideas, use cases, 0-1."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guichet.catalogue.models import Scheme, Solution
from guichet.catalogue.workflow import Status
from guichet.organisations.tests.factories import OrganisationFactory
from guichet.search.backends import get_backend
from guichet.search.matching import PROXIMITY_KM, proximity, weighted_score
from guichet.search.matching_schemes import _reads_as_research
from guichet.search.matching_text import _coverage, analyse_need, text_hits
from guichet.search.query import analyze_query

pytestmark = pytest.mark.django_db


def _solution(title: str, summary: str = "", description: str = "") -> Solution:
    return Solution.objects.create(
        owner=OrganisationFactory.create(),
        slug=f"solution-{Solution.objects.count() + 1}",
        title=title,
        summary=summary,
        description=description,
        status=Status.PUBLISHED,
    )


def test_need_is_read_as_the_search_reads_a_query() -> None:
    """The need's ideas are the search's groups: one French analysis for both."""
    text = "Réduire la facture d'énergie de nos boulangeries"
    need = analyse_need(text)
    assert (
        need.query.groups[: need.typed_groups]
        == analyze_query(text, get_backend().known_terms).groups
    )
    assert need.terms == ("Réduire", "facture", "énergie", "boulangeries")


def test_need_recognises_use_cases_by_their_keywords() -> None:
    """« chatbot » and « service client » are keywords of the customer chatbot use case."""
    need = analyse_need("Un chatbot pour notre service client")
    assert [u.code for u in need.use_cases] == ["customer_chatbot"]
    assert need.use_cases[0].keywords == ("chatbot", "service client")


def test_keywords_match_as_phrases_in_order() -> None:
    """« client du service » does not contain the phrase « service client »."""
    need = analyse_need("un client du service")
    assert "customer_chatbot" not in [u.code for u in need.use_cases]


def test_title_weighs_more_than_description() -> None:
    """The same word counts more in the title than deep in the description."""
    in_title = _solution("Maintenance des équipements")
    in_text = _solution("Offre atelier", description="Un suivi de la maintenance.")
    need = analyse_need("maintenance")
    hits = text_hits("solutions", need, allowed=None, synthetic=False, limit=10)
    assert hits[in_title.pk].relevance > hits[in_text.pk].relevance > 0
    assert hits[in_text.pk].matches[0].fields == ("description",)


def test_a_use_case_keyword_finds_a_scheme_in_other_words() -> None:
    """A scheme on « FAQ » answers a need for a chatbot through the chatbot use case."""
    owner = OrganisationFactory.create()
    scheme = Scheme.objects.create(
        owner=owner, title="Automatiser la FAQ de votre site", status=Status.PUBLISHED
    )
    need = analyse_need("un chatbot")
    hits = text_hits("schemes", need, allowed=Scheme.objects.all(), synthetic=False, limit=10)
    hit = hits[scheme.pk]
    assert hit.relevance > 0 and hit.matched_terms == ()
    assert [u.code for u in hit.use_cases] == ["customer_chatbot"]


def test_hits_stay_within_the_allowed_entries() -> None:
    """An entry outside ``allowed`` is never a hit, however well it answers."""
    kept = _solution("Chatbot pour boulangeries")
    left = _solution("Chatbot pour boutiques")
    need = analyse_need("chatbot")
    allowed = Solution.objects.filter(pk=kept.pk)
    assert set(text_hits("solutions", need, allowed=allowed, synthetic=False, limit=10)) == {
        kept.pk
    }
    assert left.pk in text_hits("solutions", need, allowed=None, synthetic=False, limit=10)


def test_a_word_most_entries_hold_weighs_less() -> None:
    """« IA » is in every entry: an entry holding « boulangerie » beats one holding « IA »."""
    if get_backend().document_frequencies(["ia"]) is None:
        pytest.skip("this backend does not give document frequencies")
    for number in range(6):
        _solution(f"IA numéro {number}")
    bread = _solution("Boulangerie connectée")
    generic = _solution("IA pour tous")
    need = analyse_need("IA boulangerie")
    hits = text_hits("solutions", need, allowed=None, synthetic=False, limit=20)
    assert hits[bread.pk].relevance > hits[generic.pk].relevance


@settings(max_examples=60, deadline=None)
@given(
    need=st.text(max_size=60),
    title=st.lists(st.sampled_from(["chatbot", "client", "ia", "boulang", "x"]), max_size=6),
    body=st.lists(st.sampled_from(["chatbot", "servic", "client", "maintenant"]), max_size=8),
)
def test_coverage_stays_in_0_1(need: str, title: list[str], body: list[str]) -> None:
    """Whatever the need and the terms, coverage is in 0-1 and matched terms are the need's."""
    analysed = analyse_need(need)
    coverage, matches, _ = _coverage(analysed, {"title": title, "body": body})
    assert 0.0 <= coverage <= 1.0
    assert {m.term for m in matches} <= set(analysed.terms)


@given(
    parts=st.lists(
        st.tuples(st.floats(0, 100), st.floats(allow_nan=False, allow_infinity=False)),
        max_size=4,
    )
)
def test_scores_stay_in_0_100(parts: list[tuple[float, float]]) -> None:
    """A score is an integer in 0-100 whatever its parts."""
    assert 0 <= weighted_score(*parts) <= 100


@given(distance=st.one_of(st.none(), st.floats(0, 20_000)))
def test_proximity_stays_in_0_1(distance: float | None) -> None:
    """Proximity is 1 next door, 0 beyond PROXIMITY_KM, 0.5 when unknown."""
    value = proximity(distance)
    assert 0.0 <= value <= 1.0
    if distance is not None and distance >= PROXIMITY_KM:
        assert value == 0.0


@pytest.mark.parametrize(
    ("title", "research"),
    [
        ("Appel à projets recherche régional", True),
        ("Financement de thèses de recherche sur l'IA", True),
        ("Programme pour la recherche et l'innovation", True),
        ("Aide à la recherche de clients", False),
        ("Recherche de financements pour les TPE", False),
    ],
)
def test_research_is_read_from_phrases(title: str, research: bool) -> None:
    """« projets de recherche » or « thèses » make a research scheme; « recherche » alone not."""
    assert _reads_as_research({"title": title, "promise": "", "summary": ""}) is research
