from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from guichet.branding.selectors import region_identity
from guichet.branding.theme import tokens_css


def region(request: HttpRequest) -> dict[str, Any]:
    """Every template gets the Region's identity and its colour tokens."""
    identity = region_identity()
    return {"region": identity, "region_theme_css": tokens_css(identity)}
