"""In a real browser: a visitor filters a list, opens an entry, then looks at the map."""

from __future__ import annotations

import datetime
import re

from playwright.sync_api import ConsoleMessage, Page, expect

from guichet.catalogue.models import Event, Solution, Training, TrainingSession
from guichet.catalogue.tests.public_entries import commune, organisation, published

# A transparent 1×1 PNG: the map draws its tiles without any request leaving the machine.
BLANK_TILE = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAA"
    "AAYAAjCB0C8AAAAASUVORK5CYII="
)


def test_visitor_filters_solutions_opens_one_and_finds_it_on_the_map(page: Page, settings) -> None:
    """Ticking a technique and submitting narrows the list; the entry's page and the map follow."""
    settings.MAP_TILE_URL = BLANK_TILE
    settings.MAP_TILE_ATTRIBUTION = "Fond de carte de test"
    south = organisation("Vision Alpes", commune=commune("marseille"))
    published(Solution, south, title="Caméra qualité", techniques=["vision"], sectors=["C"])
    published(Solution, south, title="Agent vocal", techniques=["speech"])
    training = published(Training, south, title="Initiation à la vision", level="beginner")
    TrainingSession.objects.create(
        training=training, starts_on=datetime.date(2027, 2, 1), commune=commune("nice"), seats=10
    )
    published(
        Event,
        south,
        title="SophIA Summit",
        starts_at=datetime.datetime(2027, 11, 20, 9, tzinfo=datetime.UTC),
        commune=commune("nice"),
    )

    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", on_console)
    page.goto("/solutions/")
    expect(page.locator("[data-entry-id]")).to_have_count(2)
    page.get_by_label("Vision par ordinateur").check()
    page.get_by_role("button", name="Filtrer").click()

    expect(page).to_have_url(re.compile(r"technique=vision"))
    expect(page.locator("[data-entry-id]")).to_have_count(1)
    expect(page.get_by_text("1 résultat")).to_be_visible()
    expect(page.get_by_label("Vision par ordinateur")).to_be_checked()

    page.get_by_role("link", name="Caméra qualité").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Caméra qualité")
    expect(page.get_by_role("link", name="Vision Alpes")).to_be_visible()

    page.get_by_role("link", name="Carte", exact=True).click()
    expect(page.get_by_role("region", name="Carte interactive")).to_be_visible()
    # Marseille and Nice: the provider, the session and the event, drawn or clustered.
    expect(page.locator(".leaflet-marker-icon").first).to_be_visible()
    expect(page.get_by_role("table").filter(has_text="SophIA Summit")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Sessions de formation")).to_be_checked()
    assert errors == []
