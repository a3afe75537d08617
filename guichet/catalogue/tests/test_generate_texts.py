"""Synthetic texts read as French: articles contract before commune names, nothing is dangling."""

from __future__ import annotations

import datetime

import pytest

from guichet.catalogue.synthetic import words
from guichet.catalogue.synthetic.world import (
    Locality,
    World,
    at_commune,
    of,
    of_commune,
    row_random,
)
from guichet.catalogue.taxonomy import DEPLOYMENTS, TECHNIQUES, USE_CASES


@pytest.mark.parametrize(
    ("name", "of_name", "at_name"),
    [
        ("Marseille", "de Marseille", "à Marseille"),
        ("Ajaccio", "d'Ajaccio", "à Ajaccio"),
        ("Le Havre", "du Havre", "au Havre"),
        ("Les Billaux", "des Billaux", "aux Billaux"),
        ("La Rochelle", "de La Rochelle", "à La Rochelle"),
    ],
)
def test_commune_names_take_the_right_article(name: str, of_name: str, at_name: str) -> None:
    """« de » and « à » contract with Le and Les and elide before a vowel."""
    assert of_commune(name) == of_name
    assert at_commune(name) == at_name


def test_of_elides_before_a_vowel() -> None:
    """« d'optimisation » but « de maintenance »."""
    assert of("optimisation des prix") == "d'optimisation des prix"
    assert of("maintenance prédictive") == "de maintenance prédictive"


def test_every_use_case_and_technique_has_its_phrases() -> None:
    """The word lists cover the whole taxonomy, so no text is composed from a missing key."""
    for case in USE_CASES:
        assert words.USE_CASE_OBJECTS[case.code]
        assert words.USE_CASE_VERBS[case.code]
    assert set(words.TECHNIQUE_PHRASES) == set(TECHNIQUES)
    assert DEPLOYMENTS


def test_a_row_s_random_draws_depend_only_on_seed_kind_and_index() -> None:
    """Row 12 of seed 4 draws the same numbers however many rows come before it."""
    assert row_random(4, "sol", 12).random() == row_random(4, "sol", 12).random()
    assert row_random(4, "sol", 12).random() != row_random(4, "sol", 13).random()
    assert row_random(4, "sol", 12).random() != row_random(5, "sol", 12).random()


def test_communes_are_drawn_by_population() -> None:
    """A commune ten times more populous is drawn about ten times more often."""
    big = Locality("13055", "Marseille", "93", "13", "13001", None, None)
    small = Locality("13001", "Aix-en-Provence", "93", "13", "13090", None, None)
    world = World(
        seed=1,
        reference_day=datetime.date(2025, 1, 15),
        places=[small, big],
        weights=[100.0, 1100.0],
        departments_by_region={"93": ["13"]},
        aid_types=[],
        audiences=[],
        sections=[],
        by_code={"13001": small, "13055": big},
    )
    rng = row_random(1, "test", 0)
    drawn = [world.commune(rng).code for _ in range(11_000)]
    assert 8 < drawn.count("13055") / drawn.count("13001") < 12
