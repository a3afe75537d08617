"""The « Trouver de l'aide » page: a GET form, three lists, each criterion in words.

These requests run no JavaScript: the page does all its work on the server.
"""

from __future__ import annotations

from django.test import Client

from guichet.search.tests.test_matching import Catalogue, catalogue
from guichet.search.tests.test_matching_api import PAGE_URL

__all__ = ["catalogue"]


def test_empty_page_shows_the_form_only(client: Client, db: None) -> None:
    """Without a query the page shows the form and no result list."""
    response = client.get(PAGE_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Trouver de l'aide</h1>" in html
    assert 'name="need"' in html and 'name="commune"' in html
    assert "Dispositifs auxquels vous êtes éligible" not in html


def test_results_list_each_criterion_with_its_verdict_in_words(
    client: Client, catalogue: Catalogue
) -> None:
    """The PACA scheme is listed as eligible, with a table of criteria and verdicts in words."""
    response = client.get(
        PAGE_URL,
        {"need": "un chatbot pour le service client", "commune": "13055", "headcount": "25"},
    )
    html = response.content.decode()
    assert response.context["result"] is not None
    assert "Pass IA Provence" in html
    assert "<caption>" in html and "Éligibilité à « Pass IA Provence », critère par critère" in html
    assert '<th scope="row">Zone géographique</th>' in html
    assert "ouvert aux entreprises de Provence-Alpes-Côte d&#x27;Azur" in html
    assert "Éligible" in html and "À vérifier" in html  # the free text, for information
    assert "Agent conversationnel pour PME" in html
    assert "Cas d'usage reconnu : Agent conversationnel pour le service client" in html
    # Fails the headcount: not listed, only named among the schemes left out.
    assert f'data-match-id="scheme-{catalogue.small_only.pk}"' not in html
    assert f'data-left-out-id="{catalogue.small_only.pk}"' in html


def test_bad_field_is_reported_next_to_it(client: Client, db: None) -> None:
    """A bad NAF code is named in the error summary, linked to its field; no lists."""
    response = client.get(PAGE_URL, {"need": "chatbot", "naf": "ABC"})
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["result"] is None
    assert 'href="#id_naf"' in html
    assert "n&#x27;est pas un code NAF" in html
