"""The documentation page in a real browser: Swagger UI renders offline, from /static/ only."""

from __future__ import annotations

from urllib.parse import urlparse

from playwright.sync_api import Page, Request, expect
from pytest_django.live_server_helper import LiveServer


def test_docs_page_renders_the_api_without_any_other_site(
    page: Page, live_server: LiveServer
) -> None:
    """Swagger UI lists every endpoint, and the browser fetched nothing from another site."""
    origin = urlparse(live_server.url).netloc
    fetched: list[str] = []

    def remember(request: Request) -> None:
        fetched.append(request.url)

    page.on("request", remember)
    page.goto("/api/v1/docs/")
    expect(page.get_by_text("Lister les solutions d'IA")).to_be_visible()
    for summary in ("Lister les formations", "Lister les dispositifs", "Lire un lieu"):
        expect(page.get_by_text(summary).first).to_be_visible()
    others = [url for url in fetched if urlparse(url).netloc not in {origin, ""}]
    assert not others, f"fetched from elsewhere: {others}"
    assert any("/static/drf_spectacular_sidecar/" in url for url in fetched)
    assert any(url.endswith("/api/v1/openapi.json") for url in fetched)
