"""Published entries as the API gives them: solutions, trainings, schemes, events, places."""

from __future__ import annotations

import zoneinfo
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from guichet.api.links import public_url
from guichet.api.serializers.common import (
    CodedChoiceField,
    CodedChoiceListField,
    CommuneSerializer,
    CoordinatesField,
    OwnerSerializer,
    VocabularySerializer,
)
from guichet.catalogue.models import (
    Event,
    Place,
    Publishable,
    Scheme,
    Solution,
    Training,
    TrainingSession,
)
from guichet.catalogue.taxonomy import AI_ACT_RISKS, DEPLOYMENTS, PRICE_RANGES

ENTRY_FIELDS = [
    "id",
    "slug",
    "url",
    "title",
    "summary",
    "description",
    "owner",
    "is_synthetic",
    "example",
    "published_at",
]


def _money(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=False, allow_null=True, **kwargs
    )


class EntrySerializer(serializers.ModelSerializer):
    """What every entry has."""

    url = serializers.SerializerMethodField(help_text="Page publique de la fiche sur le site.")
    owner = OwnerSerializer()
    example = serializers.BooleanField(
        source="is_example",
        read_only=True,
        help_text="Fiche fictive écrite pour la démonstration (badge « Exemple »).",
    )

    def get_url(self, entry: Publishable) -> str:
        return public_url(entry, self.context.get("request"))


class SolutionSerializer(EntrySerializer):
    use_cases = VocabularySerializer(many=True)
    business_functions = VocabularySerializer(many=True)
    sectors = VocabularySerializer(many=True, help_text="Sections de la NAF rév. 2 visées.")
    techniques = VocabularySerializer(many=True)
    deployments = CodedChoiceListField(list(DEPLOYMENTS.items()))
    price_range = CodedChoiceField(list(PRICE_RANGES.items()))
    ai_act_risk = CodedChoiceField(
        list(AI_ACT_RISKS.items()),
        help_text="Classe de risque au sens du règlement européen sur l'IA (« unknown » si "
        "non renseignée).",
    )

    class Meta:
        model = Solution
        fields = [
            *ENTRY_FIELDS,
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
        read_only_fields = fields


class TrainingSessionSerializer(serializers.ModelSerializer):
    commune = CommuneSerializer(allow_null=True)
    coordinates = CoordinatesField(help_text="Centre de la commune de la session.")

    class Meta:
        model = TrainingSession
        fields = [
            "id",
            "starts_on",
            "ends_on",
            "address",
            "commune",
            "coordinates",
            "seats",
            "registration_url",
            "lheo_session_id",
        ]
        read_only_fields = fields


class TrainingSerializer(EntrySerializer):
    level = CodedChoiceField(Training.Level.choices)
    modality = CodedChoiceField(Training.Modality.choices)
    duration_hours = serializers.DecimalField(
        max_digits=7, decimal_places=1, coerce_to_string=False, allow_null=True
    )
    price_eur = _money(help_text="Prix en euros TTC.")
    website = serializers.URLField(
        source="url", help_text="Page de la formation chez l'organisme de formation."
    )
    formacode = serializers.ListField(child=serializers.CharField())
    use_cases = VocabularySerializer(many=True)
    techniques = VocabularySerializer(many=True)
    sessions = TrainingSessionSerializer(many=True)

    class Meta:
        model = Training
        fields = [
            *ENTRY_FIELDS,
            "objectives",
            "expected_results",
            "content",
            "level",
            "is_certifying",
            "rncp_code",
            "rs_code",
            "cpf_eligible",
            "audience",
            "prerequisites",
            "modality",
            "duration_hours",
            "price_eur",
            "website",
            "contact_email",
            "lheo_offer_id",
            "formacode",
            "use_cases",
            "techniques",
            "sessions",
        ]
        read_only_fields = fields


class CarrierSerializer(serializers.Serializer):
    """One ``porteurs`` item of the etalab schema."""

    name = serializers.CharField(source="nom", default="")
    siren = serializers.CharField(default="")
    roles = serializers.ListField(child=serializers.CharField(), default=list)


class SchemeSerializer(EntrySerializer):
    aid_types = VocabularySerializer(many=True)
    audiences = VocabularySerializer(many=True)
    carriers = CarrierSerializer(many=True)
    parent_programmes = serializers.ListField(child=serializers.CharField())
    legal_basis = serializers.ListField(child=serializers.CharField())
    size_categories = serializers.ListField(child=serializers.CharField())
    legal_forms = serializers.ListField(child=serializers.CharField())
    legal_forms_excluded = serializers.ListField(child=serializers.CharField())
    activity_sectors = serializers.ListField(child=serializers.CharField())
    naf_included = serializers.ListField(child=serializers.CharField())
    naf_excluded = serializers.ListField(child=serializers.CharField())
    geographic_eligibility = serializers.SerializerMethodField(
        help_text="Codes géographiques couverts (REG-93, DEP-2A, COM-13055, PAYS-99100...)."
    )
    geographic_exclusions = serializers.SerializerMethodField(
        help_text="Codes géographiques exclus, dans le même format."
    )
    recurrence = CodedChoiceField(Scheme.Recurrence.choices)
    amount_min_eur = _money()
    amount_max_eur = _money()
    rate_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, coerce_to_string=False, allow_null=True
    )

    class Meta:
        model = Scheme
        fields = [
            *ENTRY_FIELDS,
            "external_id",
            "promise",
            "eligibility_text",
            "aid_types",
            "audiences",
            "carriers",
            "parent_programmes",
            "source_url",
            "opens_at",
            "closes_at",
            "source_updated_at",
            "legal_basis",
            "geographic_eligibility",
            "geographic_exclusions",
            "headcount_min",
            "headcount_max",
            "size_categories",
            "min_years_existence",
            "legal_forms",
            "legal_forms_excluded",
            "activity_sectors",
            "naf_included",
            "naf_excluded",
            "payment_chaining",
            "recurrence",
            "amount_text",
            "amount_min_eur",
            "amount_max_eur",
            "rate_percent",
            "application_url",
        ]
        read_only_fields = fields

    @staticmethod
    def _codes(scheme: Scheme, *, excluded: bool) -> list[str]:
        # Read from the prefetched rows rather than a new query per scheme.
        return sorted(t.code for t in scheme.territories.all() if t.excluded is excluded)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_geographic_eligibility(self, scheme: Scheme) -> list[str]:
        return self._codes(scheme, excluded=False)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_geographic_exclusions(self, scheme: Scheme) -> list[str]:
        return self._codes(scheme, excluded=True)


