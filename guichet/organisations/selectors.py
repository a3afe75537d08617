"""Reads of organisations shared by pages, the API and exports."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from guichet.audit.models import AuditEntry
from guichet.audit.selectors import audit_entries_for
from guichet.organisations.models import ActivitySection, Organisation, Role


def organisation_list(*, role: str | None = None) -> QuerySet[Organisation]:
    """Public list: real organisations, optionally of one role, with what list rows show."""
    organisations = Organisation.objects.real().select_related("commune__department")
    if role:
        organisations = organisations.with_role(role)
    return organisations.prefetch_related(
        Prefetch("roles", queryset=Role.objects.order_by("name"))
    ).order_by("name")


def organisation_detail(slug: str) -> Organisation:
    return (
        Organisation.objects.select_related("commune__department__region")
        .prefetch_related(
            Prefetch("roles", queryset=Role.objects.order_by("name")),
            Prefetch("sectors", queryset=ActivitySection.objects.order_by("code")),
        )
        .get(slug=slug)
    )


def organisation_history(organisation: Organisation) -> QuerySet[AuditEntry]:
    return audit_entries_for(organisation)


def organisations_audit_log() -> QuerySet[AuditEntry]:
    """Every change to every organisation, newest first, for the Region's moderators."""
    return AuditEntry.objects.filter(
        content_type__app_label="organisations", content_type__model="organisation"
    ).select_related("actor")
