"""Detail pages: every field of an entry, and its schema.org description as JSON-LD."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from guichet.catalogue import jsonld, permissions, selectors
from guichet.catalogue.views.kinds import KINDS
from guichet.catalogue.workflow import RevisionStatus


def entry_detail(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    """Published entries are public; the others only for their owner's members and moderators."""
    try:
        entry = selectors.entry_detail(kind, slug)
    except ObjectDoesNotExist:
        raise Http404(_("Cette fiche n'existe pas.")) from None
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
        context["geography"] = selectors.scheme_geography(entry)
    return render(request, info.detail_template, context)
