"""Unified search over every kind of entry, shared by the search page and the API.

``parse_search`` reads a query string (``q``, ``type``, ``sort``, ``page``,
``page_size``, ``synthetic`` and the catalogue's own filters, parsed by
``catalogue.filters``); ``search`` runs it and returns the page of results with
their highlights and explanations, the facet counts and, when nothing matched,
"did you mean" suggestions.

Every idea of the query must match; when fewer than ``COMPLETE_ENOUGH`` entries
contain them all, entries containing only some of them are searched too. Either way,
entries are ranked by how much of the query they cover (each idea weighs its rarity,
in full in a title, summary or taxonomy, less in long texts: ``query.coverage_points``),
then by BM25. Words that only say there is a need ("je cherche", "besoin d'aide", "mon
entreprise") are left out of a query that has other words (``query.ignored``).

On a large catalogue (``UBIQUITOUS_MIN_DOCS`` entries or more), an idea that more than
half of the entries hold ("IA" in an AI catalogue) narrows nothing and weighs nothing in
BM25, but ranking every entry that holds it costs: it is left out of what the index
runs (it still shows in highlights and explanations). Answers are cached at one
version of the data, which every write moves (``data_version``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.safestring import SafeString

from guichet.catalogue import filters
from guichet.catalogue.selectors import SYNTHETIC_PARAM, parse_synthetic, published_entries
from guichet.organisations.models import Organisation
from guichet.search import highlight
from guichet.search.backends import get_backend, sqlite_schema
from guichet.search.backends.base import SORTS, Require, Scope, SearchBackend
from guichet.search.documents import KINDS, Document, load_documents
from guichet.search.query import AnalyzedQuery, analyze_query
from guichet.search.suggestions import Suggestion, did_you_mean

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_QUERY_LENGTH = 200
COMPLETE_ENOUGH = 10
UBIQUITOUS_MIN_DOCS = 10_000
UBIQUITOUS_SHARE = 0.5
CACHE_SECONDS = 300
OWN_PARAMS = ("q", "type", "sort", "page", "page_size", SYNTHETIC_PARAM)


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    type: str = ""  # a kind, or "" for every kind
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE
    synthetic: bool = False
    values: dict[str, dict[str, Any]] = field(default_factory=dict)  # kind → cleaned filters
    given: tuple[str, ...] = ()  # the filter parameters present in the query

    @property
    def kinds(self) -> list[str]:
        """The kinds searched: the chosen one, else those that understand every filter."""
        if self.type:
            return [self.type]
        return self.kinds_for_filters

    @property
    def kinds_for_filters(self) -> list[str]:
        return [k for k in KINDS if set(self.given) <= set(filters.FILTERSETS[k].by_param())]


def _first(query: Mapping[str, Any], key: str) -> str:
    values = query.getlist(key) if hasattr(query, "getlist") else query.get(key)
    if isinstance(values, list):
        values = values[-1] if values else None
    return "" if values is None else str(values).strip()


def _positive(raw: str, param: str, default: int, maximum: int) -> tuple[int, str]:
    if not raw:
        return default, ""
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= maximum:
        return default, (
            f"Le paramètre « {param} » attend un nombre entier de 1 à {maximum}, pas « {raw} »."
        )
    return int(raw), ""


def parse_search(query: Mapping[str, Any]) -> tuple[SearchParams, dict[str, str]]:
    """Clean the query string; errors are French messages keyed by parameter."""
    errors: dict[str, str] = {}
    q = _first(query, "q")
    if len(q) > MAX_QUERY_LENGTH:
        errors["q"] = f"Le paramètre « q » ne peut dépasser {MAX_QUERY_LENGTH} caractères."
    kind = _first(query, "type")
    if kind and kind not in KINDS:
        errors["type"] = f"Le paramètre « type » ne connaît pas la valeur « {kind} »."
        kind = ""
    sort = _first(query, "sort") or "relevance"
    if sort not in SORTS:
        errors["sort"] = f"Le paramètre « sort » attend {', '.join(SORTS)}, pas « {sort} »."
        sort = "relevance"
    page, error = _positive(_first(query, "page"), "page", 1, 10_000)
    if error:
        errors["page"] = error
    page_size, error = _positive(_first(query, "page_size"), "page_size", PAGE_SIZE, MAX_PAGE_SIZE)
    if error:
        errors["page_size"] = error
    synthetic, error = parse_synthetic(query)
    if error:
        errors[SYNTHETIC_PARAM] = error

    filtersets = [filters.FILTERSETS[kind]] if kind else list(filters.FILTERSETS.values())
    values: dict[str, dict[str, Any]] = {}
    given: set[str] = set()
    for filterset in filtersets:
        parsed = filters.parse(filterset, query)
        for param, message in parsed.errors.items():
            errors.setdefault(param, message)
        values[filterset.name] = parsed.values
        given |= set(parsed.values) | set(parsed.errors)
    params = SearchParams(q, kind, sort, page, page_size, synthetic, values, tuple(sorted(given)))
    return params, errors


def public_entries(kind: str, *, synthetic: bool) -> QuerySet:
    """What the public sees of one kind: published entries, real or synthetic."""
    if kind == "organisations":
        return Organisation.objects.public().filter(is_synthetic=synthetic)
    return published_entries(kind, synthetic=synthetic)


def _scope(params: SearchParams, kind: str) -> Scope:
    values = params.values.get(kind) or {}
    if not values:
        return Scope(kind)
    filterset = filters.FILTERSETS[kind]
    allowed = filters.apply(filterset, public_entries(kind, synthetic=params.synthetic), values)
    # Without ordering, DISTINCT does not add the ordering column to the subquery.
    return Scope(kind, allowed.order_by().values("pk"))


@dataclass(frozen=True)
class Result:
    kind: str
    kind_label: str
    id: int
    slug: str
    title: str
    url: str
    score: float
    synthetic: bool
    complete: bool  # contains every idea of the query
    title_html: SafeString
    snippet_html: SafeString
    explanation: list[highlight.Match]
    deadline: datetime | None
    published: datetime | None
    is_example: bool = False  # a fictional entry of the demo (« Exemple » on its card)


@dataclass(frozen=True)
class SearchResults:
    params: SearchParams
    query: AnalyzedQuery
    count: int
    complete_count: int  # entries containing every idea of the query
    require: Require
    results: list[Result]
    type_facet: list[filters.FacetValue]
    facets: dict[str, list[filters.FacetValue]]
    suggestions: list[Suggestion]

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.params.page_size))

    @property
    def has_previous(self) -> bool:
        return self.params.page > 1

    @property
    def has_next(self) -> bool:
        return self.params.page < self.pages


def _as_datetime(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    parsed = parse_datetime(str(value))
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.get_fixed_timezone(0))
    return parsed


def _result(
    hit: Any,
    document: Document,
    query: AnalyzedQuery,
    stored: dict[str, list[str]] | None,
    is_example: bool,
) -> Result:
    return Result(
        kind=hit.kind,
        kind_label=str(document.source.label_one),
        id=hit.entry_id,
        slug=document.slug,
        title=document.title,
        url=document.url,
        score=hit.score,
        synthetic=hit.synthetic,
        complete=hit.complete,
        title_html=highlight.mark(document.title, query),
        snippet_html=highlight.snippet(document, query),
        explanation=highlight.explain(query, document, stored),
        deadline=_as_datetime(document.deadline),
        published=_as_datetime(document.published),
        is_example=is_example,
    )


def _examples(pairs: list[tuple[str, int]]) -> set[tuple[str, int]]:
    """Those of these (kind, entry id) that are examples written for the demo."""
    wanted: dict[str, list[int]] = {}
    for kind, entry_id in pairs:
        wanted.setdefault(kind, []).append(entry_id)
    found: set[tuple[str, int]] = set()
    for kind, ids in wanted.items():
        model = KINDS[kind].model._default_manager
        found.update(
            (kind, pk)
            for pk in model.filter(pk__in=ids, is_example=True).values_list("pk", flat=True)
        )
    return found


def without_ubiquitous(query: AnalyzedQuery, backend: SearchBackend) -> AnalyzedQuery:
    """``query`` less the groups more than half of a large catalogue holds (never all)."""
    if len(query.groups) < 2:
        return query
    frequencies = backend.document_frequencies(query.stems())
    if frequencies is None or frequencies[0] < UBIQUITOUS_MIN_DOCS:
        return query
    total, df = frequencies
    kept = tuple(
        group
        for group in query.groups
        if not any(
            len(a.stems) == 1 and df.get(a.stems[0], 0) > total * UBIQUITOUS_SHARE
            for a in group.alternatives
        )
    )
    return AnalyzedQuery(query.text, kept, query.unknown) if kept else query


def search(
    params: SearchParams,
    *,
    with_facets: bool = True,
    backend: SearchBackend | None = None,
    cached: bool = True,
) -> SearchResults:
    """One page of results for cleaned ``params`` (see ``parse_search``)."""
    backend = backend or get_backend()
    version = data_version() if cached else None
    key = ""
    if version is not None:
        digest = hashlib.sha256(repr((params, with_facets, version)).encode()).hexdigest()
        key = f"search:{backend.name}:{digest}"
        hit = cache.get(key)
        if hit is not None:
            return hit
    results = _search(params, with_facets=with_facets, backend=backend)
    if key:
        cache.set(key, results, CACHE_SECONDS)
    return results


def data_version() -> tuple[Any, ...] | None:
    """The version of everything an answer reads, the same for every process: the write
    counter that triggers move at every write to the entries, their links, the
    vocabularies and the territories (``search_state``), and on SQLite the index's
    structure record (a rebuild moves it). A connection inside a transaction that wrote
    gets a version of its own (what it sees may never be committed)."""
    if connection.vendor == "sqlite":
        return sqlite_schema.data_version(connection)
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT changes, txid_current_if_assigned() FROM search_state WHERE id = 1")
        row = cursor.fetchone()
    if row is None:
        return None
    changes, own_transaction = row
    # A transaction id is never reused: its uncommitted answers stay its own.
    return ("shared", changes) if own_transaction is None else ("private", own_transaction, changes)


def _search(params: SearchParams, *, with_facets: bool, backend: SearchBackend) -> SearchResults:
    shown = analyze_query(params.q, backend.known_terms)
    query = without_ubiquitous(shown, backend)
    synthetic = params.synthetic
    kinds = params.kinds
    counted_kinds = params.kinds_for_filters if with_facets else kinds
    scopes = {kind: _scope(params, kind) for kind in dict.fromkeys([*counted_kinds, *kinds])}

    require: Require = "all"
    counts = backend.count(query, scopes=list(scopes.values()), synthetic=synthetic, require="all")
    complete_count = sum(counts.get(k, 0) for k in kinds)
    if len(query.groups) > 1 and complete_count < COMPLETE_ENOUGH:
        require = "any"
        counts = backend.count(
            query, scopes=list(scopes.values()), synthetic=synthetic, require="any"
        )
    count = sum(counts.get(k, 0) for k in kinds)

    hits = backend.search(
        query,
        scopes=[scopes[k] for k in kinds],
        synthetic=synthetic,
        require=require,
        sort=params.sort,
        offset=(params.page - 1) * params.page_size,
        limit=params.page_size,
    )
    documents = load_documents((h.kind, h.entry_id) for h in hits)
    stored = backend.stored_terms((h.kind, h.entry_id) for h in hits)
    examples = _examples([(h.kind, h.entry_id) for h in hits])
    results = [
        _result(
            hit,
            documents[(hit.kind, hit.entry_id)],
            shown,
            stored.get((hit.kind, hit.entry_id)),
            (hit.kind, hit.entry_id) in examples,
        )
        for hit in hits
        if (hit.kind, hit.entry_id) in documents
    ]

    type_facet = [
        filters.FacetValue(kind, str(KINDS[kind].label), counts.get(kind, 0), kind == params.type)
        for kind in KINDS
        if counts.get(kind, 0) or kind == params.type
    ]
    facets: dict[str, list[filters.FacetValue]] = {}
    if with_facets and params.type:
        facets = _kind_facets(params, query, require, backend)
    suggestions = (
        did_you_mean(
            query,
            backend=backend,
            scopes=list(scopes.values()),
            synthetic=synthetic,
            prepare=partial(without_ubiquitous, backend=backend),
        )
        if count == 0 and not query.is_empty
        else []
    )
    return SearchResults(
        params, shown, count, complete_count, require, results, type_facet, facets, suggestions
    )


def _kind_facets(
    params: SearchParams, query: AnalyzedQuery, require: Require, backend: SearchBackend
) -> dict[str, list[filters.FacetValue]]:
    """The chosen kind's own facets, counted by ``catalogue.filters`` over the matches."""
    kind = params.type
    synthetic = params.synthetic
    values = params.values.get(kind, {})
    filterset = filters.FILTERSETS[kind]
    matching = backend.matching_ids(query, kind=kind, synthetic=synthetic, require=require)
    entries = public_entries(kind, synthetic=synthetic).filter(pk__in=matching)
    return filters.facet_counts(filterset, entries, values)
