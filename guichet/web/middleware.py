"""Request guards and headers shared by every page (see SECURITY.md)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _

FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# The API answers its own errors in JSON (guichet.api).
API_PREFIX = "/api/"


class PermissionsPolicyMiddleware:
    """Sends ``Permissions-Policy``: browser features no page uses are off for every script."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class FieldLengthLimitMiddleware:
    """Refuses a form whose body, or any single field, is beyond the site-wide limits.

    Forms have tighter limits of their own, reported next to the field; this is the net under
    every form, including those that forget: a body over DATA_UPLOAD_MAX_MEMORY_SIZE is
    answered 413, a field over FORM_FIELD_MAX_CHARS 400 naming the field, both in French,
    before any view runs. JSON bodies are the API's to answer.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method in {"POST", "PUT", "PATCH"}
            and request.content_type in FORM_CONTENT_TYPES
            and not request.path.startswith(API_PREFIX)
        ):
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def _refusal(self, request: HttpRequest) -> HttpResponse | None:
        try:
            data = request.POST
        except RequestDataTooBig:
            return _page(
                request,
                status=413,
                title=_("Formulaire trop volumineux"),
                text=_(
                    "Le formulaire envoyé dépasse %(size)s Mo. Raccourcissez les textes les plus "
                    "longs, puis envoyez-le de nouveau."
                )
                % {"size": _megabytes(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)},
            )
        except TooManyFieldsSent:
            return _page(
                request,
                status=400,
                title=_("Formulaire trop long"),
                text=_("Le formulaire envoyé contient trop de champs."),
            )
        limit = settings.FORM_FIELD_MAX_CHARS
        for name, values in data.lists():
            for value in values:
                if len(value) > limit:
                    return _page(
                        request,
                        status=400,
                        title=_("Texte trop long"),
                        text=_(
                            "Le champ « %(field)s » contient %(length)s caractères ; il en admet "
                            "au plus %(limit)s."
                        )
                        % {
                            "field": name[:80],
                            "length": number_format(len(value), force_grouping=True),
                            "limit": number_format(limit, force_grouping=True),
                        },
                    )
        return None


def _megabytes(size: int) -> str:
    megabytes = size / 1024 / 1024
    return number_format(megabytes, 0 if megabytes.is_integer() else 1)


def _page(request: HttpRequest, *, status: int, title: str, text: str) -> HttpResponse:
    context = {"error_title": title, "error_text": text}
    return render(request, "web/errors/error.html", context, status=status)