class EventSerializer(EntrySerializer):
    starts_at = serializers.DateTimeField(
        allow_null=True,
        help_text="Début, à l'heure du fuseau de l'événement ; null si la source ne le date pas.",
    )
    ends_at = serializers.DateTimeField(allow_null=True)
    commune = CommuneSerializer(allow_null=True)
    coordinates = CoordinatesField()

    class Meta:
        model = Event
        fields = [
            *ENTRY_FIELDS,
            "starts_at",
            "ends_at",
            "time_zone",
            "is_online",
            "venue",
            "address",
            "commune",
            "coordinates",
            "theme",
            "registration_url",
            "website",
        ]
        read_only_fields = fields

    def to_representation(self, event: Event) -> dict[str, Any]:
        """Times in the zone the organiser gave, so that they read as announced."""
        data = super().to_representation(event)
        try:
            zone = zoneinfo.ZoneInfo(event.time_zone)
        except (ValueError, zoneinfo.ZoneInfoNotFoundError):
            return data
        for name in ("starts_at", "ends_at"):
            value = getattr(event, name)
            if value is not None:
                data[name] = value.astimezone(zone).isoformat()
        return data


class PlaceSerializer(EntrySerializer):
    commune = CommuneSerializer(allow_null=True)
    coordinates = CoordinatesField()
    opening_hours = serializers.DictField(
        child=serializers.CharField(),
        help_text="Horaires par jour (« lundi » : « 9h-18h »), ou texte libre sous « texte ».",
    )

    class Meta:
        model = Place
        fields = [
            *ENTRY_FIELDS,
            "address",
            "commune",
            "coordinates",
            "opening_hours",
            "services",
            "audience",
            "website",
        ]
        read_only_fields = fields
