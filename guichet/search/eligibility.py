"""The eligibility engine: a firm's profile against a scheme's criteria, one by one.

``check(profile, rules, on=day)`` gives an ``Eligibility``: one ``CriterionVerdict`` for each
criterion the scheme sets (a criterion the scheme leaves empty gets no line), and the scheme's
verdict (rules in ``eligibility_verdicts``: one failure makes the scheme not eligible; a "to
check" that is not merely informative makes it "to check"). ``SchemeRules.of(scheme)`` reads the
criteria of a ``Scheme`` (prefetch ``territories`` and ``audiences`` for many).

Criteria and the choices made where the schema leaves room:
- dates: closed before ``on`` → not eligible; not open yet → informative "to check";
- geography: see ``eligibility_geography``;
- audience (``cibles``): a firm is "professionnels"; an association (INSEE 92xx, 93xx) also
  "associations", a public body (7xxx) "secteur public"; without a legal form, a scheme for
  associations or the public sector only is "to check"; a scheme with no audience is not
  restricted;
- headcount min/max, inclusive (``eligibilite_effectif_maximal``: above it, not eligible);
- size categories (MIC, PME, ETI, GE): the category comes from the headcount alone by INSEE's
  thresholds, since turnover and balance sheet are not in the profile; the reason says so.
  Financial ceilings can only move a firm *up*, so a headcount above every accepted category
  is a certain failure, while a headcount below them is "to check". A micro-entreprise counts
  as a PME (INSEE and the European definition include micro-entreprises among PME);
- years of existence: full years from the creation date to ``on``;
- legal forms included/excluded, on the schema's labels (``profile_legal_forms``); an EI may be
  a micro-entrepreneur or not, so a scheme naming micro-entrepreneurs only is "to check" for it;
- NAF included/excluded at any level (section letter, division, group, class, sub-class); the
  schema calls the included codes "prioritairement ciblés", we read them as a restriction (as
  the other criteria), so that a firm outside them is told so with the codes;
- free-text conditions (``eligibilite``): informative "to check", quoted.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format

from guichet.catalogue.models import Scheme
from guichet.organisations.naf import DIVISIONS, SECTIONS, NafCode, NafError, parse_naf
from guichet.organisations.sizes import SizeCategory
from guichet.search.eligibility_geography import TerritoryNames, check_geography
from guichet.search.eligibility_verdicts import Criterion, CriterionVerdict, Eligibility, Verdict
from guichet.search.profile import FirmProfile
from guichet.search.profile_legal_forms import label_for_text, label_name

PROFESSIONALS = "professionnels"
SIZE_CODES: dict[SizeCategory, str] = {
    SizeCategory.MICRO: "MIC",
    SizeCategory.PME: "PME",
    SizeCategory.ETI: "ETI",
    SizeCategory.GRANDE: "GE",
}
SIZE_RANK = {"MIC": 0, "PME": 1, "ETI": 2, "GE": 3}
SIZE_NAMES = {
    "MIC": "micro-entreprise",
    "PME": "PME",
    "ETI": "entreprise de taille intermédiaire (ETI)",
    "GE": "grande entreprise",
}
QUOTE_LENGTH = 300


@dataclass(frozen=True)
class SchemeRules:
    """The structured criteria of a scheme, as plain values (no database access)."""

    territories: frozenset[str] = frozenset()
    excluded_territories: frozenset[str] = frozenset()
    audiences: frozenset[str] = frozenset()
    opens_on: datetime.date | None = None
    closes_on: datetime.date | None = None
    headcount_min: int | None = None
    headcount_max: int | None = None
    size_categories: frozenset[str] = frozenset()
    min_years: int | None = None
    legal_forms: tuple[str, ...] = ()
    legal_forms_excluded: tuple[str, ...] = ()
    naf_included: tuple[str, ...] = ()
    naf_excluded: tuple[str, ...] = ()
    eligibility_text: str = ""

    @classmethod
    def of(cls, scheme: Scheme) -> SchemeRules:
        """The rules of a scheme instance (prefetch ``territories`` and ``audiences``)."""
        return cls.from_values(
            {name: getattr(scheme, name) for name in SCHEME_RULE_FIELDS},
            territories=[(t.code, t.excluded) for t in scheme.territories.all()],
            audiences=[a.code for a in scheme.audiences.all()],
        )

    @classmethod
    def from_values(
        cls,
        row: Mapping[str, Any],
        *,
        territories: Iterable[tuple[str, bool]],
        audiences: Iterable[str],
    ) -> SchemeRules:
        """The rules from a ``values(*SCHEME_RULE_FIELDS)`` row and the scheme's relations."""
        territories = list(territories)
        opens_at, closes_at = row["opens_at"], row["closes_at"]
        return cls(
            territories=frozenset(code for code, excluded in territories if not excluded),
            excluded_territories=frozenset(code for code, excluded in territories if excluded),
            audiences=frozenset(audiences),
            opens_on=timezone.localdate(opens_at) if opens_at else None,
            closes_on=timezone.localdate(closes_at) if closes_at else None,
            headcount_min=row["headcount_min"],
            headcount_max=row["headcount_max"],
            size_categories=frozenset(str(c).upper() for c in row["size_categories"] or ()),
            min_years=row["min_years_existence"],
            legal_forms=tuple(str(v) for v in row["legal_forms"] or ()),
            legal_forms_excluded=tuple(str(v) for v in row["legal_forms_excluded"] or ()),
            naf_included=tuple(str(v) for v in row["naf_included"] or ()),
            naf_excluded=tuple(str(v) for v in row["naf_excluded"] or ()),
            eligibility_text=row["eligibility_text"] or "",
        )


