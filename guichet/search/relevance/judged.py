"""The judged queries, resolved against the catalogue in the database.

``load_queries()`` reads ``queries.json``; ``judgements(query, synthetic=...)`` gives
``{(kind, entry id): grade}`` for the demo data (``synthetic=False``: slugs judged by
hand, and the rules on structured fields applied to the demo's fictional examples, whose
use cases were chosen when they were written) or for a generated catalogue
(``synthetic=True``: the rules on structured fields);
``evaluate(rank)`` runs a ranking function over every query that has relevant entries
and returns the mean nDCG@10 and recall@20 (the benchmark calls it for each system).

The queries are split in two halves, stored in ``queries.json`` and given by ``half_of``:
``tune`` (the only ones looked at when choosing weights, stop words or synonyms) and
``report`` (kept aside, to tell whether a change helps beyond the queries it was tuned
on). Queries written from third-party texts (``source`` other than ``team``) all go to
``report``; the team's own are split by a hash of their id.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean
from typing import Any

from django.db.models import Q, QuerySet

from guichet.catalogue.workflow import Status
from guichet.search.documents import KINDS
from guichet.search.relevance.metrics import ndcg_at, recall_at

QUERIES_FILE = Path(__file__).with_name("queries.json")
Entry = tuple[str, int]  # (kind, entry id)
# Rule keys on many-to-many links, and the lookup each one filters with.
LINKS = {
    "use_cases": "use_cases__code__in",
    "techniques": "techniques__code__in",
    "functions": "business_functions__code__in",
    "sectors": "sectors__code__in",
    "aid_types": "aid_types__code__in",
    "audiences": "audiences__code__in",
}


TUNE = "tune"
REPORT = "report"
HALVES = (TUNE, REPORT)
TEAM = "team"  # queries the team wrote along with the synonyms and the demo texts


@dataclass(frozen=True)
class JudgedQuery:
    id: str
    q: str
    need: str
    demo: dict[str, int]
    generated: list[dict[str, Any]] = field(default_factory=list)
    half: str = REPORT
    source: str = TEAM


def half_of(query_id: str, source: str = TEAM) -> str:
    """The half a query belongs to: third-party queries report, the team's split by hash."""
    if source != TEAM:
        return REPORT
    digest = hashlib.sha256(query_id.encode()).digest()
    return TUNE if digest[0] % 2 == 0 else REPORT


def load_queries(path: Path = QUERIES_FILE, *, half: str | None = None) -> list[JudgedQuery]:
    """The judged queries, all of them or one half."""
    data = json.loads(path.read_text(encoding="utf-8"))
    queries = [
        JudgedQuery(
            q["id"],
            q["q"],
            q["need"],
            q["demo"],
            q.get("generated", []),
            q["half"],
            q.get("source", TEAM),
        )
        for q in data["queries"]
    ]
    return [q for q in queries if half is None or q.half == half]


def _public(kind: str, *, synthetic: bool) -> QuerySet:
    manager = KINDS[kind].model._default_manager
    entries = manager.filter(is_synthetic=synthetic)
    return entries if kind == "organisations" else entries.filter(status=Status.PUBLISHED)


def _by_rules(query: JudgedQuery, entries: Callable[[str], QuerySet]) -> dict[Entry, int]:
    grades: dict[Entry, int] = {}
    for rule in query.generated:
        for kind in rule["kinds"]:
            matching = entries(kind).filter(rule_filter(rule)).distinct()
            for pk in matching.values_list("pk", flat=True):
                grades[(kind, pk)] = max(rule["grade"], grades.get((kind, pk), 0))
    return grades


def rule_filter(rule: dict[str, Any]) -> Q:
    """The Q object of one rule: every key must hold (any code of a list)."""
    condition = Q()
    for key, lookup in LINKS.items():
        if key in rule:
            condition &= Q(**{lookup: rule[key]})
    return condition & Q(**rule.get("where", {}))


def judgements(query: JudgedQuery, *, synthetic: bool) -> dict[Entry, int]:
    """Relevant entries of the catalogue in the database, with their grades."""
    if synthetic:
        return _by_rules(query, lambda kind: _public(kind, synthetic=True))
    grades = _by_rules(query, lambda kind: _public(kind, synthetic=False).filter(is_example=True))
    for key, grade in query.demo.items():
        kind, slug = key.split("/", 1)
        for pk in _public(kind, synthetic=False).filter(slug=slug).values_list("pk", flat=True):
            grades[(kind, pk)] = max(grade, grades.get((kind, pk), 0))
    return grades


@dataclass(frozen=True)
class Evaluation:
    queries: int  # judged queries with at least one relevant entry in the catalogue
    ndcg_at_10: float
    recall_at_20: float
    per_query: dict[str, tuple[float, float]]


def evaluate(
    rank: Callable[[str], Sequence[Entry]],
    *,
    synthetic: bool,
    queries: list[JudgedQuery] | None = None,
    half: str | None = None,
) -> Evaluation:
    """Mean nDCG@10 and recall@20 of ``rank`` (query text → ranked entries, 20 or more),
    over ``queries`` (default: the judged set, or one ``half`` of it)."""
    scores: dict[str, tuple[float, float]] = {}
    for query in queries if queries is not None else load_queries(half=half):
        judged = judgements(query, synthetic=synthetic)
        if not any(grade > 0 for grade in judged.values()):
            continue
        ranking = list(rank(query.q))
        scores[query.id] = (ndcg_at(ranking, judged, 10), recall_at(ranking, judged, 20))
    if not scores:
        return Evaluation(0, 0.0, 0.0, {})
    return Evaluation(
        len(scores),
        mean(s[0] for s in scores.values()),
        mean(s[1] for s in scores.values()),
        scores,
    )
