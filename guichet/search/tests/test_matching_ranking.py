"""Matching reads the need: a bakery wanting a chatbot gets scores that differ, explained.

The profile is a 12-person bakery in Marseille (NAF 10.71C); the catalogue is the shared
matching fixture plus a general SME scheme and a research call for laboratories.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from guichet.catalogue.models import AidType, Scheme
from guichet.search.matching import MatchResult, match
from guichet.search.profile import FirmProfile, parse_profile
from guichet.search.tests.test_matching import Catalogue, _scheme, catalogue, ids
from guichet.search.tests.test_matching_api import PAGE_URL

__all__ = ["catalogue"]

NEED = "Un chatbot pour répondre aux questions de nos clients en boulangerie"


def bakery(**facts: Any) -> FirmProfile:
    return parse_profile(
        {"commune": "13055", "naf": "10.71C", "headcount": 12, "legal_form": "5710", **facts}
    )


@pytest.fixture
def research_and_sme(catalogue: Catalogue) -> tuple[Scheme, Scheme]:
    """A France 2030 research call on conversational agents and a general SME scheme."""
    research = _scheme(
        "france-2030-agents",
        "France 2030 : appel à projets de recherche sur les agents conversationnels",
        ["PAYS-99100"],
        promise="Financer les laboratoires qui travaillent sur les chatbots",
    )
    aid_type, _ = AidType.objects.get_or_create(code="recherche", defaults={"name": "Recherche"})
    research.aid_types.add(aid_type)
    sme = _scheme(
        "chatbot-commerces",
        "Chatbot pour les commerces et artisans",
        ["PAYS-99100"],
        headcount_max=50,
        promise="Un agent conversationnel pour répondre à vos clients",
    )
    return research, sme


def schemes(result: MatchResult) -> list[Any]:
    return [*result.eligible_schemes, *result.schemes_to_check]


def test_scheme_scores_differ(
    catalogue: Catalogue, research_and_sme: tuple[Scheme, Scheme]
) -> None:
    """Schemes are no longer all at the same score: relevance and fit set them apart."""
    scores = {item.score for item in schemes(match(bakery(), NEED))}
    assert len(scores) > 1


def test_chatbot_solution_ranks_above_an_unrelated_one(catalogue: Catalogue) -> None:
    """The chatbot solution comes first and says which words of the need it answers."""
    result = match(bakery(), NEED)
    assert ids(result.solutions)[0] == catalogue.chatbot.pk
    assert result.solutions[0].explanation.matched_terms
    if catalogue.vision.pk in ids(result.solutions):
        vision = next(s for s in result.solutions if s.id == catalogue.vision.pk)
        assert vision.score < result.solutions[0].score


def test_research_call_ranks_below_a_general_sme_scheme(
    catalogue: Catalogue, research_and_sme: tuple[Scheme, Scheme]
) -> None:
    """A research call on chatbots is listed below the SME chatbot scheme, marked as research."""
    research, sme = research_and_sme
    result = match(bakery(), NEED)
    listed = ids(schemes(result))
    assert listed.index(sme.pk) < listed.index(research.pk)
    item = next(i for i in schemes(result) if i.id == research.pk)
    assert item.explanation.research
    assert item.score < next(i for i in schemes(result) if i.id == sme.pk).score


def test_eligible_schemes_come_before_those_to_check(catalogue: Catalogue) -> None:
    """Without a legal form, the SAS-only scheme is to check; the page lists eligible first."""
    result = match(bakery(legal_form=""), NEED)
    assert result.eligible_schemes and result.schemes_to_check
    assert catalogue.sas_only.pk in ids(result.schemes_to_check)


def test_left_out_schemes_are_counted_with_their_failed_criterion(
    client: Client, catalogue: Catalogue
) -> None:
    """Corsica's scheme is left out for its territory; the page says how many and why."""
    result = match(bakery(), NEED)
    left_out = {item.id: item for item in result.left_out}
    assert catalogue.corsica.pk in left_out
    assert result.left_out_count >= len(result.left_out) > 0
    response = client.get(
        PAGE_URL, {"need": NEED, "commune": "13055", "naf": "10.71C", "headcount": "12"}
    )
    html = response.content.decode()
    assert "Dispositifs écartés" in html
    assert f"{result.left_out_count} dispositif" in html
    corsica = left_out[catalogue.corsica.pk]
    assert corsica.title in html
    assert corsica.criterion in html


def test_empty_need_ranks_schemes_by_profile_fit(
    catalogue: Catalogue, research_and_sme: tuple[Scheme, Scheme]
) -> None:
    """With no need, a scheme whose criteria the bakery meets beats one that sets none."""
    research, sme = research_and_sme
    open_to_all = _scheme("ouvert-a-tous", "Dispositif sans critère", [])
    open_to_all.audiences.clear()
    result = match(bakery(), "")
    listed = ids(schemes(result))
    assert listed.index(catalogue.paca.pk) < listed.index(open_to_all.pk)
    assert listed.index(sme.pk) < listed.index(research.pk)


def test_page_says_why_a_research_call_is_ranked_down(
    client: Client, catalogue: Catalogue, research_and_sme: tuple[Scheme, Scheme]
) -> None:
    """The research call is shown with the reason of its rank and the need's words it holds."""
    response = client.get(
        PAGE_URL,
        {
            "need": NEED,
            "commune": "13055",
            "naf": "10.71C",
            "headcount": "12",
        },
    )
    html = response.content.decode()
    assert response.context["result"] is not None, response.context["form"].errors
    assert "Dispositif destiné à la recherche : classé plus bas pour une entreprise." in html
    assert "Mots de votre besoin retrouvés" in html and "« chatbot »" in html
