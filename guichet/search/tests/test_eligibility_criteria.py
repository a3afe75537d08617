"""The eligibility engine criterion by criterion, and the scheme's verdict from them."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from guichet.catalogue.models import Audience, Scheme, SchemeTerritory
from guichet.catalogue.workflow import Status
from guichet.organisations.naf import parse_naf
from guichet.organisations.tests.factories import OrganisationFactory
from guichet.search.eligibility import SchemeRules, check, full_years
from guichet.search.eligibility_verdicts import Criterion, CriterionVerdict, Eligibility, Verdict
from guichet.search.profile import FirmProfile, LegalForm, parse_profile
from guichet.search.profile_legal_forms import labels_for_insee_code, with_broader

ON = datetime.date(2026, 3, 1)


def verdict_of(profile: FirmProfile, criterion: Criterion, **rules: object) -> CriterionVerdict:
    result = check(profile, SchemeRules(**rules), on=ON).of(criterion)  # type: ignore[arg-type]
    assert result is not None, f"no verdict for {criterion}"
    return result


def legal(code: str) -> LegalForm:
    return LegalForm(code, with_broader(labels_for_insee_code(code)), code)


def firm(**facts: object) -> FirmProfile:
    return parse_profile(facts, today=ON)


# --- headcount --------------------------------------------------------------------------------


def test_headcount_above_the_maximum_fails_with_the_maximum() -> None:
    """300 people against a maximum of 250: not eligible, « effectif maximal 250 »."""
    result = verdict_of(firm(headcount=300), Criterion.HEADCOUNT, headcount_max=250)
    assert result.verdict == Verdict.NOT_ELIGIBLE
    assert result.reason == "effectif maximal 250 (le vôtre : 300)"


def test_headcount_bounds_are_inclusive() -> None:
    """The minimum and maximum themselves are eligible."""
    for headcount in (10, 249):
        result = verdict_of(
            firm(headcount=headcount), Criterion.HEADCOUNT, headcount_min=10, headcount_max=249
        )
        assert result.verdict == Verdict.ELIGIBLE


def test_headcount_below_the_minimum_fails() -> None:
    """3 people against a minimum of 10: not eligible."""
    result = verdict_of(firm(headcount=3), Criterion.HEADCOUNT, headcount_min=10)
    assert result.verdict == Verdict.NOT_ELIGIBLE
    assert result.reason == "effectif minimal 10 (le vôtre : 3)"


def test_unknown_headcount_is_to_check() -> None:
    """No headcount in the profile: to check, not informative, saying what is required."""
    result = verdict_of(FirmProfile(), Criterion.HEADCOUNT, headcount_max=250)
    assert result.verdict == Verdict.TO_CHECK
    assert not result.informative
    assert "effectif maximal 250" in result.reason


def test_siret_alone_says_it_cannot_tell() -> None:
    """With a SIRET only, a "to check" reason says the SIRET alone does not give the fact."""
    result = verdict_of(firm(siret="73282932000074"), Criterion.HEADCOUNT, headcount_max=250)
    assert result.verdict == Verdict.TO_CHECK
    assert "le SIRET seul ne permet pas de le connaître" in result.reason


def test_no_headcount_bound_means_no_headcount_line() -> None:
    """A scheme without headcount bounds has no headcount criterion."""
    assert check(firm(headcount=3), SchemeRules(), on=ON).of(Criterion.HEADCOUNT) is None


# --- size category ----------------------------------------------------------------------------


def test_size_category_from_headcount_says_so() -> None:
    """12 people is a PME for a PME scheme, and the reason says only the headcount was used."""
    result = verdict_of(firm(headcount=12), Criterion.SIZE_CATEGORY, size_categories={"PME"})
    assert result.verdict == Verdict.ELIGIBLE
    assert "d'après votre seul effectif (12 salariés)" in result.reason
    assert "chiffre d'affaires et bilan non vérifiés" in result.reason


def test_micro_entreprise_counts_as_a_pme() -> None:
    """5 people (micro-entreprise) is eligible to a scheme for PME."""
    result = verdict_of(firm(headcount=5), Criterion.SIZE_CATEGORY, size_categories={"PME"})
    assert result.verdict == Verdict.ELIGIBLE


def test_pme_is_not_a_micro_entreprise() -> None:
    """50 people is not eligible to a scheme for micro-entreprises only."""
    result = verdict_of(firm(headcount=50), Criterion.SIZE_CATEGORY, size_categories={"MIC"})
    assert result.verdict == Verdict.NOT_ELIGIBLE


def test_headcount_above_the_categories_is_a_certain_failure() -> None:
    """300 people is at least an ETI: not eligible to MIC|PME, whatever the turnover."""
    result = verdict_of(
        firm(headcount=300), Criterion.SIZE_CATEGORY, size_categories={"MIC", "PME"}
    )
    assert result.verdict == Verdict.NOT_ELIGIBLE


def test_headcount_below_the_categories_is_to_check() -> None:
    """5 people for an ETI|GE scheme: only finances could make it one, so to check."""
    result = verdict_of(firm(headcount=5), Criterion.SIZE_CATEGORY, size_categories={"ETI", "GE"})
    assert result.verdict == Verdict.TO_CHECK


def test_all_four_categories_is_no_restriction() -> None:
    """MIC|PME|ETI|GE restricts nothing: no size line."""
    rules = SchemeRules(size_categories=frozenset({"MIC", "PME", "ETI", "GE"}))
    assert check(FirmProfile(), rules, on=ON).of(Criterion.SIZE_CATEGORY) is None


# --- years of existence -----------------------------------------------------------------------


def test_full_years_count_anniversaries() -> None:
    """Created 2023-03-02, on 2026-03-01 the firm is 2 full years old; the next day, 3."""
    assert full_years(datetime.date(2023, 3, 2), ON) == 2
    assert full_years(datetime.date(2023, 3, 1), ON) == 3


def test_too_young_firm_fails() -> None:
    """A firm of 2 years is not eligible to a scheme requiring 3."""
    result = verdict_of(firm(created="2023-06-01"), Criterion.YEARS_OF_EXISTENCE, min_years=3)
    assert result.verdict == Verdict.NOT_ELIGIBLE
    assert result.reason == "au moins 3 ans d'existence (la vôtre : 2 ans)"


def test_old_enough_firm_is_eligible_and_unknown_date_to_check() -> None:
    """5 years against 3 is eligible; no creation date is to check."""
    assert (
        verdict_of(firm(created="2021-01-15"), Criterion.YEARS_OF_EXISTENCE, min_years=3).verdict
        == Verdict.ELIGIBLE
    )
    assert (
        verdict_of(FirmProfile(), Criterion.YEARS_OF_EXISTENCE, min_years=3).verdict
        == Verdict.TO_CHECK
    )


# --- legal form -------------------------------------------------------------------------------


def test_insee_code_maps_to_the_schema_label() -> None:
    """5710 is a SAS, accepted by a SAS|SARL scheme."""
    result = verdict_of(
        FirmProfile(legal_form=legal("5710")), Criterion.LEGAL_FORM, legal_forms=("SAS", "SARL")
    )
    assert result.verdict == Verdict.ELIGIBLE


def test_legal_form_not_listed_fails_with_the_list() -> None:
    """A SNC (5202) is not eligible to a SAS|SARL scheme."""
    result = verdict_of(
        FirmProfile(legal_form=legal("5202")), Criterion.LEGAL_FORM, legal_forms=("SAS", "SARL")
    )
    assert result.verdict == Verdict.NOT_ELIGIBLE
    assert "SAS" in result.reason and "SARL" in result.reason


def test_eurl_is_a_sarl_and_sasu_a_sas() -> None:
    """5498 (EURL) counts as SARL, 5720 (SASU) as SAS: included and excluded alike."""
    eurl = FirmProfile(legal_form=legal("5498"))
    sasu = FirmProfile(legal_form=legal("5720"))
    assert verdict_of(eurl, Criterion.LEGAL_FORM, legal_forms=("SARL",)).verdict == Verdict.ELIGIBLE
    assert verdict_of(sasu, Criterion.LEGAL_FORM, legal_forms=("SAS",)).verdict == Verdict.ELIGIBLE
    excluded = verdict_of(eurl, Criterion.LEGAL_FORM, legal_forms_excluded=("SARL",))
    assert excluded.verdict == Verdict.NOT_ELIGIBLE


def test_exclusion_wins_over_inclusion_for_legal_forms() -> None:
    """EI listed and excluded: an EI is not eligible."""
    result = verdict_of(
        FirmProfile(legal_form=legal("1000")),
        Criterion.LEGAL_FORM,
        legal_forms=("EI", "SAS"),
        legal_forms_excluded=("EI",),
    )
    assert result.verdict == Verdict.NOT_ELIGIBLE


def test_an_ei_may_or_may_not_be_a_micro_entrepreneur() -> None:
    """INSEE 1000 against a Microentrepreneur-only scheme, or one excluding them: to check."""
    ei = FirmProfile(legal_form=legal("1000"))
    only = verdict_of(ei, Criterion.LEGAL_FORM, legal_forms=("Microentrepreneur",))
    assert only.verdict == Verdict.TO_CHECK
    assert "micro-entrepreneur" in only.reason
    excluding = verdict_of(ei, Criterion.LEGAL_FORM, legal_forms_excluded=("Microentrepreneur",))
    assert excluding.verdict == Verdict.TO_CHECK


def test_declared_micro_entrepreneur_is_settled() -> None:
    """A profile saying « Microentrepreneur » is eligible to EI schemes, excluded when they are."""
    micro = firm(legal_form="micro-entrepreneur")
    assert verdict_of(micro, Criterion.LEGAL_FORM, legal_forms=("EI",)).verdict == Verdict.ELIGIBLE
    result = verdict_of(micro, Criterion.LEGAL_FORM, legal_forms_excluded=("Microentrepreneur",))
    assert result.verdict == Verdict.NOT_ELIGIBLE


def test_form_without_a_schema_label_is_refused_by_a_known_list() -> None:
    """A SCI (6540) has no schema label: not eligible to SAS|SARL, eligible when only EI is out."""
    sci = FirmProfile(legal_form=legal("6540"))
    assert (
        verdict_of(sci, Criterion.LEGAL_FORM, legal_forms=("SAS", "SARL")).verdict
        == Verdict.NOT_ELIGIBLE
    )
    assert (
        verdict_of(sci, Criterion.LEGAL_FORM, legal_forms_excluded=("EI",)).verdict
        == Verdict.ELIGIBLE
    )


def test_label_the_guichet_cannot_read_is_to_check() -> None:
    """A scheme listing « SCOP » (not a schema label we know) is to check for a SCI."""
    result = verdict_of(
        FirmProfile(legal_form=legal("6540")), Criterion.LEGAL_FORM, legal_forms=("SCOP",)
    )
    assert result.verdict == Verdict.TO_CHECK


def test_unknown_legal_form_is_to_check() -> None:
    """No legal form in the profile: to check."""
    result = verdict_of(FirmProfile(), Criterion.LEGAL_FORM, legal_forms=("SAS",))
    assert result.verdict == Verdict.TO_CHECK


# --- NAF --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme_code", "expected"),
    [
        ("J", Verdict.ELIGIBLE),  # section
        ("62", Verdict.ELIGIBLE),  # division
        ("62.0", Verdict.ELIGIBLE),  # group
        ("62.01", Verdict.ELIGIBLE),  # class
        ("62.01Z", Verdict.ELIGIBLE),  # sub-class
        ("6201Z", Verdict.ELIGIBLE),  # sub-class without its dot
        ("C", Verdict.NOT_ELIGIBLE),
        ("63", Verdict.NOT_ELIGIBLE),
        ("62.1", Verdict.NOT_ELIGIBLE),
        ("62.02", Verdict.NOT_ELIGIBLE),
        ("62.02A", Verdict.NOT_ELIGIBLE),
    ],
)
def test_naf_included_at_each_level(scheme_code: str, expected: Verdict) -> None:
    """A 62.01Z firm is in J, 62, 62.0, 62.01 and 62.01Z, not in C, 63, 62.1, 62.02."""
    profile = FirmProfile(naf=parse_naf("62.01Z"))
    assert verdict_of(profile, Criterion.NAF, naf_included=(scheme_code,)).verdict == expected


@pytest.mark.parametrize("scheme_code", ["J", "62", "62.0", "62.01", "62.01Z"])
def test_naf_excluded_at_each_level(scheme_code: str) -> None:
    """A 62.01Z firm is excluded by J, 62, 62.0, 62.01 or 62.01Z, even if also targeted."""
    profile = FirmProfile(naf=parse_naf("62.01Z"))
    result = verdict_of(profile, Criterion.NAF, naf_included=("J",), naf_excluded=(scheme_code,))
    assert result.verdict == Verdict.NOT_ELIGIBLE
    assert result.reason.startswith("activité exclue")


def test_naf_failure_names_the_targeted_activities() -> None:
    """The reason lists the targeted codes with their names."""
    result = verdict_of(
        FirmProfile(naf=parse_naf("62.01Z")), Criterion.NAF, naf_included=("C", "55")
    )
    assert result.reason == (
        "réservé aux activités C (Industrie manufacturière), 55 (Hébergement) (le vôtre : 62.01Z)"
    )


def test_coarse_firm_code_is_to_check_against_a_finer_scheme_code() -> None:
    """A firm known by its division 62 against a 62.01Z scheme: to check."""
    result = verdict_of(FirmProfile(naf=parse_naf("62")), Criterion.NAF, naf_included=("62.01Z",))
    assert result.verdict == Verdict.TO_CHECK
    assert "code NAF complet" in result.reason


def test_unknown_naf_is_to_check() -> None:
    """No NAF code in the profile: to check."""
    result = verdict_of(FirmProfile(), Criterion.NAF, naf_excluded=("56.1",))
    assert result.verdict == Verdict.TO_CHECK


# --- dates, audience, free text ---------------------------------------------------------------


def test_closed_scheme_is_not_eligible() -> None:
    """A scheme closed the day before is not eligible, with its closing date."""
    result = verdict_of(FirmProfile(), Criterion.DATES, closes_on=datetime.date(2026, 2, 28))
    assert result.verdict == Verdict.NOT_ELIGIBLE
    assert result.reason == "clôturé le 28 février 2026"


def test_scheme_closing_today_is_still_open() -> None:
    """Closing on the reference day: still eligible."""
    assert verdict_of(FirmProfile(), Criterion.DATES, closes_on=ON).verdict == Verdict.ELIGIBLE


def test_scheme_not_open_yet_is_an_informative_to_check() -> None:
    """Opening later: to check for information, so the scheme can still be eligible."""
    rules = SchemeRules(opens_on=datetime.date(2026, 4, 1), territories=frozenset({"PAYS-99100"}))
    result = check(FirmProfile(), rules, on=ON)
    dates = result.of(Criterion.DATES)
    assert dates is not None and dates.verdict == Verdict.TO_CHECK and dates.informative
    assert result.verdict == Verdict.ELIGIBLE


def test_scheme_for_individuals_only_is_not_eligible() -> None:
    """A scheme for « particuliers » only is not eligible to a firm."""
    result = verdict_of(FirmProfile(), Criterion.AUDIENCE, audiences=frozenset({"particuliers"}))
    assert result.verdict == Verdict.NOT_ELIGIBLE
    assert result.reason == "réservé aux particuliers"


def test_association_is_eligible_to_a_scheme_for_associations() -> None:
    """INSEE 9220 (association déclarée) gets the « associations » audience."""
    profile = FirmProfile(legal_form=legal("9220"))
    result = verdict_of(profile, Criterion.AUDIENCE, audiences=frozenset({"associations"}))
    assert result.verdict == Verdict.ELIGIBLE


def test_scheme_for_associations_is_to_check_without_a_legal_form() -> None:
    """Without a legal form, the firm may be an association: to check, not a failure."""
    result = verdict_of(FirmProfile(), Criterion.AUDIENCE, audiences=frozenset({"associations"}))
    assert result.verdict == Verdict.TO_CHECK
    sas = FirmProfile(legal_form=legal("5710"))
    refused = verdict_of(sas, Criterion.AUDIENCE, audiences=frozenset({"associations"}))
    assert refused.verdict == Verdict.NOT_ELIGIBLE


def test_free_text_conditions_are_an_informative_to_check() -> None:
    """The carrier's own words are quoted as « to check », informative."""
    result = verdict_of(
        FirmProfile(), Criterion.OTHER_CONDITIONS, eligibility_text="Projet   d'IA\nen PME."
    )
    assert result.verdict == Verdict.TO_CHECK and result.informative
    assert result.reason == "conditions rédigées par le porteur, à lire : « Projet d'IA en PME. »"


