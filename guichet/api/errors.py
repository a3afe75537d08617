"""The one shape of every API error: ``{"errors": {field: message}}``, each message in French.

``field`` names what was refused: a query parameter, ``id`` (an unknown identifier), ``path``
(an address that is no endpoint), ``body``, ``method``, ``accept`` or ``content_type``. Every
view under ``/api/v1/`` answers its errors through ``exception_handler`` (see ``guard``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class ApiError(APIException):
    """An error already in the envelope: ``errors`` maps each refused field to its message."""

    status_code: int = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__({"errors": errors})


class InvalidQuery(ApiError):
    """Raised for any bad query parameter; each message names its parameter, in French."""

    default_code = "invalid_query"


class InvalidBody(ApiError):
    """A request body the API cannot read (too large, too deep, not JSON, not UTF-8)."""

    default_code = "invalid_body"

    def __init__(self, message: str) -> None:
        super().__init__({"body": message})


class UnknownId(ApiError):
    """No readable record under this identifier, whatever the identifier looks like."""

    status_code = status.HTTP_404_NOT_FOUND
    default_code = "not_found"

    def __init__(self, message: str = "Aucune fiche publiée sous cet identifiant.") -> None:
        super().__init__({"id": message})


def body_too_large_message() -> str:
    limit = getattr(settings, "DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440) or 0
    size = f"{limit // 2**20} Mio" if limit % 2**20 == 0 else f"{limit // 2**10} Kio"
    return f"Le corps de la requête dépasse la taille permise ({size} au plus)."


def _message(exc: APIException, request: Any) -> tuple[str, str]:
    """``(field, message)`` of an error DRF raised in its own words."""
    method = getattr(request, "method", "") or ""
    if isinstance(exc, exceptions.MethodNotAllowed):
        return "method", f"La méthode {method} n'est pas permise à cette adresse."
    if isinstance(exc, exceptions.NotAcceptable):
        return "accept", "L'API répond en JSON : demandez application/json dans l'en-tête Accept."
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return "content_type", "Le corps de la requête s'envoie en JSON (application/json)."
    if isinstance(exc, exceptions.ParseError):
        return "body", "Le corps de la requête n'est pas du JSON valide."
    if isinstance(exc, exceptions.NotFound):
        return "path", "Aucune ressource de l'API à cette adresse."
    if isinstance(exc, exceptions.Throttled):
        return "request", "Trop de requêtes : réessayez dans quelques instants."
    if isinstance(exc, exceptions.PermissionDenied | exceptions.NotAuthenticated):
        return "request", "Accès refusé."
    return "request", str(exc.detail) if isinstance(exc.detail, str) else "Requête refusée."


def _flatten(detail: Any) -> str:
    if isinstance(detail, list | tuple):
        return " ".join(_flatten(item) for item in detail)
    if isinstance(detail, dict):
        return " ".join(f"{key} : {_flatten(value)}" for key, value in detail.items())
    return str(detail)


def envelope(exc: APIException, request: Any) -> dict[str, Any]:
    """The body of the answer to ``exc``: DRF's own errors rewritten in the one shape."""
    if isinstance(exc, ApiError):
        data: dict[str, Any] = exc.detail  # type: ignore[assignment]
        return data
    if isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict):
        return {"errors": {str(field): _flatten(value) for field, value in exc.detail.items()}}
    if isinstance(exc, exceptions.ValidationError):
        return {"errors": {"body": _flatten(exc.detail)}}
    field, message = _message(exc, request)
    return {"errors": {field: message}}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler (404, 403, headers such as ``Allow``), answering in the envelope.

    Django's refusals of an oversized body or query (``RequestDataTooBig``,
    ``TooManyFieldsSent``) are raised when a view first reads the request: a 400 here too,
    rather than Django's HTML error page.
    """
    if isinstance(exc, RequestDataTooBig):
        exc = InvalidBody(body_too_large_message())
    elif isinstance(exc, TooManyFieldsSent):
        exc = ApiError({"query": "La requête porte trop de paramètres."})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, APIException):
        response.data = envelope(exc, context.get("request"))
    return response
