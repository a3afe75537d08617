"""The search page, ``/recherche/``: parse, search, render. Works without JavaScript."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from guichet.catalogue import filters
from guichet.search.backends.base import SORTS
from guichet.search.documents import KINDS
from guichet.search.selectors import SearchParams, SearchResults, parse_search, search

SORT_LABELS = {
    "relevance": "Pertinence",
    "closing": "Date limite la plus proche",
    "newest": "Plus récentes",
}


def _facet_fields(params: SearchParams, results: SearchResults) -> list[dict[str, Any]]:
    """The chosen kind's facets as form fields (checkboxes or a list), like the catalogue."""
    if not params.type:
        return []
    by_param = filters.FILTERSETS[params.type].by_param()
    return [
        {
            "param": param,
            "label": by_param[param].label,
            "html_id": f"filtre-{param}",
            "widget": "checkboxes" if by_param[param].kind == "multi" else "select",
            "options": values,
        }
        for param, values in results.facets.items()
        if values
    ]


def search_page(request: HttpRequest) -> HttpResponse:
    params, errors = parse_search(request.GET)
    results = search(params) if not errors and (params.q or params.type) else None
    if results is not None and params.page > results.pages:
        errors["page"] = f"La page {params.page} n'existe pas : il y en a {results.pages}."
    context = {
        "params": params,
        "errors": errors,
        "results": results if not errors else None,
        "kinds": [(kind, source.label) for kind, source in KINDS.items()],
        "sorts": [(code, SORT_LABELS[code]) for code in SORTS],
        "facet_fields": _facet_fields(params, results) if results and not errors else [],
    }
    return render(request, "search/results.html", context, status=400 if errors else 200)
