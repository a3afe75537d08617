"""In a real browser: a member keeps her record up to date, a moderator reads the journal."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import BrowserContext, Page, expect

from guichet.accounts.models import User
from guichet.accounts.tests.factories import PASSWORD
from guichet.organisations.models import Organisation


def sign_in(page: Page, email: str) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Mon espace")).to_be_visible()


def test_member_fixes_a_refused_siren_and_the_moderator_sees_the_change(
    page: Page,
    browser_context_factory: Callable[..., BrowserContext],
    alice: User,
    moderator: User,
    provider_a: Organisation,
) -> None:
    """Alice's bad SIREN is refused next to the field; fixed, it is saved and journaled."""
    sign_in(page, alice.email)
    page.get_by_role("link", name="Modifier la fiche de Vision Alpes").click()
    page.get_by_label("SIREN").fill("732829321")
    page.get_by_label("Présentation").fill("Vision par ordinateur pour l'industrie.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("alert")).to_contain_text("clé de contrôle")
    description = page.get_by_label("Présentation")
    expect(description).to_have_value("Vision par ordinateur pour l'industrie.")
    page.get_by_label("SIREN").fill("732 829 320")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_contain_text("La fiche a été enregistrée.")
    expect(page.get_by_text("732829320")).to_be_visible()

    moderator_page = browser_context_factory().new_page()
    sign_in(moderator_page, moderator.email)
    moderator_page.get_by_role("link", name="Journal des modifications des organisations").click()
    table = moderator_page.get_by_role("table")
    expect(table).to_contain_text("alice@vision-alpes.example")
    expect(table).to_contain_text("732829320")


def test_admin_rebrands_the_region(page: Page, admin: User) -> None:
    """The admin changes label and colour; the next page wears them."""
    sign_in(page, admin.email)
    page.get_by_role("link", name=re.compile("Identité de la Région")).click()
    page.get_by_label("Nom court du label").fill("Exemple IA")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_contain_text("enregistrée")
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Exemple IA")


def test_other_provider_cannot_open_the_edit_page(
    page: Page, bob: User, provider_a: Organisation
) -> None:
    """Bob, of provider B, is refused on provider A's edit page."""
    sign_in(page, bob.email)
    response = page.goto(f"/organisations/{provider_a.slug}/modifier/")
    assert response is not None
    assert response.status == 403
