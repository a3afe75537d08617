"""Design tokens derived from the Region's two colours, every text pair readable at 4.5:1."""

from __future__ import annotations

from guichet.branding.colours import (
    BLACK,
    LIGHT_SURFACES,
    WHITE,
    mix,
    readable_text_on,
    text_colour_on,
)
from guichet.branding.models import RegionIdentity


def design_tokens(identity: RegionIdentity) -> dict[str, str]:
    # A light tint of the chosen colour for banners and messages (dark text on it).
    primary_soft = mix(identity.primary_colour, WHITE, 0.9)
    # The primary colour is the links' and the label's text colour on every light surface,
    # the tint included: darkened just enough where it would not reach 4.5:1 there.
    surfaces = (*LIGHT_SURFACES, primary_soft)
    primary = text_colour_on(identity.primary_colour, surfaces)
    # A darker primary for hover states, still readable on those surfaces.
    primary_strong = text_colour_on(mix(primary, BLACK, 0.25), surfaces)
    secondary = identity.secondary_colour
    return {
        "--brand-primary": primary,
        "--brand-primary-strong": primary_strong,
        "--brand-primary-soft": primary_soft,
        # Buttons: text on the primary, and on the stronger shade when hovered.
        "--brand-on-primary": readable_text_on(primary, primary_strong),
        "--brand-secondary": secondary,
        # Secondary is used as a thin accent; text set on it gets white or dark.
        "--brand-on-secondary": readable_text_on(secondary),
    }


def tokens_css(identity: RegionIdentity) -> str:
    body = ";".join(f"{name}:{value}" for name, value in design_tokens(identity).items())
    return f":root{{{body}}}"