# --- the scheme's verdict ---------------------------------------------------------------------


def _line(verdict: Verdict, *, informative: bool = False) -> CriterionVerdict:
    return CriterionVerdict(Criterion.NAF, verdict, "", informative)


def test_one_failure_makes_the_scheme_not_eligible() -> None:
    """Any failing criterion wins over eligible and to-check ones."""
    lines = (_line(Verdict.ELIGIBLE), _line(Verdict.TO_CHECK), _line(Verdict.NOT_ELIGIBLE))
    assert Eligibility(lines).verdict == Verdict.NOT_ELIGIBLE


def test_a_real_to_check_makes_the_scheme_to_check() -> None:
    """A non-informative to-check, no failure: to check."""
    lines = (_line(Verdict.ELIGIBLE), _line(Verdict.TO_CHECK))
    assert Eligibility(lines).verdict == Verdict.TO_CHECK


def test_informative_to_checks_keep_the_scheme_eligible() -> None:
    """Only informative to-checks (free text, not open yet): eligible."""
    lines = (_line(Verdict.ELIGIBLE), _line(Verdict.TO_CHECK, informative=True))
    assert Eligibility(lines).verdict == Verdict.ELIGIBLE


def test_scheme_without_any_criterion_is_eligible() -> None:
    """No criterion at all restricts nothing."""
    assert Eligibility(()).verdict == Verdict.ELIGIBLE


