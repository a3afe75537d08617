"""The scheme page: eligibility decoded (territories, sizes, forms, NAF), dates, amounts, link."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guichet.catalogue.models import Scheme
from guichet.catalogue.tests.public_entries import commune, organisation, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def text(client: Client) -> str:
    commune("marseille")
    owner = organisation("Région Sud", role="financer")
    scheme = published(
        Scheme,
        owner,
        title="EasyTech",
        promise="Un expert pour votre premier projet d'IA",
        geo_included=["REG-93", "DEP-2A", "COM-13055"],
        geo_excluded=["DEP-2B"],
        headcount_min=0,
        headcount_max=249,
        size_categories=["MIC", "PME"],
        min_years_existence=2,
        legal_forms=["5710", "Association déclarée"],
        naf_included=["62.01Z", "C"],
        naf_excluded=["01"],
        opens_at=timezone.make_aware(datetime.datetime(2026, 3, 1, 9)),
        closes_at=timezone.make_aware(datetime.datetime(2027, 6, 30, 18)),
        amount_text="Jusqu'à 10 000 €",
        amount_max_eur="10000",
        rate_percent="50",
        application_url="https://depot.example/easytech",
        aid_types=["accompagnement"],
        audiences=["professionnels"],
        carriers=[{"nom": "Bpifrance", "siren": "507523678", "roles": ["opérateur"]}],
    )
    response = client.get(reverse("catalogue:scheme_detail", args=[scheme.slug]))
    assert response.status_code == 200
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


def fact(text: str, term: str) -> str:
    """The text of the <dd> that follows <dt>term</dt>."""
    match = re.search(rf"<dt>{re.escape(term)}</dt> <dd>(.*?)</dd>", text)
    assert match, term
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def test_geography_is_shown_by_name(text: str) -> None:
    """REG-93, DEP-2A and COM-13055 read as the region, Corse-du-Sud (2A) and Marseille."""
    assert fact(text, "Territoires couverts") == (
        "Provence-Alpes-Côte d'Azur, Corse-du-Sud (2A), Marseille (13)"
    )
    assert fact(text, "Territoires exclus") == "Haute-Corse (2B)"


def test_company_criteria_are_decoded(text: str) -> None:
    """Headcount, size categories, years, legal forms and NAF codes are readable."""
    assert fact(text, "Effectif minimal").startswith("0 salarié")
    assert fact(text, "Effectif maximal") == "249 salariés"
    assert fact(text, "Catégories d’entreprise") == "micro-entreprise, PME"
    assert fact(text, "Années d’existence minimales") == "2"
    assert fact(text, "Formes juridiques éligibles") == (
        "Société par actions simplifiée (SAS), Association déclarée"
    )
    assert "62.01Z – Programmation, conseil et autres activités informatiques" in fact(
        text, "Codes NAF ciblés"
    )
    assert "C – Industrie manufacturière" in fact(text, "Codes NAF ciblés")
    assert fact(text, "Codes NAF exclus").startswith("01 – ")
    assert fact(text, "Formes juridiques exclues") == "non renseigné"


def test_dates_amounts_and_application_link(text: str) -> None:
    """Opening and closing dates, amounts and the application link are shown."""
    assert fact(text, "Ouverture") == "1 mars 2026"
    assert fact(text, "Clôture") == "30 juin 2027"
    assert fact(text, "Montant ou taux") == "Jusqu'à 10 000 €"
    assert fact(text, "Montant maximal") == "10 000 €"
    assert fact(text, "Taux d’aide") == "50 %"
    assert fact(text, "Montant minimal") == "non renseigné"
    assert '<a class="button" href="https://depot.example/easytech"' in text
    assert "Bpifrance (SIREN 507523678) – opérateur" in text
    assert "Un expert pour votre premier projet d'IA" in text
