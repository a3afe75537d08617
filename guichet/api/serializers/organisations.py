"""The public record of an organisation: what its page on the site shows, nothing more."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from guichet.api.links import public_url
from guichet.api.serializers.common import (
    CodedChoiceField,
    CommuneSerializer,
    CoordinatesField,
    VocabularySerializer,
)
from guichet.organisations.models import Organisation
from guichet.organisations.sizes import HeadcountBracket


class LegalFormSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Catégorie juridique INSEE, quatre chiffres.")
    label = serializers.CharField()  # type: ignore[assignment]  # see VocabularySerializer


class OrganisationSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Page publique de l'organisation.")
    roles = VocabularySerializer(many=True)
    sectors = VocabularySerializer(many=True, help_text="Sections de la NAF rév. 2 visées.")
    legal_form = serializers.SerializerMethodField()
    headcount_bracket = CodedChoiceField(
        HeadcountBracket.choices, help_text="Tranche d'effectif salarié du répertoire Sirene."
    )
    commune = CommuneSerializer(allow_null=True)
    coordinates = CoordinatesField()
    example = serializers.BooleanField(
        source="is_example",
        read_only=True,
        help_text="Organisation fictive écrite pour la démonstration.",
    )

    class Meta:
        model = Organisation
        # E-mail, phone and SIRET are left out, as on the public page.
        fields = [
            "id",
            "slug",
            "url",
            "name",
            "roles",
            "description",
            "website",
            "siren",
            "legal_form",
            "naf_code",
            "headcount_bracket",
            "sectors",
            "address",
            "postcode",
            "commune",
            "coordinates",
            "is_synthetic",
            "example",
        ]
        read_only_fields = fields

    def get_url(self, organisation: Organisation) -> str:
        return public_url(organisation, self.context.get("request"))

    @extend_schema_field(LegalFormSerializer(allow_null=True))
    def get_legal_form(self, organisation: Organisation) -> dict[str, Any] | None:
        if not organisation.legal_form:
            return None
        return {"code": organisation.legal_form, "label": organisation.legal_form_label}
