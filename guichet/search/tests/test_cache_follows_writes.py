"""The cached search answer follows every write: after each kind of write, the answer the
cache gives equals a fresh evaluation (cache cleared), on SQLite and on PostgreSQL.

Each case also checks that the write changed the answer, so that a cache keyed without
the data version would fail it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from guichet.accounts.tests.factories import UserFactory
from guichet.catalogue.models import Event, Scheme, SchemeTerritory, Solution, UseCase
from guichet.catalogue.services import entry_create, entry_transition
from guichet.search.selectors import SearchResults, data_version, parse_search, search
from guichet.search.tests.entries import commune, owner, published
from guichet.territories.models import Commune

pytestmark = pytest.mark.django_db


def answer(params: dict[str, str]) -> Any:
    """What a user sees of a search: the results, the counts and the facets' labels."""
    cleaned, errors = parse_search(params)
    assert not errors
    found: SearchResults = search(cleaned)
    return (
        found.count,
        [(r.kind, r.slug, r.title) for r in found.results],
        [(f.value, f.label, f.count) for f in found.type_facet],
        {
            name: [(f.value, f.label, f.count, f.selected) for f in values]
            for name, values in found.facets.items()
        },
    )


def check(params: dict[str, str], write: Callable[[], object]) -> None:
    cache.clear()
    before = answer(params)
    assert answer(params) == before  # now served from the cache
    write()
    cached = answer(params)
    cache.clear()
    fresh = answer(params)
    assert fresh != before, "the write should change the answer"
    assert cached == fresh


@pytest.fixture
def provider():
    return owner("Studio Bleu")


def test_publishing_an_entry_shows_it(provider):
    """A solution published after a search is in the next answer."""
    draft = entry_create(
        actor=None, model=Solution, owner=provider, data={"title": "Vision des palettes"}
    )
    moderator = UserFactory.create(region_role="moderator")

    def write() -> None:
        entry_transition(actor=moderator, entry=draft, name="submit")
        entry_transition(actor=moderator, entry=draft, name="publish")

    check({"q": "palettes"}, write)


def test_editing_a_title_shows_the_new_one(provider):
    """A retitled solution shows its new title, and no longer matches the old one."""
    entry = published(Solution, provider, title="Robot de tri")

    def write() -> None:
        entry.title = "Automate de tri"
        entry.save()

    check({"q": "tri"}, write)
    check({"q": "automate"}, lambda: Solution.objects.filter(pk=entry.pk).update(title="Bras"))


def test_renaming_a_use_case_and_its_keywords_reaches_results_and_facets(provider):
    """A use case's new name is the facet's label, and its new keywords find its entries."""
    use_case = UseCase.objects.create(code="test_sorting", name="Tri", keywords=["déchets"])
    published(Solution, provider, title="Outil de prévision", use_cases=[use_case.code])

    def write() -> None:
        use_case.name = "Tri sélectif"
        use_case.keywords = ["déchets", "compostage"]
        use_case.save()

    check({"q": "prévision", "type": "solutions"}, write)
    check({"q": "compostage"}, lambda: UseCase.objects.filter(pk=use_case.pk).update(keywords=[]))


def test_moving_a_commune_to_another_region_moves_the_facet(provider):
    """An event's region facet follows its commune into another region."""
    published(
        Event, provider, title="Atelier IA", starts_at=timezone.now(), commune=commune("marseille")
    )

    def write() -> None:
        Commune.objects.filter(code="13055").update(region_id="84")

    check({"q": "atelier", "type": "events"}, write)


def test_adding_a_territory_to_a_scheme_makes_it_eligible_there():
    """A scheme gaining a region is found by the search filtered on that region."""
    scheme = published(Scheme, owner(role="financer"), title="Aide robotique")
    SchemeTerritory.objects.create(scheme=scheme, code="REG-93")

    def write() -> None:
        SchemeTerritory.objects.create(scheme=scheme, code="REG-84")

    check({"q": "robotique", "type": "schemes", "region": "84"}, write)


def test_renaming_an_organisation_finds_its_entries_by_the_new_name(provider):
    """An owner's new name finds the entries it owns."""
    published(Solution, provider, title="Assistant comptable")

    def write() -> None:
        provider.name = "Zéphyrine Conseil"
        provider.save()

    check({"q": "zéphyrine"}, write)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_version_is_shared_by_every_connection():
    """Committed data has one version whatever the connection (gunicorn workers share
    the cache), and a committed write moves it."""
    first = data_version()
    connection.close()  # another worker's connection
    assert data_version() == first
    assert first is not None and first[0] == "shared"
    owner("Studio Vert")
    assert data_version() != first


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_answer_seen_inside_a_rolled_back_write_is_never_served_to_others(provider):
    """Inside a transaction the version is private: the answer it caches, holding a write
    that is then rolled back, is never what a committed reader gets."""
    solution = published(Solution, provider, title="Vision des palettes")
    params = {"q": "orthodromie"}
    cache.clear()
    before = answer(params)
    assert before[0] == 0
    committed = data_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Solution.objects.filter(pk=solution.pk).update(title="Orthodromie des palettes")
        inside = data_version()
        assert inside is not None and inside[0] == "private" and inside != committed
        assert answer(params)[0] == 1  # its own write, seen inside
        raise RuntimeError
    assert data_version() == committed
    assert answer(params) == before
