"""The form of a training, and its sessions as a formset."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guichet.catalogue.manage.fields import (
    ListField,
    clean_commune,
    commune_initial,
    commune_name_field,
    formacode,
    formfield_for,
    postcode_field,
)
from guichet.catalogue.manage.forms.base import EntryForm
from guichet.catalogue.models import Training, TrainingSession
from guichet.web.forms_limits import LimitedFormMixin


class TrainingForm(EntryForm):
    formacode = ListField(
        label=gettext_lazy("Codes Formacode"),
        item=formacode,
        help_text=gettext_lazy("5 chiffres chacun, séparés par « | », par exemple 31025."),
    )

    class Meta:
        model = Training
        formfield_callback = formfield_for
        fields = [
            "title",
            "summary",
            "description",
            "objectives",
            "expected_results",
            "content",
            "level",
            "audience",
            "prerequisites",
            "modality",
            "duration_hours",
            "price_eur",
            "is_certifying",
            "rncp_code",
            "rs_code",
            "cpf_eligible",
            "use_cases",
            "techniques",
            "url",
            "contact_email",
            "formacode",
            "lheo_offer_id",
        ]
        help_texts = {
            "rncp_code": gettext_lazy("Par exemple RNCP35288."),
            "rs_code": gettext_lazy("Code du Répertoire spécifique, par exemple RS5487."),
            "lheo_offer_id": gettext_lazy(
                "Identifiant de l'offre dans votre système d'information (LHÉO), s'il existe."
            ),
        }

    def _certification_code(self, name: str, prefix: str) -> str:
        raw = re.sub(r"\s+", "", self.cleaned_data.get(name) or "").upper()
        if not raw:
            return ""
        match = re.fullmatch(rf"(?:{prefix})?(\d{{1,6}})", raw)
        if not match:
            raise ValidationError(
                _("Écrivez %(prefix)s suivi de chiffres, par exemple %(prefix)s12345.")
                % {"prefix": prefix}
            )
        return f"{prefix}{match[1]}"

    def clean_rncp_code(self) -> str:
        return self._certification_code("rncp_code", "RNCP")

    def clean_rs_code(self) -> str:
        return self._certification_code("rs_code", "RS")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        has_code = cleaned.get("rncp_code") or cleaned.get("rs_code")
        if cleaned.get("is_certifying") and not has_code and "rncp_code" not in self.errors:
            self.add_error(
                "rncp_code",
                _("Une formation certifiante indique son code RNCP ou son code RS."),
            )
        for name in ("duration_hours", "price_eur"):
            value = cleaned.get(name)
            if value is not None and value < 0:
                self.add_error(name, _("Indiquez un nombre positif."))
        return cleaned


class SessionForm(LimitedFormMixin, forms.ModelForm):
    postcode = postcode_field()
    commune_name = commune_name_field()

    class Meta:
        model = TrainingSession
        formfield_callback = formfield_for
        fields = ["starts_on", "ends_on", "address", "postcode", "commune_name", "seats"]
        labels = {
            "starts_on": gettext_lazy("Premier jour"),
            "ends_on": gettext_lazy("Dernier jour"),
        }
        help_texts = {"address": gettext_lazy("Laissez vide pour une session à distance.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for key, value in commune_initial(self.instance.commune).items():
                self.initial.setdefault(key, value)

    def _post_clean(self) -> None:
        pass  # saved by the service, which validates the model

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("Le dernier jour ne peut précéder le premier."))
        clean_commune(self)
        return cleaned

    def to_data(self) -> dict[str, Any]:
        data = {
            name: self.cleaned_data.get(name)
            for name in ("starts_on", "ends_on", "address", "seats", "commune")
        }
        data["address"] = data["address"] or ""
        return data


class BaseSessionFormSet(BaseInlineFormSet):
    def changes(self) -> tuple[list[dict[str, Any]], list[int]]:
        """Sessions to keep (``id`` None for new ones) and ids of sessions to delete."""
        kept: list[dict[str, Any]] = []
        deleted: list[int] = []
        for form in self.forms:
            session_form = cast(SessionForm, form)
            if self.can_delete and session_form.cleaned_data.get("DELETE"):
                if session_form.instance.pk:
                    deleted.append(session_form.instance.pk)
                continue
            if not session_form.instance.pk and not session_form.has_changed():
                continue
            kept.append({"id": session_form.instance.pk, **session_form.to_data()})
        return kept, deleted


SessionFormSet = inlineformset_factory(
    Training,
    TrainingSession,
    form=SessionForm,
    formset=BaseSessionFormSet,
    extra=1,
    can_delete=True,
)
