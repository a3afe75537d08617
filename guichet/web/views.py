from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static

from guichet.web.selectors import home_sections


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"sections": home_sections()})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")


def legal(request: HttpRequest) -> HttpResponse:
    return render(request, "web/legal.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "web/privacy.html")


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def favicon(request: HttpRequest) -> HttpResponse:
    # Resolved per request: the hashed file name exists only once collectstatic ran.
    return HttpResponsePermanentRedirect(static("web/favicon.svg"))
