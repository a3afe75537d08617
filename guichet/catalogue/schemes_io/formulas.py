"""Cells a spreadsheet would run as formulas (CSV injection, as OWASP describes it).

A cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by the spreadsheets that open the file (``=HYPERLINK(…)`` sends data away,
``+cmd|…`` ran commands in older ones). The export writes such *free-text* cells with a
leading apostrophe, which spreadsheets take as « text follows » and do not show; coded
columns (ids, dates, numbers, territory codes, closed lists) never start so, and must keep
their official pattern. The import takes that apostrophe off again, so that
import → export → import keeps the text exactly; a cell already beginning with
apostrophes before such a character gets one more, so that the reverse is exact too.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_QUOTE = re.compile(r"^'*[=+\-@\t\r]")


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


def neutralise(text: str) -> str:
    """``text`` safe to open in a spreadsheet: prefixed with ``'`` when it needs it."""
    return "'" + text if _NEEDS_QUOTE.match(text) else text


def restore(text: str) -> str:
    """The text ``neutralise`` was given (a file written elsewhere is read unchanged,
    unless it holds the same escape)."""
    return text[1:] if text.startswith("'") and _NEEDS_QUOTE.match(text) else text
