"""pytest plugin for end-to-end tests in Debian's Chromium, driven by Playwright.

Fixtures (registered from ``guichet/conftest.py``):

- ``page``: a new page of ``browser_context``; ``page.goto("/")`` opens the home
  page of pytest-django's ``live_server``.
- ``phone_page``: the same at a phone's width (``PHONE_VIEWPORT``, 390 px wide).
- ``browser_context``: the test's context: French locale, Paris time zone,
  ``base_url`` set to the live server, every page audited by axe-core.
- ``browser_context_factory``: call it for more such contexts (another person
  signed in at the same time); their pages are audited too.
- ``axe_audit``: the test's ``AxeAudit``, for tests that check violations on purpose.
- ``browser``: the session's headless Chromium (``playwright.sync_api.Browser``).

After the body of a test using them, the plugin waits for the audit of every
open page and fails the test on any serious or critical violation found on any
page it opened, and on any page that scrolled sideways when it loaded (its
``scrollWidth`` wider than the window); a failed test leaves a screenshot in
test-artifacts/. ``--browser-width=390`` opens every test's pages at that width.

Such tests are marked ``browser`` and run after the other tests. We never
download a browser: the binary is ``CHROMIUM_PATH`` when set, else Debian's
``/usr/bin/chromium`` (``make browser`` installs it). Without it browser tests are
skipped with a loud warning, and fail under ``CI=true``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    Request,
    Route,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError

from guichet.testing.axe import AxeAudit, AxeMissingError, harness_script

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS_DIRNAME = "test-artifacts"  # beside pyproject.toml, gitignored
BROWSER_FIXTURES = frozenset(
    {"browser", "browser_context_factory", "browser_context", "page", "phone_page", "axe_audit"}
)
# An ordinary phone held upright (CSS pixels): no page may scroll sideways at this width.
PHONE_WIDTH = 390
PHONE_VIEWPORT = {"width": PHONE_WIDTH, "height": 844}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# Fail fast on a missing element instead of Playwright's 30 s default.
ACTION_TIMEOUT_MS = 10_000

_skipped_for_missing_browser = pytest.StashKey[str]()
_page_key = pytest.StashKey[Page]()


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def find_chromium() -> Path | None:
    """The Chromium to drive: CHROMIUM_PATH when set (even to nowhere), else Debian's."""
    configured = os.environ.get("CHROMIUM_PATH", "").strip()
    candidate = Path(configured) if configured else DEBIAN_CHROMIUM
    if candidate.is_file() and os.access(candidate, os.X_OK):
        return candidate
    return None


def missing_chromium_message() -> str:
    configured = os.environ.get("CHROMIUM_PATH", "").strip()
    where = f"CHROMIUM_PATH={configured}" if configured else str(DEBIAN_CHROMIUM)
    return (
        f"Chromium not found ({where} is not an executable file). "
        "Run `make browser` (installs Debian's chromium package as root) "
        "or point CHROMIUM_PATH at a Chromium binary."
    )


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--browser-width",
        type=int,
        default=None,
        help="Open every browser test's pages at this window width (e.g. 390, a phone).",
    )


