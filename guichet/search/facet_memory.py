"""Facet counts of a search over arrays kept in memory (the SQLite backend's).

For a kind, each facet that ``catalogue.filters`` counts by a ``group`` field is read
once per version of the data (``backends/sqlite_memory.version``) as two arrays: the
entry ids and the index of the code each reaches (one pair per entry and code, as the
DISTINCT count of the grouped query). Counting a search's facets is then a mask over the
matching ids and one ``bincount`` per facet, whatever the number of matches; the other
filters chosen still come from the database (``filters.apply``), once per facet as in
``filters.facet_counts``, whose output this reproduces exactly (tests compare them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import QuerySet

from guichet.catalogue import filters
from guichet.search.backends.sqlite_memory import STORE, Version


@dataclass(frozen=True)
class Pairs:
    ids: np.ndarray  # entry ids, int64
    codes: np.ndarray  # index into ``values``, int64
    values: list[Any]  # the codes, as the grouped query gives them
    highest: int  # the largest entry id (0 when none)

    @property
    def nbytes(self) -> int:
        return int(self.ids.nbytes + self.codes.nbytes) + 64 * len(self.values)


def pairs(
    current: Version, kind: str, synthetic: bool, flt: filters.Filter, entries: QuerySet
) -> Pairs:
    """(entry id, code) of every public entry of the kind, for one facet's group field."""
    key = ("facet", kind, synthetic, flt.param)
    found = STORE.get(current, key)
    if found is not None:
        return found
    assert flt.group  # noqa: S101 - only grouped facets come here
    rows = (
        entries.order_by()
        .filter(**{f"{flt.group}__isnull": False})
        .values_list("pk", flt.group)
        .distinct()
    )
    ids: list[int] = []
    codes: list[int] = []
    values: list[Any] = []
    index: dict[Any, int] = {}
    for entry_id, code in rows.iterator(chunk_size=20_000):
        position = index.get(code)
        if position is None:
            position = index[code] = len(values)
            values.append(code)
        ids.append(entry_id)
        codes.append(position)
    found = Pairs(
        np.array(ids, dtype=np.int64), np.array(codes, dtype=np.int64), values, max(ids, default=0)
    )
    STORE.put(current, key, found, found.nbytes)
    return found


def choices(current: Version, flt: filters.Filter) -> list[tuple[str, str]]:
    """A facet's choices (codes and labels, read from reference tables), kept per version."""
    key = ("choices", flt.param, flt.choices)
    found = STORE.get(current, key)
    if found is None:
        found = flt.choices() if flt.choices else []
        STORE.put(current, key, found, 100 * len(found) + 64)
    return list(found)


def warm(current: Version, synthetic: bool, entries_of: Any) -> None:
    """Read every grouped facet of every kind (``entries_of(kind)``: its public entries)."""
    for kind, filterset in filters.FILTERSETS.items():
        for flt in filterset.filters:
            if flt.facet and flt.kind in {"choice", "multi"}:
                choices(current, flt)
                if flt.group:
                    pairs(current, kind, synthetic, flt, entries_of(kind))


def group_counter(
    current: Version,
    kind: str,
    synthetic: bool,
    matching: np.ndarray,
    entries: QuerySet,
) -> filters.GroupCounter:
    """A ``group_counts`` for ``filters.facet_counts``: the entries among ``matching``
    (sorted ids) reaching each code, other filters applied."""
    filterset = filters.FILTERSETS[kind]
    marks: dict[str, np.ndarray] = {}  # the facets sharing the same other filters share a mask

    def mark_of(others: dict[str, Any], size: int) -> np.ndarray:
        key = repr(sorted(others.items()))
        mark = marks.get(key)
        if mark is None or len(mark) < size:
            chosen = matching
            if others and len(chosen):
                allowed = filters.apply(filterset, entries, others).values_list("pk", flat=True)
                allowed_ids = np.fromiter(allowed.order_by(), dtype=np.int64)
                chosen = np.intersect1d(chosen, allowed_ids)
            size = max(size, int(chosen.max()) + 1 if len(chosen) else 0)
            mark = marks[key] = np.zeros(size, dtype=bool)
            mark[chosen] = True
        return mark

    def count(flt: filters.Filter, others: dict[str, Any]) -> dict[Any, int]:
        found = pairs(current, kind, synthetic, flt, entries)
        if not len(matching) or not len(found.ids):
            return {}
        mark = mark_of(others, found.highest + 1)
        totals = np.bincount(found.codes, weights=mark[found.ids], minlength=len(found.values))
        return {found.values[i]: round(n) for i, n in enumerate(totals.tolist()) if n}

    return count
