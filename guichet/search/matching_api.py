"""``POST /api/v1/match``: solutions, schemes (eligible, to check) and trainings for a firm.

The body is read here rather than by DRF's parsers, so that any malformed body, whatever its
content type, gets the API's one shape of refusal: 400 with ``{"errors": {field: message}}``,
each message in French naming the field (``body``, ``need``, ``profile``, ``profile.naf``...).
"""

from __future__ import annotations

import json
from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from guichet.search.eligibility_verdicts import CriterionVerdict
from guichet.search.matching import LeftOut, MatchItem, MatchResult, match
from guichet.search.matching_forms import NEED_MAX_LENGTH
from guichet.search.profile import FirmProfile, ProfileError, parse_profile
from guichet.search.profile_legal_forms import LABELS

BODY_KEYS = ("profile", "need")


class BodyError(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


def parse_body(raw: bytes) -> tuple[FirmProfile, str]:
    """The profile and need of a request body; ``BodyError`` names each bad field."""
    try:
        data = json.loads(raw.decode("utf-8")) if raw.strip() else None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BodyError(
            {"body": f"Le corps de la requête n'est pas du JSON valide ({error})."}
        ) from None
    if not isinstance(data, dict):
        raise BodyError(
            {"body": 'Le corps de la requête doit être un objet JSON : {"profile": …, "need": …}.'}
        )
    errors: dict[str, str] = {
        str(key): f"Champ inconnu : le corps accepte {' et '.join(BODY_KEYS)}."
        for key in data
        if key not in BODY_KEYS
    }
    need = data.get("need")
    if need is None:
        need = ""
    elif not isinstance(need, str):
        errors["need"] = "Le besoin s'écrit comme une chaîne de caractères, entre guillemets."
    elif len(need) > NEED_MAX_LENGTH:
        errors["need"] = f"Le besoin tient en {NEED_MAX_LENGTH} caractères au plus."
    profile = FirmProfile()
    try:
        profile = parse_profile(data.get("profile"))
    except ProfileError as error:
        errors.update(error.errors)
    if errors:
        raise BodyError(errors)
    return profile, need if isinstance(need, str) else ""


# --- representation ---------------------------------------------------------------------------


def criterion_payload(verdict: CriterionVerdict) -> dict[str, Any]:
    return {
        "criterion": verdict.criterion.value,
        "label": verdict.criterion.label,
        "verdict": verdict.verdict.value,
        "verdict_label": verdict.verdict.label,
        "reason": verdict.reason,
        "informative": verdict.informative,
    }


def item_payload(item: MatchItem, request: Request | None = None) -> dict[str, Any]:
    explanation = item.explanation
    payload: dict[str, Any] = {
        "matched_terms": list(explanation.matched_terms),
        "term_matches": [
            {
                "term": m.term,
                "matched": list(m.matched),
                "fields": list(m.fields),
                "reason": m.reason,
            }
            for m in explanation.term_matches
        ],
        "fit": [{"criterion": n.code, "met": n.met, "reason": n.reason} for n in explanation.fit],
        "use_cases": [
            {"code": u.code, "label": u.name, "keywords": list(u.keywords)}
            for u in explanation.use_cases
        ],
        "distance_km": explanation.distance_km,
        "distance_to": explanation.distance_to or None,
    }
    if item.kind == "solution":
        payload["sector"] = explanation.sector or None
    if item.kind == "training":
        payload["remote"] = explanation.remote
    if item.kind == "scheme":
        payload["verdict"] = explanation.verdict.value if explanation.verdict else None
        payload["criteria"] = [criterion_payload(c) for c in explanation.criteria]
    return {
        "id": item.id,
        "title": item.title,
        "url": request.build_absolute_uri(item.url) if request is not None else item.url,
        "score": item.score,
        "explanation": payload,
    }


def profile_payload(profile: FirmProfile) -> dict[str, Any]:
    """The profile as the guichet read it, so that a client sees what was understood."""
    size = profile.size_category
    place = profile.place
    form = profile.legal_form
    return {
        "siren": profile.siren,
        "naf": {"code": profile.naf.code, "section": profile.naf.section} if profile.naf else None,
        "headcount": profile.headcount,
        "size_category": (
            {"code": size.value, "label": str(size.label), "from_headcount_only": True}
            if size
            else None
        ),
        "created": profile.created.isoformat() if profile.created else None,
        "legal_form": (
            {
                "insee_code": form.insee_code,
                "labels": sorted(form.labels),
                "label": form.name,
            }
            if form
            else None
        ),
        "commune": (
            {
                "code": place.commune_code,
                "label": place.label,
                "department": place.department_code,
                "region": place.region_code,
                "precise": place.is_precise,
            }
            if place
            else None
        ),
        "notes": list(profile.notes),
    }


def left_out_payload(item: LeftOut, request: Request | None = None) -> dict[str, Any]:
    return {
        "id": item.id,
        "title": item.title,
        "url": request.build_absolute_uri(item.url) if request is not None else item.url,
        "criterion": item.criterion_code,
        "label": item.criterion,
        "reason": item.reason,
    }


def result_payload(result: MatchResult, request: Request | None = None) -> dict[str, Any]:
    return {
        "profile": profile_payload(result.profile),
        "solutions": [item_payload(item, request) for item in result.solutions],
        "schemes": {
            "eligible": [item_payload(item, request) for item in result.eligible_schemes],
            "to_check": [item_payload(item, request) for item in result.schemes_to_check],
            "left_out": {
                "count": result.left_out_count,
                "schemes": [left_out_payload(item, request) for item in result.left_out],
            },
        },
        "trainings": [item_payload(item, request) for item in result.trainings],
    }


# --- OpenAPI documentation (never used to validate) -------------------------------------------


class _ProfileInSerializer(serializers.Serializer):
    siret = serializers.CharField(required=False, help_text="14 chiffres ; donne le SIREN.")
    naf = serializers.CharField(required=False, help_text="Code NAF de tout niveau : 62.01Z.")
    headcount = serializers.IntegerField(required=False, min_value=0, help_text="Salariés.")
    created = serializers.DateField(required=False, help_text="Date de création, AAAA-MM-JJ.")
    legal_form = serializers.CharField(
        required=False,
        help_text="Code INSEE à 4 chiffres (5710) ou libellé du schéma dispositif-aide : "
        + ", ".join(LABELS),
    )
    commune = serializers.CharField(required=False, help_text="Code postal ou code INSEE.")


class MatchRequestSerializer(serializers.Serializer):
    profile = _ProfileInSerializer(required=False)
    need = serializers.CharField(required=False, max_length=NEED_MAX_LENGTH)


# "label" and "errors" are attributes of DRF's classes: these two are built inline.
_CriterionSerializer = inline_serializer(
    "MatchCriterion",
    {
        "criterion": serializers.CharField(),
        "label": serializers.CharField(),
        "verdict": serializers.ChoiceField(choices=["eligible", "not_eligible", "to_check"]),
        "verdict_label": serializers.CharField(),
        "reason": serializers.CharField(),
        "informative": serializers.BooleanField(),
    },
    many=True,
    required=False,
)
_TermMatchSerializer = inline_serializer(
    "MatchTerm",
    {
        "term": serializers.CharField(help_text="L'idée du besoin, telle que saisie."),
        "matched": serializers.ListField(
            child=serializers.CharField(), help_text="Les mots trouvés (synonymes compris)."
        ),
        "fields": serializers.ListField(
            child=serializers.CharField(),
            help_text="Où : title, summary, tags, description (titre d'abord).",
        ),
        "reason": serializers.CharField(help_text="exact, synonym (synonyme) ou typo."),
    },
    many=True,
)
_FitSerializer = inline_serializer(
    "MatchFit",
    {
        "criterion": serializers.CharField(
            help_text="territory, size, sector, audience ou sessions (formations)."
        ),
        "met": serializers.BooleanField(
            allow_null=True, help_text="null : ni pour ni contre (ouvert à tous, inconnu)."
        ),
        "reason": serializers.CharField(),
    },
    many=True,
)
_LeftOutSchemeSerializer = inline_serializer(
    "MatchLeftOutScheme",
    {
        "id": serializers.IntegerField(),
        "title": serializers.CharField(),
        "url": serializers.URLField(),
        "criterion": serializers.CharField(help_text="Le premier critère non rempli."),
        "label": serializers.CharField(),
        "reason": serializers.CharField(),
    },
    many=True,
)
_ErrorsSerializer = inline_serializer(
    "MatchErrors", {"errors": serializers.DictField(child=serializers.CharField())}
)


class _ExplanationSerializer(serializers.Serializer):
    matched_terms = serializers.ListField(child=serializers.CharField())
    term_matches = _TermMatchSerializer
    fit = _FitSerializer
    use_cases = serializers.ListField(child=serializers.DictField())
    distance_km = serializers.FloatField(allow_null=True)
    distance_to = serializers.CharField(allow_null=True)
    sector = serializers.CharField(required=False, allow_null=True)
    remote = serializers.BooleanField(required=False)
    verdict = serializers.CharField(required=False, allow_null=True)
    criteria = _CriterionSerializer


class _ItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField()
    score = serializers.IntegerField(min_value=0, max_value=100)
    explanation = _ExplanationSerializer()


class _LeftOutSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Dispositifs examinés et écartés.")
    schemes = _LeftOutSchemeSerializer


class _SchemesSerializer(serializers.Serializer):
    eligible = _ItemSerializer(many=True)
    to_check = _ItemSerializer(many=True)
    left_out = _LeftOutSerializer(help_text="Les premiers sont listés, chacun avec son critère.")


class MatchResponseSerializer(serializers.Serializer):
    profile = serializers.DictField()
    solutions = _ItemSerializer(many=True)
    schemes = _SchemesSerializer()
    trainings = _ItemSerializer(many=True)


class MatchView(APIView):
    """Solutions, schemes and trainings for a firm's profile and need, each explained."""

    # Named for the OpenAPI document only: the body is read by ``parse_body``, never by DRF.
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="match",
        summary="Trouver de l'aide : solutions, dispositifs et formations pour une entreprise",
        description=(
            "Chaque dispositif est vérifié critère par critère contre le profil : il figure "
            "sous `eligible` si aucun critère n'échoue ni ne reste à vérifier (hors conditions "
            "rédigées en texte libre, toujours à lire), sous `to_check` si un critère manque "
            "de données ; un dispositif qui échoue à un critère n'est jamais listé parmi eux, mais "
            "compté sous `left_out` et, pour les premiers, nommé avec le critère non rempli. "
            "Chaque liste est classée par pertinence pour le besoin (`matched_terms`, "
            "`term_matches`) et par adéquation au profil (`fit` : secteur, territoire, taille, "
            "public ; distance) ; un besoin vide classe par adéquation seule."
        ),
        request=MatchRequestSerializer,
        responses={200: MatchResponseSerializer, 400: _ErrorsSerializer},
        examples=[
            OpenApiExample(
                "Une PME marseillaise",
                value={
                    "profile": {"naf": "62.01Z", "headcount": 12, "commune": "13055"},
                    "need": "un agent conversationnel pour notre service client",
                },
                request_only=True,
            )
        ],
    )
    def post(self, request: Request) -> Response:
        try:
            profile, need = parse_body(request.body)
        except BodyError as error:
            return Response({"errors": error.errors}, status=400)
        return Response(result_payload(match(profile, need), request))
