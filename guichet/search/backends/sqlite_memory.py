"""What the SQLite backend keeps in memory to answer without ranking every match again.

FTS5 computes BM25 for every row a query matches before it keeps a page: a word that
half of a large catalogue holds costs in proportion to the catalogue, at every search.
But BM25 is a sum over the query's phrases of a part that depends only on the phrase and
the document (``idf × weighted frequency / length norm``). So this module asks FTS5,
once per phrase, for every document holding it and that part (``bm25()`` of the
phrase alone), keeps them as numpy arrays, and answers a query by adding and
intersecting arrays: the same scores and order as FTS5 on the whole query, the
matches counted exactly, at the cost of a few array operations. Each posting also says
whether the phrase is in the document's title, summary or taxonomy (``head``), for the
coverage ranking (``query.coverage_points``): a group's weight comes from how many
documents of the side hold it, which its array tells exactly.

Kept per process, and valid only for one **version** of the data: the FTS5 structure
record (it moves at every change of the index) and ``search_state.changes`` (moved by
triggers at every write to the catalogue tables, in the writing transaction). A
connection with uncommitted writes of its own gets a private version (its token and
its change count): what it sees is never kept for the others.

Positions are dense: for one side (real or synthetic entries), kind by kind in the
order of ``documents.SOURCES``, ``position = start of the kind + entry id``, so
positions sort like document numbers and a mask over all entries costs one byte each.
The arrays are bounded by ``settings.SEARCH_MEMORY_MB``, least recently used first out.
"""

# ruff: noqa: S608 - SQL assembled from this module's constants and identifiers taken
# from the code (model tables); every value travels as a query parameter.

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection

from guichet.search.backends import sqlite_schema as schema
from guichet.search.documents import ID_BITS, SOURCES
from guichet.search.query import coverage_points

FTS = schema.FTS_TABLE
MASK = (1 << ID_BITS) - 1
# Scores are sums of floating-point parts whose order differs from FTS5's: round them
# so that entries FTS5 ties stay tied (and then ordered by document number).
DECIMALS = 9
# Dense positions fit 32 bits (a side holds fewer than 2³¹ entries): 13 bytes a posting.
POSITION = np.int32
POSTING_BYTES = 13
# A phrase held by more documents than this is read only while the memory has room for
# it: reading it costs as much as FTS5 ranking it, so when the memory is full the query is
# answered in SQL (same answer) rather than pushing out other phrases at every search.
ALWAYS_READ_DOCS = 20_000
RECENT_EVALUATIONS = 4


class NotKept(Exception):
    """A phrase too large to read now: the memory is full."""


Version = tuple[Any, ...]


@dataclass(frozen=True)
class Space:
    """Dense positions of one side (real or synthetic) of the index."""

    synthetic: bool
    starts: dict[str, int]  # kind → first position
    ends: dict[str, int]  # kind → one past its last position
    size: int
    numbers: np.ndarray  # source number → start of its kind (positions = start + id)
    documents: int = 0  # documents of this side in the index

    @property
    def bounds(self) -> np.ndarray:
        """Kind starts in SOURCES order, then the end: ``searchsorted`` gives the kind."""
        return np.array([self.starts[s.kind] for s in SOURCES] + [self.size], dtype=np.int64)

    def kind_of(self, positions: np.ndarray) -> np.ndarray:
        """Index in SOURCES of the kind of each position."""
        return np.searchsorted(self.bounds, positions, side="right") - 1

    def positions(self, docs: np.ndarray) -> np.ndarray:
        """Dense positions of document numbers of this side."""
        return self.numbers[docs >> (ID_BITS + 1)] + (docs & MASK)


@dataclass(frozen=True)
class Postings:
    """Sorted dense positions, the score each contributes, and whether it is in a head field."""

    positions: np.ndarray  # int32, ascending
    scores: np.ndarray  # float64
    head: np.ndarray  # bool: in the title, summary or taxonomy

    @property
    def nbytes(self) -> int:
        return int(self.positions.nbytes + self.scores.nbytes + self.head.nbytes)


