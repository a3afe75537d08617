"""The error pages (400, 403, 404, 500, CSRF failure), in French and in the site's layout.

Django shows these only with DEBUG off; they never show a stack trace.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token


def _error_page(request: HttpRequest, *, status: int, title: str, text: str) -> HttpResponse:
    context = {"error_title": title, "error_text": text}
    return render(request, "web/errors/error.html", context, status=status)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(
        request,
        status=400,
        title=_("Requête incorrecte"),
        text=_("Votre navigateur a envoyé une demande que nous ne comprenons pas."),
    )


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(
        request,
        status=403,
        title=_("Accès refusé"),
        text=_(
            "Vous n'avez pas le droit de voir cette page. Connectez-vous avec un autre compte ?"
        ),
    )


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(
        request,
        status=404,
        title=_("Page introuvable"),
        text=_("Cette page n'existe pas ou a été déplacée. Vérifiez l'adresse."),
    )


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the failure may come from the database they read.
    template = loader.get_template("web/errors/500.html")
    return HttpResponse(template.render(), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error_page(
        request,
        status=403,
        title=_("Formulaire expiré"),
        text=_(
            "Ce formulaire n'a pas pu être vérifié, souvent parce qu'il est resté ouvert "
            "trop longtemps ou que les cookies sont bloqués. Rechargez la page et recommencez."
        ),
    )
