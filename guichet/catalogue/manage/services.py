"""Writes of the provider space that ``catalogue.services`` does not cover: training sessions.

An entry and its sessions are saved together or not at all (``entry_save``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guichet.audit.services import audit_record
from guichet.catalogue.models import Publishable, Training, TrainingSession
from guichet.catalogue.permissions import can_edit_entry
from guichet.catalogue.services import entry_create, entry_edit
from guichet.catalogue.workflow import RevisionStatus, Status
from guichet.organisations.models import Organisation

SESSION_FIELDS = ("starts_on", "ends_on", "address", "commune", "seats")


def _describe(session: TrainingSession) -> str:
    text = f"{session.starts_on:%d/%m/%Y}"
    if session.ends_on and session.ends_on != session.starts_on:
        text += f" – {session.ends_on:%d/%m/%Y}"
    place = ", ".join(
        filter(None, [session.address, session.commune.name if session.commune else ""])
    )
    if place:
        text += f", {place}"
    if session.seats is not None:
        text += f", {session.seats} places"
    return text


@transaction.atomic
def training_sessions_save(
    *,
    actor: Any,
    training: Training,
    sessions: list[dict[str, Any]],
    deleted: list[int] | None = None,
) -> list[TrainingSession]:
    """Create, change and delete the sessions of ``training``, journaled on the training.

    Sessions are dates and places, not the content the Region reviews: they are saved
    straight away, even on a published training.
    """
    if not can_edit_entry(actor, training):
        raise PermissionDenied(_("Vous ne pouvez pas modifier cette formation."))
    if training.status == Status.ARCHIVED:
        raise ValidationError(_("Une fiche archivée ne se modifie plus : republiez-la d'abord."))
    existing = {s.pk: s for s in training.sessions.select_related("commune")}
    before = sorted(_describe(s) for s in existing.values())
    for gone in deleted or []:
        if gone in existing:
            existing.pop(gone).delete()
    saved: list[TrainingSession] = []
    for values in sessions:
        pk = values.get("id")
        if pk is not None and pk not in existing:
            raise ValidationError(_("Cette session n'appartient pas à la formation."))
        session = existing[pk] if pk is not None else TrainingSession(training=training)
        for name in SESSION_FIELDS:
            if name in values:
                setattr(session, name, values[name])
        session.full_clean()
        session.save()
        existing[session.pk] = session
        saved.append(session)
    after = sorted(_describe(s) for s in existing.values())
    if before != after:
        audit_record(
            actor=actor,
            instance=training,
            action="update",
            changes={"sessions": {"label": "sessions de formation", "old": before, "new": after}},
        )
    return saved


@transaction.atomic
def entry_save(
    *,
    actor: Any,
    model: type[Publishable],
    data: dict[str, Any],
    entry: Publishable | None = None,
    owner: Organisation | None = None,
    changed: bool = True,
    sessions: list[dict[str, Any]] | None = None,
    deleted_sessions: list[int] | None = None,
) -> Publishable:
    """Create (``owner`` given) or edit (``entry`` given) an entry, with its sessions.

    An unchanged published entry is not sent back to review: only its sessions are saved.
    """
    if entry is None:
        if owner is None:
            raise ValueError("entry_save needs an entry to edit or an owner to create one.")
        entry = entry_create(actor=actor, model=model, owner=owner, data=data)
    elif (
        changed
        or entry.status != Status.PUBLISHED
        or entry.revision_status == RevisionStatus.REJECTED
    ):
        entry = entry_edit(actor=actor, entry=entry, data=data)
    if isinstance(entry, Training) and (sessions or deleted_sessions):
        training_sessions_save(
            actor=actor, training=entry, sessions=sessions or [], deleted=deleted_sessions
        )
    return entry
