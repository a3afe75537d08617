"""Links from the API to the public pages of the site."""

from __future__ import annotations

from django.db.models import Model
from django.urls import reverse
from rest_framework.request import Request

from guichet.catalogue.models import Event, Place, Scheme, Solution, Training
from guichet.organisations.models import Organisation

# URL name of the public detail page of each kind, reversed with the object's slug.
DETAIL_URL_NAMES: dict[type[Model], str] = {
    Organisation: "organisations:detail",
    Solution: "catalogue:solution_detail",
    Training: "catalogue:training_detail",
    Scheme: "catalogue:scheme_detail",
    Event: "catalogue:event_detail",
    Place: "catalogue:place_detail",
}


def public_path(obj: Model) -> str:
    return reverse(DETAIL_URL_NAMES[type(obj)], kwargs={"slug": getattr(obj, "slug", "")})


def public_url(obj: Model, request: Request | None) -> str:
    """Absolute when the request is known (as in every API answer), else a path."""
    path = public_path(obj)
    return request.build_absolute_uri(path) if request is not None else path
