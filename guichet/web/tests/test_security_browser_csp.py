"""In Chromium: the map and the API documentation work under the Content-Security-Policy."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from guichet.catalogue.models import Solution
from guichet.catalogue.tests.public_entries import commune, organisation, published

# A transparent 1×1 PNG: tiles drawn with no request leaving the machine.
BLANK_TILE = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAA"
    "AAYAAjCB0C8AAAAASUVORK5CYII="
)
# Runs before any page script, outside the policy: records every violation the page reports.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


@pytest.fixture
def violations(page: Page) -> list[str]:
    """Console errors about the policy, then the page's own violation reports (filled later)."""
    found: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            found.append(message.text)

    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", on_console)
    return found


def reported(page: Page) -> list[str]:
    return list(page.evaluate("window.__cspViolations"))


def test_map_draws_its_markers_with_no_policy_violation(
    page: Page, violations: list[str], settings
) -> None:
    """Leaflet and its clusters draw the points; the browser reports no refused resource."""
    settings.MAP_TILE_URL = BLANK_TILE
    south = organisation("Vision Alpes", commune=commune("marseille"))
    published(Solution, south, title="Caméra qualité", techniques=["vision"])

    response = page.goto("/carte/")

    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_role("region", name="Carte interactive")).to_be_visible()
    expect(page.locator(".leaflet-marker-icon").first).to_be_visible()
    expect(page.locator(".leaflet-tile-loaded").first).to_be_attached()
    assert reported(page) == []
    assert violations == []


def test_swagger_ui_renders_with_no_policy_violation(page: Page, violations: list[str]) -> None:
    """The API documentation lists its operations and the browser refused nothing."""
    response = page.goto("/api/v1/docs/")

    assert response is not None
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    expect(page.get_by_text("Lister les solutions d'IA")).to_be_visible()
    page.get_by_text("Lister les solutions d'IA").click()
    expect(page.get_by_role("button", name="Try it out")).to_be_visible()
    assert reported(page) == []
    assert violations == []


@pytest.mark.parametrize("path", ["/", "/compte/inscription/", "/compte/connexion/"])
def test_pages_with_the_region_colours_break_no_policy(
    page: Page, violations: list[str], path: str
) -> None:
    """The Region's colours (an inline style with the nonce) apply; nothing is refused."""
    page.goto(path)

    expect(page.locator(".site-header")).to_be_visible()
    primary = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--brand-primary')"
    )
    assert primary.strip().startswith("#")
    assert reported(page) == []
    assert violations == []
