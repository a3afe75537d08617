"""The map page: providers, training sessions, events and places, as tables a map enhances."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from guichet.catalogue import selectors
from guichet.territories.models import Region

DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILE_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">'
    "les contributeurs d'OpenStreetMap</a>"
)
LAYER_TITLES = {
    "providers": _("Offreurs de solutions d'IA"),
    "sessions": _("Sessions de formation"),
    "events": _("Événements"),
    "places": _("Lieux"),
}


def map_page(request: HttpRequest) -> HttpResponse:
    regions = list(Region.objects.order_by("name").values_list("code", "name"))
    region = request.GET.get("region", "").strip()
    synthetic, synthetic_error = selectors.parse_synthetic(request.GET)
    errors = [synthetic_error] if synthetic_error else []
    if region and region not in dict(regions):
        errors.append(f"Le paramètre « region » ne connaît pas la valeur « {region} ».")
    layers = [] if errors else selectors.map_layers(region=region, synthetic=synthetic)
    context = {
        "layers": [(layer, LAYER_TITLES[layer.kind]) for layer in layers],
        "map_data": {
            "layers": {kind: str(title) for kind, title in LAYER_TITLES.items()},
            "markers": selectors.map_markers(layers),
        },
        "regions": regions,
        "selected_region": region,
        "synthetic": synthetic,
        "errors": errors,
        "limit": selectors.MAP_LIMIT,
        "tile_url": getattr(settings, "MAP_TILE_URL", DEFAULT_TILE_URL),
        "tile_attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", DEFAULT_TILE_ATTRIBUTION),
    }
    return render(request, "catalogue/map.html", context, status=400 if errors else 200)
