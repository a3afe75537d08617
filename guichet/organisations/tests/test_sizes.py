"""INSEE size categories and Sirene headcount brackets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guichet.organisations.sizes import (
    BRACKET_BOUNDS,
    SizeCategory,
    bracket_for_headcount,
    size_category,
    size_category_for_bracket,
)


@pytest.mark.parametrize(
    ("headcount", "category"),
    [
        (0, SizeCategory.MICRO),
        (9, SizeCategory.MICRO),
        (10, SizeCategory.PME),
        (249, SizeCategory.PME),
        (250, SizeCategory.ETI),
        (4999, SizeCategory.ETI),
        (5000, SizeCategory.GRANDE),
    ],
)
def test_headcount_alone_decides(headcount: int, category: SizeCategory) -> None:
    """With the headcount only, the thresholds 10, 250 and 5,000 decide."""
    assert size_category(headcount) == category


def test_financial_ceilings_apply_when_known() -> None:
    """A firm of 5 people with 3 M€ turnover and 3 M€ balance sheet is not a micro-entreprise."""
    assert size_category(5, turnover_meur=3, balance_sheet_meur=3) == SizeCategory.PME
    assert size_category(5, turnover_meur=3, balance_sheet_meur=1.5) == SizeCategory.MICRO
    assert size_category(100, turnover_meur=60, balance_sheet_meur=50) == SizeCategory.ETI
    assert size_category(100, turnover_meur=60, balance_sheet_meur=40) == SizeCategory.PME


def test_negative_headcount_is_refused() -> None:
    """A negative headcount is an input error, not a micro-entreprise."""
    with pytest.raises(ValueError):
        size_category(-1)


@given(st.integers(min_value=0, max_value=200_000))
def test_every_headcount_falls_in_its_bracket(headcount: int) -> None:
    """The bracket found for a headcount contains it."""
    low, high = BRACKET_BOUNDS[bracket_for_headcount(headcount)]
    assert low <= headcount and (high is None or headcount <= high)


def test_bracket_implies_category_only_when_unambiguous() -> None:
    """Bracket 12 (20-49) is always a PME; every bracket maps inside one category."""
    assert size_category_for_bracket("12") == SizeCategory.PME
    assert size_category_for_bracket("03") == SizeCategory.MICRO
    assert size_category_for_bracket("53") == SizeCategory.GRANDE
    assert size_category_for_bracket("NN") is None
