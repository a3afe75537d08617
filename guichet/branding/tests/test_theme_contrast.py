"""Every text colour of the theme reaches 4.5:1 on its background, for any colours (hypothesis)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from guichet.branding.colours import (
    BLACK,
    DARK_TEXT,
    LIGHT_SURFACES,
    MIN_TEXT_CONTRAST,
    WHITE,
    contrast_ratio,
    readable_text_on,
    relative_luminance,
    text_colour_on,
)
from guichet.branding.models import RegionIdentity
from guichet.branding.theme import design_tokens

PACKAGE = Path(__file__).resolve().parents[2]
STYLESHEETS = [
    PACKAGE / "web" / "static" / "web" / "guichet.css",
    PACKAGE / "catalogue" / "static" / "catalogue" / "catalogue.css",
    PACKAGE / "search" / "static" / "search" / "search.css",
]
# The focus ring of guichet.css, drawn on the page's surfaces.
FOCUS = "#1b1b1f"

colours = st.integers(min_value=0, max_value=0xFFFFFF).map(lambda n: f"#{n:06x}")


def identity(primary: str, secondary: str = "#b45309") -> RegionIdentity:
    return RegionIdentity(
        name="Région Test",
        label_name="Test IA",
        primary_colour=primary,
        secondary_colour=secondary,
        contact_email="ia@region.example",
    )


def text_pairs(tokens: dict[str, str]) -> list[tuple[str, str, str]]:
    """(what, text colour, background) for every place the stylesheets put text on colour."""
    surfaces = [*LIGHT_SURFACES, tokens["--brand-primary-soft"]]
    pairs = [("lien", tokens["--brand-primary"], s) for s in surfaces]
    pairs += [("lien survolé", tokens["--brand-primary-strong"], s) for s in surfaces]
    pairs += [("focus", FOCUS, s) for s in surfaces]
    pairs += [
        ("bouton", tokens["--brand-on-primary"], tokens["--brand-primary"]),
        ("bouton survolé", tokens["--brand-on-primary"], tokens["--brand-primary-strong"]),
        ("texte sur l'accent", tokens["--brand-on-secondary"], tokens["--brand-secondary"]),
        ("texte sur la teinte", DARK_TEXT, tokens["--brand-primary-soft"]),
    ]
    return pairs


@settings(max_examples=400, deadline=None)
@given(primary=colours, secondary=colours)
def test_every_text_pair_of_the_theme_reaches_4_5(primary: str, secondary: str) -> None:
    """Links, hover, focus, buttons and text on the accent all reach 4.5:1, for any colours."""
    tokens = design_tokens(identity(primary, secondary))
    for what, text, background in text_pairs(tokens):
        ratio = contrast_ratio(text, background)
        assert ratio >= MIN_TEXT_CONTRAST, f"{what}: {text} on {background} is {ratio:.2f}:1"


@settings(max_examples=400, deadline=None)
@given(primary=colours)
def test_an_accepted_colour_is_refused_or_kept_readable(primary: str) -> None:
    """A colour the identity accepts reaches 4.5:1 on white, and is shown as chosen
    wherever it already reads on every surface."""
    region = identity(primary)
    try:
        region.clean()
    except ValidationError:
        assert contrast_ratio(primary, WHITE) < MIN_TEXT_CONTRAST
        return
    assert contrast_ratio(primary, WHITE) >= MIN_TEXT_CONTRAST
    tokens = design_tokens(region)
    surfaces = [*LIGHT_SURFACES, tokens["--brand-primary-soft"]]
    if min(contrast_ratio(primary, s) for s in surfaces) >= MIN_TEXT_CONTRAST:
        assert tokens["--brand-primary"] == primary


@given(background=colours)
def test_readable_text_on_any_colour_reaches_4_5(background: str) -> None:
    """White, near-black or black: one of them always reads at 4.5:1 on a colour."""
    assert contrast_ratio(readable_text_on(background), background) >= MIN_TEXT_CONTRAST


def test_mid_grey_gets_black_text() -> None:
    """On #777777 neither white nor the near-black text reaches 4.5:1: black does."""
    assert contrast_ratio("#777777", WHITE) < MIN_TEXT_CONTRAST
    assert contrast_ratio("#777777", DARK_TEXT) < MIN_TEXT_CONTRAST
    assert readable_text_on("#777777") == BLACK


def test_a_pale_colour_is_darkened_only_as_much_as_needed() -> None:
    """#767676 reads on white but not on the grey surface: a shade of it is used for text."""
    shade = text_colour_on("#767676")
    assert shade != "#767676"
    assert min(contrast_ratio(shade, s) for s in LIGHT_SURFACES) >= MIN_TEXT_CONTRAST
    assert relative_luminance(shade) > relative_luminance("#5a5a5a")


def test_a_dark_colour_is_kept() -> None:
    """The default blue already reads everywhere and is left as it is."""
    assert text_colour_on("#0b5394") == "#0b5394"


@pytest.mark.parametrize("stylesheet", STYLESHEETS, ids=lambda path: path.name)
def test_light_surfaces_match_the_stylesheets(stylesheet: Path) -> None:
    """Every light background colour written in a stylesheet is one the theme checks text on."""
    css = stylesheet.read_text(encoding="utf-8")
    found = re.findall(r"(?:background(?:-color)?|--surface[\w-]*)\s*:\s*(#[0-9a-fA-F]{6})\b", css)
    light = {c.lower() for c in found if relative_luminance(c) > 0.5}
    assert light <= set(LIGHT_SURFACES), sorted(light - set(LIGHT_SURFACES))
