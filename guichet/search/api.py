"""``GET /api/v1/search``: the unified search, as JSON.

Thin: ``selectors.parse_search`` reads the parameters, ``selectors.search`` answers;
this module only shapes the answer. Routed by ``guichet/api/urls.py``.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from guichet.catalogue import filters
from guichet.search.backends.base import SORTS
from guichet.search.documents import KINDS
from guichet.search.selectors import MAX_PAGE_SIZE, PAGE_SIZE, SearchResults, parse_search, search


def _facet(value: filters.FacetValue) -> dict[str, Any]:
    return {
        "value": value.value,
        "label": value.label,
        "count": value.count,
        "selected": value.selected,
    }


def _page_link(request: Request, page: int) -> str:
    query = request.query_params.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(request.path + "?" + query.urlencode())


def serialise(results: SearchResults, request: Request) -> dict[str, Any]:
    """The answer: ``{count, next, previous, results, facets, suggestions}``."""
    page = results.params.page
    facets = {"type": [_facet(v) for v in results.type_facet]}
    facets.update({param: [_facet(v) for v in values] for param, values in results.facets.items()})
    return {
        "count": results.count,
        "next": _page_link(request, page + 1) if results.has_next else None,
        "previous": _page_link(request, page - 1) if results.has_previous else None,
        "results": [
            {
                "type": result.kind,
                "id": result.id,
                "title": result.title,
                "url": request.build_absolute_uri(result.url) if result.url else "",
                "score": result.score,
                "synthetic": result.synthetic,
                "example": result.is_example,
                "complete": result.complete,
                "explanation": [match.as_dict() for match in result.explanation],
            }
            for result in results.results
        ],
        "facets": facets,
        "suggestions": [{"q": s.q, "count": s.count} for s in results.suggestions],
    }


_FACET_FIELDS: dict[str, serializers.Field] = {
    "value": serializers.CharField(),
    "label": serializers.CharField(),
    "count": serializers.IntegerField(),
    "selected": serializers.BooleanField(),
}
_MATCH_FIELDS: dict[str, serializers.Field] = {
    "term": serializers.CharField(help_text="Le mot ou l'expression tapés."),
    "matched": serializers.ListField(
        child=serializers.CharField(),
        help_text="Les mots trouvés dans la fiche (synonymes, orthographe corrigée…).",
    ),
    "fields": serializers.ListField(
        child=serializers.CharField(),
        help_text=(
            "Où : title (titre), summary (résumé), tags (cas d'usage, types d'aide…), description."
        ),
    ),
    "reason": serializers.CharField(
        help_text="exact (mot tapé ou de même racine), synonym (synonyme) ou typo "
        "(orthographe approchée)."
    ),
}
_RESULT_FIELDS: dict[str, serializers.Field] = {
    "type": serializers.CharField(help_text="Type de fiche : " + ", ".join(KINDS) + "."),
    "id": serializers.IntegerField(),
    "title": serializers.CharField(),
    "url": serializers.URLField(),
    "score": serializers.FloatField(help_text="Plus grand : plus pertinent."),
    "synthetic": serializers.BooleanField(),
    "example": serializers.BooleanField(
        help_text="Fiche fictive écrite pour la démonstration (« Exemple »)."
    ),
    "complete": serializers.BooleanField(
        help_text="La fiche contient toutes les idées de la recherche."
    ),
    "explanation": inline_serializer("SearchMatch", _MATCH_FIELDS, many=True),
}
_ANSWER = inline_serializer(
    "SearchAnswer",
    {
        "count": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": inline_serializer("SearchResult", _RESULT_FIELDS, many=True),
        "facets": serializers.DictField(
            child=inline_serializer("SearchFacetValue", _FACET_FIELDS, many=True),
            help_text="« type » (nombre de fiches par type), puis les facettes du type choisi.",
        ),
        "suggestions": inline_serializer(
            "SearchSuggestion",
            {"q": serializers.CharField(), "count": serializers.IntegerField()},
            many=True,
        ),
    },
)
_ERRORS = inline_serializer(
    "SearchErrors", {"errors": serializers.DictField(child=serializers.CharField())}
)


def _parameters() -> list[OpenApiParameter]:
    own = [
        OpenApiParameter("q", OpenApiTypes.STR, description="Les mots cherchés, en français."),
        OpenApiParameter(
            "type", OpenApiTypes.STR, enum=list(KINDS), description="Un type de fiche."
        ),
        OpenApiParameter("sort", OpenApiTypes.STR, enum=list(SORTS), description="Ordre."),
        OpenApiParameter("page", OpenApiTypes.INT, description="À partir de 1."),
        OpenApiParameter(
            "page_size", OpenApiTypes.INT, description=f"1 à {MAX_PAGE_SIZE} ({PAGE_SIZE})."
        ),
        OpenApiParameter(
            "synthetic", OpenApiTypes.BOOL, description="1 : données de synthèse seulement."
        ),
    ]
    seen = {p.name for p in own}
    for filterset in filters.FILTERSETS.values():
        for flt in filterset.filters:
            if flt.param not in seen:
                seen.add(flt.param)
                own.append(
                    OpenApiParameter(
                        flt.param,
                        OpenApiTypes.STR,
                        many=flt.kind == "multi",
                        description=f"{flt.label} (filtre des listes du catalogue).",
                    )
                )
    return own


class SearchView(APIView):
    """Search every kind of public entry at once, with facets and explanations."""

    @extend_schema(
        operation_id="search",
        parameters=_parameters(),
        responses={200: _ANSWER, 400: OpenApiResponse(_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        params, errors = parse_search(request.query_params)
        if not errors:
            results = search(params)
            if params.page > results.pages:
                errors["page"] = f"La page {params.page} n'existe pas : il y en a {results.pages}."
        if errors:
            return Response({"errors": errors}, status=400)
        return Response(serialise(results, request))
