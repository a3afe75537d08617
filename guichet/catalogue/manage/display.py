"""Entries as people read them: field values in words, and a revision beside the public version.

Values come either from a stored entry or from a pending revision (JSON, as
``catalogue.services.serialise_edit`` stored it); both read the same way.
"""

from __future__ import annotations

import datetime
import decimal
from dataclasses import dataclass
from typing import Any, cast

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from guichet.catalogue.manage.forms import HELPER_FIELDS
from guichet.catalogue.manage.kinds import kind_of
from guichet.catalogue.models import Publishable, Scheme
from guichet.catalogue.services import TERRITORY_KEYS
from guichet.catalogue.taxonomy import DEPLOYMENTS
from guichet.catalogue.workflow import RevisionStatus

# JSON lists of codes whose labels people know better than the codes.
CODE_LABELS: dict[str, dict[str, str]] = {"deployments": DEPLOYMENTS}


@dataclass(frozen=True)
class Fact:
    name: str
    label: str
    value: str


@dataclass(frozen=True)
class Change:
    name: str
    label: str
    old: str
    new: str


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def display_value(field: models.Field, value: Any) -> str:
    """``value`` of ``field`` in words; "" when empty. Accepts stored or JSON values."""
    if _is_empty(value):
        return ""
    if field.many_to_many:
        related = cast(type[models.Model], field.related_model)
        names = [str(v) for v in value if isinstance(v, models.Model)]
        pks = [v for v in value if not isinstance(v, models.Model)]
        names += [str(o) for o in related._default_manager.filter(pk__in=pks)]
        return ", ".join(sorted(names))
    if field.is_relation:
        if isinstance(value, models.Model):
            return str(value)
        related = cast(type[models.Model], field.related_model)
        found = related._default_manager.filter(pk=value).first()
        return str(found) if found else str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("oui") if value else _("non")
    if isinstance(field, models.JSONField):
        return _display_json(field.name, value)
    python = field.to_python(value)
    if isinstance(python, datetime.datetime):
        if timezone.is_aware(python):
            python = timezone.localtime(python)
        return formats.date_format(python, "j F Y H:i")
    if isinstance(python, datetime.date):
        return formats.date_format(python, "j F Y")
    if isinstance(python, decimal.Decimal):
        return formats.number_format(python)
    return str(python)


def _display_json(name: str, value: Any) -> str:
    labels = CODE_LABELS.get(name, {})
    if isinstance(value, dict):
        if set(value) == {"texte"}:
            return str(value["texte"])
        return " ; ".join(f"{key} : {item}" for key, item in value.items())
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict):  # scheme carriers
                parts.append(" ".join(filter(None, [item.get("nom"), item.get("siren")])))
            else:
                parts.append(labels.get(str(item), str(item)))
        return ", ".join(parts)
    return str(value)


def stored_value(entry: Publishable, field: models.Field) -> Any:
    if field.many_to_many:
        return list(getattr(entry, field.name).all()) if entry.pk else []
    if field.is_relation:
        return getattr(entry, field.name)
    return field.value_from_object(entry)


def _territories(entry: Publishable, key: str) -> list[str]:
    if not isinstance(entry, Scheme) or not entry.pk:
        return []
    excluded = key == "geo_excluded"
    return sorted(entry.territories.filter(excluded=excluded).values_list("code", flat=True))


def _field_names(entry: Publishable) -> list[str]:
    names = [n for n in (kind_of(entry).form._meta.fields or []) if n not in HELPER_FIELDS]
    if "address" in names and hasattr(entry, "commune_id"):
        names.insert(names.index("address") + 1, "commune")
    return names


def _label(entry: Publishable, name: str) -> str:
    if name in TERRITORY_KEYS:
        return str(kind_of(entry).form.base_fields[name].label)
    field = entry._meta.get_field(name)
    return str(capfirst(getattr(field, "verbose_name", name)))


def entry_facts(entry: Publishable) -> list[Fact]:
    """Every field the provider fills in, with its current value in words."""
    facts = []
    for name in _field_names(entry):
        if name in TERRITORY_KEYS:
            text = ", ".join(_territories(entry, name))
        else:
            field = entry._meta.get_field(name)
            if not isinstance(field, models.Field):
                continue
            text = display_value(field, stored_value(entry, field))
        facts.append(Fact(name, _label(entry, name), text))
    return facts


def revision_changes(entry: Publishable) -> list[Change]:
    """The fields a pending revision changes: public value → proposed value."""
    changes = []
    for name, proposed in (entry.revision or {}).items():
        if name in TERRITORY_KEYS:
            old = ", ".join(_territories(entry, name))
            new = ", ".join(sorted(proposed or []))
        else:
            try:
                field = entry._meta.get_field(name)
            except FieldDoesNotExist:  # a key the model no longer has
                continue
            if not isinstance(field, models.Field):
                continue
            old = display_value(field, stored_value(entry, field))
            new = display_value(field, proposed)
        if old != new:
            changes.append(Change(name, _label(entry, name), old, new))
    return changes


def revision_initial(entry: Publishable) -> dict[str, Any]:
    """A refused revision's values, so that the owner corrects it rather than starts over."""
    if not entry.revision or entry.revision_status != RevisionStatus.REJECTED:
        return {}
    initial: dict[str, Any] = {}
    for name, value in entry.revision.items():
        if name in TERRITORY_KEYS:
            initial[name] = list(value or [])
            continue
        try:
            field = entry._meta.get_field(name)
        except FieldDoesNotExist:  # a key the model no longer has
            continue
        if not isinstance(field, models.Field):
            continue
        if field.many_to_many:
            initial[name] = list(value or [])
        elif field.is_relation:
            related = cast(type[models.Model], field.related_model)
            initial[name] = related._default_manager.filter(pk=value).first() if value else None
        else:
            initial[name] = field.to_python(value) if value is not None else None
    return initial
