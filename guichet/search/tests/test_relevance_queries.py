"""The judged query set stays usable: enough queries, judgements that point at real things."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guichet.catalogue.models import AidType, Audience, BusinessFunction, Technique, UseCase
from guichet.organisations.models import ActivitySection
from guichet.search.documents import KINDS
from guichet.search.relevance.judged import (
    HALVES,
    LINKS,
    QUERIES_FILE,
    REPORT,
    TEAM,
    TUNE,
    evaluate,
    half_of,
    judgements,
    load_queries,
    rule_filter,
)
from guichet.search.selectors import parse_search, search

DEMO_DATA = Path(__file__).resolve().parents[2] / "demo" / "data"
DEMO_FILES = {
    "organisations": "organisations.json",
    "solutions": "solutions.json",
    "trainings": "trainings.json",
    "schemes": "schemes.json",
    "events": "events.json",
    "places": "places.json",
}
CODES = {
    "use_cases": UseCase,
    "techniques": Technique,
    "functions": BusinessFunction,
    "sectors": ActivitySection,
    "aid_types": AidType,
    "audiences": Audience,
}


def test_at_least_forty_queries_with_judgements():
    """40 queries or more, each judged on the demo data or by rules for generated data."""
    queries = load_queries()
    assert len(queries) >= 40
    assert len({q.id for q in queries}) == len(queries)
    assert all(q.demo or q.generated for q in queries)
    assert sum(bool(q.demo) for q in queries) >= 25
    assert sum(bool(q.generated) for q in queries) >= 30


def test_demo_judgements_name_demo_entries():
    """Every judged slug exists in the demo data files (facts and examples) or is an entry
    the relevance benchmark imports from a third-party file."""
    slugs: dict[str, set[str]] = {}
    for kind, name in DEMO_FILES.items():
        for path in (DEMO_DATA / name, DEMO_DATA / "examples" / name):
            if path.exists():
                found = {e["slug"] for e in json.loads(path.read_text(encoding="utf-8"))}
                slugs.setdefault(kind, set()).update(found)
    third_party = json.loads(QUERIES_FILE.read_text(encoding="utf-8"))["third_party_entries"]
    for key in third_party:
        kind, slug = key.split("/", 1)
        slugs.setdefault(kind, set()).add(slug)
    for query in load_queries():
        for key, grade in query.demo.items():
            kind, slug = key.split("/", 1)
            assert kind in KINDS and grade in (1, 2), (query.id, key)
            assert slug in slugs.get(kind, set()), f"{query.id}: {key} n'est pas dans la démo"


@pytest.mark.django_db
def test_generated_rules_use_known_codes_and_lookups():
    """Rules name existing codes and field lookups the ORM accepts."""
    for query in load_queries():
        for rule in query.generated:
            assert rule["grade"] in (1, 2) and rule["kinds"], query.id
            assert set(rule) <= {"kinds", "grade", "where", *LINKS}, query.id
            for key, model in CODES.items():
                for code in rule.get(key, []):
                    assert model._default_manager.filter(pk=code).exists(), (query.id, key, code)
            for kind in rule["kinds"]:
                list(KINDS[kind].model._default_manager.filter(rule_filter(rule))[:1])


@pytest.mark.django_db
def test_evaluate_runs_a_ranking_over_the_judged_queries():
    """evaluate() scores a ranking function on the queries that have relevant entries."""
    from guichet.catalogue.models import Solution
    from guichet.search.tests.entries import owner, published

    chatbot = published(
        Solution,
        owner(is_synthetic=True),
        title="Assistant virtuel pour boutiques",
        use_cases=["customer_chatbot"],
        synthetic=True,
    )
    queries = [q for q in load_queries() if q.id == "q01"]
    assert judgements(queries[0], synthetic=True) == {("solutions", chatbot.pk): 2}

    def rank(text: str) -> list[tuple[str, int]]:
        params, _ = parse_search({"q": text, "synthetic": "1", "page_size": "20"})
        return [(r.kind, r.id) for r in search(params, with_facets=False).results]

    result = evaluate(rank, synthetic=True, queries=queries)
    assert result.queries == 1
    assert result.ndcg_at_10 == 1.0 and result.recall_at_20 == 1.0


def test_halves_are_stored_and_follow_the_rule():
    """Each query's stored half is the one half_of gives: a hash of the id for the team's
    queries, "report" for those written from third-party texts."""
    queries = load_queries()
    assert {q.half for q in queries} == set(HALVES)
    for query in queries:
        assert query.half == half_of(query.id, query.source), query.id
    assert half_of("q01") == half_of("q01")
    assert all(half_of(q.id, "plans") == REPORT for q in queries)
    assert len(load_queries(half=TUNE)) + len(load_queries(half=REPORT)) == len(queries)


def test_thirty_queries_from_third_party_texts():
    """At least 30 judged queries come from texts the team did not write, kept for report."""
    third = [q for q in load_queries() if q.source != TEAM]
    assert len(third) >= 30
    assert all(q.half == REPORT and q.demo for q in third)
    assert {q.source for q in third} >= {"plans", "etalab"}
