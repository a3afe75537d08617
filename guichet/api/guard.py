"""What every view under ``/api/v1/`` shares: errors in the envelope, bodies read safely.

The API's own viewsets inherit ``ApiView``; the endpoints other apps define (search,
matching) and drf-spectacular's document are routed through ``guarded``, which gives them
the same handler, parser and renderer without touching their code. ``NotFoundView``
answers any address under ``/api/v1/`` that is no endpoint.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponseBase, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve
from rest_framework.exceptions import NotFound
from rest_framework.parsers import BaseParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from guichet.api import bodies, errors, query

WITH_BODY = ("POST", "PUT", "PATCH")


class ApiView:
    """Mixin for an ``APIView``: the envelope for every error, a checked JSON body.

    A view of another app may read ``request.body`` itself (``search.matching_api`` does):
    its body is checked here first, before the view's handler runs, so that a body Python's
    ``json`` would choke on (too deep, an unencodable string) is refused in the envelope.
    Whatever else is wrong with it (not JSON, a bad field) stays for the view to say.
    """

    parser_classes: Sequence[type[BaseParser]] = [bodies.GuichetJSONParser]
    # For a view of another app taking the lists' date filters: days outside 1800-2100
    # refused here, naming the parameter (the API's own lists do it in ``query``).
    checks_dates: bool = False

    def get_exception_handler(self) -> Callable[..., Response | None]:
        return errors.exception_handler

    def get_renderers(self) -> list[BaseRenderer]:
        # The JSON renderer of the settings becomes the safe one, in the same place.
        renderers: list[BaseRenderer] = super().get_renderers()  # type: ignore[misc]
        return [
            bodies.SafeJSONRenderer() if type(renderer) is JSONRenderer else renderer
            for renderer in renderers
        ]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if request.method in WITH_BODY and hasattr(self, request.method.lower()):
            # Past DATA_UPLOAD_MAX_MEMORY_SIZE, reading raises RequestDataTooBig: a 400.
            bodies.check_body(request.body)
        if self.checks_dates:
            query.check_dates(request.query_params)


def guarded(view_class: type[APIView], **initkwargs: Any) -> Callable[..., HttpResponseBase]:
    """The view of another app as an ``ApiView``: same behaviour, errors in the envelope."""
    namespace = {"__module__": view_class.__module__, "__doc__": view_class.__doc__}
    cls: type[APIView] = type(view_class.__name__, (ApiView, view_class), namespace)
    view: Callable[..., HttpResponseBase] = cls.as_view(**initkwargs)
    return view


class NotFoundView(ApiView, APIView):
    """Any address under ``/api/v1/`` that no endpoint answers: a 404 in the envelope.

    As Django's ``APPEND_SLASH`` would, a GET of an endpoint's address without its final
    slash is redirected to it (this catch-all route would otherwise hide it from Django).
    """

    renderer_classes = [bodies.SafeJSONRenderer]
    schema = None  # not an endpoint: kept out of the OpenAPI document

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # No body check: whatever is posted here, the answer is that nothing is here.
        APIView.initial(self, request, *args, **kwargs)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method in ("GET", "HEAD") and _slash_missing(request.path_info):
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
        return super().dispatch(request, *args, **kwargs)

    def _not_found(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raise NotFound

    get = post = put = patch = delete = head = options = _not_found


def _slash_missing(path: str) -> bool:
    """Whether ``path`` is an endpoint's address but for its final slash."""
    if path.endswith("/"):
        return False
    try:
        match = resolve(path + "/")
    except Resolver404:
        return False
    return getattr(match.func, "view_class", None) is not NotFoundView
