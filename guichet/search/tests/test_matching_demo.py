"""Matching on the demo data: a bakery in Marseille and a mechanical workshop in Lyon.

The demo's communes are created with their centres, so that distances count; then
``load-demo`` loads the facts of the regional plans and the fictional examples.
"""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from guichet.demo import data
from guichet.search.matching import MatchItem, MatchResult, match
from guichet.search.profile import FirmProfile, parse_profile

# Code: name, department, region, latitude, longitude (commune centres, rounded).
COMMUNES = {
    "04070": ("Digne-les-Bains", "04", "93", 44.0925, 6.2356),
    "05061": ("Gap", "05", "93", 44.5594, 6.0786),
    "06018": ("Biot", "06", "93", 43.6285, 7.0964),
    "06029": ("Cannes", "06", "93", 43.5528, 7.0174),
    "06088": ("Nice", "06", "93", 43.7102, 7.2620),
    "13001": ("Aix-en-Provence", "13", "93", 43.5361, 5.3986),
    "13055": ("Marseille", "13", "93", 43.2999, 5.3823),
    "26362": ("Valence", "26", "84", 44.9334, 4.8924),
    "34172": ("Montpellier", "34", "76", 43.6119, 3.8772),
    "38185": ("Grenoble", "38", "84", 45.1885, 5.7245),
    "42218": ("Saint-Étienne", "42", "84", 45.4397, 4.3872),
    "63113": ("Clermont-Ferrand", "63", "84", 45.7772, 3.0870),
    "69123": ("Lyon", "69", "84", 45.7640, 4.8357),
    "74010": ("Annecy", "74", "84", 45.8992, 6.1294),
    "83137": ("Toulon", "83", "93", 43.1242, 5.9280),
    "84007": ("Avignon", "84", "93", 43.9493, 4.8055),
}
CHATBOT = "un chatbot pour répondre aux clients"
MAINTENANCE = "maintenance prédictive des machines"
RESEARCH_CALL = "Appel à projets recherche régional (Provence-Alpes-Côte d'Azur)"


@pytest.fixture
def demo(db: None) -> None:
    from guichet.territories.models import Commune

    for code, (name, department, region, latitude, longitude) in COMMUNES.items():
        Commune.objects.create(
            code=code,
            name=name,
            department_id=department,
            region_id=region,
            latitude=latitude,
            longitude=longitude,
        )
    assert {r["commune"] for r in data.read("examples/organisations")} <= set(COMMUNES)
    call_command("load-demo", stdout=StringIO())


def bakery() -> FirmProfile:
    return parse_profile({"commune": "13055", "naf": "10.71C", "headcount": 12})


def workshop() -> FirmProfile:
    return parse_profile({"commune": "69123", "naf": "25.62B", "headcount": 20})


def schemes(result: MatchResult) -> list[MatchItem]:
    return [*result.eligible_schemes, *result.schemes_to_check]


def titles(items: list[MatchItem]) -> list[str]:
    return [item.title for item in items]


def test_bakery_gets_chatbots_first_with_the_terms_found(demo: None) -> None:
    """The bakery's first solution is the chatbot for bakeries; it says which words it holds."""
    result = match(bakery(), CHATBOT)
    first = result.solutions[0]
    assert first.title == "Assistant conversationnel pour les boulangeries (exemple)"
    assert "chatbot" in first.explanation.matched_terms
    assert [u.code for u in first.explanation.use_cases] == ["customer_chatbot"]
    assert any(note.code == "sector" and note.met for note in first.explanation.fit)
    assert all("chatbot" in item.explanation.matched_terms for item in result.solutions[:4])
    assert "chatbot" in result.trainings[0].title
    assert result.trainings[0].explanation.matched_terms


def test_a_single_word_of_the_need_never_outranks_an_answer(demo: None) -> None:
    """Every chatbot outranks the route planners that only share « clients », however near;
    the chatbot for shops fits a bakery (a food craft that runs a shop)."""
    solutions = match(bakery(), CHATBOT).solutions
    chatbots = [s for s in solutions if s.title.startswith("Assistant conversationnel")]
    routes = [s for s in solutions if s.title.startswith("Optimisation des tournées")]
    assert len(chatbots) == 6 and routes
    assert min(s.score for s in chatbots) > max(s.score for s in routes)
    shops = next(s for s in chatbots if "commerces de proximité" in s.title)
    assert shops.explanation.sector.startswith("G – ")


