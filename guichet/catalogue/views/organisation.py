"""The catalogue's section of an organisation's public page.

``organisations`` may not import the catalogue, so the catalogue adds this section to the
organisation page through ``organisations.page_sections`` (registered in ``apps.py``).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from guichet.catalogue import selectors
from guichet.catalogue.views.kinds import KINDS
from guichet.organisations.models import Organisation


def organisation_entries_section(request: HttpRequest, organisation: Organisation) -> SafeString:
    """Its published solutions, trainings, events and places, each linked; "" when none."""
    groups = selectors.published_entries_of(organisation)
    if not groups:
        return SafeString("")
    return SafeString(
        render_to_string(
            "catalogue/includes/organisation_entries.html",
            {"groups": [(KINDS[group.kind], group) for group in groups]},
            request=request,
        )
    )
