"""Rules of the eligibility engine that hold for every profile and every scheme (hypothesis)."""

from __future__ import annotations

import dataclasses
import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from guichet.organisations.naf import DIVISIONS, SECTIONS, parse_naf
from guichet.search.eligibility import SchemeRules, check
from guichet.search.eligibility_geography import TerritoryNames
from guichet.search.eligibility_verdicts import Criterion, Eligibility, Verdict
from guichet.search.profile import FirmPlace, FirmProfile, LegalForm
from guichet.search.profile_legal_forms import LABELS, labels_for_insee_code, with_broader
from guichet.territories.models import Commune
from guichet.territories.selectors import FRANCE, territory_codes_for_commune

ON = datetime.date(2026, 3, 1)
RANK = {Verdict.NOT_ELIGIBLE: 0, Verdict.TO_CHECK: 1, Verdict.ELIGIBLE: 2}
NAMES = TerritoryNames()

COMMUNES = [
    ("13055", "13", "93"),
    ("05061", "05", "93"),
    ("2A004", "2A", "94"),
    ("2B033", "2B", "94"),
    ("97105", "971", "01"),
    ("97411", "974", "04"),
    ("97502", "975", "975"),
    ("75056", "75", "11"),
]
GEO_CODES = sorted(
    {
        FRANCE,
        "PAYS-99134",
        "EPCI-200054807",
        "COM-13201",
        *(f"COM-{c}" for c, _, _ in COMMUNES),
        *(f"DEP-{d}" for _, d, _ in COMMUNES),
        *(f"REG-{r}" for _, _, r in COMMUNES),
    }
)
INSEE_CODES = ["1000", "5202", "5308", "5432", "5498", "5499", "5710", "5720", "6540", "9220"]
FORM_LABELS = [*LABELS, "SCOP"]


def _precise(code: str, department: str, region: str) -> FirmPlace:
    commune = Commune(code=code, name=code, department_id=department, region_id=region)
    return FirmPlace(
        code=code,
        label=code,
        territory_codes=frozenset(territory_codes_for_commune(commune)),
        commune_code=code,
        department_code=department,
        region_code=region,
    )


def _department_only(department: str, region: str) -> FirmPlace:
    return FirmPlace(
        code="00000",
        label="plusieurs communes",
        territory_codes=frozenset({FRANCE, f"DEP-{department}", f"REG-{region}"}),
        department_code=department,
        region_code=region,
    )


places = st.one_of(
    st.sampled_from([_precise(*c) for c in COMMUNES]),
    st.sampled_from([_department_only(d, r) for _, d, r in COMMUNES]),
)
legal_forms = st.one_of(
    st.sampled_from(INSEE_CODES).map(
        lambda code: LegalForm(code, with_broader(labels_for_insee_code(code)), code)
    ),
    st.just(LegalForm("1000", with_broader(frozenset({"Microentrepreneur"})), "micro")),
)
firm_naf = st.builds(
    lambda division, group, klass, letter: f"{division}.{group}{klass}{letter}",
    st.sampled_from(sorted(DIVISIONS)),
    st.integers(0, 9),
    st.integers(0, 9),
    st.sampled_from("ABZ"),
)
scheme_naf = st.one_of(
    st.sampled_from(sorted(SECTIONS)),
    firm_naf.flatmap(lambda code: st.sampled_from([code[:2], code[:4], code[:5], code])),
    st.just("not a code"),
)
days = st.dates(datetime.date(1990, 1, 1), datetime.date(2026, 3, 1))
profiles = st.builds(
    FirmProfile,
    naf=st.one_of(st.none(), firm_naf.map(parse_naf)),
    headcount=st.one_of(st.none(), st.integers(0, 6000)),
    created=st.one_of(st.none(), days),
    legal_form=st.one_of(st.none(), legal_forms),
    place=st.one_of(st.none(), places),
)
code_sets = st.frozensets(st.sampled_from(GEO_CODES), max_size=3)
rules = st.builds(
    SchemeRules,
    territories=code_sets,
    excluded_territories=code_sets,
    audiences=st.frozensets(
        st.sampled_from(["professionnels", "particuliers", "associations", "secteur public"]),
        max_size=2,
    ),
    opens_on=st.one_of(st.none(), st.dates(datetime.date(2025, 1, 1), datetime.date(2027, 1, 1))),
    closes_on=st.one_of(st.none(), st.dates(datetime.date(2025, 1, 1), datetime.date(2027, 1, 1))),
    headcount_min=st.one_of(st.none(), st.integers(0, 300)),
    headcount_max=st.one_of(st.none(), st.integers(0, 6000)),
    size_categories=st.frozensets(st.sampled_from(["MIC", "PME", "ETI", "GE"])),
    min_years=st.one_of(st.none(), st.integers(0, 10)),
    legal_forms=st.lists(st.sampled_from(FORM_LABELS), max_size=3).map(tuple),
    legal_forms_excluded=st.lists(st.sampled_from(FORM_LABELS), max_size=2).map(tuple),
    naf_included=st.lists(scheme_naf, max_size=3).map(tuple),
    naf_excluded=st.lists(scheme_naf, max_size=2).map(tuple),
    eligibility_text=st.sampled_from(["", "Projet d'IA."]),
)


