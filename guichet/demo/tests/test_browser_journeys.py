"""In a real browser, on the demo data: two firms describe a need and get answers."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from guichet.demo.tests.test_demo_examples import example_communes, loaded

__all__ = ["example_communes", "loaded"]

pytestmark = pytest.mark.browser


def ask(
    page: Page, live_server_url: str, *, need: str, commune: str, naf: str, headcount: str
) -> None:
    page.goto(f"{live_server_url}/trouver-de-l-aide/")
    page.get_by_label("Votre besoin").fill(need)
    page.get_by_label("Commune").fill(commune)
    page.get_by_label("Code NAF (APE)").fill(naf)
    page.get_by_label("Effectif salarié").fill(headcount)
    page.get_by_role("button", name="Trouver de l'aide").click()


def test_a_bakery_in_marseille_wanting_a_chatbot_gets_solutions_trainings_and_schemes(
    page: Page, live_server: object, loaded: None
) -> None:
    """A 12-person bakery in Marseille gets chatbot solutions and trainings, and ranked schemes."""
    ask(
        page,
        str(live_server),
        need="un chatbot pour répondre à mes clients",
        commune="13055",
        naf="10.71C",
        headcount="12",
    )
    solutions = page.get_by_role("region", name="Solutions d'IA")
    first = solutions.get_by_role("listitem").first
    expect(first).to_contain_text("Assistant conversationnel")
    expect(first).to_contain_text("(exemple)")
    expect(solutions).to_contain_text("Assistant conversationnel pour les boulangeries")
    trainings = page.get_by_role("region", name="Formations")
    expect(trainings).to_contain_text("chatbot")
    eligible = page.get_by_role("region", name="Dispositifs auxquels vous êtes éligible")
    expect(eligible).to_contain_text("Pertinence")
    expect(page.get_by_text("dispositifs écartés").first).to_be_visible()


def test_a_workshop_near_lyon_wanting_predictive_maintenance_gets_solutions(
    page: Page, live_server: object, loaded: None
) -> None:
    """A 20-person mechanical workshop in Lyon asking for predictive maintenance gets it first."""
    ask(
        page,
        str(live_server),
        need="maintenance prédictive de nos machines",
        commune="69123",
        naf="25.62B",
        headcount="20",
    )
    solutions = page.get_by_role("region", name="Solutions d'IA")
    expect(solutions.get_by_role("listitem").first).to_contain_text("Maintenance prédictive")
    expect(page.get_by_role("region", name="Formations")).to_be_visible()
