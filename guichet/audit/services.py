"""Writing to the audit journal. Services call these inside their own transaction."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from guichet.audit.models import AuditEntry


def _plain(value: Any) -> Any:
    """A JSON-friendly, human-readable form of a field value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(str(_plain(v)) for v in value)
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of ``fields`` of ``instance``, many-to-many included."""
    values: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            values[name] = (
                sorted(str(obj) for obj in getattr(instance, name).all()) if instance.pk else []
            )
        else:
            values[name] = _plain(getattr(instance, name))
    return values


def diff(
    instance: models.Model, before: dict[str, Any], after: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    changes: dict[str, dict[str, Any]] = {}
    for name, new in after.items():
        old = before.get(name)
        if old != new:
            field = instance._meta.get_field(name)
            label = str(getattr(field, "verbose_name", name))
            changes[name] = {"label": label, "old": old, "new": new}
    return changes


def audit_record(
    *,
    actor: Any,
    instance: models.Model,
    action: str,
    changes: dict[str, dict[str, Any]] | None = None,
    comment: str = "",
) -> AuditEntry:
    """Append one entry. ``actor`` may be an anonymous user or None (system change)."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        actor=actor if is_user else None,
        actor_repr=(getattr(actor, "email", "") or str(actor)) if is_user else "système",
        action=action,
        changes=changes or {},
        comment=comment,
    )
