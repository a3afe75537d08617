"""The schemes an export writes."""

from __future__ import annotations

from django.db.models import QuerySet

from guichet.catalogue.models import Scheme


def schemes_for_export(*, all_statuses: bool = False) -> QuerySet[Scheme]:
    """Real schemes (never synthetic ones), published unless ``all_statuses``, in a stable
    order, with what a row needs prefetched."""
    schemes = Scheme.objects.filter(is_synthetic=False)
    if not all_statuses:
        schemes = schemes.published()
    return (
        schemes.select_related("owner")
        .prefetch_related("aid_types", "audiences", "territories")
        .order_by("pk")
    )
