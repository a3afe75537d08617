"""What matching answers: ranked items, each with why it is proposed, and the schemes left out.

Plain data (no database access), shared by ``matching_schemes``, ``matching_entries``, the
"Trouver de l'aide" page and ``POST /api/v1/match``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from guichet.search.eligibility_verdicts import CriterionVerdict, Verdict
from guichet.search.profile import FirmProfile


@dataclass(frozen=True)
class UseCaseMatch:
    """A use case of the taxonomy the need names, and the keywords of it the need holds."""

    code: str
    name: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class TermMatch:
    """One idea of the need found in an entry: as typed, the words found, where."""

    term: str
    matched: tuple[str, ...]  # the words found (the typed one, a synonym, a corrected spelling)
    fields: tuple[str, ...]  # API field names, title first
    reason: str  # "exact", "synonym" or "typo"


@dataclass(frozen=True)
class FitNote:
    """One way the entry fits the firm's profile (or does not): sector, territory, size..."""

    code: str  # "sector", "territory", "size", "audience", "distance"
    met: bool | None  # True: fits; False: aimed elsewhere; None: neutral (open to all, unknown)
    reason: str  # French, for the firm


@dataclass(frozen=True)
class Explanation:
    """Why an item is proposed: the terms and use cases of the need it answers, how it fits
    the profile, its distance, and for schemes the verdict of each eligibility criterion."""

    matched_terms: tuple[str, ...] = ()
    term_matches: tuple[TermMatch, ...] = ()
    use_cases: tuple[UseCaseMatch, ...] = ()
    fit: tuple[FitNote, ...] = ()
    distance_km: float | None = None
    distance_to: str = ""  # the provider's or the session's commune
    remote: bool = False  # a remote training: distance does not matter
    sector: str = ""  # the firm's NAF section, when the solution targets it
    verdict: Verdict | None = None
    criteria: tuple[CriterionVerdict, ...] = ()
    research: bool = False  # a scheme for research, ranked down for a firm


@dataclass(frozen=True)
class MatchItem:
    kind: str  # "solution", "scheme" or "training"
    id: int
    title: str
    url: str
    score: int  # 0-100
    explanation: Explanation
    summary: str = ""


@dataclass(frozen=True)
class LeftOut:
    """A scheme the firm is not eligible to, and the first criterion it fails."""

    id: int
    title: str
    url: str
    criterion: str  # its label, in French
    reason: str
    criterion_code: str = ""  # ``eligibility_verdicts.Criterion`` value


@dataclass(frozen=True)
class MatchResult:
    profile: FirmProfile
    need_text: str
    on: datetime.date
    solutions: list[MatchItem] = field(default_factory=list)
    eligible_schemes: list[MatchItem] = field(default_factory=list)
    schemes_to_check: list[MatchItem] = field(default_factory=list)
    trainings: list[MatchItem] = field(default_factory=list)
    # Schemes looked at and left out, each with the criterion it fails (the first few only).
    left_out: list[LeftOut] = field(default_factory=list)
    left_out_count: int = 0
    need_terms: tuple[str, ...] = ()  # the ideas read in the need, as typed

    @property
    def need_is_empty(self) -> bool:
        return not self.need_terms
