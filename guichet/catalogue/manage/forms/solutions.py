"""The form of an AI solution."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from guichet.catalogue.manage.fields import formfield_for
from guichet.catalogue.manage.forms.base import EntryForm
from guichet.catalogue.models import Solution
from guichet.catalogue.taxonomy import DEPLOYMENTS


class SolutionForm(EntryForm):
    deployments = forms.MultipleChoiceField(
        label=gettext_lazy("Modes de déploiement"),
        choices=list(DEPLOYMENTS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Solution
        formfield_callback = formfield_for
        fields = [
            "title",
            "summary",
            "description",
            "use_cases",
            "business_functions",
            "sectors",
            "techniques",
            "deployments",
            "price_range",
            "client_references",
            "ai_act_risk",
            "website",
        ]
        help_texts = {
            "summary": gettext_lazy("Une phrase, 300 caractères au plus."),
            "client_references": gettext_lazy(
                "Entreprises qui utilisent la solution, avec leur accord."
            ),
            "ai_act_risk": gettext_lazy(
                "Selon le règlement européen sur l'intelligence artificielle, si vous la "
                "connaissez."
            ),
        }
