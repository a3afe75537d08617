"""Sections that apps above ``organisations`` add to an organisation's public page.

``organisations`` sits below ``catalogue`` and may not import it, yet the page lists the
organisation's published entries. So the dependency is turned round: an upper app registers
a section from its ``AppConfig.ready()`` (the catalogue registers its entries there), and the
page renders whatever was registered, in registration order, knowing nothing of who did it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.utils.safestring import SafeString

if TYPE_CHECKING:
    from guichet.organisations.models import Organisation

# Renders a ready HTML fragment for the page, or "" to add nothing.
SectionRenderer = Callable[[HttpRequest, "Organisation"], SafeString | str]

_sections: dict[str, SectionRenderer] = {}


def register(key: str, renderer: SectionRenderer) -> None:
    """Add (or replace, under the same key) a section of the organisation page."""
    _sections[key] = renderer


def render_sections(request: HttpRequest, organisation: Organisation) -> list[SafeString | str]:
    """The registered sections' HTML for this organisation, the empty ones left out."""
    rendered = (renderer(request, organisation) for renderer in _sections.values())
    return [html for html in rendered if html]
