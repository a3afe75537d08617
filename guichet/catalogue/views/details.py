"""Detail pages: every field of an entry, and its schema.org description as JSON-LD."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from guichet.catalogue import jsonld, permissions, selectors
from guichet.catalogue.views.kinds import KINDS
from guichet.catalogue.workflow import RevisionStatus


def _load(kind: str, slug: str) -> tuple[Any, Any] | None:
    try:
        entry = selectors.entry_detail(kind, slug)
    except ObjectDoesNotExist:
        return None
    return entry, selectors.scheme_geography(entry) if kind == "schemes" else None


def entry_detail(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    """Published entries are public; the others only for their owner's members and moderators.

    The entry and its decoded territories are read once per data version (the same rows
    for every visitor); who may see them is checked at every request.
    """
    # A missing entry is None, which the cache does not keep: it is looked up each time.
    found = selectors.cached_at_version("detail", (kind, slug), lambda: _load(kind, slug))
    if found is None:
        raise Http404(_("Cette fiche n'existe pas."))
    entry, geography = found
    if not permissions.can_view_entry(request.user, entry):
        # The same answer as for a missing entry: a draft's existence is not public either.
        raise Http404(_("Cette fiche n'existe pas."))
    info = KINDS[kind]
    url = request.build_absolute_uri(reverse(info.detail_url_name, args=[entry.slug]))
    owner_url = request.build_absolute_uri(reverse("organisations:detail", args=[entry.owner.slug]))
    context = {
        "kind": info,
        "entry": entry,
        "jsonld": jsonld.entry_jsonld(kind, entry, url, owner_url),
        "revision_pending": entry.is_public
        and entry.revision_status == RevisionStatus.SUBMITTED
        and permissions.can_edit_entry(request.user, entry),
    }
    if kind == "schemes":
        context["geography"] = geography
    return render(request, info.detail_template, context)
