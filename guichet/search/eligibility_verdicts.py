"""The verdicts of the eligibility engine, criterion by criterion and for a whole scheme.

Each criterion of a scheme gets one verdict:
- ``eligible``: the profile meets it;
- ``not_eligible``: the profile certainly fails it, whatever the facts the profile lacks;
- ``to_check``: the profile lacks a fact the criterion needs, or the criterion cannot be read
  from structured data (free text, a code the guichet does not know).

A "to check" verdict is *informative* when it is a reminder that cannot be settled from a
profile at all and would otherwise hold back every scheme: the eligibility conditions the
carrier wrote in free text (the schema makes that column mandatory) and a call that has not
opened yet. The scheme's verdict is:
- ``not_eligible`` as soon as one criterion fails;
- else ``to_check`` when at least one criterion is "to check" and not informative;
- else ``eligible``: every structured criterion is met, and its informative reminders are
  still listed in its explanation.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Verdict(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    TO_CHECK = "to_check"

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self]


VERDICT_LABELS: dict[Verdict, str] = {
    Verdict.ELIGIBLE: "Éligible",
    Verdict.NOT_ELIGIBLE: "Non éligible",
    Verdict.TO_CHECK: "À vérifier",
}


class Criterion(StrEnum):
    DATES = "dates"
    GEOGRAPHY = "geography"
    AUDIENCE = "audience"
    HEADCOUNT = "headcount"
    SIZE_CATEGORY = "size_category"
    YEARS_OF_EXISTENCE = "years_of_existence"
    LEGAL_FORM = "legal_form"
    NAF = "naf"
    OTHER_CONDITIONS = "other_conditions"

    @property
    def label(self) -> str:
        return CRITERION_LABELS[self]


CRITERION_LABELS: dict[Criterion, str] = {
    Criterion.DATES: "Période de candidature",
    Criterion.GEOGRAPHY: "Zone géographique",
    Criterion.AUDIENCE: "Public visé",
    Criterion.HEADCOUNT: "Effectif",
    Criterion.SIZE_CATEGORY: "Catégorie d'entreprise",
    Criterion.YEARS_OF_EXISTENCE: "Ancienneté",
    Criterion.LEGAL_FORM: "Forme juridique",
    Criterion.NAF: "Activité (code NAF)",
    Criterion.OTHER_CONDITIONS: "Autres conditions",
}


@dataclass(frozen=True)
class CriterionVerdict:
    criterion: Criterion
    verdict: Verdict
    reason: str  # French, for the firm
    informative: bool = False

    @property
    def holds_back(self) -> bool:
        """This verdict keeps the scheme out of the eligible list."""
        return self.verdict == Verdict.NOT_ELIGIBLE or (
            self.verdict == Verdict.TO_CHECK and not self.informative
        )


@dataclass(frozen=True)
class Eligibility:
    """A profile against one scheme: the verdict of each criterion the scheme sets."""

    criteria: tuple[CriterionVerdict, ...]

    @property
    def verdict(self) -> Verdict:
        verdicts = [c.verdict for c in self.criteria]
        if Verdict.NOT_ELIGIBLE in verdicts:
            return Verdict.NOT_ELIGIBLE
        if any(c.holds_back for c in self.criteria):
            return Verdict.TO_CHECK
        return Verdict.ELIGIBLE

    @property
    def failures(self) -> tuple[CriterionVerdict, ...]:
        return tuple(c for c in self.criteria if c.verdict == Verdict.NOT_ELIGIBLE)

    @property
    def to_check(self) -> tuple[CriterionVerdict, ...]:
        return tuple(c for c in self.criteria if c.verdict == Verdict.TO_CHECK)

    def of(self, criterion: Criterion) -> CriterionVerdict | None:
        return next((c for c in self.criteria if c.criterion == criterion), None)
