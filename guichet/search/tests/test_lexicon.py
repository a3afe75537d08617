"""The maintained word lists stay usable: no phrase in two synonym sets, nothing empty."""

from __future__ import annotations

from pathlib import Path

import pytest

from guichet.search import analysis
from guichet.search.lexicon import SYNONYM_SETS

POSTGRESQL_FRENCH_STOP = Path("/usr/share/postgresql")


def test_each_phrase_belongs_to_one_synonym_set():
    """A phrase in two sets would make the expansion depend on the list's order."""
    seen: dict[tuple[str, ...], str] = {}
    for phrases in SYNONYM_SETS:
        for phrase in phrases:
            stems, _ = analysis.phrase_terms(phrase)
            assert stems, f"« {phrase} » n'a que des mots vides"
            assert seen.get(stems, phrases[0]) == phrases[0], (
                f"« {phrase} » est à la fois dans « {seen[stems]} » et « {phrases[0]} »"
            )
            seen[stems] = phrases[0]


def test_the_field_words_are_not_stop_words():
    """Words of the field never vanish as stop words."""
    for word in ["aide", "formation", "données", "ia", "pme", "robot", "client"]:
        assert analysis.terms(word), word


def test_stop_words_cover_postgresql_french_list():
    """Every word PostgreSQL's french configuration drops is dropped here too, so that a
    query never requires a word the PostgreSQL index left out."""
    files = sorted(POSTGRESQL_FRENCH_STOP.glob("*/tsearch_data/french.stop"))
    if not files:
        pytest.skip("PostgreSQL's french.stop is not installed here")
    for word in files[-1].read_text(encoding="utf-8").split():
        assert all(analysis.is_stop(w) for w in analysis.words(word)), word