def pytest_configure(config: pytest.Config) -> None:
    # The marker is declared in pyproject.toml too; declaring it here keeps the
    # plugin usable on its own.
    config.addinivalue_line("markers", "browser: end-to-end test driving a real Chromium")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test using a browser fixture, give it the reference data, run it last.

    A browser test talks to the live server, so its database is emptied after it
    (transactional_db) rather than rolled back, which also removes what data
    migrations loaded (regions, roles...). Unless the test says otherwise, we ask
    pytest-django for serialized_rollback: that data is restored before each one.
    Mixing the two kinds breaks the restore (content types recreated with other
    ids), hence one rule for all browser tests.

    Playwright's sync API keeps an asyncio loop running in the main thread for as
    long as the browser lives, and Django refuses database calls while a loop
    runs unless DJANGO_ALLOW_ASYNC_UNSAFE is set. Running browser tests last keeps
    that safety check on for every other test.
    """
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if BROWSER_FIXTURES & fixtures:
            item.add_marker(pytest.mark.browser)
        if (
            item.get_closest_marker("browser") is not None
            and "live_server" in fixtures
            and item.get_closest_marker("django_db") is None
        ):
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def _playwright() -> Iterator[Playwright]:
    """Playwright, with Django keeping its database connections while it runs.

    Playwright's sync API leaves an asyncio loop marked as running in the main
    thread; Django's connection handler (asgiref's Local) then stores connections
    per async context instead of per thread, and would open new ones that lack
    what the test database setup put on the old ones (serialized_rollback's data).
    So the connections made before are handed to the new storage.
    """
    from django.db import connections

    pinned = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in pinned.items():
            connections[alias] = connection
        yield playwright


@pytest.fixture(scope="session")
def browser(request: pytest.FixtureRequest) -> Iterator[Browser]:
    """Headless Debian Chromium for the whole session, or a skip (a failure in CI)."""
    executable = find_chromium()
    if executable is None:
        message = missing_chromium_message()
        if in_ci():
            pytest.fail(f"CI=true and browser tests cannot run: {message}", pytrace=False)
        request.config.stash[_skipped_for_missing_browser] = message
        pytest.skip(f"BROWSER TESTS SKIPPED: {message}")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright: Playwright = request.getfixturevalue("_playwright")
    chromium = playwright.chromium.launch(
        executable_path=executable, headless=True, args=CHROMIUM_ARGS
    )
    try:
        yield chromium
    finally:
        chromium.close()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def axe_init_script() -> str:
    """axe-core and the harness that runs it on every page, read once per session."""
    try:
        return harness_script()
    except AxeMissingError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture
def axe_audit() -> AxeAudit:
    """The axe reports of this test; the test fails at its end on blocking violations."""
    return AxeAudit()


class BrowserContextFactory:
    """Makes the test's browser contexts: French, against the live server, audited by axe.

    Each context has its own cookies, so a test can sign in two people at once.
    Every page of every context counts for the axe audit at the end of the test.
    """

    def __init__(
        self,
        browser: Browser,
        base_url: str,
        axe_init_script: str,
        axe_audit: AxeAudit,
        width: int | None = None,
    ) -> None:
        self.browser = browser
        self.base_url = base_url
        self.axe_init_script = axe_init_script
        self.axe_audit = axe_audit
        # --browser-width: every context at that width unless the test asks for another.
        self.viewport = {"width": width, "height": 844} if width else None
        self.contexts: list[BrowserContext] = []

    def __call__(self, **options: Any) -> BrowserContext:
        """A new context; options go to ``Browser.new_context`` (e.g. ``viewport``)."""
        settings = {
            "base_url": self.base_url,
            "locale": "fr-FR",
            "timezone_id": "Europe/Paris",
            **({"viewport": self.viewport} if self.viewport else {}),
            **options,
        }
        context = self.browser.new_context(**settings)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        context.on("console", self.axe_audit.on_console)
        context.add_init_script(script=self.axe_init_script)
        context.route("**/*", self._audit_before_leaving)
        self.contexts.append(context)
        return context

    def _audit_before_leaving(self, route: Route, request: Request) -> None:
        # Chromium holds a navigation here while the page it leaves is still
        # shown: let that page's audit finish first, or a quick click or form
        # post would leave it unaudited.
        try:
            if request.is_navigation_request() and request.frame.parent_frame is None:
                self.axe_audit.wait_before_leaving(request.frame.page)
        except PlaywrightError:
            pass
        finally:
            route.fallback()

    @property
    def pages(self) -> list[Page]:
        return [page for context in self.contexts for page in context.pages]

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browser_context_factory(
    browser: Browser,
    axe_init_script: str,
    live_server: Any,
    axe_audit: AxeAudit,
    request: pytest.FixtureRequest,
) -> Iterator[BrowserContextFactory]:
    """Call it for more browser contexts, e.g. a second person signed in beside the first."""
    width = request.config.getoption("--browser-width", default=None)
    factory = BrowserContextFactory(browser, live_server.url, axe_init_script, axe_audit, width)
    try:
        yield factory
    finally:
        factory.close()


@pytest.fixture
def browser_context(browser_context_factory: BrowserContextFactory) -> BrowserContext:
    """The test's first browser context (the one ``page`` belongs to)."""
    return browser_context_factory()


@pytest.fixture
def page(browser_context: BrowserContext, request: pytest.FixtureRequest) -> Page:
    """A new page in the test's browser context."""
    new_page = browser_context.new_page()
    request.node.stash[_page_key] = new_page
    return new_page


@pytest.fixture
def phone_page(
    browser_context_factory: BrowserContextFactory, request: pytest.FixtureRequest
) -> Page:
    """A new page 390 px wide (``PHONE_VIEWPORT``), in a context of its own."""
    new_page = browser_context_factory(viewport=PHONE_VIEWPORT).new_page()
    request.node.stash.setdefault(_page_key, new_page)
    return new_page


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """After a browser test's body, wait for the audits of its pages; fail on violations
    and on pages that scrolled sideways."""
    try:
        yield
    except BaseException:
        _report_violations_beside_failure(item)
        raise
    audit, factory = _audit_and_factory(item)
    if audit is not None and factory is not None:
        for open_page in factory.pages:
            audit.settle_page(open_page)
        message = audit.failure_message()
        if message:
            pytest.fail(message, pytrace=False)


def _audit_and_factory(
    item: pytest.Item,
) -> tuple[AxeAudit | None, BrowserContextFactory | None]:
    funcargs: dict[str, Any] = getattr(item, "funcargs", {})
    return funcargs.get("axe_audit"), funcargs.get("browser_context_factory")


def _report_violations_beside_failure(item: pytest.Item) -> None:
    # The test failed on its own: show what axe had found, without waiting for more.
    audit, _ = _audit_and_factory(item)
    message = audit.failure_message() if audit is not None else None
    if message:
        item.add_report_section("call", "axe-core", message)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item,
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Screenshot the page of a failed browser test into test-artifacts/."""
    report: pytest.TestReport = yield
    page_of_test = item.stash.get(_page_key, None)
    if report.when == "call" and report.failed and page_of_test is not None:
        artifacts = item.config.rootpath / ARTIFACTS_DIRNAME
        path = artifacts / (re.sub(r"[^\w.-]+", "_", item.nodeid).strip("_") + ".png")
        try:
            if not page_of_test.is_closed():
                artifacts.mkdir(exist_ok=True)
                page_of_test.screenshot(path=path, full_page=True)
                report.sections.append(("screenshot", str(path)))
        except PlaywrightError as error:
            report.sections.append(("screenshot", f"could not be taken: {error}"))
    return report


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    message = config.stash.get(_skipped_for_missing_browser, None)
    if message is None:
        return
    terminalreporter.write_sep("!", "BROWSER TESTS WERE SKIPPED", red=True, bold=True)
    terminalreporter.write_line(message, red=True, bold=True)
    terminalreporter.write_line(
        "End-to-end and accessibility (axe-core) checks did not run on this machine; "
        "CI (CI=true) fails instead of skipping.",
        red=True,
        bold=True,
    )
