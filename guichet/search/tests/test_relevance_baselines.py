"""The benchmark's lexical baselines: FTS5 default and FTS5 with French stemming."""

from __future__ import annotations

import pytest
from django.db import connection

from guichet.catalogue.models import Scheme, Solution
from guichet.search.relevance.baselines import Fts5Baseline
from guichet.search.tests.entries import owner, published

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the baselines are FTS5 tables"),
]


@pytest.fixture
def entries():
    provider = owner("Studio Bleu")
    machine = published(
        Solution, provider, title="Surveillance des machines", summary="Pannes prévues."
    )
    published(Solution, provider, title="Tableau de bord", summary="Des indicateurs.")
    scheme = published(
        Scheme,
        owner("Région Exemple", role="financer"),
        title="Aide à l'investissement",
        promise="Financer une machine prédictive",
    )
    return machine, scheme


def test_french_stemming_baseline_ranks_inflected_words(entries):
    """FTS5 French finds "machine" for "machines" (and a scheme's promise); the default
    tokenizer only finds the word as typed."""
    machine, scheme = entries
    french = Fts5Baseline("french", french=True)
    default = Fts5Baseline("default", french=False)
    assert french.build() == default.build() == 5  # three entries and their two owners
    found = french.rank("la machine")
    assert set(found) == {("solutions", machine.pk), ("schemes", scheme.pk)}
    assert default.rank("la machine") == [("schemes", scheme.pk)]
    assert french.expression("les machines prédictives") == '"machin" OR "predict"'
    french.drop()
    default.drop()
