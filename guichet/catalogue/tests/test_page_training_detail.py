"""The training page: what it teaches, how, for whom, and its sessions."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from guichet.catalogue.models import Training, TrainingSession
from guichet.catalogue.tests.public_entries import commune, organisation, published

pytestmark = pytest.mark.django_db


def test_training_page_shows_its_facts_and_sessions(client: Client) -> None:
    """Level, modality, duration, price, certification and each session's dates, commune, seats."""
    owner = organisation("La Plateforme", role="training_body")
    training = published(
        Training,
        owner,
        title="Développeur IA",
        level="advanced",
        modality="blended",
        duration_hours="35",
        price_eur="1500",
        is_certifying=True,
        rncp_code="38616",
        cpf_eligible=True,
        objectives="Concevoir un modèle.",
    )
    TrainingSession.objects.create(
        training=training,
        starts_on=datetime.date(2027, 2, 1),
        ends_on=datetime.date(2027, 2, 5),
        commune=commune("marseille"),
        seats=12,
    )
    TrainingSession.objects.create(training=training, starts_on=datetime.date(2027, 4, 12))

    response = client.get(reverse("catalogue:training_detail", args=[training.slug]))

    text = re.sub(r"\s+", " ", html.unescape(response.content.decode()))
    for expected in (
        "avancé",
        "mixte",
        "35 heures",
        "1 500 € TTC",
        "RNCP38616",
        "Concevoir un modèle.",
        "du 1 février 2027 au 5 février 2027",
        "Marseille (13)",
        "<td>12</td>",
        "12 avril 2027",
    ):
        assert expected in text, expected
    assert re.search(r"<dt>Éligible au CPF</dt> <dd> oui </dd>", text)
    assert "Organisme de formation : <a" in text


def test_training_without_session_says_so(client: Client) -> None:
    """No session: the page says none is announced; CPF unknown reads « non renseigné »."""
    training = published(Training, organisation("Organisme"), title="Sans date")

    text = html.unescape(
        client.get(reverse("catalogue:training_detail", args=[training.slug])).content.decode()
    )

    assert "Aucune session annoncée." in text
    assert re.search(r"<dt>Éligible au CPF</dt>\s*<dd>\s*<span class=\"unknown\">", text)
