"""In a real browser: a new provider registers, submits a solution, is refused, fixes it, and a
Region moderator publishes it."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.core import mail
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import BrowserContext, Page, expect

from guichet.accounts.models import User
from guichet.accounts.tests.factories import PASSWORD as FACTORY_PASSWORD
from guichet.catalogue.models import Solution
from guichet.catalogue.workflow import Status
from guichet.territories.models import Commune, Postcode

pytestmark = pytest.mark.browser

NEW_PASSWORD = "des-factures-bien-rangees"
TITLE = "Lecteur de factures"
REASON = "Précisez où les factures sont hébergées et qui peut les lire."


def sign_in(page: Page, email: str) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(FACTORY_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Mon espace")).to_be_visible()


def open_in_queue(page: Page, title: str) -> None:
    page.goto("/espace/moderation/")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Relire « {title} »")


def public_page_of(solution: Solution) -> str | None:
    """The public detail page when the public catalogue has one."""
    try:
        return reverse("catalogue:solution_detail", kwargs={"slug": solution.slug})
    except NoReverseMatch:
        return None


def test_provider_registers_is_refused_fixes_and_is_published(
    page: Page,
    browser_context_factory: Callable[..., BrowserContext],
    moderator: User,
) -> None:
    """Register, create, submit; refused with a reason; fix, resubmit; published and public."""
    digne = Commune.objects.create(
        code="04070", name="Digne-les-Bains", department_id="04", region_id="93"
    )
    Postcode.objects.create(code="04000", commune=digne)

    # A new provider opens an account and its organisation.
    page.goto("/compte/inscription/")
    page.get_by_label("Adresse électronique").fill("claire@lumiere-ia.example")
    page.get_by_label("Prénom et nom").fill("Claire Fontaine")
    page.get_by_label(re.compile(r"^Mot de passe")).fill(NEW_PASSWORD)
    page.get_by_label("Confirmation du mot de passe").fill(NEW_PASSWORD)
    page.get_by_label("Nom de l'organisation").fill("Lumière IA")
    page.get_by_label("offreur de solutions d'IA").check()
    page.get_by_label("SIREN (facultatif)").fill("732 829 320")
    page.get_by_label("Code postal").fill("04000")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez votre messagerie")
    # She follows the link the confirmation e-mail carries.
    link = re.search(
        r"https?://[^/\s]+(/compte/inscription/confirmer/\S+)", str(mail.outbox[-1].body)
    )
    assert link
    page.goto(link.group(1))
    page.get_by_role("button", name="Confirmer et créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Espace de publication")
    expect(page.get_by_role("heading", name="Lumière IA")).to_be_visible()

    # She writes a solution and submits it.
    page.get_by_role("link", name="Ajouter une solution d'IA").click()
    page.get_by_label("Titre").fill(TITLE)
    page.get_by_label("Résumé").fill("Lit les factures fournisseurs et prépare la saisie.")
    page.get_by_label("Traitement automatique de documents").check()
    page.get_by_label("Finance et administration").check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_contain_text("Le brouillon est enregistré")
    page.get_by_role("button", name="Soumettre à la modération").click()
    expect(page.get_by_role("status")).to_contain_text("soumise à la modération")

    # A moderator, signed in elsewhere, refuses it with a reason.
    moderator_page = browser_context_factory().new_page()
    sign_in(moderator_page, moderator.email)
    open_in_queue(moderator_page, TITLE)
    expect(
        moderator_page.get_by_role("definition").filter(has_text="Lit les factures fournisseurs")
    ).to_be_visible()
    moderator_page.get_by_label("Motif du refus").fill(REASON)
    moderator_page.get_by_role("button", name="Refuser", exact=True).click()
    expect(moderator_page.get_by_role("status")).to_contain_text("La fiche est refusée")

    # The provider reads the reason in her space, fixes the solution and submits it again.
    page.goto("/espace/")
    to_fix = page.locator(".message--error")
    expect(to_fix).to_contain_text("À corriger")
    expect(to_fix).to_contain_text(REASON)
    to_fix.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name="Cette fiche a été refusée")).to_be_visible()
    expect(page.get_by_text(REASON, exact=True)).to_be_visible()
    page.get_by_role("link", name="Modifier la fiche").click()
    page.get_by_label("Description").fill(
        "Les factures restent chez un hébergeur en France ; seuls vos comptables les lisent."
    )
    page.get_by_label("SaaS hébergé dans l'Union européenne").check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_contain_text("La fiche est enregistrée")
    expect(page.get_by_role("definition").filter(has_text="Brouillon")).to_be_visible()
    page.get_by_role("button", name="Soumettre à la modération").click()
    expect(page.get_by_role("status")).to_contain_text("soumise à la modération")

    # The moderator sees the fix and publishes.
    open_in_queue(moderator_page, TITLE)
    expect(
        moderator_page.get_by_role("definition").filter(has_text="hébergeur en France")
    ).to_be_visible()
    moderator_page.get_by_role("button", name="Publier", exact=True).click()
    expect(moderator_page.get_by_role("status")).to_contain_text("La fiche est publiée")
    expect(moderator_page.get_by_text("Aucune fiche n'attend de décision.")).to_be_visible()

    # The provider sees it published, and so does everyone.
    page.goto("/espace/")
    expect(page.get_by_role("cell", name=re.compile("^Publiée"))).to_be_visible()
    expect(page.locator(".message--error")).to_have_count(0)
    solution = Solution.objects.get(title=TITLE)
    assert solution.status == Status.PUBLISHED
    public = public_page_of(solution)
    if public is not None:
        visitor = browser_context_factory().new_page()
        visitor.goto(public)
        expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(visitor.get_by_text("hébergeur en France")).to_be_visible()
