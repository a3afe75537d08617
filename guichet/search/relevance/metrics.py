"""Ranking quality: nDCG@k (graded) and recall@k, as the benchmark prints them.

Judgements are grades: 2 a careful person would open this first, 1 relevant, 0 or
absent not relevant. Gains are ``2^grade - 1`` and discounts ``log2(rank + 1)``
(Järvelin and Kekäläinen, as in TREC's trec_eval ``ndcg_cut``).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def dcg(grades: Sequence[int]) -> float:
    return sum((2**grade - 1) / math.log2(rank + 1) for rank, grade in enumerate(grades, 1))


def ndcg_at(ranking: Sequence[K], judged: Mapping[K, int], k: int = 10) -> float:
    """DCG of the first ``k`` results over the best DCG the judgements allow (0 to 1)."""
    ideal = dcg(sorted((g for g in judged.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([judged.get(item, 0) for item in ranking[:k]]) / ideal


def recall_at(
    ranking: Sequence[K], judged: Mapping[K, int], k: int = 20, *, capped: bool = True
) -> float:
    """Share of the relevant entries (grade 1 or more) found in the first ``k`` results.

    ``capped`` (the default): with more than ``k`` relevant entries, finding ``k`` of them
    counts as 1, since no ranking can do better; on a generated catalogue where thousands
    of entries share a use case, plain recall would be near 0 for every system.
    """
    relevant = {item for item, grade in judged.items() if grade > 0}
    if not relevant:
        return 0.0
    found = len(relevant.intersection(ranking[:k]))
    return found / (min(len(relevant), k) if capped else len(relevant))
