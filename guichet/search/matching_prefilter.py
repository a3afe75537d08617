"""The cheap first pass of scheme matching: which open schemes a firm certainly fails.

Published schemes not closed on the day are read once, a few narrow columns each, with the
territory codes that concern the firm; headcount, years of existence and territory are
then checked in Python. A scheme is dropped only when ``eligibility.check`` would certainly
find it not eligible; the others are candidates, checked criterion by criterion later.

One pass over the open schemes instead of several SQL scans (candidates, their count, the
ruled out, their count): at 10,000 schemes each scan reads every wide row again. The few
columns it needs are kept in memory at one version of the data (``_read``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from guichet.catalogue.models import Scheme, SchemeTerritory
from guichet.search.eligibility import full_years
from guichet.search.profile import FirmProfile
from guichet.search.selectors import data_version
from guichet.territories.selectors import municipal_arrondissements


@dataclass(frozen=True)
class Prefiltered:
    candidates: list[int]  # newest first
    ruled_out: list[tuple[str, int]]  # (title, id), in title order
    local: set[int] = field(default_factory=set)  # candidates for the firm's own territory


def arrondissement_codes(commune_code: str) -> list[str]:
    return [
        f"COM-{code}"
        for code, row in municipal_arrondissements().items()
        if row["commune"] == commune_code
    ]


@dataclass(frozen=True)
class _Read:
    """The narrow columns of the published schemes and every territory code, as read."""

    # pk, title, headcount min and max, years of existence, closing time (POSIX seconds).
    schemes: list[tuple[int, str, int | None, int | None, int | None, float | None]]
    territories: list[tuple[int, str, bool]]


# synthetic → (data version, what was read at it); replaced whole, never mutated.
_MEMO: dict[bool, tuple[Any, _Read]] = {}
MEMO_MAX_SCHEMES = 200_000


def _read(synthetic: bool) -> _Read:
    """The published schemes' narrow columns and the territory codes, kept in memory at one
    version of the data (``selectors.data_version``: every write to a scheme or its
    territories moves it), so that matching does not scan the wide scheme rows each time."""
    version = data_version()
    held = _MEMO.get(synthetic)
    if version is not None and held is not None and held[0] == version:
        return held[1]
    schemes = Scheme.objects.published().filter(is_synthetic=synthetic)
    rows = schemes.values_list(
        "pk", "title", "headcount_min", "headcount_max", "min_years_existence", "closes_at"
    )
    read = _Read(
        [(*row[:5], row[5].timestamp() if row[5] is not None else None) for row in rows],
        list(SchemeTerritory.objects.values_list("scheme_id", "code", "excluded")),
    )
    if version is not None and len(read.schemes) <= MEMO_MAX_SCHEMES:
        _MEMO[synthetic] = (version, read)
    return read


def prefilter(profile: FirmProfile, on: datetime.date, *, synthetic: bool) -> Prefiltered:
    """The open schemes split into candidates and those certainly failed (cheap criteria)."""
    read = _read(synthetic)
    day_start = timezone.make_aware(datetime.datetime.combine(on, datetime.time.min)).timestamp()
    failing, local = _territories(profile, read.territories)
    headcount = profile.headcount
    age = full_years(profile.created, on) if profile.created is not None else None
    candidates: list[int] = []
    ruled_out: list[tuple[str, int]] = []
    for pk, title, low, high, years, closes_at in read.schemes:
        if closes_at is not None and closes_at < day_start:
            continue  # closed: neither proposed nor left out
        fails = (
            pk in failing
            or (headcount is not None and low is not None and headcount < low)
            or (headcount is not None and high is not None and headcount > high)
            or (age is not None and years is not None and age < years)
        )
        if fails:
            ruled_out.append((title, pk))
        else:
            candidates.append(pk)
    candidates.sort(reverse=True)
    ruled_out.sort()
    return Prefiltered(candidates, ruled_out, local & set(candidates))


def _territories(
    profile: FirmProfile, territories: list[tuple[int, str, bool]]
) -> tuple[set[int], set[int]]:
    """Schemes the firm's place certainly fails, and those naming its own territory.

    Failing: excluding one of the firm's codes, or (for a known commune) naming codes that
    all miss it. The catalogue's forms and import accept only readable codes (PAYS-, REG-,
    DEP-, COM- of a commune), so no other code can cover the firm."""
    place = profile.place
    if place is None:
        return set(), set()
    codes = set(place.territory_codes)
    covering = codes | set(arrondissement_codes(place.commune_code) if place.commune_code else ())
    narrow = {code for code in covering if not code.startswith("PAYS-")}
    failing: set[int] = set()
    covered: set[int] = set()
    elsewhere: set[int] = set()
    local: set[int] = set()
    for scheme_id, code, excluded in territories:
        if excluded:
            if code in codes:
                failing.add(scheme_id)
        elif code in covering:
            covered.add(scheme_id)
            if code in narrow:
                local.add(scheme_id)
        else:
            elsewhere.add(scheme_id)
    if place.is_precise and place.commune_code:
        failing |= elsewhere - covered
    return failing, local