@pytest.mark.django_db
def test_rules_are_read_from_a_scheme() -> None:
    """SchemeRules.of reads territories, exclusions, audiences, dates and every criterion."""
    scheme = Scheme.objects.create(
        owner=OrganisationFactory.create(),
        slug="aide-ia",
        title="Aide IA",
        status=Status.PUBLISHED,
        closes_at=timezone.make_aware(datetime.datetime(2026, 6, 30, 23, 0)),
        headcount_max=249,
        size_categories=["pme"],
        min_years_existence=1,
        legal_forms=["SAS"],
        naf_excluded=["K"],
        eligibility_text="Un projet d'IA.",
    )
    SchemeTerritory.objects.create(scheme=scheme, code="REG-93")
    SchemeTerritory.objects.create(scheme=scheme, code="DEP-05", excluded=True)
    scheme.audiences.add(Audience.objects.get(code="professionnels"))
    rules = SchemeRules.of(scheme)
    assert rules.territories == {"REG-93"}
    assert rules.excluded_territories == {"DEP-05"}
    assert rules.audiences == {"professionnels"}
    assert rules.closes_on == datetime.date(2026, 6, 30)
    assert rules.size_categories == {"PME"}
    result = check(
        firm(headcount=12, legal_form="5710", naf="62.01Z", created="2020-01-01"), rules, on=ON
    )
    assert [c.criterion for c in result.criteria] == [
        Criterion.DATES,
        Criterion.GEOGRAPHY,
        Criterion.AUDIENCE,
        Criterion.HEADCOUNT,
        Criterion.SIZE_CATEGORY,
        Criterion.YEARS_OF_EXISTENCE,
        Criterion.LEGAL_FORM,
        Criterion.NAF,
        Criterion.OTHER_CONDITIONS,
    ]
    geography = result.of(Criterion.GEOGRAPHY)
    assert geography is not None and geography.verdict == Verdict.TO_CHECK  # no commune given
    assert result.verdict == Verdict.TO_CHECK
