"""Pieces shared by every representation: codes with labels, communes, coordinates, owners."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from drf_spectacular.drainage import set_override
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from guichet.organisations.models import Organisation
from guichet.territories.models import Commune


class VocabularySerializer(serializers.Serializer):
    """A term of a shared vocabulary (use case, technique, NAF section...): code and label."""

    code = serializers.CharField()
    # DRF moves declared fields off the class, so this does not replace Field.label.
    label = serializers.CharField(source="name")  # type: ignore[assignment]


def _code_label_schema(codes: Iterable[str], *, nullable: bool) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {
            "code": {"type": "string", "enum": sorted(codes)},
            "label": {"type": "string"},
        },
        "required": ["code", "label"],
    }
    if nullable:
        schema["nullable"] = True
    return schema


class CodedChoiceField(serializers.Field):
    """A choice stored as a code, given as ``{"code", "label"}``; ``null`` when not filled in."""

    def __init__(self, choices: list[tuple[str, Any]], **kwargs: Any) -> None:
        self.labels = {code: str(label) for code, label in choices if code}
        kwargs["read_only"] = True
        super().__init__(**kwargs)
        set_override(self, "field", _code_label_schema(self.labels, nullable=True))

    def to_representation(self, value: str) -> dict[str, str] | None:
        if not value:
            return None
        return {"code": value, "label": self.labels.get(value, value)}


class CodedChoiceListField(serializers.Field):
    """A list of choice codes, each given as ``{"code", "label"}``."""

    def __init__(self, choices: list[tuple[str, Any]], **kwargs: Any) -> None:
        self.labels = {code: str(label) for code, label in choices if code}
        kwargs["read_only"] = True
        super().__init__(**kwargs)
        set_override(
            self,
            "field",
            {"type": "array", "items": _code_label_schema(self.labels, nullable=False)},
        )

    def to_representation(self, value: list[str]) -> list[dict[str, str]]:
        return [{"code": code, "label": self.labels.get(code, code)} for code in value or []]


class CommuneSerializer(serializers.ModelSerializer):
    department_code = serializers.CharField(source="department_id", allow_null=True)
    region_code = serializers.CharField(source="region_id", allow_null=True)

    class Meta:
        model = Commune
        fields = ["code", "name", "department_code", "region_code"]
        read_only_fields = fields


class CoordinatesSerializer(serializers.Serializer):
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    precision = serializers.ChoiceField(
        choices=[("address", "adresse"), ("commune", "centre de la commune")],
        help_text="« address » : position de l'adresse ; « commune » : centre de la commune, "
        "faute de mieux.",
    )


def coordinates(
    latitude: float | None, longitude: float | None, commune: Commune | None
) -> dict[str, Any] | None:
    """The entry's own position, else its commune's centre, saying which."""
    if latitude is not None and longitude is not None:
        return {"latitude": latitude, "longitude": longitude, "precision": "address"}
    if commune is not None and commune.latitude is not None and commune.longitude is not None:
        return {
            "latitude": commune.latitude,
            "longitude": commune.longitude,
            "precision": "commune",
        }
    return None


@extend_schema_field(CoordinatesSerializer(allow_null=True))
class CoordinatesField(serializers.Field):
    """Coordinates read from ``latitude``, ``longitude`` and ``commune`` of the object."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> dict[str, Any] | None:
        return coordinates(
            getattr(value, "latitude", None),
            getattr(value, "longitude", None),
            getattr(value, "commune", None),
        )


class OwnerSerializer(serializers.ModelSerializer):
    """The organisation publishing an entry; its full record is /api/v1/organisations/<id>/."""

    commune = CommuneSerializer(allow_null=True)

    class Meta:
        model = Organisation
        fields = ["id", "slug", "name", "commune"]
        read_only_fields = fields
