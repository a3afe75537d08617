"""The documentation page works offline: every asset comes from our own /static/."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_docs_page_loads_its_assets_from_static(client: Client) -> None:
    """Swagger UI's script, style and icon are served from /static/, never from a CDN."""
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(assets) >= 4
    assert "/api/v1/openapi.json" in assets  # the no-JavaScript way in
    for asset in assets:
        if asset == "/api/v1/openapi.json":
            continue
        # Swagger UI from the sidecar package, its start script and style from this app.
        assert asset.startswith(("/static/drf_spectacular_sidecar/", "/static/api/")), asset
        assert client.get(asset).status_code == 200, asset
    assert "cdn" not in html.lower()
    assert not re.search(r'(?:src|href)="https?://', html)


def test_docs_page_reads_the_openapi_document(client: Client) -> None:
    """The page points Swagger UI at /api/v1/openapi.json, which answers JSON."""
    html = client.get("/api/v1/docs/").content.decode()
    assert '"/api/v1/openapi.json"' in html or "'/api/v1/openapi.json'" in html
    document = client.get("/api/v1/openapi.json")
    assert document.status_code == 200
    assert document["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert document.json()["openapi"].startswith("3.")
