"""prefilter: the first pass drops only schemes the engine would find not eligible."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest
from django.utils import timezone

from guichet.catalogue.models import Scheme, SchemeTerritory
from guichet.catalogue.workflow import Status
from guichet.organisations.tests.factories import OrganisationFactory
from guichet.search.eligibility import SchemeRules, check
from guichet.search.eligibility_verdicts import Verdict
from guichet.search.matching import prefilter
from guichet.search.profile import FirmProfile, parse_profile
from guichet.territories.models import Commune

TODAY = datetime.date(2026, 3, 1)
GEOGRAPHIES: list[tuple[list[str], list[str]]] = [
    (["PAYS-99100"], []),
    (["PAYS-99100"], ["DEP-05"]),
    (["PAYS-99100"], ["REG-94"]),
    (["REG-93"], []),
    (["REG-93"], ["COM-13055"]),
    (["DEP-2A"], []),
    (["COM-13055"], []),
    (["COM-13201"], []),
    ([], []),
]
LIMITS: list[dict[str, Any]] = [
    {},
    {"headcount_max": 9},
    {"headcount_min": 10, "headcount_max": 249},
    {"min_years_existence": 3},
    {"closes_at": "yesterday"},
    {"closes_at": "today"},
]


@pytest.fixture
def schemes(db: None) -> list[Scheme]:
    for code, name, department, region in [
        ("13055", "Marseille", "13", "93"),
        ("05061", "Gap", "05", "93"),
        ("2A004", "Ajaccio", "2A", "94"),
    ]:
        Commune.objects.create(code=code, name=name, department_id=department, region_id=region)
    owner = OrganisationFactory.create()
    created = []
    end_of_today = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(18)))
    for number, ((included, excluded), limits) in enumerate(itertools.product(GEOGRAPHIES, LIMITS)):
        fields = dict(limits)
        if fields.get("closes_at") == "yesterday":
            fields["closes_at"] = end_of_today - datetime.timedelta(days=1)
        elif fields.get("closes_at") == "today":
            fields["closes_at"] = end_of_today
        scheme = Scheme.objects.create(
            owner=owner, slug=f"s-{number}", title=f"S{number}", status=Status.PUBLISHED, **fields
        )
        for code in included:
            SchemeTerritory.objects.create(scheme=scheme, code=code)
        for code in excluded:
            SchemeTerritory.objects.create(scheme=scheme, code=code, excluded=True)
        created.append(scheme)
    return created


PROFILES = [
    {},
    {"commune": "13055"},
    {"commune": "05061", "headcount": 5},
    {"commune": "2A004", "headcount": 50, "created": "2025-01-01"},
    {"headcount": 300, "created": "2010-05-05"},
    {"commune": "13055", "headcount": 9, "created": "2023-03-01"},
]


@pytest.mark.parametrize("facts", PROFILES)
def test_prefilter_keeps_every_scheme_not_certainly_failed(
    schemes: list[Scheme], facts: dict[str, Any]
) -> None:
    """Every scheme eligible or to check is among the candidates; only failures are dropped."""
    profile: FirmProfile = parse_profile(facts, today=TODAY)
    found = prefilter(profile, TODAY, synthetic=False)
    kept = set(found.candidates)
    assert kept.isdisjoint(pk for _title, pk in found.ruled_out)
    for scheme in Scheme.objects.prefetch_related("territories", "audiences"):
        verdict = check(profile, SchemeRules.of(scheme), on=TODAY).verdict
        if verdict != Verdict.NOT_ELIGIBLE:
            assert scheme.pk in kept, (scheme.title, verdict)
    assert len(kept) < len(schemes)


def test_prefilter_leaves_out_unpublished_synthetic_and_closed(schemes: list[Scheme]) -> None:
    """Drafts, synthetic schemes and schemes closed before the day are never candidates."""
    Scheme.objects.filter(pk=schemes[0].pk).update(status=Status.DRAFT)
    Scheme.objects.filter(pk=schemes[1].pk).update(is_synthetic=True)
    kept = set(prefilter(FirmProfile(), TODAY, synthetic=False).candidates)
    assert schemes[0].pk not in kept and schemes[1].pk not in kept
    closed = [s.pk for s in schemes if s.closes_at and timezone.localdate(s.closes_at) < TODAY]
    assert closed and not kept & set(closed)
    synthetic = prefilter(FirmProfile(), TODAY, synthetic=True)
    assert synthetic.candidates == [schemes[1].pk]


def test_first_pass_follows_every_write(schemes: list[Scheme]) -> None:
    """What the first pass keeps in memory follows a new ceiling, an exclusion, a closing."""
    profile = parse_profile({"commune": "13055", "headcount": 20}, today=TODAY)
    before = prefilter(profile, TODAY, synthetic=False)
    capped, excluding, closing = (Scheme.objects.get(pk=pk) for pk in before.candidates[:3])
    Scheme.objects.filter(pk=capped.pk).update(headcount_max=9)
    SchemeTerritory.objects.create(scheme=excluding, code="DEP-13", excluded=True)
    closing.closes_at = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(9)))
    closing.closes_at -= datetime.timedelta(days=2)
    closing.save()
    after = prefilter(profile, TODAY, synthetic=False)
    ruled_out = {pk for _title, pk in after.ruled_out}
    assert {capped.pk, excluding.pk} <= ruled_out
    assert closing.pk not in after.candidates and closing.pk not in ruled_out
    assert prefilter(profile, TODAY, synthetic=False) == after
