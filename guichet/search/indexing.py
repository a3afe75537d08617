"""Keeping the index: explicit calls for backends that are not fed by the database.

With the two built-in backends nothing needs calling: database triggers re-index an
entry inside the statement that changes it (see ``backends/sqlite_schema.py`` and
``backends/postgresql_schema.py``), whoever writes. These functions stay for backends
that live outside the database (a search cluster) and for repairs; calling them with a
built-in backend is harmless (the entry is re-indexed from the database once more).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models, transaction

from guichet.catalogue.workflow import Status
from guichet.search.backends import get_backend
from guichet.search.backends.base import Progress
from guichet.search.documents import SOURCES, Source


def source_for(entry: models.Model) -> Source:
    for source in SOURCES:
        if isinstance(entry, source.model):
            return source
    raise TypeError(f"{type(entry).__name__} is not searchable.")


def index_entry(entry: models.Model) -> None:
    """Index ``entry`` as it is in the database now (removed unless public)."""
    get_backend().index(source_for(entry).kind, [entry.pk])


def unindex_entry(entry: models.Model) -> None:
    """Take ``entry`` out of the index."""
    get_backend().unindex(source_for(entry).kind, [entry.pk])


def index_entries(kind: str, ids: Iterable[int]) -> None:
    get_backend().index(kind, ids)


def entries_total() -> int:
    """Entries the rebuild reads, published or not (for a progress bar)."""
    return sum(source.model._default_manager.count() for source in SOURCES)


@transaction.atomic
def rebuild_index(*, progress: Progress | None = None) -> int:
    """Index the whole public catalogue again, in one transaction; return the documents."""
    backend = get_backend()
    backend.install()
    return backend.rebuild(progress=progress)


def index_problems() -> list[str]:
    """What is wrong with the index (missing triggers, documents out of step)."""
    backend = get_backend()
    problems = backend.check()
    if problems:
        return problems
    size = backend.size()
    for source in SOURCES:
        manager = source.model._default_manager
        public = manager.filter(status=Status.PUBLISHED) if source.owned else manager.all()
        expected = public.count()
        if size.get(source.kind, 0) != expected:
            problems.append(
                f"{source.label} : {size.get(source.kind, 0)} dans l'index, "
                f"{expected} publiées en base. Lancez « guichet search-index --rebuild »."
            )
    return problems
