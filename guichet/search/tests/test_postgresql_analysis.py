"""On PostgreSQL, the database's french analysis gives the stems the Python analysis gives."""

from __future__ import annotations

import pytest
from django.db import connection

from guichet.search import analysis

pytestmark = pytest.mark.django_db

TEXTS = [
    "Maintenance prédictive des machines industrielles",
    "Contrôle qualité par caméra et reconnaissance d'images",
    "L’intelligence artificielle au service des TPE et des PME de la région",
    "Agent conversationnel qui répond aux questions des clients",
    "Formation des dirigeants : découvrir l'IA générative en entreprise",
    "Subvention régionale pour l'innovation et la transformation numérique",
    "Œuvre, Straße, naïveté, élèves, collectivités, opportunités",
]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
@pytest.mark.parametrize("text", TEXTS)
def test_guichet_french_matches_python_analysis(text):
    """Index (PostgreSQL) and queries (Python) agree, or searches would miss words."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(to_tsvector('guichet_french', %s))", [text])
        (lexemes,) = cursor.fetchone()
    # PostgreSQL keeps a few words our longer stop list drops ("les" → "le"); never the reverse.
    assert set(analysis.terms(text)) <= set(lexemes)
    extra = set(lexemes) - set(analysis.terms(text))
    assert all(analysis.is_stop(word) or analysis.stem(word) in extra for word in extra)
