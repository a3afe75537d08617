"""Colour arithmetic for the theme: WCAG relative luminance, contrast ratios, readable pairs.

Every colour the Region sets is used as text (links, the label) on the site's light
surfaces, or as the background of text (buttons). ``text_colour_on`` and
``readable_text_on`` make sure each such pair reaches 4.5:1 whatever the colour: a pale
colour is darkened for text, and text on a colour is white, near-black or black.
"""

from __future__ import annotations

from collections.abc import Iterable

WHITE = "#ffffff"
BLACK = "#000000"
DARK_TEXT = "#1b1b1f"
MIN_TEXT_CONTRAST = 4.5
# The light backgrounds of the stylesheets (guichet.css, catalogue.css, search.css) on which
# the Region's colour is set as text: page, alternate surface, error, success, example and
# highlight tints. A test keeps this list in step with the stylesheets.
LIGHT_SURFACES = ("#ffffff", "#f5f5f7", "#fdecea", "#e8f3ec", "#fdf3e7", "#fff3b0")
# How much black each step of ``text_colour_on`` mixes in.
_DARKEN_STEP = 0.05


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    a, b = relative_luminance(first), relative_luminance(second)
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


def _worst_contrast(colour: str, backgrounds: Iterable[str]) -> float:
    return min(contrast_ratio(colour, background) for background in backgrounds)


def readable_text_on(*backgrounds: str) -> str:
    """White or near-black, whichever reads better on every background; black if neither
    reaches 4.5:1 (mid greys such as #777777).

    White or black always does: the worst case, a luminance of about 0.18, still gives
    4.58:1 with black. With several backgrounds (a button and its hover colour), they
    must all be light or all dark for one text colour to suit them.
    """
    best = max((WHITE, DARK_TEXT), key=lambda text: _worst_contrast(text, backgrounds))
    if _worst_contrast(best, backgrounds) >= MIN_TEXT_CONTRAST:
        return best
    return max((best, BLACK), key=lambda text: _worst_contrast(text, backgrounds))


def text_colour_on(colour: str, backgrounds: Iterable[str] = LIGHT_SURFACES) -> str:
    """``colour`` when it reaches 4.5:1 on every (light) background, else the least
    darkened shade of it that does (at worst black)."""
    surfaces = tuple(backgrounds)
    weight = 0.0
    shade = colour
    while _worst_contrast(shade, surfaces) < MIN_TEXT_CONTRAST and weight < 1:
        weight = min(1.0, weight + _DARKEN_STEP)
        shade = mix(colour, BLACK, weight)
    return shade


def mix(hex_colour: str, other: str, weight: float) -> str:
    """``weight`` of ``other`` blended into ``hex_colour`` (0 keeps the colour)."""
    a = hex_colour.lstrip("#")
    b = other.lstrip("#")
    channels = [
        round(int(a[i : i + 2], 16) * (1 - weight) + int(b[i : i + 2], 16) * weight)
        for i in (0, 2, 4)
    ]
    return "#" + "".join(f"{c:02x}" for c in channels)
