"""The SQLite backend's arrays in memory give FTS5's own answers, and follow every write.

``SEARCH_MEMORY_MB = 0`` turns the arrays off: every answer then comes from SQL alone
(FTS5 ranking the whole query). The two must agree on counts, order, scores and facets,
over a generated catalogue and the judged queries; and what is kept must never outlive
the data it was read from (a write, committed or rolled back, a link, an owner moving).
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import override_settings

from guichet.catalogue.models import Solution
from guichet.catalogue.workflow import Status
from guichet.organisations.models import Organisation
from guichet.search.backends import get_backend, sqlite_memory
from guichet.search.backends.base import Scope
from guichet.search.documents import KINDS
from guichet.search.query import analyze_query
from guichet.search.selectors import parse_search, search, warm, without_ubiquitous
from guichet.territories.centres import read_centres
from guichet.territories.cog import read_source
from guichet.territories.models import Commune, Department
from guichet.territories.services import territories_load

FIXTURES = Path(__file__).resolve().parents[2] / "territories" / "tests" / "fixtures"
JUDGED = Path(__file__).resolve().parents[1] / "relevance" / "queries.json"
QUERIES = [q["q"] for q in json.loads(JUDGED.read_text(encoding="utf-8"))["queries"]]
COUNTS = {
    "providers": 12,
    "solutions": 90,
    "trainings": 40,
    "schemes": 30,
    "events": 25,
    "places": 8,
}

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the arrays belong to the SQLite backend"
)


def _generate() -> None:
    source = read_source(FIXTURES / "cog")
    known = {commune.code for commune in source.communes}
    territories_load(source=source, centres=read_centres(FIXTURES / "centres.csv", known))
    arguments = [f"--{name}={value}" for name, value in COUNTS.items()]
    call_command(
        "generate",
        *arguments,
        "--seed=11",
        "--reference-date=2026-01-15",
        "--no-progress",
        stdout=StringIO(),
    )


@pytest.fixture
def catalogue(db: None) -> None:
    _generate()


def memory_on() -> Any:
    sqlite_memory.STORE.clear()
    return override_settings(SEARCH_MEMORY_MB=256)


def memory_off() -> Any:
    return override_settings(SEARCH_MEMORY_MB=0)


def _answers(q: str, scopes: list[Scope], require: str) -> dict[str, Any]:
    backend = get_backend()
    query = without_ubiquitous(analyze_query(q, backend.known_terms), backend)
    counts = backend.count(query, scopes=scopes, synthetic=True, require=require)  # type: ignore[arg-type]
    pages, scores = [], []
    for offset in (0, 20):
        hits = backend.search(
            query,
            scopes=scopes,
            synthetic=True,
            require=require,  # type: ignore[arg-type]
            sort="relevance",
            offset=offset,
            limit=20,
        )
        pages.append([(h.kind, h.entry_id, h.complete, round(h.coverage, 9)) for h in hits])
        scores += [h.score for h in hits]
    return {"counts": counts, "pages": pages, "scores": scores}


def _same(got: dict[str, Any], expected: dict[str, Any]) -> bool:
    """The same counts and pages, and scores equal once rounded (the arrays round to 9 decimals)."""
    return (
        got["counts"] == expected["counts"]
        and got["pages"] == expected["pages"]
        and got["scores"] == pytest.approx(expected["scores"], rel=1e-9, abs=1e-8)
    )


@pytest.mark.parametrize("require", ["all", "any"])
def test_counts_order_and_scores_equal_fts5_on_the_judged_queries(catalogue, require):
    every_kind = [Scope(kind) for kind in KINDS]
    solutions = [Scope("solutions")]
    compared = 0
    for q in QUERIES:
        for scopes in (every_kind, solutions):
            with memory_off():
                expected = _answers(q, scopes, require)
            with memory_on():
                got = _answers(q, scopes, require)
                assert sqlite_memory.STORE.total > 0, "the arrays were not used"
            assert _same(got, expected), q
            compared += sum(expected["counts"].values())
    assert compared > 200  # the queries do find entries of the generated catalogue


def test_kind_narrowed_by_filters_equals_fts5(catalogue):
    region = Commune.objects.filter(organisations__isnull=False).values_list(
        "region_id", flat=True
    )[0]
    for q in QUERIES[:20]:
        params, errors = parse_search(
            {"q": q, "synthetic": "1", "type": "solutions", "region": region}
        )
        assert not errors
        with memory_off():
            expected = search(params, cached=False)
        with memory_on():
            got = search(params, cached=False)
        assert [r.id for r in got.results] == [r.id for r in expected.results], q
        assert got.count == expected.count
        assert got.facets == expected.facets


@pytest.mark.parametrize("kind", ["solutions", "trainings", "schemes", "events", "organisations"])
def test_facet_counts_equal_the_grouped_queries(catalogue, kind):
    for q in QUERIES[::3]:
        params, _ = parse_search({"q": q, "synthetic": "1", "type": kind})
        with memory_off():
            expected = search(params, cached=False)
        with memory_on():
            got = search(params, cached=False)
        assert got.facets == expected.facets, q
        assert got.type_facet == expected.type_facet, q
        assert [r.id for r in got.results] == [r.id for r in expected.results], q


def test_explanations_from_the_stored_terms_equal_the_analysed_text(catalogue):
    for q in QUERIES[:15]:
        params, _ = parse_search({"q": q, "synthetic": "1"})
        with memory_on():
            got = search(params, cached=False)
        backend = get_backend()
        stored = backend.stored_terms((r.kind, r.id) for r in got.results)
        assert len(stored) == len(got.results)
        with override_settings(SEARCH_MEMORY_MB=0):
            analysed = [r.explanation for r in search(params, cached=False).results]
        assert [r.explanation for r in got.results] == analysed, q


def _slugs(q: str, **params: str) -> list[str]:
    cleaned, _ = parse_search({"q": q, "synthetic": "1", **params})
    return [r.slug for r in search(cleaned, cached=False).results]


def _solution() -> Solution:
    return Solution.objects.filter(is_synthetic=True, status=Status.PUBLISHED).earliest("pk")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_committed_write_is_seen_at_once():
    _generate()
    with memory_on():
        solution = _solution()
        title = "Orthodromie quantique"
        assert _slugs(title) == []
        Solution.objects.filter(pk=solution.pk).update(title=title)
        assert _slugs(title)[:1] == [solution.slug]
        Solution.objects.filter(pk=solution.pk).update(status=Status.DRAFT)
        assert solution.slug not in _slugs(title)
        assert sqlite_memory.version()[0] == "shared"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rolled_back_write_is_never_kept_for_others():
    _generate()
    with memory_on():
        solution = _solution()
        title = "Orthodromie quantique"
        before = sqlite_memory.version()
        with pytest.raises(RuntimeError), transaction.atomic():
            Solution.objects.filter(pk=solution.pk).update(title=title)
            assert sqlite_memory.version()[0] == "private"
            assert _slugs(title)[:1] == [solution.slug]  # its own write, seen inside
            raise RuntimeError
        assert sqlite_memory.version() == before
        assert _slugs(title) == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_commune_changing_region_moves_the_region_facet():
    """The region facet of solutions goes through the owner's commune, which the index
    does not hold: the change counter, not the index, tells the arrays to go."""
    _generate()
    with memory_on():
        params, _ = parse_search({"q": "solution", "synthetic": "1", "type": "solutions"})
        before = {v.value: v.count for v in search(params, cached=False).facets["region"]}
        owner = Organisation.objects.get(pk=_solution().owner_id)
        assert owner.commune is not None
        old_region = str(owner.commune.region_id)
        other = Department.objects.exclude(region_id=old_region).earliest("code")
        index_before = get_backend().version()[0]
        Commune.objects.filter(pk=owner.commune_id).update(
            region_id=other.region_id, department_id=other.code
        )
        assert get_backend().version()[0] == index_before  # the index did not move
        after = {v.value: v.count for v in search(params, cached=False).facets["region"]}
        with memory_off():
            expected = {v.value: v.count for v in search(params, cached=False).facets["region"]}
    assert after == expected
    assert after.get(old_region, 0) < before[old_region]


def test_memory_stays_within_its_bound(catalogue):
    with memory_on(), override_settings(SEARCH_MEMORY_MB=1):
        for q in QUERIES:
            _slugs(q)
            assert sqlite_memory.STORE.total <= 1024 * 1024 or len(sqlite_memory.STORE.items) == 1


def test_without_memory_nothing_is_kept(catalogue):
    sqlite_memory.STORE.clear()
    with memory_off():
        for q in QUERIES[:10]:
            _slugs(q, type="solutions")
    assert sqlite_memory.STORE.total == 0


def test_warm_up_reads_what_no_query_decides_and_retain_forgets_the_rest(catalogue):
    with memory_on(), override_settings(SEARCH_MEMORY_MB=256):
        warm(synthetic=True)
        kept = sqlite_memory.held()
        names: list[Any] = [key[1] for key in kept]  # type: ignore[index]
        kinds = {name[0] if isinstance(name, tuple) else name for name in names}
        assert {"vocabulary", "space", "phrase", "group", "facet", "choices"} <= kinds
        facets = {n[3] for n in names if n[0] == "facet" and n[1] == "solutions"}
        assert {"use_case", "region"} <= facets
        _slugs("orthodromie quantique maintenance", type="solutions")
        assert sqlite_memory.held() > kept  # the query's own words were read
        sqlite_memory.retain(kept)
        assert sqlite_memory.held() == kept
        assert sqlite_memory.STORE.total == sum(sqlite_memory.STORE.sizes.values())


def test_a_phrase_too_large_for_a_full_memory_is_answered_in_sql(catalogue, monkeypatch):
    """When the memory is full, a large phrase is not read (it would push out the others
    at every search): the query goes to SQL, with the same answer."""
    q = "intelligence artificielle"
    with memory_off():
        expected = _answers(q, [Scope(kind) for kind in KINDS], "all")
    with memory_on():
        monkeypatch.setattr(sqlite_memory, "ALWAYS_READ_DOCS", 0)
        monkeypatch.setattr(sqlite_memory.STORE, "room_for", lambda nbytes: False)
        got = _answers(q, [Scope(kind) for kind in KINDS], "all")
        assert not [k for k in sqlite_memory.held() if k[1][0] == "phrase"]  # type: ignore[index]
    assert _same(got, expected)
