"""Read-only endpoints: one list and one detail per kind of public record.

Thin by design: the query string is parsed by the pages' parsers (``query``), the rows
come from the pages' selectors (``catalogue.selectors``), the envelope from ``pagination``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, viewsets

from guichet.api import querysets
from guichet.api.errors import UnknownId
from guichet.api.guard import ApiView
from guichet.api.pagination import GuichetPagination
from guichet.api.query import ListQuery, parse_list_query
from guichet.api.schema import FacetSchema
from guichet.api.serializers import (
    EventSerializer,
    OrganisationSerializer,
    PlaceSerializer,
    SchemeSerializer,
    SolutionSerializer,
    TrainingSerializer,
)
from guichet.catalogue import filters, selectors
from guichet.catalogue.filters import FilterSet

# The body of every error answer (see errors.ApiError).
QUERY_ERRORS = inline_serializer(
    "QueryErrors",
    {
        "errors": serializers.DictField(
            child=serializers.CharField(),
            help_text="Pour chaque paramètre refusé, un message en français qui le nomme.",
        )
    },
)

# An identifier the database can hold (below 2**63); any other is answered 404, not looked up.
IDENTIFIER = re.compile(r"[0-9]{1,18}")
# Documented as before: the route itself takes any segment, to answer every other one in JSON.
ID_PARAMETER = OpenApiParameter(
    "id", {"type": "string", "pattern": "^[0-9]+$"}, location=OpenApiParameter.PATH
)


class PublicReadViewSet(ApiView, viewsets.ReadOnlyModelViewSet):
    """A public, read-only list (filtered like its page) and a detail by id."""

    filterset: ClassVar[FilterSet]
    missing: ClassVar[str] = "Aucune fiche publiée sous cet identifiant."
    pagination_class = GuichetPagination
    # No DRF filter backend: the list comes already filtered from the pages' selector.
    filter_backends = ()
    schema = FacetSchema()

    def get_queryset(self) -> QuerySet[Any]:
        if self.action == "list":
            return self.search(parse_list_query(self.filterset, self.request.query_params))
        return self.readable()

    def get_object(self) -> Model:
        raw = str(self.kwargs[self.lookup_url_kwarg or self.lookup_field])
        found = self.find(int(raw)) if IDENTIFIER.fullmatch(raw) else None
        if found is None:
            raise UnknownId(self.missing)
        return found

    def find(self, pk: int) -> Model | None:
        found: Model | None = self.readable().filter(pk=pk).first()
        return found

    def search(self, query: ListQuery) -> QuerySet[Any]:
        raise NotImplementedError

    def readable(self) -> QuerySet[Any]:
        """What a detail may show."""
        raise NotImplementedError


class CatalogueViewSet(PublicReadViewSet):
    kind: ClassVar[str]  # a key of catalogue.selectors.KIND_MODELS

    def search(self, query: ListQuery) -> QuerySet[Any]:
        return selectors.entry_search(self.kind, query.values, synthetic=query.synthetic)

    def readable(self) -> QuerySet[Any]:
        # Published only, real and synthetic alike (a synthetic entry says so).
        return selectors.KIND_MODELS[self.kind].objects.published()

    def find(self, pk: int) -> Model | None:
        """The published entry, loaded by the detail page's own selector.

        ``selectors.entry_detail`` finds an entry by slug, so the id is turned into a slug
        first: one small query more, and the API shows what the page shows.
        """
        slug = self.readable().filter(pk=pk).values_list("slug", flat=True).first()
        if slug is None:
            return None
        entry: Model = selectors.entry_detail(self.kind, slug)
        return entry


def _documented(
    *,
    tag: str,
    plural: str,
    singular: str,
    serializer: type[serializers.Serializer],
    notes: str,
    missing: str = "Aucune fiche publiée sous cet identifiant.",
) -> Callable[[type[PublicReadViewSet]], type[PublicReadViewSet]]:
    """OpenAPI texts of a list and its detail; ``notes`` says what is listed, in which order."""
    document = extend_schema_view(
        list=extend_schema(
            tags=[tag],
            summary=f"Lister les {plural}",
            description=notes
            + " Les paramètres de filtre sont ceux des facettes de la page du site ; "
            "un paramètre inconnu est ignoré, une valeur refusée donne une erreur 400.",
            responses={
                200: serializer(many=True),
                400: OpenApiResponse(QUERY_ERRORS, description="Un paramètre au moins est refusé."),
            },
        ),
        retrieve=extend_schema(
            tags=[tag],
            summary=f"Lire {singular}",
            parameters=[ID_PARAMETER],
            responses={
                200: serializer,
                404: OpenApiResponse(QUERY_ERRORS, description=missing),
            },
        ),
    )

    def decorate(viewset: type[PublicReadViewSet]) -> type[PublicReadViewSet]:
        viewset.missing = missing
        return document(viewset)

    return decorate


@_documented(
    tag="solutions",
    plural="solutions d'IA",
    singular="une solution d'IA",
    serializer=SolutionSerializer,
    notes="Les solutions publiées, par titre. La région et le département sont ceux de l'offreur.",
)
class SolutionViewSet(CatalogueViewSet):
    kind = "solutions"
    filterset = filters.SOLUTIONS
    serializer_class = SolutionSerializer


@_documented(
    tag="formations",
    plural="formations",
    singular="une formation",
    serializer=TrainingSerializer,
    notes="Les formations publiées, par date de leur prochaine session ; celles sans session "
    "à venir en dernier.",
)
class TrainingViewSet(CatalogueViewSet):
    kind = "trainings"
    filterset = filters.TRAININGS
    serializer_class = TrainingSerializer


@_documented(
    tag="dispositifs",
    plural="dispositifs d'aide et d'accompagnement",
    singular="un dispositif",
    serializer=SchemeSerializer,
    notes="Les dispositifs publiés, par date de clôture (sans date, en dernier), puis par "
    "titre. Le filtre de région "
    "retient les dispositifs dont l'éligibilité géographique couvre tout ou partie de la région.",
)
class SchemeViewSet(CatalogueViewSet):
    kind = "schemes"
    filterset = filters.SCHEMES
    serializer_class = SchemeSerializer


@_documented(
    tag="evenements",
    plural="événements",
    singular="un événement",
    serializer=EventSerializer,
    notes="Les événements publiés, par date de début.",
)
class EventViewSet(CatalogueViewSet):
    kind = "events"
    filterset = filters.EVENTS
    serializer_class = EventSerializer


@_documented(
    tag="lieux",
    plural="lieux d'acculturation à l'IA",
    singular="un lieu",
    serializer=PlaceSerializer,
    notes="Les lieux publiés, par nom.",
)
class PlaceViewSet(CatalogueViewSet):
    kind = "places"
    filterset = filters.PLACES
    serializer_class = PlaceSerializer


@_documented(
    tag="organisations",
    plural="organisations",
    singular="une organisation",
    serializer=OrganisationSerializer,
    notes="Les organisations (toutes sont publiques), par nom.",
    missing="Aucune organisation sous cet identifiant.",
)
class OrganisationViewSet(PublicReadViewSet):
    filterset = filters.ORGANISATIONS
    serializer_class = OrganisationSerializer

    def search(self, query: ListQuery) -> QuerySet[Any]:
        return querysets.organisation_search(query.values, synthetic=query.synthetic)

    def readable(self) -> QuerySet[Any]:
        return querysets.organisation_by_id()
