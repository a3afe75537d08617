"""Every write to the catalogue: creation, edits, workflow transitions. Audited and atomic."""

from __future__ import annotations

import datetime
import decimal
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from guichet.audit.services import audit_record, diff, snapshot
from guichet.catalogue.models import Publishable, Scheme, SchemeTerritory
from guichet.catalogue.permissions import actor_roles
from guichet.catalogue.workflow import (
    REVISION_TRANSITIONS,
    TRANSITIONS,
    Actor,
    RevisionStatus,
    Status,
    Transition,
)
from guichet.organisations.models import Membership, Organisation
from guichet.organisations.permissions import is_member

E = TypeVar("E", bound=Publishable)

# Fields set by the workflow, never by an edit.
WORKFLOW_FIELDS = {
    "id",
    "owner",
    "slug",
    "status",
    "rejection_reason",
    "revision",
    "revision_status",
    "submitted_at",
    "published_at",
    "is_synthetic",
    "created_at",
    "updated_at",
}
# Extra keys an edit may carry for schemes: geographic codes, kept in SchemeTerritory rows.
TERRITORY_KEYS = ("geo_included", "geo_excluded")


def editable_fields(model: type[Publishable]) -> list[str]:
    return [
        f.name
        for f in model._meta.get_fields()
        if getattr(f, "concrete", False) and f.name not in WORKFLOW_FIELDS and not f.auto_created
    ]


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set | models.QuerySet):
        return [_to_json(v) for v in value]
    return value


def serialise_edit(data: dict[str, Any]) -> dict[str, Any]:
    """An edit as JSON, to wait in ``revision`` until a moderator publishes it."""
    return {key: _to_json(value) for key, value in data.items()}


def _apply(entry: Publishable, data: dict[str, Any]) -> dict[str, list[Any]]:
    """Set the scalar fields of ``data`` on ``entry``; return the relations to set after save."""
    later: dict[str, list[Any]] = {}
    meta = entry._meta
    for key, value in data.items():
        if key in TERRITORY_KEYS:
            later[key] = list(value or [])
            continue
        if key in WORKFLOW_FIELDS:
            continue
        field = meta.get_field(key)
        if not isinstance(field, models.Field):
            raise ValidationError({key: _("Ce champ ne se modifie pas ici.")})
        if field.many_to_many:
            later[key] = [getattr(v, "pk", v) for v in (value or [])]
        elif field.is_relation:
            setattr(entry, f"{key}_id", getattr(value, "pk", value))
        else:
            setattr(entry, key, field.to_python(value) if value is not None else None)
    return later


def _apply_later(entry: Publishable, later: dict[str, list[Any]]) -> None:
    for key, values in later.items():
        if key in TERRITORY_KEYS and isinstance(entry, Scheme):
            scheme_set_territories(scheme=entry, codes=values, excluded=(key == "geo_excluded"))
        elif key not in TERRITORY_KEYS:
            getattr(entry, key).set(values)


def scheme_set_territories(*, scheme: Scheme, codes: list[str], excluded: bool) -> None:
    SchemeTerritory.objects.filter(scheme=scheme, excluded=excluded).exclude(
        code__in=codes
    ).delete()
    present = set(
        SchemeTerritory.objects.filter(scheme=scheme, excluded=excluded).values_list(
            "code", flat=True
        )
    )
    SchemeTerritory.objects.bulk_create(
        [
            SchemeTerritory(scheme=scheme, code=c, excluded=excluded)
            for c in codes
            if c not in present
        ]
    )


def unique_slug(model: type[Publishable], title: str) -> str:
    """A slug for ``title`` not yet used by ``model``."""
    base = slugify(title)[:200] or model._meta.model_name or "fiche"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _audited_fields(entry: Publishable) -> list[str]:
    return [*editable_fields(type(entry)), "status"]


@transaction.atomic
def entry_create(
    *,
    actor: Any,
    model: type[E],
    owner: Organisation,
    data: dict[str, Any],
    is_synthetic: bool = False,
) -> E:
    """A new draft, owned by ``owner``; the actor must act for it (or moderate)."""
    if actor is not None and not (
        getattr(actor, "is_region_moderator", False) or is_member(actor, owner)
    ):
        raise PermissionDenied(_("Vous n'agissez pas pour cette organisation."))
    entry = model(owner=owner, is_synthetic=is_synthetic)
    later = _apply(entry, data)
    entry.slug = unique_slug(model, entry.title)
    entry.full_clean()
    entry.save()
    _apply_later(entry, later)
    audit_record(
        actor=actor,
        instance=entry,
        action="create",
        changes=diff(entry, {}, snapshot(entry, _audited_fields(entry))),
    )
    return entry


