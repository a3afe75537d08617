"""Reading a list's query string: the pages' own parsers, and one 400 for every refusal.

The facet parameters are parsed by ``guichet.catalogue.filters.parse`` with the same
``FilterSet`` as the page, and ``synthetic`` by ``guichet.catalogue.selectors.parse_synthetic``:
the API defines no filter of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from guichet.api.errors import InvalidQuery
from guichet.catalogue import filters, selectors
from guichet.catalogue.filters import FilterSet


@dataclass(frozen=True)
class ListQuery:
    values: dict[str, Any]  # cleaned facet values, for ``filters.apply`` or ``entry_search``
    synthetic: bool  # real entries (False, the default) or synthetic ones, never both


def parse_list_query(filterset: FilterSet, query: Mapping[str, Any]) -> ListQuery:
    """The cleaned values; raises ``InvalidQuery`` naming every bad parameter at once."""
    parsed = filters.parse(filterset, query)
    synthetic, synthetic_error = selectors.parse_synthetic(query)
    errors = dict(parsed.errors)
    if synthetic_error:
        errors[selectors.SYNTHETIC_PARAM] = synthetic_error
    if errors:
        raise InvalidQuery(errors)
    return ListQuery(parsed.values, synthetic)
