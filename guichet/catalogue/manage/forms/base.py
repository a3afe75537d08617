"""What every entry form of the provider space shares.

Forms parse and check what people type; they never save. ``to_data()`` gives the
dict that ``catalogue.services.entry_create``/``entry_edit`` take, and model
validation runs in those services, whose errors are shown next to the fields.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from guichet.web.forms_limits import LimitedFormMixin

# Form fields that help to find a commune but are not data of the entry.
HELPER_FIELDS = {"postcode", "commune_name"}


class EntryForm(LimitedFormMixin, forms.ModelForm):
    """What every entry form shares. ``initial`` may carry a pending revision's values."""

    def _post_clean(self) -> None:
        # No construct_instance(): the entry must stay as stored until the service decides
        # (a published entry keeps its public version), and the service validates the model.
        pass

    def to_data(self) -> dict[str, Any]:
        return {
            name: value for name, value in self.cleaned_data.items() if name not in HELPER_FIELDS
        }


class DecisionForm(LimitedFormMixin, forms.Form):
    """A moderator's decision: the reason is required to refuse, and sent to the owner."""

    reason = forms.CharField(
        label=gettext_lazy("Motif du refus"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Obligatoire pour refuser. Il est envoyé par courriel à l'organisation et "
            "affiché dans son espace : dites ce qu'il faut corriger."
        ),
    )
