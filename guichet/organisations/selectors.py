"""Reads of organisations shared by pages, the API and exports."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

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
    """Any organisation by slug; the view checks ``permissions.can_view_organisation``."""
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


def pending_organisations() -> QuerySet[Organisation]:
    """The moderators' queue: self-registered organisations awaiting a decision, oldest first."""
    return (
        Organisation.objects.pending()
        .select_related("commune__department")
        .prefetch_related("roles", "members")
        .order_by("created_at", "pk")
    )


DUPLICATE_NAME_RATIO = 0.9


def normalise_name(name: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: "Clinique  d'IA" → "clinique d ia"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


@dataclass(frozen=True)
class Duplicate:
    organisation: Organisation
    reason: str


def probable_duplicates(organisation: Organisation) -> list[Duplicate]:
    """Other organisations with the same SIREN, or a near-identical name in the same department."""
    department_id = organisation.commune.department_id if organisation.commune else None
    if not organisation.siren and not department_id:
        return []
    condition = Q(pk__in=[])
    if organisation.siren:
        condition |= Q(siren=organisation.siren)
    if department_id:
        condition |= Q(commune__department_id=department_id)
    candidates = (
        Organisation.objects.filter(condition, is_synthetic=False)
        .exclude(pk=organisation.pk)
        .select_related("commune__department")
        .order_by("name", "pk")
    )
    wanted = normalise_name(organisation.name)
    found = []
    for other in candidates:
        if organisation.siren and other.siren == organisation.siren:
            found.append(Duplicate(other, "siren"))
            continue
        name = normalise_name(other.name)
        if name == wanted or difflib.SequenceMatcher(None, wanted, name).ratio() >= (
            DUPLICATE_NAME_RATIO
        ):
            found.append(Duplicate(other, "name"))
    return found
