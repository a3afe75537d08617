"""Counts follow French plural rules: 0 and 1 are singular, 2 and more plural."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from guichet.catalogue.models import Solution
from guichet.catalogue.tests.public_entries import organisation, published

COUNT_PHRASE = (
    "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} résultat"
    "{% plural %}{{ counter }} résultats{% endblocktranslate %}"
)


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0 résultat"), (1, "1 résultat"), (2, "2 résultats")]
)
def test_result_count_uses_french_plural(count: int, expected: str) -> None:
    """The French catalogue makes 0 singular, as French grammar wants."""
    with translation.override("fr"):
        assert Template(COUNT_PHRASE).render(Context({"n": count})) == expected


@pytest.mark.django_db
def test_empty_list_page_says_zero_result_in_the_singular(client: Client) -> None:
    """A list page with no entry says "0 résultat", then "2 résultats" with two."""
    url = reverse("catalogue:solution_list")
    assert re.search(r"\b0 résultat\b(?!s)", client.get(url).content.decode())

    owner = organisation("Vision Alpes")
    published(Solution, owner, title="Caméra qualité")
    published(Solution, owner, title="Agent vocal")

    assert "2 résultats" in client.get(url).content.decode()
