"""The interim text scorer of matching: the need's words and use cases, relevance in 0-1."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guichet.search import analysis
from guichet.search.matching import PROXIMITY_KM, proximity, weighted_score
from guichet.search.matching_text import NeedAnalysis, analyse_need, fold, score_text, stems

pytestmark = pytest.mark.django_db


def test_need_is_read_with_the_search_analysis() -> None:
    """The need's stems are the search index's terms: one French analysis for both."""
    text = "L'Intelligence ÉNERGÉTIQUE d’œuvre pour nos boulangeries"
    assert fold(text) == analysis.fold(text)
    assert stems(text) == analysis.terms(text)


def test_need_recognises_use_cases_by_their_keywords() -> None:
    """« chatbot » and « service client » are keywords of the customer chatbot use case."""
    need = analyse_need("Un chatbot pour notre service client")
    assert [u.code for u in need.use_cases] == ["customer_chatbot"]
    assert need.use_cases[0].keywords == ("chatbot", "service client")
    assert need.terms == tuple(stems("chatbot service client"))


def test_keywords_match_as_phrases_in_order() -> None:
    """« client du service » does not contain the phrase « service client »."""
    need = analyse_need("un client du service")
    assert "customer_chatbot" not in [u.code for u in need.use_cases]


def test_title_weighs_more_than_summary() -> None:
    """The same word counts more in the title than in the summary."""
    need = analyse_need("maintenance des machines")
    in_title, _, _ = score_text(need, title="Maintenance", summary="", use_case_codes=frozenset())
    in_summary, _, _ = score_text(
        need, title="Offre", summary="maintenance", use_case_codes=frozenset()
    )
    assert in_title > in_summary > 0


def test_use_case_link_counts_even_without_shared_words() -> None:
    """An entry linked to the need's use case is relevant though its words differ."""
    need = analyse_need("un chatbot")
    relevance, matched, use_cases = score_text(
        need, title="Assistant de réponse", use_case_codes=frozenset({"customer_chatbot"})
    )
    assert relevance >= 0.5 and matched == () and use_cases[0].code == "customer_chatbot"


def test_scheme_text_names_a_use_case() -> None:
    """Without links (a scheme), a use-case keyword in its text counts as the link."""
    need = analyse_need("un chatbot")
    relevance, _, use_cases = score_text(need, title="Aide aux assistants virtuels")
    assert relevance > 0 and use_cases and use_cases[0].code == "customer_chatbot"


@settings(max_examples=200, deadline=None)
@given(need=st.text(max_size=80), title=st.text(max_size=80), summary=st.text(max_size=120))
def test_relevance_stays_in_0_1(need: str, title: str, summary: str) -> None:
    """Whatever the texts, relevance is in 0-1 and matched terms are the need's own words."""
    analysed = NeedAnalysis(need, tuple(stems(need)), {s: s for s in stems(need)}, (), ())
    relevance, matched, _ = score_text(analysed, title=title, summary=summary)
    assert 0.0 <= relevance <= 1.0
    assert set(matched) <= set(analysed.shown.values())


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


def test_title_word_weighs_more_than_a_description_word() -> None:
    """« boulangerie » in the title scores above the same word deep in the description."""
    need = analyse_need("boulangerie")
    in_title, _, _ = score_text(need, title="Aide aux boulangeries")
    in_text, matched, _ = score_text(
        need, title="Aide aux commerces", description="Ouvert aux boulangers et boulangeries."
    )
    assert in_title > in_text > 0
    assert matched == ("boulangerie",)
