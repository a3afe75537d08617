"""In Chromium: a form posted invalid points screen readers from each field to its error."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from guichet.testing.browser import PHONE_WIDTH

pytestmark = pytest.mark.browser


def test_invalid_registration_describes_each_field_by_its_error(page: Page) -> None:
    """After a bad post, the e-mail field is invalid and described by its error message."""
    page.goto("/compte/inscription/")
    page.get_by_label("Adresse électronique").fill("pas-une-adresse")
    page.get_by_role("button", name="Créer mon compte").click()

    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Le formulaire contient des erreurs")
    email = page.locator("#id_email")
    expect(email).to_have_attribute("aria-invalid", "true")
    described_by = email.get_attribute("aria-describedby") or ""
    assert "id_email_error" in described_by.split()
    expect(page.locator("#id_email_error")).to_be_visible()

    summary.get_by_role("link").filter(has_text="Adresse électronique").click()
    expect(page).to_have_url(re.compile(r"#id_email$"))


@pytest.mark.parametrize(
    "path", ["/", "/compte/inscription/", "/recherche/?q=ia", "/trouver-de-l-aide/"]
)
def test_page_does_not_scroll_sideways_on_a_phone(phone_page: Page, path: str) -> None:
    """At 390 px wide the page fits: nothing forces a horizontal scroll."""
    phone_page.goto(path)

    width = phone_page.evaluate("document.documentElement.scrollWidth")

    assert width <= PHONE_WIDTH, f"{path} is {width} px wide"