@transaction.atomic
def entry_edit(*, actor: Any, entry: E, data: dict[str, Any]) -> E:
    """Change an entry. A published entry keeps its public version: the edit waits for review."""
    roles = actor_roles(actor, entry)
    if not roles:
        raise PermissionDenied(_("Vous ne pouvez pas modifier cette fiche."))
    if entry.status == Status.ARCHIVED:
        raise ValidationError(_("Une fiche archivée ne se modifie plus : republiez-la d'abord."))
    if entry.status == Status.PUBLISHED:
        _check_transition(REVISION_TRANSITIONS["submit_revision"], entry.revision_status, roles)
        proposed = type(entry)(pk=entry.pk, owner=entry.owner, slug=entry.slug)
        for name in editable_fields(type(entry)):
            field = entry._meta.get_field(name)
            if isinstance(field, models.Field) and not field.many_to_many:
                setattr(proposed, field.attname, getattr(entry, field.attname))
        _apply(proposed, data)
        proposed.full_clean(validate_unique=False)
        entry.revision = serialise_edit(data)
        entry.revision_status = RevisionStatus.SUBMITTED
        entry.rejection_reason = ""
        entry.submitted_at = timezone.now()
        entry.save(
            update_fields=[
                "revision",
                "revision_status",
                "rejection_reason",
                "submitted_at",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            instance=entry,
            action="update",
            changes={
                key: {"label": key, "old": None, "new": value}
                for key, value in entry.revision.items()
            },
            comment="Modification d'une fiche publiée, soumise à la modération.",
        )
        return entry
    before = snapshot(entry, _audited_fields(entry))
    if entry.status == Status.REJECTED:
        _check_transition(TRANSITIONS["redraft"], entry.status, roles)
        entry.status = Status.DRAFT
    later = _apply(entry, data)
    entry.full_clean()
    entry.save()
    _apply_later(entry, later)
    changes = diff(entry, before, snapshot(entry, _audited_fields(entry)))
    if changes:
        audit_record(actor=actor, instance=entry, action="update", changes=changes)
    return entry


def _check_transition(transition: Transition, state: str, roles: set[Actor]) -> None:
    if not transition.who & roles:
        raise PermissionDenied(
            _("Vous ne pouvez pas faire « %(action)s » sur cette fiche.")
            % {"action": transition.label}
        )
    if state not in transition.source:
        raise ValidationError(
            _("« %(action)s » n'est pas possible depuis l'état actuel de la fiche.")
            % {"action": transition.label}
        )


@transaction.atomic
def entry_transition(*, actor: Any, entry: E, name: str, reason: str = "") -> E:
    """Move an entry along the workflow table (``workflow.TRANSITIONS`` and revisions)."""
    roles = actor_roles(actor, entry)
    reason = reason.strip()
    if name in REVISION_TRANSITIONS:
        transition = REVISION_TRANSITIONS[name]
        _check_transition(transition, entry.revision_status, roles)
    elif name in TRANSITIONS:
        transition = TRANSITIONS[name]
        _check_transition(transition, entry.status, roles)
    else:
        raise ValidationError(_("Action inconnue : %(name)s.") % {"name": name})
    if transition.needs_reason and not reason:
        raise ValidationError(
            {"reason": _("Indiquez le motif du refus : il sera envoyé à l'organisation.")}
        )
    now = timezone.now()
    before = snapshot(entry, _audited_fields(entry))
    if name == "publish_revision":
        later = _apply(entry, entry.revision or {})
        entry.full_clean()
        entry.revision = None
        entry.revision_status = RevisionStatus.NONE
        entry.published_at = now
        entry.save()
        _apply_later(entry, later)
    elif name == "reject_revision":
        entry.revision_status = RevisionStatus.REJECTED
        entry.rejection_reason = reason
        entry.save()
    elif name == "submit_revision":
        entry.revision_status = RevisionStatus.SUBMITTED
        entry.submitted_at = now
        entry.save()
    else:
        entry.status = transition.target
        if name == "submit" or name == "republish":
            entry.submitted_at = now
            entry.rejection_reason = ""
        elif name == "publish":
            entry.published_at = now
            entry.rejection_reason = ""
        elif name == "reject":
            entry.rejection_reason = reason
        entry.save()
    changes = diff(entry, before, snapshot(entry, _audited_fields(entry)))
    audit_record(
        actor=actor,
        instance=entry,
        action="transition",
        changes=changes,
        comment=f"{transition.label}" + (f" : {reason}" if reason else ""),
    )
    if name in {"publish", "reject", "publish_revision", "reject_revision"}:
        transaction.on_commit(lambda: _notify_owner(entry, transition, reason))
    return entry


def _notify_owner(entry: Publishable, transition: Transition, reason: str) -> None:
    """Tell the owner's members what the moderator decided, by e-mail."""
    emails = list(
        Membership.objects.filter(organisation=entry.owner, user__is_active=True).values_list(
            "user__email", flat=True
        )
    )
    if not emails:
        return
    verdict = {
        "publish": "a été publiée",
        "publish_revision": "a été publiée avec vos modifications",
        "reject": "a été refusée",
        "reject_revision": "n'a pas été acceptée dans sa nouvelle version",
    }[transition.name]
    body = f"Bonjour,\n\nVotre fiche « {entry.title} » {verdict}.\n"
    if reason:
        body += (
            f"\nMotif indiqué par la Région :\n{reason}\n\n"
            "Vous pouvez la corriger puis la soumettre de nouveau.\n"
        )
    send_mail(
        subject=f"Votre fiche « {entry.title} » {verdict}",
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=emails,
        fail_silently=True,
    )
