"""The "Trouver de l'aide" page: a firm types its need and profile, and gets three lists."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from guichet.search.matching import match
from guichet.search.matching_forms import MatchForm


@require_safe
def match_page(request: HttpRequest) -> HttpResponse:
    """A GET form, so that results can be bookmarked and shared; works without JavaScript."""
    form = MatchForm(request.GET or None)
    result = match(form.profile, form.cleaned_data["need"]) if form.is_valid() else None
    return render(request, "search/match.html", {"form": form, "result": result})
