"""The site's URLs plus views that fail on purpose, for the error page tests."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path

from guichet.config.urls import (  # noqa: F401  (Django reads the handlers from here)
    handler400,
    handler403,
    handler404,
    handler500,
)
from guichet.config.urls import (
    urlpatterns as site_urlpatterns,
)


def bad_request(request: HttpRequest) -> HttpResponse:
    raise BadRequest("test")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret detail of the crash")


urlpatterns = [
    path("test-erreurs/400/", bad_request),
    path("test-erreurs/403/", forbidden),
    path("test-erreurs/500/", crash),
    *site_urlpatterns,
]