@dataclass(frozen=True)
class Evaluation:
    """The entries of one side matching a query: positions, scores, groups matched,
    coverage points (see ``query.coverage_points``)."""

    space: Space
    positions: np.ndarray
    scores: np.ndarray
    matched: np.ndarray  # groups of the query each entry holds (all of them in "all")
    kind_index: np.ndarray  # index in SOURCES of each entry's kind
    coverage: np.ndarray  # int64: the points each entry earns
    full: int  # the points of an entry holding every group in a head field


class _Store:
    """Arrays by key, for one version at a time, least recently used first out."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version: Version | None = None
        self.items: OrderedDict[Hashable, Any] = OrderedDict()
        self.sizes: dict[Hashable, int] = {}
        self.total = 0

    def get(self, version: Version, key: Hashable) -> Any:
        with self.lock:
            full = (version, key)
            if full in self.items:
                self.items.move_to_end(full)
                return self.items[full]
        return None

    def put(self, version: Version, key: Hashable, value: Any, nbytes: int) -> None:
        limit = int(getattr(settings, "SEARCH_MEMORY_MB", 0)) * 1024 * 1024
        with self.lock:
            if version[0] == "shared" and version != self.version:
                if self.version is not None and version[-1] < self.version[-1]:
                    return  # read by a thread that started before the last change
                # The data moved on: nothing kept for an older shared version is of use.
                self.items.clear()
                self.sizes.clear()
                self.total = 0
                self.version = version
            full = (version, key)
            if full in self.items:
                return
            self.items[full] = value
            self.sizes[full] = nbytes
            self.total += nbytes
            while self.total > limit and len(self.items) > 1:
                old, _ = self.items.popitem(last=False)
                self.total -= self.sizes.pop(old)

    def room_for(self, nbytes: int) -> bool:
        limit = int(getattr(settings, "SEARCH_MEMORY_MB", 0)) * 1024 * 1024
        return self.total + nbytes <= limit

    def clear(self) -> None:
        _recent().clear()
        with self.lock:
            self.items.clear()
            self.sizes.clear()
            self.total = 0
            self.version = None


STORE = _Store()


def enabled() -> bool:
    return int(getattr(settings, "SEARCH_MEMORY_MB", 0)) > 0


def _token() -> str:
    """A name for the raw connection Django holds now (new connection, new name)."""
    raw = connection.connection
    held = getattr(connection, "_search_memory_token", None)
    if held is None or held[0] is not raw:
        held = (raw, uuid.uuid4().hex)
        connection._search_memory_token = held  # type: ignore[attr-defined]
    return str(held[1])


VERSION_SQL = (
    f"SELECT (SELECT block FROM {FTS}_data WHERE id = 10), "
    f"(SELECT changes FROM {schema.STATE_TABLE} WHERE id = 1)"
)


def version() -> Version:
    """What the data in memory must have been read at to be used now (see the module)."""
    # Asked several times per search: straight to the sqlite3 connection, no wrapper.
    connection.ensure_connection()
    raw = connection.connection
    block, changes = raw.execute(VERSION_SQL).fetchone()
    state = (bytes(block) if block is not None else b"", changes)
    if raw.in_transaction:
        # Uncommitted writes (or a transaction that may hold some): private to this view.
        return ("private", _token(), raw.total_changes, *state)
    return ("shared", *state)


def space(current: Version, *, synthetic: bool) -> Space:
    key = ("space", synthetic)
    found = STORE.get(current, key)
    if found is not None:
        return found
    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    numbers = np.zeros(max(s.number for s in SOURCES) + 1, dtype=np.int64)
    start = 0
    with connection.cursor() as cursor:
        for source in SOURCES:
            cursor.execute(f"SELECT MAX(id) FROM {source.table}")
            highest = cursor.fetchone()[0] or 0
            starts[source.kind] = start
            numbers[source.number] = start
            start += int(highest) + 1
            ends[source.kind] = start
        documents = side_documents(cursor, synthetic=synthetic)
    found = Space(synthetic, starts, ends, start, numbers, documents)
    STORE.put(current, key, found, 64 * len(SOURCES))
    return found


def side_documents(cursor: Any, *, synthetic: bool) -> int:
    """Documents of one side (real or synthetic) in the index: the N of the idf."""
    ranges = [s.doc_range(synthetic=synthetic) for s in SOURCES]
    cursor.execute(
        f"SELECT COUNT(*) FROM {FTS} WHERE "
        + " OR ".join(["(rowid >= %s AND rowid < %s)"] * len(ranges)),
        [bound for pair in ranges for bound in pair],
    )
    return int(cursor.fetchone()[0])


PHRASE_SQL = (
    f"SELECT rowid, bm25({FTS}, {schema.WEIGHTS}), bm25({FTS}, {schema.HEAD_WEIGHTS}) "
    f"FROM {FTS} WHERE {FTS} MATCH %s"
)


def phrase(current: Version, side: Space, stems: tuple[str, ...]) -> Postings:
    """Every document of ``side`` holding the phrase, with its part of BM25."""
    key = ("phrase", side.synthetic, stems)
    found = STORE.get(current, key)
    if found is not None:
        return found
    docs_at_most = min(vocabulary(current).docs.get(stem, 0) for stem in stems)
    if docs_at_most > ALWAYS_READ_DOCS and not STORE.room_for(docs_at_most * POSTING_BYTES):
        raise NotKept(stems)
    with connection.cursor() as cursor:
        cursor.execute(PHRASE_SQL, [schema.quote_phrase(stems)])
        rows = cursor.fetchall()
    flat = np.fromiter(chain.from_iterable(rows), dtype=np.float64, count=3 * len(rows))
    docs = flat[0::3].astype(np.int64)
    scores = -flat[1::3]
    head = flat[2::3] < 0  # bm25 is negative when the phrase is in some head field
    mine = ((docs >> ID_BITS) & 1) == int(side.synthetic)
    positions = side.positions(docs[mine]).astype(POSITION)
    order = np.argsort(positions, kind="stable")
    found = Postings(positions[order], scores[mine][order], head[mine][order])
    STORE.put(current, key, found, found.nbytes)
    return found


def group(current: Version, side: Space, alternatives: tuple[tuple[str, ...], ...]) -> Postings:
    """The documents holding some alternative of a group, their parts added up."""
    if len(alternatives) == 1:
        return phrase(current, side, alternatives[0])
    key = ("group", side.synthetic, alternatives)
    found = STORE.get(current, key)
    if found is not None:
        return found
    parts = [phrase(current, side, stems) for stems in alternatives]
    total = sum(len(p.positions) for p in parts)
    if total * 8 > side.size:
        hit = np.zeros(side.size, dtype=bool)
        head = np.zeros(side.size, dtype=bool)
        score = np.zeros(side.size, dtype=np.float64)
        for part in parts:
            hit[part.positions] = True
            head[part.positions[part.head]] = True
            score[part.positions] += part.scores
        positions = np.flatnonzero(hit).astype(POSITION)
        found = Postings(positions, score[positions], head[positions])
    else:
        every = np.concatenate([p.positions for p in parts])
        unique, inverse = np.unique(every, return_inverse=True)
        scores = np.bincount(inverse, weights=np.concatenate([p.scores for p in parts]))
        heads = np.bincount(inverse, weights=np.concatenate([p.head for p in parts])) > 0
        found = Postings(unique, scores, heads)
    STORE.put(current, key, found, found.nbytes)
    return found


def evaluate(
    current: Version,
    side: Space,
    groups: Sequence[tuple[tuple[str, ...], ...]],
    require: str,
) -> Evaluation:
    """The entries of ``side`` holding every group (``all``) or some group (``any``)."""
    key = (current, side.synthetic, tuple(groups), require)
    recent = _recent()
    if key in recent:
        return recent[key]
    lists = sorted((group(current, side, g) for g in groups), key=lambda p: len(p.positions))
    points = coverage_points(side.documents, [len(p.positions) for p in lists])
    # Per group and posting, the points it earns: full in a head field, a share otherwise.
    earned = [np.where(p.head, head, body) for p, (head, body) in zip(lists, points, strict=True)]
    if require == "all" or len(lists) == 1:
        positions, scores = lists[0].positions, lists[0].scores.copy()
        coverage = earned[0].astype(np.int64)
        for other, other_earned in zip(lists[1:], earned[1:], strict=True):
            if not len(positions):
                break
            at = np.searchsorted(other.positions, positions)
            at[at == len(other.positions)] = 0
            keep = other.positions[at] == positions if len(other.positions) else at < 0
            positions, scores = positions[keep], scores[keep] + other.scores[at[keep]]
            coverage = coverage[keep] + other_earned[at[keep]]
        matched = np.full(len(positions), len(lists), dtype=np.int16)
    elif sum(len(p.positions) for p in lists) * 8 > side.size:
        count = np.zeros(side.size, dtype=np.int16)
        total = np.zeros(side.size, dtype=np.float64)
        every_points = np.zeros(side.size, dtype=np.int64)
        for part, part_earned in zip(lists, earned, strict=True):
            count[part.positions] += 1
            total[part.positions] += part.scores
            every_points[part.positions] += part_earned
        positions = np.flatnonzero(count).astype(POSITION)
        scores, matched, coverage = total[positions], count[positions], every_points[positions]
    else:
        every = np.concatenate([p.positions for p in lists])
        positions, inverse = np.unique(every, return_inverse=True)
        scores = np.bincount(inverse, weights=np.concatenate([p.scores for p in lists]))
        matched = np.bincount(inverse).astype(np.int16)
        # Integer points below 2⁵³: the float sums are exact.
        coverage = np.rint(np.bincount(inverse, weights=np.concatenate(earned))).astype(np.int64)
    found = Evaluation(
        side,
        positions,
        np.round(scores, DECIMALS),
        matched,
        side.kind_of(positions),
        np.asarray(coverage, dtype=np.int64),
        sum(head for head, _ in points),
    )
    # Kept briefly, outside the store (a query's own answer must not push out what every
    # query shares): one search counts, ranks and counts facets over the same evaluation.
    recent[key] = found
    while len(recent) > RECENT_EVALUATIONS:
        recent.popitem(last=False)
    return found


_THREAD = threading.local()


def _recent() -> OrderedDict[Hashable, Evaluation]:
    if not hasattr(_THREAD, "evaluations"):
        _THREAD.evaluations = OrderedDict()
    return _THREAD.evaluations


def restrict(evaluation: Evaluation, allowed: dict[str, np.ndarray | None]) -> np.ndarray:
    """A mask of the evaluation's entries in the scopes: a kind searched, and for a kind
    narrowed by filters, an entry id in its allowed ids (sorted)."""
    kinds = evaluation.kind_index
    keep = np.zeros(len(evaluation.positions), dtype=bool)
    for index, source in enumerate(SOURCES):
        if source.kind not in allowed:
            continue
        of_kind = kinds == index
        ids = allowed[source.kind]
        if ids is not None:
            entry_ids = evaluation.positions[of_kind] - evaluation.space.starts[source.kind]
            at = np.searchsorted(ids, entry_ids)
            at[at == len(ids)] = 0
            inside = ids[at] == entry_ids if len(ids) else np.zeros(len(entry_ids), dtype=bool)
            of_kind[of_kind] = inside
        keep |= of_kind
    return keep


def counts(evaluation: Evaluation, keep: np.ndarray) -> dict[str, int]:
    per_kind = np.bincount(evaluation.kind_index[keep], minlength=len(SOURCES))
    return {source.kind: int(per_kind[i]) for i, source in enumerate(SOURCES)}


def top(evaluation: Evaluation, keep: np.ndarray, offset: int, limit: int) -> np.ndarray:
    """Indexes into the evaluation of the page: more coverage points first, then higher
    score, then lower position (document number), as the SQL ranking orders them."""
    chosen = np.flatnonzero(keep)
    wanted = offset + limit
    if wanted <= 0 or not len(chosen):
        return chosen[:0]
    # Primary key: coverage then score, as one number per entry (scores are rounded and
    # bounded, so coverage × big + score orders like the pair; rounding only makes ties,
    # which are kept and ordered exactly below).
    coverage = evaluation.coverage[chosen].astype(np.float64)
    scores = evaluation.scores[chosen]
    span = float(np.abs(scores).max()) * 2 + 1 if len(scores) else 1.0
    primary = coverage * span + scores
    if len(chosen) > wanted:
        threshold = np.partition(-primary, wanted - 1)[wanted - 1]
        near = -primary <= threshold  # ties with the last one kept, ordered below
        chosen, coverage, scores = chosen[near], coverage[near], scores[near]
    order = np.lexsort((evaluation.positions[chosen], -scores, -coverage))
    return chosen[order][offset:wanted]


def doc_numbers(evaluation: Evaluation, indexes: np.ndarray) -> list[tuple[str, int]]:
    """(kind, entry id) of evaluation entries."""
    positions = evaluation.positions[indexes]
    kinds = evaluation.space.kind_of(positions)
    return [
        (SOURCES[k].kind, int(p) - evaluation.space.starts[SOURCES[k].kind])
        for k, p in zip(kinds.tolist(), positions.tolist(), strict=True)
    ]


def entry_ids(evaluation: Evaluation, kind: str) -> np.ndarray:
    """Sorted ids of the matching entries of one kind."""
    start, end = evaluation.space.starts[kind], evaluation.space.ends[kind]
    low, high = np.searchsorted(evaluation.positions, [start, end])
    return evaluation.positions[low:high] - start


@dataclass(frozen=True)
class Vocabulary:
    """Every term of the index with the number of documents holding it."""

    total: int  # documents in the index
    docs: dict[str, int]
    by_prefix: dict[str, list[str]]  # first letter, and first two letters → terms

    @property
    def nbytes(self) -> int:
        return 120 * len(self.docs)


def vocabulary(current: Version) -> Vocabulary:
    found = STORE.get(current, "vocabulary")
    if found is not None:
        return found
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT term, doc FROM {schema.VOCAB_TABLE}")
        docs = {term: int(n) for term, n in cursor.fetchall()}
        cursor.execute(f"SELECT COUNT(*) FROM {FTS}")
        total = int(cursor.fetchone()[0])
    by_prefix: dict[str, list[str]] = {}
    for term in docs:
        by_prefix.setdefault(term[:1], []).append(term)
        if len(term) > 1:
            by_prefix.setdefault(term[:2], []).append(term)
    found = Vocabulary(total, docs, by_prefix)
    STORE.put(current, "vocabulary", found, found.nbytes)
    return found


def held() -> set[Hashable]:
    """What the store holds now (the benchmark keeps this set between its queries)."""
    with STORE.lock:
        return set(STORE.items)


def retain(kept: set[Hashable]) -> None:
    """Drop what is not in ``kept`` (see ``held``), and this thread's recent evaluations."""
    _recent().clear()
    with STORE.lock:
        for full in [k for k in STORE.items if k not in kept]:
            del STORE.items[full]
            STORE.total -= STORE.sizes.pop(full)
