"""OpenAPI description of the list parameters, generated from the pages' ``FilterSet``.

Each ``Filter`` of ``guichet.catalogue.filters`` becomes one query parameter with its
type, its label and, when it has choices, their codes as an enum and their labels in
the description. Choices are read when the document is generated, sorted by code so
that the document does not depend on the database's collation.
"""

from __future__ import annotations

from typing import Any

from django.db import DatabaseError
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter

from guichet.catalogue import selectors
from guichet.catalogue.filters import Filter, FilterSet

SYNTHETIC_HELP = (
    "Sans ce paramètre, ou avec 0, seules les fiches réelles ; avec 1, seules les fiches de "
    "synthèse générées pour les essais de charge. Les deux ne sont jamais mêlées."
)


def _choices(flt: Filter) -> list[tuple[str, str]] | None:
    if flt.choices is None:
        return None
    try:
        return sorted((str(code), label) for code, label in flt.choices())
    except DatabaseError:  # a document generated before ``migrate``: values left undocumented
        return None


def facet_parameter(flt: Filter) -> OpenApiParameter:
    """One query parameter from one filter definition."""
    lines = [f"**{flt.label}**"]
    if flt.help:
        lines.append(flt.help)
    choices = _choices(flt)
    value: dict[str, Any] = {"type": "string"}
    if choices is not None:
        value["enum"] = [code for code, _ in choices]
    schema: dict[str, Any]
    if flt.kind == "bool":
        schema = {"type": "boolean"}
        lines.append("Accepte 1 ou 0, oui ou non, true ou false.")
    elif flt.kind == "date":
        schema = {"type": "string", "format": "date"}
        lines.append("Date au format AAAA-MM-JJ.")
    elif flt.kind == "multi":
        schema = {"type": "array", "items": value}
        lines.append(
            "Répétez le paramètre pour plusieurs valeurs : une fiche est retenue si elle a "
            "l'une d'elles."
        )
    else:
        schema = value
    if choices:
        lines.append("Valeurs :\n" + "\n".join(f"- `{code}` : {label}" for code, label in choices))
    return OpenApiParameter(
        name=flt.param,
        type=schema,
        location=OpenApiParameter.QUERY,
        description="\n\n".join(lines),
        style="form" if flt.kind == "multi" else None,
        explode=True if flt.kind == "multi" else None,
    )


def synthetic_parameter() -> OpenApiParameter:
    return OpenApiParameter(
        name=selectors.SYNTHETIC_PARAM,
        type={"type": "boolean"},
        location=OpenApiParameter.QUERY,
        description=f"**Données de synthèse**\n\n{SYNTHETIC_HELP}",
    )


class FacetSchema(AutoSchema):
    """Adds, to a list operation, the query parameters of the view's ``filterset``."""

    def get_override_parameters(self) -> list[Any]:
        parameters = list(super().get_override_parameters())
        filterset = getattr(self.view, "filterset", None)
        if getattr(self.view, "action", None) == "list" and isinstance(filterset, FilterSet):
            parameters += [facet_parameter(flt) for flt in filterset.filters]
            parameters.append(synthetic_parameter())
        return parameters
