"""Company size categories and headcount brackets as INSEE defines them.

Categories follow decree 2008-1354 (loi de modernisation de l'économie):
- micro-entreprise: fewer than 10 people, and turnover or balance sheet
  total of at most 2 million euros;
- PME: fewer than 250 people, and turnover of at most 50 million euros or
  balance sheet total of at most 43 million euros;
- ETI: fewer than 5,000 people, and turnover of at most 1,500 million euros
  or balance sheet total of at most 2,000 million euros;
- grande entreprise: the others.
INSEE counts micro-entreprises apart from the other PME; a micro-entreprise
is nevertheless a PME in the European sense, which schemes often use.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeCategory(models.TextChoices):
    MICRO = "micro", _("micro-entreprise")
    PME = "pme", _("PME")
    ETI = "eti", _("ETI")
    GRANDE = "ge", _("grande entreprise")


@dataclass(frozen=True)
class _Ceiling:
    category: SizeCategory
    max_headcount: int  # exclusive
    max_turnover_meur: Decimal
    max_balance_sheet_meur: Decimal


_CEILINGS = (
    _Ceiling(SizeCategory.MICRO, 10, Decimal(2), Decimal(2)),
    _Ceiling(SizeCategory.PME, 250, Decimal(50), Decimal(43)),
    _Ceiling(SizeCategory.ETI, 5000, Decimal(1500), Decimal(2000)),
)


def size_category(
    headcount: int,
    *,
    turnover_meur: Decimal | float | None = None,
    balance_sheet_meur: Decimal | float | None = None,
) -> SizeCategory:
    """The INSEE size category of a firm.

    With the headcount alone, the headcount decides. When turnover and/or
    balance sheet total (in millions of euros) are known, a firm under the
    headcount ceiling must also be under one of the two financial ceilings.
    """
    if headcount < 0:
        raise ValueError("A headcount cannot be negative.")
    for ceiling in _CEILINGS:
        if headcount >= ceiling.max_headcount:
            continue
        known = [
            (Decimal(str(value)), limit)
            for value, limit in (
                (turnover_meur, ceiling.max_turnover_meur),
                (balance_sheet_meur, ceiling.max_balance_sheet_meur),
            )
            if value is not None
        ]
        if not known or any(value <= limit for value, limit in known):
            return ceiling.category
    return SizeCategory.GRANDE


class HeadcountBracket(models.TextChoices):
    """INSEE's "tranches d'effectifs salariés" as used in the Sirene register."""

    NN = "NN", _("non renseigné ou sans salarié au 31 décembre")
    T00 = "00", _("0 salarié")
    T01 = "01", _("1 ou 2 salariés")
    T02 = "02", _("3 à 5 salariés")
    T03 = "03", _("6 à 9 salariés")
    T11 = "11", _("10 à 19 salariés")
    T12 = "12", _("20 à 49 salariés")
    T21 = "21", _("50 à 99 salariés")
    T22 = "22", _("100 à 199 salariés")
    T31 = "31", _("200 à 249 salariés")
    T32 = "32", _("250 à 499 salariés")
    T41 = "41", _("500 à 999 salariés")
    T42 = "42", _("1 000 à 1 999 salariés")
    T51 = "51", _("2 000 à 4 999 salariés")
    T52 = "52", _("5 000 à 9 999 salariés")
    T53 = "53", _("10 000 salariés et plus")


# Inclusive bounds of each bracket; None as the upper bound means "and more".
BRACKET_BOUNDS: dict[str, tuple[int, int | None]] = {
    "00": (0, 0),
    "01": (1, 2),
    "02": (3, 5),
    "03": (6, 9),
    "11": (10, 19),
    "12": (20, 49),
    "21": (50, 99),
    "22": (100, 199),
    "31": (200, 249),
    "32": (250, 499),
    "41": (500, 999),
    "42": (1000, 1999),
    "51": (2000, 4999),
    "52": (5000, 9999),
    "53": (10000, None),
}


def bracket_for_headcount(headcount: int) -> str:
    """The Sirene bracket code holding ``headcount`` people."""
    if headcount < 0:
        raise ValueError("A headcount cannot be negative.")
    for code, (low, high) in BRACKET_BOUNDS.items():
        if headcount >= low and (high is None or headcount <= high):
            return code
    raise AssertionError("unreachable: the brackets cover every headcount")


def size_category_for_bracket(code: str) -> SizeCategory | None:
    """The size category implied by a bracket, when the bracket alone decides it."""
    bounds = BRACKET_BOUNDS.get(code)
    if bounds is None:
        return None
    low, high = bounds
    low_cat = size_category(low)
    high_cat = size_category(high) if high is not None else SizeCategory.GRANDE
    return low_cat if low_cat == high_cat else None
