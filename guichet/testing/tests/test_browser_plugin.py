"""The browser plugin fails tests on accessibility violations and never hides a missing browser."""

from __future__ import annotations

import textwrap

import pytest
from playwright.sync_api import Browser, Page

from guichet.testing import axe
from guichet.testing.axe import AxeAudit, assert_no_axe_violations
from guichet.testing.browser import PHONE_WIDTH, BrowserContextFactory

BROKEN_PAGE = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Cassée</title></head>'
    '<body><main><h1>Cassée</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
    '<input type="text" name="q"></main></body></html>'
)
NEEDS_A_BROWSER = """
def test_needs_a_browser(page):
    page.goto("/")
"""


@pytest.fixture
def inner_run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A separate pytest run with the plugin, on its own SQLite test database.

    A PostgreSQL test database would be the outer run's, which is in use.
    """
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("CI", raising=False)
    return pytester


def run_inner(pytester: pytest.Pytester) -> pytest.RunResult:
    return pytester.runpytest_subprocess(
        "-p", "guichet.testing.browser", "--ds", "guichet.config.test_settings", "-rA"
    )


def test_browser_test_fails_listing_its_violations(browser: Browser, inner_run: pytest.Pytester):
    """A browser test that opens an inaccessible page fails, naming the rules, page and elements."""
    # `browser` only makes this test skip, or fail in CI, like any browser test when
    # Chromium is missing: the inner run launches its own.
    inner_run.makepyfile(
        test_inner=textwrap.dedent(
            f"""
            BROKEN_PAGE = {BROKEN_PAGE!r}

            def serve_broken_page(route):
                route.fulfill(body=BROKEN_PAGE, content_type="text/html")

            def test_opens_a_broken_page(page, live_server):
                url = live_server.url + "/page-cassee/"
                page.route(url, serve_broken_page)
                page.goto(url)
            """
        )
    )

    result = run_inner(inner_run)

    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*axe-core found 2 serious or critical accessibility violation(s):*",
            "*- image-alt (critical): Images must have alternative text*",
            "*page: http://localhost:*/page-cassee/*",
            "*elements:*",
            "*img",
        ]
    )
    result.stdout.fnmatch_lines(["*- label (critical): *", "*page: *", "*elements:*", "*input"])
    assert list((inner_run.path / "test-artifacts").glob("*.png")), "no screenshot saved"


def test_missing_chromium_skips_browser_tests_loudly(
    inner_run: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
):
    """Without Chromium, outside CI, browser tests are skipped under a warning banner."""
    monkeypatch.setenv("CHROMIUM_PATH", str(inner_run.path / "no-chromium-here"))
    inner_run.makepyfile(test_inner=NEEDS_A_BROWSER)

    result = run_inner(inner_run)

    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*BROWSER TESTS SKIPPED: Chromium not found*no-chromium-here*"])
    result.stdout.fnmatch_lines(["*BROWSER TESTS WERE SKIPPED*"])


def test_missing_chromium_fails_browser_tests_in_ci(
    inner_run: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
):
    """Without Chromium, CI=true turns the skip into an error, so CI cannot pass untested."""
    monkeypatch.setenv("CHROMIUM_PATH", str(inner_run.path / "no-chromium-here"))
    monkeypatch.setenv("CI", "true")
    inner_run.makepyfile(test_inner=NEEDS_A_BROWSER)

    result = run_inner(inner_run)

    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*CI=true and browser tests cannot run: Chromium not found*"])
    assert result.ret != 0


def test_missing_axe_core_asks_for_make_install(monkeypatch: pytest.MonkeyPatch, tmp_path):
    """Without node_modules/axe-core, the harness cannot be built and says how to fix it."""
    monkeypatch.setattr(axe, "AXE_PATH", tmp_path / "axe.min.js")

    with pytest.raises(axe.AxeMissingError, match="run make install"):
        axe.harness_script()


def test_pages_of_a_second_context_are_audited(
    browser_context_factory: BrowserContextFactory, axe_audit: AxeAudit, live_server
):
    """A page opened in another context (another person signed in) is audited like the first."""
    second = browser_context_factory()
    other_page = second.new_page()
    other_page.route(
        live_server.url + "/page-cassee/",
        lambda route: route.fulfill(body=BROKEN_PAGE, content_type="text/html"),
    )
    other_page.goto("/page-cassee/")

    violations = axe_audit.take_violations(browser_context_factory.pages)

    assert {violation.rule_id for violation in violations} == {"image-alt", "label"}


def test_explicit_check_sees_what_a_script_changed(page: Page, axe_audit: AxeAudit):
    """assert_no_axe_violations audits the page as it is now, after the load-time audit."""
    page.goto("/")
    assert_no_axe_violations(page)

    page.locator("main").evaluate(
        "main => main.insertAdjacentHTML('beforeend', '<img src=\"data:,\">')"
    )

    with pytest.raises(AssertionError, match=r"image-alt \(critical\)"):
        assert_no_axe_violations(page)
    # The automatic audit ran at load time, before the image: nothing to forget.
    assert axe_audit.take_violations([page]) == []


def test_explicit_check_works_on_a_page_made_without_the_fixtures(browser: Browser):
    """A page from the bare browser gets axe injected on demand."""
    other = browser.new_page()
    try:
        other.set_content(BROKEN_PAGE)
        with pytest.raises(AssertionError, match=r"label \(critical\)"):
            assert_no_axe_violations(other)
    finally:
        other.close()


WIDE_PAGE = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Large</title>'
    '</head><body><main><h1>Large</h1><p class="trop-large" style="width: 600px">Texte</p>'
    "</main></body></html>"
)


def test_a_page_wider_than_a_phone_is_reported_with_what_sticks_out(
    phone_page: Page, axe_audit: AxeAudit, live_server
):
    """At 390 px, a 600 px paragraph makes the page scroll sideways: the check names it."""
    url = live_server.url + "/page-large/"
    phone_page.route(url, lambda route: route.fulfill(body=WIDE_PAGE, content_type="text/html"))
    phone_page.goto(url)

    (overflow,) = axe_audit.take_overflows([phone_page])

    assert overflow.url == url
    assert overflow.inner_width == PHONE_WIDTH
    assert overflow.scroll_width > PHONE_WIDTH
    assert any(element.startswith("main > p.trop-large") for element in overflow.elements)


def test_a_page_that_fits_a_phone_is_not_reported(phone_page: Page, axe_audit: AxeAudit):
    """The home page at 390 px has nothing reaching past the window's edge."""
    phone_page.goto("/")

    assert axe_audit.take_overflows([phone_page]) == []


def test_browser_test_fails_on_a_page_that_scrolls_sideways(
    browser: Browser, inner_run: pytest.Pytester
):
    """A browser test that merely opens a too-wide page fails, naming the page and element."""
    inner_run.makepyfile(
        test_inner=textwrap.dedent(
            f"""
            WIDE_PAGE = {WIDE_PAGE!r}

            def test_opens_a_wide_page(phone_page, live_server):
                url = live_server.url + "/page-large/"
                phone_page.route(
                    url, lambda route: route.fulfill(body=WIDE_PAGE, content_type="text/html")
                )
                phone_page.goto(url)
            """
        )
    )

    result = run_inner(inner_run)

    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*1 page(s) scroll sideways (scrollWidth wider than the window):*",
            "*http://localhost:*/page-large/ is * px wide in a 390 px window*",
            "*main > p.trop-large (right edge at * px)*",
        ]
    )
