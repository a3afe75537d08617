"""Colour arithmetic for the theme: WCAG relative luminance and contrast ratios."""

from __future__ import annotations

WHITE = "#ffffff"
BLACK = "#000000"
DARK_TEXT = "#1b1b1f"
MIN_TEXT_CONTRAST = 4.5


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


def readable_text_on(background: str) -> str:
    """White or near-black, whichever reads better on ``background``."""
    if contrast_ratio(background, WHITE) >= contrast_ratio(background, DARK_TEXT):
        return WHITE
    return DARK_TEXT


def mix(hex_colour: str, other: str, weight: float) -> str:
    """``weight`` of ``other`` blended into ``hex_colour`` (0 keeps the colour)."""
    a = hex_colour.lstrip("#")
    b = other.lstrip("#")
    channels = [
        round(int(a[i : i + 2], 16) * (1 - weight) + int(b[i : i + 2], 16) * weight)
        for i in (0, 2, 4)
    ]
    return "#" + "".join(f"{c:02x}" for c in channels)
