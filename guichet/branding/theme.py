"""Design tokens derived from the Region's two colours."""

from __future__ import annotations

from guichet.branding.colours import DARK_TEXT, WHITE, contrast_ratio, mix, readable_text_on
from guichet.branding.models import RegionIdentity


def design_tokens(identity: RegionIdentity) -> dict[str, str]:
    primary = identity.primary_colour
    secondary = identity.secondary_colour
    # Secondary is used as a thin accent; text set on it gets the readable of white/dark.
    secondary_text = readable_text_on(secondary)
    # A darker primary for hover states, still readable on white.
    primary_strong = mix(primary, "#000000", 0.25)
    primary_soft = mix(primary, WHITE, 0.9)
    assert contrast_ratio(primary_soft, DARK_TEXT) >= 4.5  # noqa: S101 - light tint always
    return {
        "--brand-primary": primary,
        "--brand-primary-strong": primary_strong,
        "--brand-primary-soft": primary_soft,
        "--brand-on-primary": readable_text_on(primary),
        "--brand-secondary": secondary,
        "--brand-on-secondary": secondary_text,
    }


def tokens_css(identity: RegionIdentity) -> str:
    body = ";".join(f"{name}:{value}" for name, value in design_tokens(identity).items())
    return f":root{{{body}}}"