# The Scheme columns the rules read.
SCHEME_RULE_FIELDS = (
    "opens_at",
    "closes_at",
    "headcount_min",
    "headcount_max",
    "size_categories",
    "min_years_existence",
    "legal_forms",
    "legal_forms_excluded",
    "naf_included",
    "naf_excluded",
    "eligibility_text",
)


def check(
    profile: FirmProfile,
    rules: SchemeRules,
    *,
    on: datetime.date,
    names: TerritoryNames | None = None,
) -> Eligibility:
    """Every criterion of ``rules`` checked against ``profile`` on day ``on``."""
    verdicts = [
        _dates(rules, on),
        _geography(profile, rules, names or TerritoryNames()),
        _audience(profile, rules),
        _headcount(profile, rules),
        _size(profile, rules),
        _years(profile, rules, on),
        _legal_form(profile, rules),
        _naf(profile, rules),
        _other_conditions(rules),
    ]
    return Eligibility(tuple(v for v in verdicts if v is not None))


def _verdict(
    criterion: Criterion, verdict: Verdict, reason: str, *, informative: bool = False
) -> CriterionVerdict:
    return CriterionVerdict(criterion, verdict, reason, informative)


def _day(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def _dates(rules: SchemeRules, on: datetime.date) -> CriterionVerdict | None:
    if rules.opens_on is None and rules.closes_on is None:
        return None
    c = Criterion.DATES
    if rules.closes_on is not None and rules.closes_on < on:
        return _verdict(c, Verdict.NOT_ELIGIBLE, f"clôturé le {_day(rules.closes_on)}")
    if rules.opens_on is not None and rules.opens_on > on:
        return _verdict(
            c,
            Verdict.TO_CHECK,
            f"ouvre le {_day(rules.opens_on)} : candidature possible à partir de cette date",
            informative=True,
        )
    if rules.closes_on is not None:
        return _verdict(c, Verdict.ELIGIBLE, f"ouvert jusqu'au {_day(rules.closes_on)}")
    return _verdict(c, Verdict.ELIGIBLE, "ouvert")


def _geography(profile: FirmProfile, rules: SchemeRules, names: TerritoryNames) -> CriterionVerdict:
    verdict, reason = check_geography(
        profile.place, rules.territories, rules.excluded_territories, names
    )
    return _verdict(Criterion.GEOGRAPHY, verdict, reason)


AUDIENCE_NAMES = {
    "professionnels": "professionnels",
    "particuliers": "particuliers",
    "associations": "associations",
    "secteur public": "acteurs du secteur public",
}


def profile_audiences(profile: FirmProfile) -> frozenset[str]:
    audiences = {PROFESSIONALS}
    code = profile.legal_form.insee_code if profile.legal_form else None
    if code and code[:2] in {"92", "93"}:
        audiences.add("associations")
    if code and code.startswith("7"):
        audiences.add("secteur public")
    return frozenset(audiences)


def _audience(profile: FirmProfile, rules: SchemeRules) -> CriterionVerdict | None:
    if not rules.audiences:
        return None
    c = Criterion.AUDIENCE
    common = rules.audiences & profile_audiences(profile)
    if common:
        return _verdict(c, Verdict.ELIGIBLE, f"ouvert aux {_audience_names(common)}")
    wanted = f"réservé aux {_audience_names(rules.audiences)}"
    if profile.legal_form is None and rules.audiences & {"associations", "secteur public"}:
        # Only the legal form tells an association or a public body from a firm.
        return _verdict(
            c, Verdict.TO_CHECK, f"{wanted} ; forme juridique inconnue : {profile.unknown_hint()}"
        )
    return _verdict(c, Verdict.NOT_ELIGIBLE, wanted)


def _audience_names(codes: frozenset[str]) -> str:
    return ", ".join(AUDIENCE_NAMES.get(code, code) for code in sorted(codes))


def _people(count: int) -> str:
    return f"{count} salarié" if count <= 1 else f"{count} salariés"


def _headcount(profile: FirmProfile, rules: SchemeRules) -> CriterionVerdict | None:
    low, high = rules.headcount_min, rules.headcount_max
    if low is None and high is None:
        return None
    c = Criterion.HEADCOUNT
    if low is not None and high is not None:
        wanted = f"de {low} à {_people(high)}"
    elif low is not None:
        wanted = f"effectif minimal {low}"
    else:
        wanted = f"effectif maximal {high}"
    headcount = profile.headcount
    if headcount is None:
        hint = profile.unknown_hint()
        return _verdict(c, Verdict.TO_CHECK, f"{wanted} ; effectif inconnu : {hint}")
    yours = f"le vôtre : {headcount}"
    if low is not None and headcount < low:
        return _verdict(c, Verdict.NOT_ELIGIBLE, f"effectif minimal {low} ({yours})")
    if high is not None and headcount > high:
        return _verdict(c, Verdict.NOT_ELIGIBLE, f"effectif maximal {high} ({yours})")
    return _verdict(c, Verdict.ELIGIBLE, f"{wanted} ({yours})")


def _size(profile: FirmProfile, rules: SchemeRules) -> CriterionVerdict | None:
    wanted = {code for code in rules.size_categories if code in SIZE_RANK}
    if not wanted or wanted == set(SIZE_RANK):
        return None
    c = Criterion.SIZE_CATEGORY
    accepted = wanted | ({"MIC"} if "PME" in wanted else set())
    wanted_names = ", ".join(SIZE_NAMES[code] for code in sorted(wanted, key=SIZE_RANK.__getitem__))
    category = profile.size_category
    if category is None or profile.headcount is None:
        return _verdict(
            c,
            Verdict.TO_CHECK,
            f"réservé aux catégories {wanted_names} ; effectif inconnu : {profile.unknown_hint()}",
        )
    code = SIZE_CODES[category]
    from_headcount = f"d'après votre seul effectif ({_people(profile.headcount)})"
    if code in accepted:
        return _verdict(
            c,
            Verdict.ELIGIBLE,
            f"{SIZE_NAMES[code]} {from_headcount}, chiffre d'affaires et bilan non vérifiés",
        )
    if max(SIZE_RANK[a] for a in accepted) < SIZE_RANK[code]:
        return _verdict(
            c,
            Verdict.NOT_ELIGIBLE,
            f"réservé aux catégories {wanted_names} ; votre effectif "
            f"({_people(profile.headcount)}) fait de vous au moins une {SIZE_NAMES[code]}",
        )
    return _verdict(
        c,
        Verdict.TO_CHECK,
        f"réservé aux catégories {wanted_names} ; {SIZE_NAMES[code]} {from_headcount} : "
        "seuls votre chiffre d'affaires et votre bilan pourraient vous y classer",
    )


def full_years(start: datetime.date, on: datetime.date) -> int:
    years = on.year - start.year
    return years - 1 if (on.month, on.day) < (start.month, start.day) else years


def _years_text(count: int) -> str:
    return f"{count} an" if count <= 1 else f"{count} ans"


def _years(profile: FirmProfile, rules: SchemeRules, on: datetime.date) -> CriterionVerdict | None:
    if not rules.min_years:
        return None
    c = Criterion.YEARS_OF_EXISTENCE
    wanted = f"au moins {_years_text(rules.min_years)} d'existence"
    if profile.created is None:
        return _verdict(
            c, Verdict.TO_CHECK, f"{wanted} ; date de création inconnue : {profile.unknown_hint()}"
        )
    age = full_years(profile.created, on)
    yours = f"la vôtre : {_years_text(age)}"
    verdict = Verdict.ELIGIBLE if age >= rules.min_years else Verdict.NOT_ELIGIBLE
    return _verdict(c, verdict, f"{wanted} ({yours})")


def _legal_form(profile: FirmProfile, rules: SchemeRules) -> CriterionVerdict | None:
    if not rules.legal_forms and not rules.legal_forms_excluded:
        return None
    c = Criterion.LEGAL_FORM
    included = _labels(rules.legal_forms)
    excluded = _labels(rules.legal_forms_excluded)
    if profile.legal_form is None:
        return _verdict(
            c,
            Verdict.TO_CHECK,
            f"{_forms_wanted(included, excluded)} ; forme juridique inconnue : "
            f"{profile.unknown_hint()}",
        )
    form = profile.legal_form
    hit = sorted(form.labels & excluded)
    if hit:
        return _verdict(
            c, Verdict.NOT_ELIGIBLE, f"forme juridique exclue : {_names(hit)} ({form.name})"
        )
    doubts = []
    if form.may_be_microentrepreneur and "Microentrepreneur" in excluded:
        doubts.append(
            "le dispositif exclut les micro-entrepreneurs : vérifiez si votre entreprise "
            "individuelle relève de ce régime"
        )
    unreadable = sorted(label for label in excluded if label_for_text(label) is None)
    if unreadable:
        doubts.append(f"forme exclue que le guichet ne sait pas lire : {', '.join(unreadable)}")
    if included:
        allowed = form.labels & included
        if not allowed:
            if form.may_be_microentrepreneur and "Microentrepreneur" in included:
                doubts.append(
                    "réservé notamment aux micro-entrepreneurs : vérifiez si votre entreprise "
                    "individuelle relève de ce régime"
                )
            elif unknown := sorted(label for label in included if label_for_text(label) is None):
                doubts.append(
                    f"formes acceptées que le guichet ne sait pas lire : {', '.join(unknown)}"
                )
            else:
                return _verdict(
                    c,
                    Verdict.NOT_ELIGIBLE,
                    f"réservé aux formes juridiques {_names(sorted(included))} ({form.name})",
                )
    if doubts:
        return _verdict(c, Verdict.TO_CHECK, " ; ".join(doubts) + f" ({form.name})")
    if included:
        return _verdict(
            c, Verdict.ELIGIBLE, f"forme acceptée : {_names(sorted(form.labels & included))}"
        )
    return _verdict(c, Verdict.ELIGIBLE, f"{form.name} : forme juridique non exclue")


def _labels(values: tuple[str, ...]) -> frozenset[str]:
    """Schema labels as written by the scheme, normalised when known, kept raw otherwise."""
    return frozenset(label_for_text(value) or value.strip() for value in values if value.strip())


def _names(labels: list[str]) -> str:
    return ", ".join(label_name(label) for label in labels)


def _forms_wanted(included: frozenset[str], excluded: frozenset[str]) -> str:
    parts = []
    if included:
        parts.append(f"réservé aux formes juridiques {_names(sorted(included))}")
    if excluded:
        parts.append(f"formes exclues : {_names(sorted(excluded))}")
    return ", ".join(parts)


class Overlap(Enum):
    YES = "yes"
    NO = "no"
    MAYBE = "maybe"


def naf_overlap(scheme_code: str, firm: NafCode) -> Overlap:
    """Whether the firm's activity lies in a scheme's NAF code, of any level."""
    code = scheme_code.strip().upper()
    if len(code) == 1 and code in SECTIONS:
        return Overlap.YES if firm.section == code else Overlap.NO
    try:
        wanted = parse_naf(code).code
    except NafError:
        return Overlap.MAYBE
    if firm.code.startswith(wanted):
        return Overlap.YES
    if wanted.startswith(firm.code):
        return Overlap.MAYBE  # the firm's code is coarser ("62") than the scheme's ("62.01Z")
    return Overlap.NO


def naf_name(code: str) -> str:
    code = code.strip().upper()
    if code in SECTIONS:
        return f"{code} ({SECTIONS[code]})"
    try:
        naf = parse_naf(code)
    except NafError:
        return code
    return f"{naf.code} ({DIVISIONS[naf.division]})"


def _naf(profile: FirmProfile, rules: SchemeRules) -> CriterionVerdict | None:
    if not rules.naf_included and not rules.naf_excluded:
        return None
    c = Criterion.NAF
    included = ", ".join(naf_name(code) for code in rules.naf_included)
    excluded = ", ".join(naf_name(code) for code in rules.naf_excluded)
    if profile.naf is None:
        wanted = (
            f"activités ciblées : {included}" if included else f"activités exclues : {excluded}"
        )
        return _verdict(
            c, Verdict.TO_CHECK, f"{wanted} ; code NAF inconnu : {profile.unknown_hint()}"
        )
    firm = profile.naf
    yours = f"le vôtre : {firm.code}"
    out = {code: naf_overlap(code, firm) for code in rules.naf_excluded}
    hit = [code for code, overlap in out.items() if overlap == Overlap.YES]
    if hit:
        names = ", ".join(naf_name(code) for code in hit)
        return _verdict(c, Verdict.NOT_ELIGIBLE, f"activité exclue : {names} ({yours})")
    doubts = [code for code, overlap in out.items() if overlap == Overlap.MAYBE]
    matched: list[str] = []
    if rules.naf_included:
        overlaps = {code: naf_overlap(code, firm) for code in rules.naf_included}
        matched = [code for code, overlap in overlaps.items() if overlap == Overlap.YES]
        if not matched:
            maybe = [code for code, overlap in overlaps.items() if overlap == Overlap.MAYBE]
            if not maybe:
                return _verdict(
                    c, Verdict.NOT_ELIGIBLE, f"réservé aux activités {included} ({yours})"
                )
            names = ", ".join(naf_name(code) for code in maybe)
            return _verdict(
                c, Verdict.TO_CHECK, f"réservé aux activités {names} : {_naf_doubt(firm)}"
            )
    if doubts:
        names = ", ".join(naf_name(code) for code in doubts)
        return _verdict(c, Verdict.TO_CHECK, f"activités exclues : {names} : {_naf_doubt(firm)}")
    if rules.naf_included:
        names = ", ".join(naf_name(code) for code in matched)
        return _verdict(c, Verdict.ELIGIBLE, f"activité ciblée : {names} ({yours})")
    return _verdict(c, Verdict.ELIGIBLE, f"activité non exclue ({yours})")


def _naf_doubt(firm: NafCode) -> str:
    if len(firm.code) < len("62.01Z"):
        return f"donnez votre code NAF complet, comme 62.01Z (le vôtre : {firm.code})"
    return f"code du dispositif illisible pour le guichet, à vérifier (le vôtre : {firm.code})"


def _other_conditions(rules: SchemeRules) -> CriterionVerdict | None:
    text = " ".join(rules.eligibility_text.split())
    if not text:
        return None
    if len(text) > QUOTE_LENGTH:
        text = text[:QUOTE_LENGTH].rsplit(" ", 1)[0] + " …"
    return _verdict(
        Criterion.OTHER_CONDITIONS,
        Verdict.TO_CHECK,
        f"conditions rédigées par le porteur, à lire : « {text} »",
        informative=True,
    )
