"""Reading a list's query string: the pages' own parsers, and one 400 for every refusal.

The facet parameters are parsed by ``guichet.catalogue.filters.parse`` with the same
``FilterSet`` as the page, and ``synthetic`` by ``guichet.catalogue.selectors.parse_synthetic``:
the API defines no filter of its own.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from guichet.api.errors import InvalidQuery
from guichet.catalogue import filters, selectors
from guichet.catalogue.filters import FilterSet

# Dates a catalogue can mean: outside, a typo (0001-01-01, 20260-01-01) rather than a question.
FIRST_DAY = datetime.date(1800, 1, 1)
LAST_DAY = datetime.date(2100, 12, 31)


def date_errors(filterset: FilterSet, values: Mapping[str, Any]) -> dict[str, str]:
    """A message naming each date parameter whose day lies outside 1800-2100."""
    return {
        flt.param: (
            f"Le paramètre « {flt.param} » attend une date entre {FIRST_DAY.year} et "
            f"{LAST_DAY.year}, pas le {values[flt.param].isoformat()}."
        )
        for flt in filterset.filters
        if flt.kind == "date"
        and flt.param in values
        and not FIRST_DAY <= values[flt.param] <= LAST_DAY
    }


# Every date parameter of every catalogue list, for an endpoint that takes them all.
ALL_DATES = FilterSet(
    "dates",
    tuple(
        {
            flt.param: flt
            for filterset in filters.FILTERSETS.values()
            for flt in filterset.filters
            if flt.kind == "date"
        }.values()
    ),
)


def check_dates(query: Mapping[str, Any]) -> None:
    """``InvalidQuery`` naming each date parameter of any list outside 1800-2100.

    For the unified search (``/api/v1/search``), which takes every list's filters and
    parses them in the search app: a malformed date is left for it to name.
    """
    errors = date_errors(ALL_DATES, filters.parse(ALL_DATES, query).values)
    if errors:
        raise InvalidQuery(errors)


@dataclass(frozen=True)
class ListQuery:
    values: dict[str, Any]  # cleaned facet values, for ``filters.apply`` or ``entry_search``
    synthetic: bool  # real entries (False, the default) or synthetic ones, never both


def parse_list_query(filterset: FilterSet, query: Mapping[str, Any]) -> ListQuery:
    """The cleaned values; raises ``InvalidQuery`` naming every bad parameter at once."""
    parsed = filters.parse(filterset, query)
    synthetic, synthetic_error = selectors.parse_synthetic(query)
    errors = dict(parsed.errors) | date_errors(filterset, parsed.values)
    if synthetic_error:
        errors[selectors.SYNTHETIC_PARAM] = synthetic_error
    if errors:
        raise InvalidQuery(errors)
    return ListQuery(parsed.values, synthetic)
