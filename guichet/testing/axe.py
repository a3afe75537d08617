"""Accessibility audits with axe-core for the browser tests.

Every top-level document a browser test opens is audited automatically (see
``axe_harness.js`` and the ``browser_context`` fixture in ``guichet.testing.browser``);
a test fails when axe finds a violation whose impact is serious or critical, or when
the page, once loaded, scrolls sideways at the test's window width (its
``document.documentElement.scrollWidth`` is wider than the window: at 390 px in the
tests that open pages at a phone's width). Call ``assert_no_axe_violations(page)`` to
audit the page again mid-test, after a script changed it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import ConsoleMessage, Frame, Page
from playwright.sync_api import Error as PlaywrightError

logger = logging.getLogger(__name__)

REPO_DIR = Path(__file__).resolve().parent.parent.parent
AXE_PATH = REPO_DIR / "node_modules" / "axe-core" / "axe.min.js"
HARNESS_PATH = Path(__file__).resolve().parent / "axe_harness.js"
MESSAGE_PREFIX = "__guichet_axe__ "
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
# Long enough for axe on a big page; the harness gives up after 15 s itself.
WAIT_TIMEOUT_MS = 20_000

_SETTLE = "() => window.__guichetAxe ? window.__guichetAxe.settle() : null"
_AUDIT = "() => window.__guichetAxe.audit()"
_HAS_HARNESS = "() => Boolean(window.__guichetAxe)"


class AxeMissingError(RuntimeError):
    """axe-core is not in node_modules: the front-end dependencies are not installed."""


def harness_script() -> str:
    """axe-core followed by the harness, as one script for ``add_init_script``."""
    if not AXE_PATH.is_file():
        raise AxeMissingError(
            f"axe-core is missing ({AXE_PATH}): run make install "
            "(npm ci installs it from package-lock.json)."
        )
    return AXE_PATH.read_text(encoding="utf-8") + "\n;\n" + HARNESS_PATH.read_text(encoding="utf-8")


@dataclass(frozen=True)
class AxeViolation:
    """One axe rule broken on one page, with the elements that break it."""

    rule_id: str
    impact: str | None
    help: str
    help_url: str
    url: str
    targets: tuple[str, ...]

    @property
    def is_blocking(self) -> bool:
        return self.impact in BLOCKING_IMPACTS

    def describe(self) -> str:
        nodes = "\n".join(f"      {target}" for target in self.targets)
        return (
            f"  - {self.rule_id} ({self.impact}): {self.help}\n"
            f"    page: {self.url}\n"
            f"    elements:\n{nodes}\n"
            f"    rule: {self.help_url}"
        )


@dataclass(frozen=True)
class Overflow:
    """A page wider than the window it was opened in: it scrolls sideways."""

    url: str
    scroll_width: int
    inner_width: int
    elements: tuple[str, ...]

    def describe(self) -> str:
        nodes = "\n".join(f"      {element}" for element in self.elements)
        return (
            f"  - {self.url} is {self.scroll_width} px wide in a {self.inner_width} px window\n"
            f"    reaching past the right edge:\n{nodes}"
        )


def overflow_from_report(report: dict[str, Any]) -> Overflow | None:
    """The sideways scroll a harness report found, if any."""
    found = report.get("overflow")
    if not found:
        return None
    return Overflow(
        url=report["url"],
        scroll_width=int(found["scrollWidth"]),
        inner_width=int(found["innerWidth"]),
        elements=tuple(found.get("elements", ())),
    )


def violations_from_report(report: dict[str, Any]) -> list[AxeViolation]:
    """The violations of one harness report (see axe_harness.js for its shape)."""
    return [
        AxeViolation(
            rule_id=item["id"],
            impact=item.get("impact"),
            help=item.get("help", ""),
            help_url=item.get("helpUrl", ""),
            url=report["url"],
            targets=tuple(item.get("targets", ())),
        )
        for item in report.get("violations", ())
    ]


def format_violations(violations: list[AxeViolation], errors: list[str] | None = None) -> str:
    lines = []
    if violations:
        lines.append(
            f"axe-core found {len(violations)} serious or critical accessibility violation(s):"
        )
        lines.extend(violation.describe() for violation in violations)
    for error in errors or ():
        lines.append(f"axe-core could not audit a page: {error}")
    return "\n".join(lines)


def _harness_message(message: ConsoleMessage) -> dict[str, Any] | None:
    text = message.text
    if not text.startswith(MESSAGE_PREFIX):
        return None
    parsed: dict[str, Any] = json.loads(text[len(MESSAGE_PREFIX) :])
    return parsed


@dataclass
class AxeAudit:
    """The axe reports of one test, gathered from every page of its browser context."""

    # One report per audited document, by the harness's document id, in arrival order.
    reports: dict[str, dict[str, Any]] = field(default_factory=dict)
    # The document whose audit runs on each page and has not reported yet.
    _running: dict[Page, dict[str, Any]] = field(default_factory=dict)
    _taken: int = 0
    _overflows_taken: int = 0

    def record(self, report: dict[str, Any] | None) -> None:
        if report is not None:
            self.reports.setdefault(report["doc"], report)

    def on_console(self, message: ConsoleMessage) -> None:
        """Listener for the context's console: the harness's start and report messages."""
        parsed = _harness_message(message)
        if parsed is None:
            return
        kind = parsed.pop("type")
        if kind == "start" and message.page is not None:
            self._running[message.page] = parsed
        elif kind == "report":
            self.record(parsed)

    def wait_before_leaving(self, page: Page) -> None:
        """Let the audit running on the page finish before the browser replaces it.

        Called while Chromium holds the navigation away from the page. The page
        cannot be asked anything then, but its console messages still arrive.
        """
        running = self._running.get(page)
        if running is None or running["doc"] in self.reports:
            return
        doc = running["doc"]

        def is_report(message: ConsoleMessage) -> bool:
            parsed = _harness_message(message)
            return parsed is not None and parsed["type"] == "report" and parsed["doc"] == doc

        try:
            page.wait_for_event("console", predicate=is_report, timeout=WAIT_TIMEOUT_MS)
        except PlaywrightError as error:
            self.record({**running, "error": f"audit unfinished when the page was left: {error}"})

    def settle(self, frame: Frame) -> None:
        """Wait for the audit of the document now shown in this top-level frame.

        Starts it when the document has not finished loading yet. Errors mean the
        document went away meanwhile; its audit, if it ran, reported itself.
        """
        try:
            self.record(frame.evaluate(_SETTLE))
        except PlaywrightError as error:
            logger.debug("axe: could not settle %s: %s", frame.url, error)

    def settle_page(self, page: Page) -> None:
        """Let the page finish loading, then wait for its audit."""
        if page.is_closed():
            return
        try:
            page.wait_for_load_state("load", timeout=WAIT_TIMEOUT_MS)
        except PlaywrightError as error:
            logger.debug("axe: %s did not finish loading: %s", page.url, error)
        self.settle(page.main_frame)

    def _fresh_reports(self) -> list[dict[str, Any]]:
        return list(self.reports.values())[self._taken :]

    def blocking_violations(self) -> list[AxeViolation]:
        """Serious and critical violations reported since the last ``take_violations``."""
        seen: dict[tuple[str, str, tuple[str, ...]], AxeViolation] = {}
        for report in self._fresh_reports():
            for violation in violations_from_report(report):
                if violation.is_blocking:
                    seen.setdefault(
                        (violation.rule_id, violation.url, violation.targets), violation
                    )
        return list(seen.values())

    def errors(self) -> list[str]:
        """Audits that failed (axe threw or timed out) since the last ``take_violations``."""
        return [
            f"{report['url']}: {report['error']}"
            for report in self._fresh_reports()
            if "error" in report
        ]

    def overflows(self) -> list[Overflow]:
        """Pages that scrolled sideways when they loaded, since the last ``take_overflows``."""
        reports = list(self.reports.values())[self._overflows_taken :]
        found = (overflow_from_report(report) for report in reports)
        return [overflow for overflow in found if overflow is not None]

    def take_overflows(self, pages: list[Page]) -> list[Overflow]:
        """Settle the given pages, then return and forget the sideways scrolls so far.

        For tests that check the width themselves; axe violations still fail the test.
        """
        for page in pages:
            self.settle_page(page)
        overflows = self.overflows()
        self._overflows_taken = len(self.reports)
        return overflows

    def take_violations(self, pages: list[Page]) -> list[AxeViolation]:
        """Settle the given pages, then return and forget the blocking violations so far.

        For tests about the harness itself, or pages whose known violations a test
        checks on purpose: what is taken no longer fails the test at its end.
        """
        for page in pages:
            self.settle_page(page)
        violations = self.blocking_violations()
        self._taken = len(self.reports)
        return violations

    def failure_message(self) -> str | None:
        """What to fail the test with, or None when every audited page passed and fitted."""
        violations = self.blocking_violations()
        errors = self.errors()
        overflows = self.overflows()
        if not violations and not errors and not overflows:
            return None
        parts = [format_violations(violations, errors)] if violations or errors else []
        if overflows:
            parts.append(
                f"{len(overflows)} page(s) scroll sideways (scrollWidth wider than the window):\n"
                + "\n".join(overflow.describe() for overflow in overflows)
            )
        return "\n".join(parts)


def assert_no_axe_violations(page: Page) -> None:
    """Audit the page as it is now and fail on any serious or critical violation.

    The automatic audit sees each document once, when it has loaded; call this
    after scripts changed the page (an HTMX swap, an opened dialog). It works on
    any page, including one not made by the ``page`` fixture.
    """
    if not page.main_frame.evaluate(_HAS_HARNESS):
        # As a function body: Playwright would take the bare script, which
        # contains "=>", for a function expression and fail to parse it.
        page.main_frame.evaluate("() => {\n" + harness_script() + "\n}")
    report: dict[str, Any] = page.main_frame.evaluate(_AUDIT)
    if "error" in report:
        raise AssertionError(f"axe-core could not audit {report['url']}: {report['error']}")
    violations = [v for v in violations_from_report(report) if v.is_blocking]
    if violations:
        raise AssertionError(format_violations(violations))
