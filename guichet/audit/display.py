"""A journal entry's changes as a reader sees them: field names, codes and lists in French.

The journal stores what services wrote: field names as keys, choice codes ("draft"),
ISO dates, lists of names, and for edits waiting for review the ids of related rows.
Nothing of that should reach a page: each change is shown with its field's French name
(``verbose_name``), codes by their label, lists and mappings written out, dates in words.
Only the recorded model's own fields are read: no other guichet app is imported.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from guichet.audit.models import AuditEntry

SEPARATOR = ", "


@dataclass(frozen=True)
class ChangeRow:
    """One changed field, ready to print: "" for an empty value."""

    label: str
    old: str
    new: str


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _label(field: Any, name: str, stored: Any) -> str:
    if field is not None and getattr(field, "verbose_name", None):
        return capfirst(str(field.verbose_name))
    text = str(stored or name)
    # A key written as the label (``legal_form``) reads as words at least.
    return capfirst(text.replace("_", " ") if text == name else text)


def _date(value: str, field: Any) -> str:
    try:
        if isinstance(field, models.DateTimeField):
            moment = datetime.datetime.fromisoformat(value)
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "j F Y H:i")
        return formats.date_format(datetime.date.fromisoformat(value[:10]), "j F Y")
    except ValueError:
        return value


def _related_names(field: Any, values: list[Any]) -> dict[Any, str]:
    """Names of related rows stored by id (edits waiting for review store ids)."""
    model = field.related_model
    if model is None or isinstance(model, str):
        return {}
    # Snapshots store names, edits ids: a text value is taken for an id only where the
    # related rows are keyed by text (use cases, sections), and then only if one matches.
    keyed_by_text = not isinstance(model._meta.pk, models.IntegerField | models.AutoField)
    ids = [
        v
        for v in values
        if (isinstance(v, int) and not isinstance(v, bool))
        or (keyed_by_text and isinstance(v, str))
    ]
    if not ids:
        return {}
    try:
        found = model._default_manager.in_bulk(ids)
    except (ValueError, TypeError, ValidationError):
        return {}
    return {pk: str(row) for pk, row in found.items()}


def _scalar(value: Any, field: Any, names: dict[Any, str]) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if isinstance(value, dict):
        return "; ".join(
            f"{capfirst(str(key))} : {_scalar(item, None, {})}"
            for key, item in value.items()
            if item not in (None, "")
        )
    if isinstance(value, list | tuple):
        return SEPARATOR.join(text for text in (_scalar(v, field, names) for v in value) if text)
    if value in names:
        return names[value]
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    if value in choices:
        return str(choices[value])
    if isinstance(value, str) and isinstance(field, models.DateField | models.DateTimeField):
        return _date(value, field)
    return str(value)


def _value(value: Any, field: Any) -> str:
    names: dict[Any, str] = {}
    if field is not None and field.is_relation:
        values = value if isinstance(value, list | tuple) else [value]
        names = _related_names(field, list(values))
    return _scalar(value, field, names)


def change_rows(entry: AuditEntry) -> list[ChangeRow]:
    """The entry's changed fields in French, in the order of the model's fields.

    Not in the order they were recorded: PostgreSQL's jsonb keeps keys in an order of its own,
    and a journal must read alike on both databases.
    """
    model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
    rows = []
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    order = {f.name: i for i, f in enumerate(model._meta.get_fields())} if model else {}
    for name, change in sorted(
        changes.items(), key=lambda item: (order.get(item[0], len(order)), item[0])
    ):
        field = _field(model, name)
        if not isinstance(change, dict):
            rows.append(ChangeRow(_label(field, name, None), "", _value(change, field)))
            continue
        rows.append(
            ChangeRow(
                label=_label(field, name, change.get("label")),
                old=_value(change.get("old"), field),
                new=_value(change.get("new"), field),
            )
        )
    return rows
