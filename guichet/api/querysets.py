"""Organisation reads the API needs and ``organisations.selectors`` does not offer (yet).

``organisations.selectors.organisation_list`` gives real organisations only; the API
also lists synthetic ones apart (``synthetic=1``), like the catalogue lists.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from guichet.catalogue import filters
from guichet.organisations.models import Organisation


def _with_rows(organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    return (
        organisations.select_related("commune")
        .prefetch_related("roles", "sectors")
        .order_by("name", "pk")
    )


def organisation_search(values: dict[str, Any], *, synthetic: bool) -> QuerySet[Organisation]:
    """Real or synthetic organisations narrowed by cleaned ``filters.ORGANISATIONS`` values."""
    organisations = Organisation.objects.public().filter(is_synthetic=synthetic)
    if values:
        # In a subquery, as catalogue.selectors.entry_search does: no DISTINCT over wide rows.
        matching = filters.apply(filters.ORGANISATIONS, organisations, values)
        organisations = organisations.filter(pk__in=matching.values("pk"))
    return _with_rows(organisations)


def organisation_by_id() -> QuerySet[Organisation]:
    """Every validated organisation, synthetic ones included (they own the synthetic entries)."""
    return _with_rows(Organisation.objects.public())
