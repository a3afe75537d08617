"""At a phone's width (390 px) no page of the site scrolls sideways, on the demo's data.

The browser plugin measures every page a browser test opens, at whatever width the test
runs; this test opens each kind of page at 390 px, public and signed in, and lists every
page that does not fit, with the elements reaching past the window's edge.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from guichet.accounts.models import User
from guichet.accounts.tests.factories import PASSWORD
from guichet.catalogue.models import Event, Place, Scheme, Solution, Training
from guichet.demo.tests.conftest import demo_communes
from guichet.demo.tests.test_demo_examples import example_communes, loaded
from guichet.organisations.models import Organisation
from guichet.organisations.tests.factories import OrganisationFactory
from guichet.testing.axe import AxeAudit

__all__ = ["demo_communes", "example_communes", "loaded"]

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "/",
    "/solutions/",
    "/formations/",
    "/dispositifs/",
    "/evenements/",
    "/lieux/",
    "/carte/",
    "/organisations/",
    "/recherche/?q=chatbot",
    "/recherche/?q=maintenance+pr%C3%A9dictive+pour+une+PME+industrielle",
    "/trouver-de-l-aide/",
    "/trouver-de-l-aide/?need=un+chatbot+pour+mes+clients&commune=13055&naf=10.71C&headcount=12",
    "/accessibilite/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/compte/connexion/",
    "/compte/inscription/",
    "/api/v1/docs/",
    "/cette-page-n-existe-pas/",
]


def detail_pages() -> list[str]:
    """The page of one published entry of each kind, and of an organisation that has some."""
    pages = []
    for model, name in [
        (Solution, "solution_detail"),
        (Training, "training_detail"),
        (Scheme, "scheme_detail"),
        (Event, "event_detail"),
        (Place, "place_detail"),
    ]:
        entry = model.objects.published().order_by("-pk").first()
        assert entry is not None, f"the demo has no published {model.__name__}"
        pages.append(reverse(f"catalogue:{name}", args=[entry.slug]))
    solution = Solution.objects.published().filter(owner__status="validated").first()
    assert solution is not None
    pages.append(reverse("organisations:detail", args=[solution.owner.slug]))
    return pages


def open_all(page: Page, paths: list[str]) -> None:
    for path in paths:
        page.goto(path)


def test_public_pages_fit_a_phone(phone_page: Page, axe_audit: AxeAudit, loaded: None) -> None:
    """Home, lists, details, search, matching, legal, account and error pages fit 390 px."""
    open_all(phone_page, PUBLIC_PAGES + detail_pages())

    overflows = axe_audit.take_overflows([phone_page])

    assert not overflows, "\n".join(overflow.describe() for overflow in overflows)


def test_signed_in_pages_fit_a_phone(
    phone_page: Page, axe_audit: AxeAudit, admin: User, loaded: None
) -> None:
    """The space, moderation queues, journals and the Region's identity page fit 390 px."""
    phone_page.goto("/compte/connexion/")
    phone_page.get_by_label("Adresse électronique").fill(admin.email)
    phone_page.get_by_label("Mot de passe").fill(PASSWORD)
    phone_page.get_by_role("button", name="Se connecter").click()
    expect(phone_page.get_by_role("heading", name="Mon espace")).to_be_visible()
    organisation = Organisation.objects.public().order_by("pk").first()
    assert organisation is not None

    open_all(
        phone_page,
        [
            "/compte/",
            "/espace/",
            "/espace/moderation/",
            reverse("organisations:moderation"),
            reverse("organisations:audit_log"),
            reverse("organisations:history", args=[organisation.slug]),
            reverse("organisations:edit", args=[organisation.slug]),
            reverse("branding:edit"),
        ],
    )

    overflows = axe_audit.take_overflows([phone_page])

    assert not overflows, "\n".join(overflow.describe() for overflow in overflows)


def test_long_web_and_mail_addresses_wrap_on_a_phone(phone_page: Page, axe_audit: AxeAudit) -> None:
    """An organisation's long website and e-mail address wrap instead of widening the page."""
    organisation = OrganisationFactory.create(
        name="Atelier d'intelligence artificielle appliquée aux métiers de bouche",
        website="https://www.atelier-intelligence-artificielle-metiers-de-bouche.example/presentation",
        public_email="contact.commercial@atelier-intelligence-artificielle-metiers.example",
    )

    phone_page.goto(reverse("organisations:detail", args=[organisation.slug]))

    overflows = axe_audit.take_overflows([phone_page])

    assert not overflows, "\n".join(overflow.describe() for overflow in overflows)
