"""In a real browser: a firm describes its need and profile and gets the three lists, explained."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from guichet.demo.services import demo_load
from guichet.search.tests.test_matching import Catalogue, catalogue
from guichet.search.tests.test_matching_api import PAGE_URL
from guichet.search.tests.test_matching_demo import demo
from guichet.territories.models import Commune

__all__ = ["catalogue", "demo"]

pytestmark = pytest.mark.browser

# The communes the demo data names.
DEMO_COMMUNES = [
    ("38185", "Grenoble", "38", "84"),
    ("06018", "Biot", "06", "93"),
    ("06029", "Cannes", "06", "93"),
    ("13055", "Marseille", "13", "93"),
]


def criteria_of(title: str) -> str:
    """The caption of a scheme's table of criteria."""
    return f"Éligibilité à « {title} », critère par critère"


def fill_profile(page: Page, *, need: str, commune: str, headcount: str) -> None:
    page.goto(PAGE_URL)
    page.get_by_label("Votre besoin").fill(need)
    page.get_by_label("Commune").fill(commune)
    page.get_by_label("Effectif salarié").fill(headcount)


def test_firm_finds_eligible_schemes_solutions_and_trainings(
    page: Page, catalogue: Catalogue
) -> None:
    """A Marseille SAS of 25 sees the PACA scheme eligible, criterion by criterion, in words."""
    fill_profile(
        page,
        need="Un chatbot pour répondre aux questions de notre service client",
        commune="13001",  # Marseille's postcode
        headcount="25",
    )
    page.get_by_label("Forme juridique").select_option("SAS")
    page.get_by_role("button", name="Trouver de l'aide").click()

    understood = page.get_by_role("region", name="Ce que le guichet a compris de votre entreprise")
    expect(understood).to_contain_text("Marseille (13)")
    expect(understood).to_contain_text("25 salariés (PME d'après le seul effectif)")

    eligible = page.get_by_role("region", name="Dispositifs auxquels vous êtes éligible")
    expect(eligible.get_by_role("link", name="Pass IA Provence")).to_be_visible()
    expect(eligible).not_to_contain_text("Chatbot des TPE")
    table = eligible.get_by_role("table", name=criteria_of("Pass IA Provence"))
    geography = table.get_by_role("row", name="Zone géographique")
    expect(geography).to_contain_text("Éligible")
    expect(geography).to_contain_text("ouvert aux entreprises de Provence-Alpes-Côte d'Azur")
    expect(table.get_by_role("row", name="Autres conditions")).to_contain_text(
        "À vérifier (pour information)"
    )

    solutions = page.get_by_role("region", name="Solutions d'IA")
    expect(solutions.get_by_role("link", name="Agent conversationnel pour PME")).to_be_visible()
    expect(solutions).to_contain_text("Cas d'usage reconnu : Agent conversationnel")
    expect(solutions).to_contain_text("km de votre commune (Aix-en-Provence)")

    trainings = page.get_by_role("region", name="Formations")
    expect(trainings).to_contain_text("Créer un chatbot pour son service client")
    expect(trainings).to_contain_text("À distance : accessible où que vous soyez.")


def test_missing_facts_leave_schemes_to_check(page: Page, catalogue: Catalogue) -> None:
    """Without a legal form, the scheme for SAS only is listed to check, with the reason."""
    fill_profile(page, need="chatbot", commune="13055", headcount="25")
    page.get_by_role("button", name="Trouver de l'aide").click()
    to_check = page.get_by_role("region", name="Dispositifs à vérifier")
    table = to_check.get_by_role("table", name=criteria_of("Aide IA aux SAS"))
    expect(table.get_by_role("row", name="Forme juridique")).to_contain_text("À vérifier")
    expect(table.get_by_role("row", name="Forme juridique")).to_contain_text(
        "forme juridique inconnue"
    )


def test_bad_naf_code_is_reported_and_linked_to_its_field(page: Page, catalogue: Catalogue) -> None:
    """A wrong NAF code is named in the error summary, which leads to the field."""
    fill_profile(page, need="chatbot", commune="13055", headcount="25")
    page.get_by_label("Code NAF (APE)").fill("ABC")
    page.get_by_role("button", name="Trouver de l'aide").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("n'est pas un code NAF")
    alert.get_by_role("link", name="Code NAF (APE)").click()
    expect(page.get_by_label("Code NAF (APE)")).to_be_focused()
    results = page.get_by_role("region", name="Dispositifs auxquels vous êtes éligible")
    expect(results).to_have_count(0)


def test_match_page_works_on_the_demo_data(page: Page) -> None:
    """On the demo catalogue, a small Marseille firm gets the Region's schemes, not Lyon's."""
    for code, name, department, region in DEMO_COMMUNES:
        Commune.objects.create(code=code, name=name, department_id=department, region_id=region)
    demo_load()
    fill_profile(page, need="un assistant IA pour nos devis", commune="13055", headcount="5")
    page.get_by_role("button", name="Trouver de l'aide").click()
    eligible = page.get_by_role("region", name="Dispositifs auxquels vous êtes éligible")
    expect(eligible.get_by_role("link", name="Mon assistant IA")).to_be_visible()
    expect(eligible).not_to_contain_text("EasyTech")


def test_bakery_sees_why_and_what_was_left_out(page: Page, demo: None) -> None:
    """On the demo data, the bakery reads why each answer fits and follows the link to the
    schemes left out, each with the criterion it fails."""
    page.goto(PAGE_URL)
    page.get_by_label("Votre besoin").fill("un chatbot pour répondre aux clients")
    page.get_by_label("Commune").fill("13055")
    page.get_by_label("Code NAF (APE)").fill("10.71C")
    page.get_by_label("Effectif salarié").fill("12")
    page.get_by_role("button", name="Trouver de l'aide").click()
    solutions = page.get_by_role("region", name="Solutions d'IA")
    first = solutions.get_by_role("listitem").first
    expect(first).to_contain_text("Assistant conversationnel pour les boulangeries")
    expect(first).to_contain_text("Mots de votre besoin retrouvés : « chatbot »")
    expect(first).to_contain_text("Adapté à votre profil : vise votre secteur")
    page.get_by_role("link", name="dispositifs écartés pour votre profil").click()
    left_out = page.get_by_role("region", name="Dispositifs écartés")
    expect(left_out).to_be_in_viewport()
    expect(left_out.get_by_role("listitem").filter(has_text="EasyTech")).to_contain_text(
        "Zone géographique"
    )


def test_empty_need_still_lists_solutions_and_trainings(page: Page, demo: None) -> None:
    """Without a need, solutions and trainings are listed, ranked by the firm's profile."""
    page.goto(PAGE_URL)
    page.get_by_label("Commune").fill("13055")
    page.get_by_label("Code NAF (APE)").fill("10.71C")
    page.get_by_role("button", name="Trouver de l'aide").click()
    expect(
        page.get_by_text("Sans besoin décrit, chaque liste est classée selon votre profil")
    ).to_be_visible()
    expect(
        page.get_by_role("region", name="Solutions d'IA").get_by_role("listitem").first
    ).to_be_visible()
    expect(
        page.get_by_role("region", name="Formations").get_by_role("listitem").first
    ).to_be_visible()
