"""List pages: one per kind, with the facets of ``filters.py`` as a GET form."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guichet.catalogue import filters, selectors
from guichet.catalogue.views.kinds import KINDS


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int | None
    selected: bool


@dataclass(frozen=True)
class FormField:
    """One filter as the form shows it: checkboxes, a select, a yes/no select or a date."""

    param: str
    label: str
    widget: str  # "checkboxes", "select", "bool" or "date"
    options: list[Option]
    value: str = ""
    error: str = ""

    @property
    def html_id(self) -> str:
        return f"filtre-{self.param}"


def form_fields(
    filterset: filters.FilterSet, result: selectors.ListResult, raw: dict[str, str]
) -> list[FormField]:
    """The filters of ``filterset`` with their values, facet counts and error messages."""
    fields = []
    for flt in filterset.filters:
        value = result.values.get(flt.param)
        error = result.errors.get(flt.param, "")
        if flt.kind in {"multi", "choice"} and flt.param in result.facets:
            options = [
                Option(row.value, row.label, row.count, row.selected)
                for row in result.facets[flt.param]
            ]
        elif flt.kind == "choice" and flt.choices is not None:
            options = [Option(code, label, None, code == value) for code, label in flt.choices()]
        elif flt.kind == "bool":
            options = [
                Option("1", _("oui"), None, value is True),
                Option("0", _("non"), None, value is False),
            ]
        else:
            options = []
        if flt.kind == "multi" and not options and not error:
            continue  # no entry has any of its values: nothing to choose
        if flt.kind == "date":
            shown = value.isoformat() if isinstance(value, datetime.date) else ""
        else:
            shown = raw.get(flt.param, "")
        widget = {"multi": "checkboxes", "choice": "select"}.get(flt.kind, flt.kind)
        fields.append(FormField(flt.param, flt.label, widget, options, shown, error))
    return fields


@dataclass(frozen=True)
class ListBody:
    """What a list page shows below its title, rendered, with what the rest of the page needs."""

    html: SafeString
    page_number: int
    synthetic: bool
    errors: dict[str, str]


def _list_body(request: HttpRequest, kind: str) -> ListBody:
    result = selectors.entry_page(kind, request.GET, request.GET.get("page") or 1)
    raw = {key: request.GET.get(key, "") for key in request.GET}
    context = {
        "kind": KINDS[kind],
        "result": result,
        "page": result.page,
        "fields": form_fields(filters.FILTERSETS[kind], result, raw),
        "filtered": bool(result.values),
    }
    html = render_to_string("catalogue/includes/list_body.html", context, request=request)
    return ListBody(SafeString(html), result.page.number, result.synthetic, result.errors)


def entry_list(request: HttpRequest, kind: str) -> HttpResponse:
    """A list page; a bad parameter gets the whole page back with its message, as a 400.

    The filters and results are the same for every visitor (nothing in them depends on
    who asks): rendered once per query string and data version (``cached_at_version``).
    """
    query = (request.path, get_language(), sorted(request.GET.lists()))
    body = selectors.cached_at_version("list-body", query, lambda: _list_body(request, kind))
    context = {
        "kind": KINDS[kind],
        "body": body.html,
        "page_number": body.page_number,
        "synthetic": body.synthetic,
        "errors": body.errors,
    }
    return render(request, "catalogue/list.html", context, status=400 if body.errors else 200)
