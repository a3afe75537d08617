"""Client of the national address API (Base adresse nationale), standard library only.

``geocode`` asks the service once and never raises: a network failure, an HTTP error or an
answer of the wrong shape all give an ``unavailable`` result. Caching lives in the service
(``services.address_geocode``).
"""

from __future__ import annotations

import http.client
import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from guichet.territories.models import Commune, GeocodedAddress

logger = logging.getLogger(__name__)

MAX_ANSWER_BYTES = 1_000_000
WHITESPACE_RE = re.compile(r"\s+")


class GeocodeStatus(StrEnum):
    FOUND = "found"
    NOT_FOUND = "not_found"
    UNAVAILABLE = "unavailable"
    INVALID = "invalid"


@dataclass(frozen=True)
class GeocodeResult:
    query: str
    status: GeocodeStatus
    label: str = ""
    latitude: float | None = None
    longitude: float | None = None
    score: float | None = None
    citycode: str = ""
    commune: Commune | None = None
    cached: bool = False

    @property
    def message(self) -> str:
        """What to tell the person who typed the address, in French; empty when found."""
        if self.status == GeocodeStatus.NOT_FOUND:
            return _("Aucune adresse correspondante n'a été trouvée.")
        if self.status == GeocodeStatus.UNAVAILABLE:
            return _(
                "Le service national d'adresses ne répond pas pour le moment ; réessayez plus tard."
            )
        if self.status == GeocodeStatus.INVALID:
            return _("L'adresse doit compter entre 3 et 200 caractères.")
        return ""

    @classmethod
    def from_record(cls, record: GeocodedAddress, *, cached: bool = False) -> GeocodeResult:
        return cls(
            query=record.query,
            status=GeocodeStatus.FOUND if record.found else GeocodeStatus.NOT_FOUND,
            label=record.label,
            latitude=record.latitude,
            longitude=record.longitude,
            score=record.score,
            citycode=record.commune_id or "",
            commune=record.commune,
            cached=cached,
        )


def normalise_query(address: str) -> str:
    """The cache key of an address: Unicode-normalised, lower case, single spaces."""
    text = unicodedata.normalize("NFKC", address)
    return WHITESPACE_RE.sub(" ", text).strip().lower()


def geocode(query: str, *, url: str, timeout: float) -> GeocodeResult:
    """Ask the service for the best match of ``query`` (``GET url?q=...&limit=1``)."""
    if not url.lower().startswith(("http://", "https://")):
        logger.error("GEOCODER_URL must be an http(s) URL, not %r", url)
        return GeocodeResult(query, GeocodeStatus.UNAVAILABLE)
    separator = "&" if "?" in url else "?"
    request = Request(  # noqa: S310 - the scheme is checked above
        f"{url}{separator}{urlencode({'q': query, 'limit': 1})}",
        headers={"Accept": "application/json", "User-Agent": "guichet-ia"},
    )
    try:
        with urlopen(request, timeout=timeout) as response:  # noqa: S310 - same
            payload = json.loads(response.read(MAX_ANSWER_BYTES))
        return _parse(query, payload)
    except (OSError, http.client.HTTPException, ValueError, LookupError, TypeError) as error:
        # OSError covers URLError, HTTPError and timeouts; the others an answer of the wrong
        # shape. Either way the caller shows "unavailable" and may try again later.
        logger.warning("Geocoder unavailable for %r: %s", query, error)
        return GeocodeResult(query, GeocodeStatus.UNAVAILABLE)


def _parse(query: str, payload: Any) -> GeocodeResult:
    """The first feature of a GeoJSON FeatureCollection; raises on a malformed answer."""
    features = payload["features"]
    if not isinstance(features, list):
        raise TypeError("features is not a list")
    if not features:
        return GeocodeResult(query, GeocodeStatus.NOT_FOUND)
    properties = features[0]["properties"]
    longitude, latitude = (float(value) for value in features[0]["geometry"]["coordinates"][:2])
    return GeocodeResult(
        query,
        GeocodeStatus.FOUND,
        label=str(properties.get("label", "")),
        latitude=latitude,
        longitude=longitude,
        score=float(properties["score"]) if properties.get("score") is not None else None,
        citycode=str(properties.get("citycode", "")),
    )
