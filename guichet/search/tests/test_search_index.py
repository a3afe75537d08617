"""The index follows the catalogue at once, whoever writes (on SQLite and on PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import connection

from guichet.accounts.tests.factories import UserFactory
from guichet.catalogue.models import Scheme, Solution, Training, TrainingSession, UseCase
from guichet.catalogue.services import entry_create, entry_edit, entry_transition
from guichet.search.backends import get_backend
from guichet.search.indexing import index_entry, index_problems, rebuild_index, unindex_entry
from guichet.search.selectors import parse_search, search
from guichet.search.tests.entries import commune, loaded, owner, published

pytestmark = pytest.mark.django_db


def found(q: str, **params: str) -> list[str]:
    cleaned, errors = parse_search({"q": q, **params})
    assert not errors
    return [r.slug for r in search(cleaned).results]


def test_backend_matches_the_database_engine():
    """Without SEARCH_BACKEND, SQLite gets FTS5 and PostgreSQL its full text."""
    assert get_backend().name == connection.vendor


def test_published_entry_is_found_at_once():
    """An entry published through the services is searchable in the same transaction."""
    solution = published(Solution, owner(), title="Détection de fissures par drone")
    assert found("fissures") == [solution.slug]


def test_bulk_loaded_entry_is_found_at_once():
    """An entry written with bulk_create (the generator, imports) is indexed too."""
    loaded(Scheme, owner(), title="Chèque numérique", slug="cheque-numerique")
    assert found("chèque") == ["cheque-numerique"]


def test_draft_is_not_found():
    """Only published entries are searchable."""
    entry_create(actor=None, model=Solution, owner=owner(), data={"title": "Robot peintre"})
    assert found("peintre") == []


def test_unpublished_entry_is_gone_at_once():
    """Archiving removes the entry from the results in the same transaction."""
    solution = published(Solution, owner(), title="Tri automatique des courriels")
    assert found("courriels") == [solution.slug]
    entry_transition(
        actor=UserFactory.create(region_role="moderator"), entry=solution, name="archive"
    )
    assert found("courriels") == []


def test_deleted_entry_is_gone_at_once():
    """A deleted entry (and its links) leaves the index."""
    solution = published(
        Solution,
        owner(),
        title="Chatbot hôtelier",
        use_cases=[UseCase.objects.get(pk="customer_chatbot")],
    )
    solution.delete()
    assert found("hôtelier") == []


def test_edit_of_a_published_entry_waits_for_review():
    """A pending revision does not change what is searchable; publishing it does."""
    moderator = UserFactory.create(region_role="moderator")
    solution = published(Solution, owner(), title="Lecture de factures")
    entry_edit(actor=moderator, entry=solution, data={"title": "Lecture de bons de livraison"})
    assert found("factures") == [solution.slug]
    assert found("livraison") == []
    entry_transition(actor=moderator, entry=solution, name="publish_revision")
    assert found("livraison") == [solution.slug]
    assert found("factures") == []


def test_links_change_the_document():
    """Tagging an entry with a use case makes its keywords searchable at once."""
    solution = published(Solution, owner(), title="Module Alpha")
    assert found("caméra") == []
    solution.use_cases.set([UseCase.objects.get(pk="visual_inspection")])
    assert found("caméra") == [solution.slug]
    solution.use_cases.clear()
    assert found("caméra") == []


def test_training_sessions_bring_their_commune():
    """A training is found by the commune of its sessions."""
    training = published(Training, owner(role="training_body"), title="Initiation aux données")
    TrainingSession.objects.create(
        training=training, starts_on="2030-01-10", commune=commune("lyon")
    )
    assert found("Lyon", type="trainings") == [training.slug]


def test_owner_renamed_reindexes_what_it_owns():
    """The owner's name is part of the document and follows a rename."""
    provider = owner("Ancienne Raison")
    solution = published(Solution, provider, title="Outil Beta")
    provider.name = "Nouvelle Enseigne"
    provider.save()
    assert found("enseigne", type="solutions") == [solution.slug]
    assert found("raison", type="solutions") == []


def test_synthetic_entries_stay_on_their_side():
    """Synthetic entries are found with synthetic=1 only, real ones without it."""
    real = published(Solution, owner(), title="Planification atelier")
    fake = published(
        Solution, owner(is_synthetic=True), title="Planification atelier", synthetic=True
    )
    assert found("planification") == [real.slug]
    assert found("planification", synthetic="1") == [fake.slug]


def test_explicit_calls_are_harmless():
    """index_entry and unindex_entry (for external backends) agree with the triggers."""
    solution = published(Solution, owner(), title="Analyse de sentiments")
    index_entry(solution)
    assert found("sentiments") == [solution.slug]
    unindex_entry(solution)
    assert found("sentiments") == []
    index_entry(solution)
    assert found("sentiments") == [solution.slug]


def test_rebuild_gives_the_same_index():
    """A full rebuild finds what the triggers had indexed, and the check agrees."""
    solution = published(Solution, owner(), title="Prévision des ventes")
    loaded(Scheme, owner(), title="Prêt innovation", slug="pret-innovation")
    before = get_backend().size()
    assert rebuild_index() == sum(before.values())
    assert get_backend().size() == before
    assert found("prévision") == [solution.slug]
    assert index_problems() == []
