from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guichet.territories.forms import LookupForm
from guichet.territories.models import Commune, Department, Region
from guichet.territories.selectors import CodeKind, Place, resolve_place


@require_safe
def lookup(request: HttpRequest) -> HttpResponse:
    """Public page: type a code, see the commune, its department, region and centre."""
    form = LookupForm(_with_default_kind(request) if "code" in request.GET else None)
    place = None
    if form.is_valid():
        place = resolve_place(form.cleaned_data["code"], form.cleaned_data["kind"])
    return render(request, "territories/lookup.html", {"form": form, "place": place})


@require_safe
def resolve(request: HttpRequest) -> JsonResponse:
    """The same answer as the page, in JSON; 400 naming the parameter at fault."""
    form = LookupForm(_with_default_kind(request))
    if not form.is_valid():
        parameter = "code" if "code" in form.errors else "kind"
        return JsonResponse(
            {"error": _parameter_error(parameter, request.GET.get(parameter))},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    place = resolve_place(form.cleaned_data["code"], form.cleaned_data["kind"])
    return JsonResponse(place_payload(place), json_dumps_params={"ensure_ascii": False})


def _with_default_kind(request: HttpRequest) -> QueryDict:
    """The query string, reading the code automatically when no kind is given."""
    data = request.GET.copy()
    if not data.get("kind"):
        data["kind"] = CodeKind.AUTO.value
    return data


def _parameter_error(parameter: str, value: str | None) -> str:
    if parameter == "kind":
        return _("Le paramètre « kind » vaut auto, postcode ou insee.")
    if not value:
        return _(
            "Le paramètre « code » est obligatoire : un code postal ou un code commune (INSEE)."
        )
    return _(
        "Le paramètre « code » doit compter 5 chiffres, ou 2A ou 2B suivis de 3 chiffres "
        "pour la Corse."
    )


def place_payload(place: Place) -> dict[str, Any]:
    return {
        "code": place.code,
        "status": place.status.value,
        "matched_as": place.matched_as.value if place.matched_as else None,
        "message": place.message or None,
        "communes": [_commune(commune) for commune in place.communes],
        "department": _area(place.department),
        "region": _area(place.region),
        "coordinates": (
            {"latitude": place.coordinates[0], "longitude": place.coordinates[1]}
            if place.coordinates
            else None
        ),
        "also_insee_code_of": _area(place.also_insee_code_of),
    }


def _area(area: Commune | Department | Region | None) -> dict[str, str] | None:
    return {"code": area.code, "name": area.name} if area is not None else None


def _commune(commune: Commune) -> dict[str, Any]:
    return {
        "code": commune.code,
        "name": commune.name,
        "department": _area(commune.department),
        "region": _area(commune.region),
        "population": commune.population,
        "postcodes": sorted(postcode.code for postcode in commune.postcodes.all()),
        "latitude": commune.latitude,
        "longitude": commune.longitude,
    }
