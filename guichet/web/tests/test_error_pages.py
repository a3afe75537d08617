"""The error pages answer in French, in the site's layout, with their status and no trace."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client, override_settings

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("guichet.web.tests.error_urls"),
]


@pytest.mark.parametrize(
    ("path", "status", "title"),
    [
        ("/test-erreurs/400/", 400, "Requête incorrecte"),
        ("/test-erreurs/403/", 403, "Accès refusé"),
        ("/cette-page-n-existe-pas/", 404, "Page introuvable"),
    ],
)
@override_settings(DEBUG=False)
def test_error_page_is_french_in_the_layout(
    client: Client, path: str, status: int, title: str
) -> None:
    """Each error answers its status with a French title inside the site's header and footer."""
    response = client.get(path)

    html = unescape(response.content.decode())
    assert response.status_code == status
    assert f'<h1 id="titre-erreur">{title}</h1>' in html
    assert "Aller au contenu" in html
    assert "Mentions légales" in html
    assert "Sud IA" in html


@override_settings(DEBUG=False)
def test_server_error_page_is_french_without_the_trace() -> None:
    """A crash answers 500 with a French page that shows nothing of the exception."""
    client = Client(raise_request_exception=False)

    response = client.get("/test-erreurs/500/")

    html = unescape(response.content.decode())
    assert response.status_code == 500
    assert "Erreur du serveur" in html
    assert "Revenir à l'accueil" in html
    assert "secret detail" not in html
    assert "Traceback" not in html


@override_settings(DEBUG=False)
def test_csrf_failure_page_is_french() -> None:
    """A form posted without its CSRF token answers 403 and asks to reload the page."""
    client = Client(enforce_csrf_checks=True)

    response = client.post("/compte/connexion/", {"username": "alice"})

    html = unescape(response.content.decode())
    assert response.status_code == 403
    assert "Formulaire expiré" in html
    assert "Rechargez la page" in html