def evaluate(profile: FirmProfile, scheme: SchemeRules) -> Eligibility:
    return check(profile, scheme, on=ON, names=NAMES)


@settings(max_examples=300, deadline=None)
@given(profile=profiles, scheme=rules)
def test_scheme_is_never_eligible_when_a_criterion_fails(
    profile: FirmProfile, scheme: SchemeRules
) -> None:
    """The scheme's verdict follows its criteria: one failure is enough, to-checks hold back."""
    result = evaluate(profile, scheme)
    verdicts = [c.verdict for c in result.criteria]
    if Verdict.NOT_ELIGIBLE in verdicts:
        assert result.verdict == Verdict.NOT_ELIGIBLE
    elif any(c.verdict == Verdict.TO_CHECK and not c.informative for c in result.criteria):
        assert result.verdict == Verdict.TO_CHECK
    else:
        assert result.verdict == Verdict.ELIGIBLE
    assert all(c.reason for c in result.criteria)


@settings(max_examples=300, deadline=None)
@given(
    profile=profiles,
    scheme=rules,
    territory=st.sampled_from(GEO_CODES),
    form=st.sampled_from(FORM_LABELS),
    naf=scheme_naf,
)
def test_adding_an_exclusion_never_improves_the_verdict(
    profile: FirmProfile, scheme: SchemeRules, territory: str, form: str, naf: str
) -> None:
    """An extra excluded territory, legal form or NAF code never turns a verdict better."""
    before = RANK[evaluate(profile, scheme).verdict]
    stricter = [
        dataclasses.replace(scheme, excluded_territories=scheme.excluded_territories | {territory}),
        dataclasses.replace(scheme, legal_forms_excluded=(*scheme.legal_forms_excluded, form)),
        dataclasses.replace(scheme, naf_excluded=(*scheme.naf_excluded, naf)),
    ]
    for variant in stricter:
        assert RANK[evaluate(profile, variant).verdict] <= before


@settings(max_examples=300, deadline=None)
@given(
    profile=profiles,
    scheme=rules,
    forget=st.sets(st.sampled_from(["naf", "headcount", "created", "legal_form", "place"])),
)
def test_a_failure_on_missing_data_holds_once_the_data_is_known(
    profile: FirmProfile, scheme: SchemeRules, forget: set[str]
) -> None:
    """Not eligible on a partial profile stays not eligible on the full one, criterion by criterion:
    the engine only fails a firm for what it knows."""
    partial = dataclasses.replace(profile, **dict.fromkeys(forget))  # type: ignore[arg-type]
    full = evaluate(profile, scheme)
    for line in evaluate(partial, scheme).failures:
        known = full.of(line.criterion)
        assert known is not None and known.verdict == Verdict.NOT_ELIGIBLE, line


@settings(max_examples=200, deadline=None)
@given(scheme=rules)
def test_an_empty_profile_fails_only_on_what_is_not_about_the_firm(scheme: SchemeRules) -> None:
    """Knowing nothing of the firm, only dates, geography and audience can fail."""
    for line in evaluate(FirmProfile(), scheme).failures:
        assert line.criterion in {Criterion.DATES, Criterion.GEOGRAPHY, Criterion.AUDIENCE}