def test_every_list_has_scores_that_differ(demo: None) -> None:
    """Solutions, trainings and schemes are not all at one score, for both firms."""
    for profile, need in ((bakery(), CHATBOT), (workshop(), MAINTENANCE)):
        result = match(profile, need)
        for items in (result.solutions, result.trainings, schemes(result)):
            assert len({item.score for item in items}) > 1, (need, titles(items))


def test_research_call_is_not_first_for_a_bakery(demo: None) -> None:
    """The regional research call is listed for the bakery, marked as research, far down."""
    eligible = match(bakery(), CHATBOT).eligible_schemes
    assert not eligible[0].explanation.research
    research = next(item for item in eligible if item.title == RESEARCH_CALL)
    assert research.explanation.research
    others = [item for item in eligible if not item.explanation.research]
    assert len(others) > 5 and all(item.score > research.score for item in others)


def test_scheme_for_the_bakery_sector_beats_one_for_industry(demo: None) -> None:
    """« Coach digital » (craft trades, shops) ranks above « Parcours Sud Industrie 4.0»."""
    listed = titles(schemes(match(bakery(), CHATBOT)))
    assert listed.index("Coach digital") < listed.index("Parcours Sud Industrie 4.0")


def test_workshop_gets_predictive_maintenance_near_lyon(demo: None) -> None:
    """The workshop's first solution and training are predictive maintenance, explained."""
    result = match(workshop(), MAINTENANCE)
    first = result.solutions[0]
    assert first.title.startswith("Maintenance prédictive pour les")
    assert "maintenance prédictive" in first.explanation.matched_terms
    ateliers = "Maintenance prédictive pour les ateliers industriels (exemple)"
    shops = "Maintenance prédictive pour les commerces de proximité (exemple)"
    listed = titles(result.solutions)
    assert listed.index(ateliers) < listed.index(shops)  # aimed at manufacturing
    assert "maintenance prédictive" in result.trainings[0].title.lower()
    eligible = titles(result.eligible_schemes)
    assert "EasyIndus" in eligible
    assert "Coach digital" not in titles(schemes(result))  # a PACA scheme


def test_a_near_session_beats_the_same_training_far_away(demo: None) -> None:
    """For Lyon, the on-site maintenance training is measured to its coming session."""
    result = match(workshop(), MAINTENANCE)
    on_site = next(
        item
        for item in result.trainings
        if item.title == "La maintenance prédictive à l'atelier (exemple)"
    )
    assert on_site.explanation.distance_to == "Grenoble"
    assert (
        on_site.explanation.distance_km is not None and 80 < on_site.explanation.distance_km < 110
    )


def test_empty_need_ranks_solutions_and_trainings_by_fit(demo: None) -> None:
    """With no need, the bakery still gets solutions and trainings, its sector's and the
    nearest first."""
    result = match(bakery(), "")
    assert result.solutions and result.trainings and schemes(result)
    first = result.solutions[0].explanation
    assert any(note.code == "sector" and note.met for note in first.fit)
    assert first.distance_km is not None and first.distance_km < 30
    for items in (result.solutions, result.trainings, schemes(result)):
        assert len({item.score for item in items}) > 1
    assert [i.score for i in result.solutions] == sorted(
        (i.score for i in result.solutions), reverse=True
    )


def test_api_lists_left_out_schemes_with_their_criterion(client: Client, demo: None) -> None:
    """The API counts the schemes left out for the bakery and names each one's criterion."""
    body: dict[str, Any] = client.post(
        "/api/v1/match",
        data=json.dumps(
            {"profile": {"commune": "13055", "naf": "10.71C", "headcount": 12}, "need": CHATBOT}
        ),
        content_type="application/json",
    ).json()
    left_out = body["schemes"]["left_out"]
    assert left_out["count"] == len(left_out["schemes"]) > 0
    easytech = next(item for item in left_out["schemes"] if item["title"] == "EasyTech")
    assert easytech["criterion"] == "geography"
    assert easytech["label"] == "Zone géographique"
    assert easytech["url"].startswith("http://testserver/dispositifs/")
    first = body["solutions"][0]["explanation"]
    assert "chatbot" in first["matched_terms"]
    assert {m["term"] for m in first["term_matches"]} == set(first["matched_terms"])
    assert {"criterion": "sector", "met": True}.items() <= first["fit"][0].items()
