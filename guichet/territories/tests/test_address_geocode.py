"""services.address_geocode against a real local HTTP server shaped like the BAN API."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from pytest_django.fixtures import Settings

from guichet.territories.geocoding import GeocodeStatus
from guichet.territories.models import GeocodedAddress
from guichet.territories.services import address_geocode

pytestmark = pytest.mark.usefixtures("loaded")

CANEBIERE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [5.377, 43.2975]},
            "properties": {
                "label": "12 La Canebière 13001 Marseille",
                "score": 0.97,
                "citycode": "13201",
                "postcode": "13001",
                "city": "Marseille",
            },
        }
    ],
}
NOTHING = {"type": "FeatureCollection", "features": []}


@dataclass
class FakeBan:
    """Answers by query: (HTTP status, body). Records every query it receives."""

    url: str = ""
    answers: dict[str, tuple[int, bytes]] = field(default_factory=dict)
    queries: list[str] = field(default_factory=list)
    delay: float = 0.0

    def answer(self, query: str, payload: Any, status: int = 200) -> None:
        self.answers[query] = (status, json.dumps(payload).encode())


@pytest.fixture
def ban(settings: Settings) -> Iterator[FakeBan]:
    fake = FakeBan()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            query = parse_qs(urlparse(self.path).query).get("q", [""])[0]
            fake.queries.append(query)
            time.sleep(fake.delay)
            status, body = fake.answers.get(query, (200, json.dumps(NOTHING).encode()))
            # The client gives up on a slow answer: writing to it then fails, as intended.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Keep the test output quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/search/"
    settings.GEOCODER_URL = fake.url
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def test_found_address_gives_label_coordinates_and_commune(ban: FakeBan) -> None:
    """A found address has its label, [lon, lat] read the right way round, and its commune."""
    ban.answer("12 la canebière marseille", CANEBIERE)
    result = address_geocode(address="12 La Canebière  Marseille")
    assert result.status == GeocodeStatus.FOUND
    assert result.label == "12 La Canebière 13001 Marseille"
    assert (result.latitude, result.longitude) == (43.2975, 5.377)
    assert result.score == 0.97
    # The API gives the arrondissement's code; the commune is Marseille.
    assert result.commune is not None and result.commune.code == "13055"
    assert result.message == ""


def test_second_call_uses_the_cache(ban: FakeBan) -> None:
    """The same address, however spaced or capitalised, is asked of the service only once."""
    ban.answer("12 la canebière marseille", CANEBIERE)
    first = address_geocode(address="12 la Canebière Marseille")
    second = address_geocode(address="  12 LA CANEBIÈRE   marseille ")
    assert ban.queries == ["12 la canebière marseille"]
    assert not first.cached and second.cached
    assert second.label == first.label
    assert GeocodedAddress.objects.count() == 1


def test_address_not_found_is_cached_too(ban: FakeBan) -> None:
    """An address the service does not know is remembered as not found: no second request."""
    result = address_geocode(address="rue qui n'existe pas")
    again = address_geocode(address="rue qui n'existe pas")
    assert result.status == again.status == GeocodeStatus.NOT_FOUND
    assert result.message == "Aucune adresse correspondante n'a été trouvée."
    assert len(ban.queries) == 1


def test_server_error_is_unavailable_and_not_cached(ban: FakeBan) -> None:
    """A 500 gives "unavailable", caches nothing, and the next call asks again."""
    ban.answer("1 place du marché aubagne", {"error": "boom"}, status=500)
    result = address_geocode(address="1 place du marché Aubagne")
    assert result.status == GeocodeStatus.UNAVAILABLE
    assert "ne répond pas" in result.message
    assert not GeocodedAddress.objects.exists()
    ban.answer("1 place du marché aubagne", NOTHING)
    assert address_geocode(address="1 place du marché Aubagne").status == GeocodeStatus.NOT_FOUND
    assert len(ban.queries) == 2


def test_malformed_answer_is_unavailable(ban: FakeBan) -> None:
    """An answer that is not BAN-shaped JSON is treated as unavailable, not as an error."""
    ban.answers["2 rue de la paix paris"] = (200, b"<html>maintenance</html>")
    assert address_geocode(address="2 rue de la Paix Paris").status == GeocodeStatus.UNAVAILABLE
    ban.answer("2 rue de la paix paris", {"features": [{"properties": {}}]})
    assert address_geocode(address="2 rue de la Paix Paris").status == GeocodeStatus.UNAVAILABLE
    assert not GeocodedAddress.objects.exists()


def test_slow_service_is_unavailable(ban: FakeBan, settings: Settings) -> None:
    """A service slower than GEOCODER_TIMEOUT gives "unavailable" instead of hanging."""
    settings.GEOCODER_TIMEOUT = 0.1
    ban.delay = 0.5
    assert address_geocode(address="3 cours mirabeau aix").status == GeocodeStatus.UNAVAILABLE


def test_unreachable_service_is_unavailable(settings: Settings) -> None:
    """Nothing listening at GEOCODER_URL: "unavailable", no exception, nothing cached."""
    settings.GEOCODER_URL = "http://127.0.0.1:9/unreachable/"
    assert address_geocode(address="4 rue Sainte Marseille").status == GeocodeStatus.UNAVAILABLE
    assert not GeocodedAddress.objects.exists()


@pytest.mark.parametrize("address", ["", "  a ", "x" * 201])
def test_address_too_short_or_long_is_not_sent(ban: FakeBan, address: str) -> None:
    """Addresses the service would refuse (under 3 or over 200 characters) are not sent."""
    assert address_geocode(address=address).status == GeocodeStatus.INVALID
    assert ban.queries == []
