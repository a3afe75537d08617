"""Length and date limits for every form field, with French messages that name the field.

Model ``CharField``s give their forms a ``max_length``; ``TextField``s and plain form fields
often give none, so a 2 MB description would be accepted. ``LimitedFormMixin`` (first in the
bases of a ``Form`` or ``ModelForm``) gives each field without a limit of its own:

- free text: at most ``TEXT_MAX_CHARS`` characters in a textarea, ``LINE_MAX_CHARS`` on one
  line;
- e-mail addresses: at most ``EMAIL_MAX_CHARS`` (254, RFC 5321);
- dates and date-times: years 1800 to 2100 only.

This module depends on nothing in the project, so any app's forms may import it (the one
exception to "no app imports web"). Request bodies and single fields beyond the site-wide
limits are refused earlier, by ``guichet.web.middleware.FieldLengthLimitMiddleware``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.formats import number_format
from django.utils.translation import gettext as _

TEXT_MAX_CHARS = 20_000
LINE_MAX_CHARS = 500
EMAIL_MAX_CHARS = 254
FIRST_YEAR = 1800
LAST_YEAR = 2100


class FieldMaxLength:
    """Refuses a value longer than ``limit``, saying which field and by how much."""

    def __init__(self, limit: int, label: str) -> None:
        self.limit = limit
        self.label = label

    def __call__(self, value: Any) -> None:
        length = len(value or "")
        if length > self.limit:
            raise ValidationError(
                _(
                    "« %(field)s » contient %(length)s caractères ; ce champ en admet au "
                    "plus %(limit)s."
                ),
                code="max_length",
                params={
                    "field": self.label,
                    "length": number_format(length, force_grouping=True),
                    "limit": number_format(self.limit, force_grouping=True),
                },
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FieldMaxLength) and other.limit == self.limit


class FieldYearRange:
    """Refuses a date whose year is outside FIRST_YEAR..LAST_YEAR, naming the field."""

    def __init__(self, label: str) -> None:
        self.label = label

    def __call__(self, value: Any) -> None:
        if isinstance(value, datetime.date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise ValidationError(
                _("« %(field)s » : indiquez une date entre %(first)s et %(last)s."),
                code="year_range",
                params={"field": self.label, "first": FIRST_YEAR, "last": LAST_YEAR},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FieldYearRange)


def limit_field(field: forms.Field, name: str) -> None:
    """Give one form field the limits it lacks (see the module's docstring)."""
    label = str(field.label or name)
    if isinstance(field, (forms.DateField, forms.DateTimeField)):
        field.validators.append(FieldYearRange(label))
        return
    if not isinstance(field, forms.CharField):
        return
    if isinstance(field, forms.EmailField):
        limit = min(field.max_length or EMAIL_MAX_CHARS, EMAIL_MAX_CHARS)
    elif isinstance(field.widget, forms.Textarea):
        limit = field.max_length or TEXT_MAX_CHARS
    else:
        limit = field.max_length or LINE_MAX_CHARS
    field.max_length = limit
    # This message names the field; Django's own would say the same thing without the name.
    field.validators = [
        validator
        for validator in field.validators
        if not isinstance(validator, (MaxLengthValidator, FieldMaxLength))
    ]
    field.validators.append(FieldMaxLength(limit, label))
    field.widget.attrs["maxlength"] = str(limit)


class LimitedFormMixin:
    """Put first in a form's bases: every field gets a length or date limit (module docstring)."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            limit_field(field, name)
