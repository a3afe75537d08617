"""nDCG@10 and recall@20 against examples computed by hand."""

from __future__ import annotations

import math

import pytest

from guichet.search.relevance.metrics import dcg, ndcg_at, recall_at


def test_dcg_by_hand():
    """Gains 2^g - 1 discounted by log2(rank + 1)."""
    assert dcg([2, 1, 0]) == pytest.approx(3 + 1 / math.log2(3))


def test_ndcg_by_hand():
    """[b, a, x] against a=2, b=1: (1 + 3/log2 3) / (3 + 1/log2 3) = 0.7967."""
    judged = {"a": 2, "b": 1, "c": 0}
    assert ndcg_at(["b", "a", "x"], judged) == pytest.approx(0.79671, abs=1e-5)


def test_ndcg_of_the_ideal_ranking_is_one():
    """Best order first: 1; nothing relevant found: 0."""
    judged = {"a": 2, "b": 1}
    assert ndcg_at(["a", "b"], judged) == 1.0
    assert ndcg_at(["x", "y"], judged) == 0.0
    assert ndcg_at(["a"], {}) == 0.0


def test_ndcg_stops_at_k():
    """A relevant entry at rank 11 does not count in nDCG@10."""
    ranking = [f"x{i}" for i in range(10)] + ["a"]
    assert ndcg_at(ranking, {"a": 2}, 10) == 0.0
    assert ndcg_at(ranking, {"a": 2}, 11) == pytest.approx((3 / math.log2(12)) / 3)


def test_recall_by_hand():
    """Found / relevant within the first k; grade 0 is not relevant."""
    judged = {"a": 2, "b": 1, "c": 0}
    assert recall_at(["b", "x", "c"], judged) == 0.5
    assert recall_at(["b", "a"], judged, 1) == 1.0  # capped: one slot, one found
    assert recall_at(["b", "a"], judged, 1, capped=False) == 0.5


def test_recall_is_capped_by_k():
    """With 25 relevant entries, 20 of them in the first 20 is a recall of 1 (0.8 plain)."""
    judged = {f"e{i}": 1 for i in range(25)}
    ranking = [f"e{i}" for i in range(20)]
    assert recall_at(ranking, judged, 20) == 1.0
    assert recall_at(ranking, judged, 20, capped=False) == 0.8
