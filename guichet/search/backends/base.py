"""The interface every search backend implements, and what they exchange with callers.

Callers (``selectors.py``, ``indexing.py``, the management command) only ever talk to
a ``SearchBackend``; which one is chosen by ``settings.SEARCH_BACKEND`` (see
``backends/__init__.py``). A backend receives queries already analysed
(``query.AnalyzedQuery``: groups of alternatives made of stems, with their readable
text for engines that analyse by themselves) and answers with entry numbers and scores;
filters arrive as querysets of the entries allowed, built from ``catalogue.filters``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.db.models import QuerySet

from guichet.search.query import AnalyzedQuery

Require = Literal["all", "any"]
Sort = Literal["relevance", "closing", "newest"]
SORTS: tuple[str, ...] = ("relevance", "closing", "newest")
Progress = Callable[[int], None]


@dataclass(frozen=True)
class Scope:
    """One kind of entry to search, optionally narrowed to the entries of a queryset."""

    kind: str
    allowed: QuerySet | None = None  # a ``values("pk")`` queryset; None: every public entry


@dataclass(frozen=True)
class Hit:
    kind: str
    entry_id: int
    score: float  # higher is better; comparable within one answer only
    synthetic: bool
    complete: bool = True  # every group of the query matched (False in "any" answers)
    coverage: float = 1.0  # share of the query's weight the entry covers (query.coverage_points)


class SearchBackend(ABC):
    """A full-text index of the public catalogue, in step with the database."""

    name: str = ""

    # --- keeping the index -------------------------------------------------------------------

    def install(self) -> None:  # noqa: B027 - optional hook
        """Create what keeps the index in step (database triggers...). Idempotent."""

    def uninstall(self) -> None:  # noqa: B027 - optional hook
        """Remove it, before a schema migration for instance."""

    @abstractmethod
    def index(self, kind: str, ids: Iterable[int]) -> None:
        """(Re)index these entries from the database; a non-public entry is removed."""

    @abstractmethod
    def unindex(self, kind: str, ids: Iterable[int]) -> None:
        """Remove these entries from the index."""

    @abstractmethod
    def rebuild(self, *, progress: Progress | None = None) -> int:
        """Index the whole public catalogue again; return the number of documents."""

    @abstractmethod
    def size(self) -> dict[str, int]:
        """Documents in the index, by kind (real and synthetic together)."""

    # --- reading ----------------------------------------------------------------------------

    @abstractmethod
    def search(
        self,
        query: AnalyzedQuery,
        *,
        scopes: Sequence[Scope],
        synthetic: bool,
        require: Require,
        sort: str,
        offset: int,
        limit: int,
    ) -> list[Hit]:
        """Entries matching every group (``all``) or some group (``any``), ranked by how
        much of the query they cover (``query.coverage_points``), then by BM25; an empty
        query matches every entry of the scopes."""

    @abstractmethod
    def count(
        self, query: AnalyzedQuery, *, scopes: Sequence[Scope], synthetic: bool, require: Require
    ) -> dict[str, int]:
        """Matching entries by kind."""

    @abstractmethod
    def matching_ids(
        self, query: AnalyzedQuery, *, kind: str, synthetic: bool, require: Require
    ) -> Any:
        """Something ``Model.objects.filter(pk__in=...)`` accepts: the matching entries of
        ``kind`` (used to count facets with ``catalogue.filters``)."""

    def stored_terms(
        self, pairs: Iterable[tuple[str, int]]
    ) -> dict[tuple[str, int], dict[str, list[str]]]:
        """The analysed terms of each field (title, summary, tags, body) of these entries
        as the index holds them; empty when the backend cannot give them back."""
        return {}

    @abstractmethod
    def known_terms(self, stems: Iterable[str]) -> set[str]:
        """Those of ``stems`` that some indexed entry contains (exact, never stale)."""

    @abstractmethod
    def nearby_terms(self, word: str, *, max_distance: int, limit: int = 20) -> list[str]:
        """Indexed stems at most ``max_distance`` edits from the folded ``word``
        (``analysis.closeness``), likeliest first."""

    def document_frequencies(self, stems: Iterable[str]) -> tuple[int, dict[str, int]] | None:
        """Documents in the index, and how many hold each stem; None when too costly to
        know (the selector then never drops ubiquitous words, see ``selectors``)."""
        return None

    def version(self) -> Any:
        """Changes whenever what this connection sees of the index may have changed, so
        that answers can be cached; None when the backend cannot tell (no caching)."""
        return None

    def check(self) -> list[str]:
        """Problems with the index (missing triggers, counts out of step); empty when sound."""
        return []


def group_alternatives(query: AnalyzedQuery) -> list[list[tuple[tuple[str, ...], tuple[int, ...]]]]:
    """Per group, the (stems, positions) of its alternatives; the shape compilers walk."""
    return [[(a.stems, a.positions) for a in group.alternatives] for group in query.groups]
