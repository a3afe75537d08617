"""The form of a support scheme, on the etalab dispositif-aide-professionnels backbone."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guichet.catalogue.manage.fields import GeoCodesField, ListField, formfield_for, naf_code
from guichet.catalogue.manage.forms.base import EntryForm
from guichet.catalogue.models import Scheme
from guichet.organisations.validators import normalise_number, siren_error

SIZE_CATEGORIES = [
    ("MIC", gettext_lazy("Micro-entreprise")),
    ("PME", gettext_lazy("PME")),
    ("ETI", gettext_lazy("ETI")),
    ("GE", gettext_lazy("Grande entreprise")),
]


class SchemeForm(EntryForm):
    opens_at = forms.DateField(
        label=gettext_lazy("Ouverture"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    closes_at = forms.DateField(
        label=gettext_lazy("Clôture"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Dernier jour pour déposer une demande ; vide si permanent."),
    )
    carriers = forms.CharField(
        label=gettext_lazy("Porteurs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Un porteur par ligne : son nom, puis « | » et son SIREN s'il en a un. "
            "Par exemple : Bpifrance | 507 523 678"
        ),
    )
    size_categories = forms.MultipleChoiceField(
        label=gettext_lazy("Catégories d'entreprise éligibles"),
        choices=SIZE_CATEGORIES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    naf_included = ListField(
        label=gettext_lazy("Codes NAF ciblés"),
        item=naf_code,
        help_text=gettext_lazy("Sections (C) ou codes (62.01Z), séparés par « | »."),
    )
    naf_excluded = ListField(label=gettext_lazy("Codes NAF exclus"), item=naf_code)
    geo_included = GeoCodesField(
        label=gettext_lazy("Territoires éligibles"),
        help_text=gettext_lazy(
            "Codes séparés par « | » : REG-93 (région), DEP-13 ou DEP-2A (département), "
            "COM-13055 (commune), PAYS-99100 (toute la France)."
        ),
    )
    geo_excluded = GeoCodesField(
        label=gettext_lazy("Territoires exclus"),
        help_text=gettext_lazy("Mêmes codes, par exemple DEP-05 pour exclure les Hautes-Alpes."),
    )

    class Meta:
        model = Scheme
        formfield_callback = formfield_for
        fields = [
            "title",
            "promise",
            "summary",
            "description",
            "eligibility_text",
            "aid_types",
            "audiences",
            "carriers",
            "geo_included",
            "geo_excluded",
            "size_categories",
            "headcount_min",
            "headcount_max",
            "min_years_existence",
            "naf_included",
            "naf_excluded",
            "recurrence",
            "opens_at",
            "closes_at",
            "amount_text",
            "amount_min_eur",
            "amount_max_eur",
            "rate_percent",
            "source_url",
            "application_url",
        ]
        help_texts = {
            "promise": gettext_lazy("Ce que le dispositif apporte, en 180 caractères au plus."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scheme = self.instance
        if scheme.pk:
            for key, excluded in (("geo_included", False), ("geo_excluded", True)):
                self.initial.setdefault(
                    key,
                    sorted(
                        scheme.territories.filter(excluded=excluded).values_list("code", flat=True)
                    ),
                )
        for key in ("opens_at", "closes_at"):
            value = self.initial.get(key)
            if isinstance(value, datetime.datetime):
                self.initial[key] = timezone.localtime(value).date()
        carriers = self.initial.get("carriers")
        if isinstance(carriers, list):
            self.initial["carriers"] = "\n".join(
                " | ".join(filter(None, [c.get("nom", ""), c.get("siren", "")]))
                for c in carriers
                if isinstance(c, dict)
            )

    def clean_carriers(self) -> list[dict[str, Any]]:
        carriers: list[dict[str, Any]] = []
        errors: list[str] = []
        for line in (self.cleaned_data.get("carriers") or "").splitlines():
            if not line.strip():
                continue
            name, _sep, number = (part.strip() for part in line.partition("|"))
            carrier: dict[str, Any] = {"nom": name}
            if number:
                error = siren_error(number)
                if error:
                    errors.append(f"{name or line.strip()} : {error}")
                carrier["siren"] = normalise_number(number)
            carriers.append(carrier)
        if errors:
            raise ValidationError(errors)
        return carriers

    def clean_opens_at(self) -> datetime.datetime | None:
        day = self.cleaned_data.get("opens_at")
        if day is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    def clean_closes_at(self) -> datetime.datetime | None:
        day = self.cleaned_data.get("closes_at")
        if day is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes < opens:
            self.add_error("closes_at", _("La clôture ne peut précéder l'ouverture."))
        low, high = cleaned.get("headcount_min"), cleaned.get("headcount_max")
        if low is not None and high is not None and high < low:
            self.add_error("headcount_max", _("L'effectif maximal est inférieur au minimal."))
        low, high = cleaned.get("amount_min_eur"), cleaned.get("amount_max_eur")
        if low is not None and high is not None and high < low:
            self.add_error("amount_max_eur", _("Le montant maximal est inférieur au minimal."))
        return cleaned
