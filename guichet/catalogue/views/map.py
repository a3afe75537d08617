"""The map page: providers, training sessions, events and places, as tables a map enhances.

The page lists the points page by page (``MAP_PAGE_SIZE`` per layer), which is the map
without JavaScript; the map's markers come from ``map_points`` as JSON (compressed by the
gzip middleware), the same for every visitor and cached at the data version.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from guichet.catalogue import selectors
from guichet.territories.models import Region

MAP_PAGE_SIZE = 50
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


def _parse(request: HttpRequest) -> tuple[list[tuple[str, str]], str, bool, list[str]]:
    """The regions, the chosen region, the synthetic switch and the errors, in French."""
    regions = list(Region.objects.order_by("name").values_list("code", "name"))
    region = request.GET.get("region", "").strip()
    synthetic, synthetic_error = selectors.parse_synthetic(request.GET)
    errors = [synthetic_error] if synthetic_error else []
    if region and region not in dict(regions):
        errors.append(f"Le paramètre « region » ne connaît pas la valeur « {region} ».")
    return regions, region, synthetic, errors


def _page_number(raw: str) -> int:
    return int(raw) if raw.isdigit() and 0 < int(raw) < 1_000_000 else 1


def _listed(region: str, synthetic: bool, number: int) -> list[selectors.MapLayer]:
    """Page ``number`` of every layer, the same for every visitor: cached at the data version."""
    return selectors.cached_at_version(
        "map-list",
        (region, synthetic, number),
        lambda: selectors.map_layers(
            region=region,
            synthetic=synthetic,
            limit=MAP_PAGE_SIZE,
            offset=(number - 1) * MAP_PAGE_SIZE,
        ),
    )


def map_page(request: HttpRequest) -> HttpResponse:
    regions, region, synthetic, errors = _parse(request)
    number = _page_number(request.GET.get("page", ""))
    layers = [] if errors else _listed(region, synthetic, number)
    # One page number for every layer: the longest layer decides how many pages there are.
    longest = max((layer.total for layer in layers), default=0)
    page = Paginator(range(longest), MAP_PAGE_SIZE).get_page(number)
    if layers and page.number != number:  # past the last page: show the last one
        layers = _listed(region, synthetic, page.number)
    wanted = {"region": region} if region else {}
    if synthetic:
        wanted["synthetic"] = "1"
    points_url = reverse("catalogue:map_points") + (f"?{urlencode(wanted)}" if wanted else "")
    context = {
        "layers": [(layer, LAYER_TITLES[layer.kind]) for layer in layers],
        "map_data": {
            "layers": {kind: str(title) for kind, title in LAYER_TITLES.items()},
            "points": points_url,
        },
        "page": page,
        "regions": regions,
        "selected_region": region,
        "synthetic": synthetic,
        "errors": errors,
        "limit": selectors.MAP_LIMIT,
        "tile_url": getattr(settings, "MAP_TILE_URL", DEFAULT_TILE_URL),
        "tile_attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", DEFAULT_TILE_ATTRIBUTION),
    }
    return render(request, "catalogue/map.html", context, status=400 if errors else 200)


def _markers(region: str, synthetic: bool) -> str:
    """The JSON text itself: a few thousand markers are serialised once per data version."""
    layers = selectors.map_layers(region=region, synthetic=synthetic)
    data = {
        "markers": selectors.map_markers(layers),
        "truncated": [layer.kind for layer in layers if layer.truncated],
    }
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))


def map_points(request: HttpRequest) -> HttpResponse:
    """The map's located points (``MAP_LIMIT`` per layer at most) as JSON; errors as a 400."""
    _, region, synthetic, errors = _parse(request)
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    text = selectors.cached_at_version(
        "map-points", (region, synthetic), lambda: _markers(region, synthetic)
    )
    return HttpResponse(text, content_type="application/json")
