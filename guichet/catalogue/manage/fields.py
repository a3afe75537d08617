"""Form fields and checks shared by the entry forms of the provider space."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guichet.catalogue.schemes_io.geography import GeoCodeError, GeoIndex
from guichet.organisations.naf import NafError, parse_naf
from guichet.organisations.services import resolve_commune
from guichet.territories.models import Commune

NAF_SECTION_RE = re.compile(r"^[A-U]$")
SEPARATORS_RE = re.compile(r"[|;,\n]+")


class ListField(forms.CharField):
    """A list typed as text, one value per line or separated by « | » (``REG-93|DEP-13``).

    ``item`` checks and normalises one value: it returns the value to keep or raises
    ValidationError with a message naming the value.
    """

    def __init__(self, *, item: Callable[[str], str] | None = None, **kwargs: Any) -> None:
        self.item = item
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"spellcheck": "false"}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return " | ".join(str(v) for v in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, list | tuple):
            values = [str(v) for v in value]
        else:
            values = SEPARATORS_RE.split(str(value or ""))
        seen: list[str] = []
        for raw in values:
            text = raw.strip()
            if text and text not in seen:
                seen.append(text)
        return seen

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def clean(self, value: Any) -> list[str]:
        values = self.to_python(value)
        self.validate(values)
        if self.item is None:
            return values
        kept: list[str] = []
        errors: list[ValidationError] = []
        for text in values:
            try:
                normalised = self.item(text)
            except ValidationError as error:
                errors.append(error)
            else:
                if normalised not in kept:
                    kept.append(normalised)
        if errors:
            raise ValidationError(errors)
        return kept


class GeoCodesField(ListField):
    """Geographic codes of the dispositif-aide schema (REG-93, DEP-2A, COM-13055, PAYS-99100),
    checked by the same rules as the etalab import (``schemes_io.geography``)."""

    def clean(self, value: Any) -> list[str]:
        if not self.to_python(value):
            return super().clean(value)
        index = GeoIndex.load()  # once per field, not once per code

        def check(text: str) -> str:
            code = re.sub(r"\s+", "", text).upper()
            try:
                index.check(code)
            except GeoCodeError as error:
                raise ValidationError(str(error), code="invalid_geo_code") from None
            return code

        self.item = check
        return super().clean(value)


def naf_code(value: str) -> str:
    """A NAF section (A to U) or a NAF code (62, 62.0, 62.01, 62.01Z)."""
    text = value.strip().upper()
    if NAF_SECTION_RE.match(text):
        return text
    try:
        return parse_naf(text).code
    except NafError as error:
        raise ValidationError(str(error), code="invalid_naf") from None


def formacode(value: str) -> str:
    text = value.strip()
    if not re.fullmatch(r"\d{5}", text):
        raise ValidationError(
            _("« %(code)s » n'est pas un code Formacode (5 chiffres).") % {"code": value},
            code="invalid_formacode",
        )
    return text


def postcode_field() -> forms.CharField:
    return forms.CharField(
        label=gettext_lazy("Code postal"),
        required=False,
        max_length=5,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )


def commune_name_field() -> forms.CharField:
    return forms.CharField(
        label=gettext_lazy("Commune"),
        required=False,
        max_length=150,
        help_text=gettext_lazy("Utile quand le code postal dessert plusieurs communes."),
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )


def commune_initial(commune: Commune | None) -> dict[str, str]:
    """What the postcode and commune fields show for a stored commune."""
    if commune is None:
        return {}
    postcode = commune.postcodes.order_by("code").values_list("code", flat=True).first()
    return {"postcode": postcode or "", "commune_name": commune.name}


def clean_commune(form: forms.BaseForm) -> None:
    """Resolve the postcode and commune fields of ``form`` into ``cleaned_data["commune"]``."""
    postcode = form.cleaned_data.get("postcode") or ""
    name = form.cleaned_data.get("commune_name") or ""
    try:
        form.cleaned_data["commune"] = resolve_commune(postcode=postcode, commune_name=name)
    except ValidationError as error:
        form.add_error(None, error)


def formfield_for(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Model fields as the provider space shows them: boxes to tick, dates to pick."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    if isinstance(db_field, models.TextField):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 5}))
    return db_field.formfield(**kwargs)


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError next to the fields it names, the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, errors in error.error_dict.items():
        form.add_error(key if key in form.fields else None, errors)
