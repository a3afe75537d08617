"""End-to-end smoke tests in Chromium, and checks that the axe-core audit really runs."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from playwright.sync_api import Page, Route, expect

from guichet.testing.axe import AxeAudit

pytestmark = pytest.mark.browser

# An image without alternative text and a field without a label: axe-core rates
# both critical.
BROKEN_PAGE = """<!DOCTYPE html>
<html lang="fr">
  <head><meta charset="utf-8"><title>Page cassée</title></head>
  <body>
    <main>
      <h1>Page cassée</h1>
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
      <input type="text" name="recherche">
      <a href="/">Accueil</a>
    </main>
  </body>
</html>
"""
BROKEN_PATH = "/harnais-axe/page-cassee/"


def serve_broken_page(page: Page, live_server_url: str) -> str:
    """Answer BROKEN_PATH with BROKEN_PAGE from the browser itself, as if the site served it."""

    def fulfil(route: Route) -> None:
        route.fulfill(content_type="text/html; charset=utf-8", body=BROKEN_PAGE)

    page.route(live_server_url + BROKEN_PATH, fulfil)
    return live_server_url + BROKEN_PATH


def test_home_page_header_shows_the_region_name(page: Page) -> None:
    """The header of the home page names the Region."""
    page.goto("/")

    expect(page.get_by_role("banner")).to_contain_text(settings.REGION_DEFAULTS["name"])


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page: Page) -> None:
    """The first Tab reaches "Aller au contenu", and Enter moves focus to the main content."""
    page.goto("/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Aller au contenu")
    expect(skip_link).to_be_focused()

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#contenu$"))
    expect(page.get_by_role("main")).to_be_focused()


def test_audit_reports_a_page_left_as_soon_as_it_loaded(
    page: Page, axe_audit: AxeAudit, live_server
) -> None:
    """A page left by a click the moment it loaded is audited before the next page replaces it."""
    broken_url = serve_broken_page(page, live_server.url)
    page.goto(broken_url)
    page.get_by_role("link", name="Accueil").click()
    expect(page).to_have_url(live_server.url + "/")

    violations = axe_audit.take_violations(page.context.pages)

    found = {(violation.rule_id, violation.url) for violation in violations}
    assert ("image-alt", broken_url) in found
    assert ("label", broken_url) in found
    assert all(violation.url == broken_url for violation in violations), violations


def test_audit_reports_the_last_page_of_a_test(
    page: Page, axe_audit: AxeAudit, live_server
) -> None:
    """The page a test ends on is audited, with the offending elements named."""
    broken_url = serve_broken_page(page, live_server.url)
    page.goto(broken_url)

    violations = {violation.rule_id: violation for violation in axe_audit.take_violations([page])}

    assert violations["image-alt"].targets == ("img",)
    assert violations["label"].targets == ("input",)
    assert violations["label"].impact == "critical"
