"""match(): solutions, schemes (eligible, to check) and trainings for a firm and its need.

The fixtures here (``catalogue``) are shared with the API and browser tests of matching.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import guichet.territories.tests as territory_tests
from guichet.catalogue.models import (
    Audience,
    Scheme,
    SchemeTerritory,
    Solution,
    Training,
    TrainingSession,
    UseCase,
)
from guichet.catalogue.workflow import Status
from guichet.organisations.models import ActivitySection, Organisation
from guichet.organisations.tests.factories import OrganisationFactory
from guichet.search.eligibility_verdicts import Criterion, Verdict
from guichet.search.matching import MatchItem, MatchResult, haversine_km, match
from guichet.search.profile import FirmProfile, parse_profile
from guichet.territories.centres import read_centres
from guichet.territories.cog import read_source
from guichet.territories.models import Commune
from guichet.territories.services import territories_load

TERRITORY_FIXTURES = Path(territory_tests.__file__).resolve().parent / "fixtures"
NEED = "Un chatbot pour répondre aux questions de notre service client"


@dataclass
class Catalogue:
    provider_aix: Organisation
    provider_ajaccio: Organisation
    chatbot: Solution
    vision: Solution
    draft_chatbot: Solution
    chatbot_training: Training
    remote_training: Training
    paca: Scheme
    corsica: Scheme
    national_pme: Scheme
    closed: Scheme
    small_only: Scheme
    sas_only: Scheme


def _scheme(slug: str, title: str, codes: list[str], **fields: Any) -> Scheme:
    owner = fields.pop("owner", None) or OrganisationFactory.create()
    excluded = fields.pop("excluded", [])
    scheme = Scheme.objects.create(
        owner=owner, slug=slug, title=title, status=Status.PUBLISHED, **fields
    )
    for code in codes:
        SchemeTerritory.objects.create(scheme=scheme, code=code)
    for code in excluded:
        SchemeTerritory.objects.create(scheme=scheme, code=code, excluded=True)
    scheme.audiences.add(Audience.objects.get(code="professionnels"))
    return scheme


def _published(model: type[Any], **fields: Any) -> Any:
    fields.setdefault("status", Status.PUBLISHED)
    return model.objects.create(**fields)


@pytest.fixture
def catalogue(db: None) -> Catalogue:
    """Communes of the territories fixtures and a small catalogue around Marseille and Ajaccio."""
    source = read_source(TERRITORY_FIXTURES / "cog")
    known = {commune.code for commune in source.communes}
    territories_load(source=source, centres=read_centres(TERRITORY_FIXTURES / "centres.csv", known))
    aix = Commune.objects.get(code="13001")
    ajaccio = Commune.objects.get(code="2A004")
    provider_aix = OrganisationFactory.create(name="Dialogue Sud", slug="dialogue-sud", commune=aix)
    provider_ajaccio = OrganisationFactory.create(name="Isula IA", slug="isula-ia", commune=ajaccio)
    chatbot_case = UseCase.objects.get(code="customer_chatbot")
    chatbot = _published(
        Solution,
        owner=provider_aix,
        slug="agent-conversationnel",
        title="Agent conversationnel pour PME",
        summary="Répond aux questions des clients, jour et nuit.",
    )
    chatbot.use_cases.add(chatbot_case)
    chatbot.sectors.add(ActivitySection.objects.get(code="G"))
    vision = _published(
        Solution,
        owner=provider_ajaccio,
        slug="controle-visuel",
        title="Contrôle qualité par caméra",
        summary="Repère les défauts des pièces.",
    )
    vision.use_cases.add(UseCase.objects.get(code="visual_inspection"))
    draft_chatbot = _published(
        Solution,
        owner=provider_aix,
        slug="brouillon-chatbot",
        title="Chatbot en brouillon",
        status=Status.DRAFT,
    )
    draft_chatbot.use_cases.add(chatbot_case)
    today = timezone.localdate()
    chatbot_training = _published(
        Training,
        owner=provider_aix,
        slug="creer-un-chatbot",
        title="Créer un chatbot pour son service client",
        modality=Training.Modality.ON_SITE,
    )
    chatbot_training.use_cases.add(chatbot_case)
    TrainingSession.objects.create(
        training=chatbot_training, starts_on=today + datetime.timedelta(days=30), commune=aix
    )
    TrainingSession.objects.create(
        training=chatbot_training, starts_on=today - datetime.timedelta(days=30), commune=ajaccio
    )
    remote_training = _published(
        Training,
        owner=provider_ajaccio,
        slug="chatbot-a-distance",
        title="Chatbot : les bases, à distance",
        modality=Training.Modality.REMOTE,
    )
    remote_training.use_cases.add(chatbot_case)
    closing = timezone.now() - datetime.timedelta(days=2)
    return Catalogue(
        provider_aix=provider_aix,
        provider_ajaccio=provider_ajaccio,
        chatbot=chatbot,
        vision=vision,
        draft_chatbot=draft_chatbot,
        chatbot_training=chatbot_training,
        remote_training=remote_training,
        paca=_scheme(
            "pass-ia-paca",
            "Pass IA Provence",
            ["REG-93"],
            headcount_max=250,
            promise="Financez votre premier projet d'agent conversationnel",
            eligibility_text="Avoir un projet d'IA.",
        ),
        corsica=_scheme("aide-ia-corse", "Aide IA Corse", ["REG-94"]),
        national_pme=_scheme(
            "diagnostic-ia-pme", "Diagnostic IA des PME", ["PAYS-99100"], size_categories=["PME"]
        ),
        closed=_scheme("appel-clos", "Appel à projets chatbot clos", ["REG-93"], closes_at=closing),
        small_only=_scheme(
            "tpe-chatbot", "Chatbot des TPE", ["PAYS-99100"], headcount_max=9, excluded=["DEP-05"]
        ),
        sas_only=_scheme("sas-ia", "Aide IA aux SAS", ["PAYS-99100"], legal_forms=["SAS"]),
    )


def ids(items: list[MatchItem]) -> list[int]:
    return [item.id for item in items]


def marseille_firm(**facts: Any) -> FirmProfile:
    return parse_profile({"commune": "13055", "naf": "47.91A", "headcount": 25, **facts})


def all_schemes(result: MatchResult) -> list[int]:
    return ids(result.eligible_schemes) + ids(result.schemes_to_check)


def test_failing_scheme_never_listed(catalogue: Catalogue) -> None:
    """25 people fail « Chatbot des TPE » (max 9), Marseille fails Corsica: neither is listed."""
    result = match(marseille_firm(), NEED)
    assert catalogue.small_only.pk not in all_schemes(result)
    assert catalogue.corsica.pk not in all_schemes(result)


def test_closed_scheme_never_listed(catalogue: Catalogue) -> None:
    """A scheme closed two days ago is not proposed, whatever its relevance."""
    assert catalogue.closed.pk not in all_schemes(match(marseille_firm(), NEED))


def test_eligible_scheme_with_its_criteria(catalogue: Catalogue) -> None:
    """The PACA scheme is eligible to a Marseille firm of 25, explained criterion by criterion."""
    result = match(marseille_firm(legal_form="5710"), NEED)
    assert set(ids(result.eligible_schemes)) == {
        catalogue.paca.pk,
        catalogue.national_pme.pk,
        catalogue.sas_only.pk,
    }
    paca = next(item for item in result.eligible_schemes if item.id == catalogue.paca.pk)
    criteria = {c.criterion: c for c in paca.explanation.criteria}
    assert criteria[Criterion.GEOGRAPHY].reason == (
        "ouvert aux entreprises de Provence-Alpes-Côte d'Azur"
    )
    assert criteria[Criterion.HEADCOUNT].verdict == Verdict.ELIGIBLE
    assert criteria[Criterion.OTHER_CONDITIONS].informative
    assert paca.url == "/dispositifs/pass-ia-paca/"
    # Its promise speaks of an « agent conversationnel »: the need's chatbot use case.
    assert [u.code for u in paca.explanation.use_cases] == ["customer_chatbot"]


def test_missing_facts_put_schemes_to_check(catalogue: Catalogue) -> None:
    """Without a commune, the PACA scheme is to check; without a legal form, the SAS one too."""
    result = match(FirmProfile(), NEED)
    to_check = ids(result.schemes_to_check)
    assert catalogue.paca.pk in to_check
    assert catalogue.sas_only.pk in to_check
    assert catalogue.corsica.pk in to_check
    assert catalogue.paca.pk not in ids(result.eligible_schemes)
    paca = next(item for item in result.schemes_to_check if item.id == catalogue.paca.pk)
    assert paca.explanation.verdict == Verdict.TO_CHECK


def test_eligible_ranks_above_to_check_for_the_same_relevance(catalogue: Catalogue) -> None:
    """Scores stay in 0-100; a to-check scheme scores below the same scheme eligible."""
    sure = match(marseille_firm(), NEED)
    unsure = match(FirmProfile(), NEED)
    paca_sure = next(i for i in sure.eligible_schemes if i.id == catalogue.paca.pk)
    paca_unsure = next(i for i in unsure.schemes_to_check if i.id == catalogue.paca.pk)
    assert 0 <= paca_unsure.score < paca_sure.score <= 100


def test_solutions_answer_the_need_with_use_case_terms_and_distance(
    catalogue: Catalogue,
) -> None:
    """The chatbot solution comes first, with its use case, words, sector and distance."""
    result = match(marseille_firm(), NEED)
    assert ids(result.solutions) == [catalogue.chatbot.pk]
    item = result.solutions[0]
    assert item.url == "/solutions/agent-conversationnel/"
    explanation = item.explanation
    assert [u.code for u in explanation.use_cases] == ["customer_chatbot"]
    assert explanation.use_cases[0].keywords == ("chatbot", "service client")
    # « chatbot » through its synonym « agent conversationnel » in the title.
    assert {"chatbot", "questions"} <= set(explanation.matched_terms)
    chatbot = next(m for m in explanation.term_matches if m.term == "chatbot")
    assert chatbot.fields[0] == "title" and "agent conversationnel" in chatbot.matched
    assert explanation.sector == "G – Commerce ; réparation d'automobiles et de motocycles"
    assert explanation.distance_to == "Aix-en-Provence"
    assert explanation.distance_km is not None and 20 < explanation.distance_km < 30


def test_draft_and_unrelated_solutions_are_not_listed(catalogue: Catalogue) -> None:
    """A draft never shows; the visual inspection solution does not answer a chatbot need."""
    listed = ids(match(marseille_firm(), NEED).solutions)
    assert catalogue.draft_chatbot.pk not in listed
    assert catalogue.vision.pk not in listed


def test_trainings_with_the_nearest_coming_session(catalogue: Catalogue) -> None:
    """The on-site training is measured to its coming session in Aix, not the past one."""
    result = match(marseille_firm(), NEED)
    by_id = {item.id: item for item in result.trainings}
    on_site = by_id[catalogue.chatbot_training.pk].explanation
    assert on_site.distance_to == "Aix-en-Provence"
    assert on_site.distance_km is not None and on_site.distance_km < 30
    remote = by_id[catalogue.remote_training.pk].explanation
    assert remote.remote and remote.distance_km is None


def test_empty_need_ranks_every_list_by_profile_fit(catalogue: Catalogue) -> None:
    """An empty need lists solutions and trainings too, those aimed at the firm first."""
    result = match(marseille_firm(), "")
    # The chatbot solution targets the firm's sector (G) from Aix; the other, Ajaccio's, none.
    assert ids(result.solutions) == [catalogue.chatbot.pk, catalogue.vision.pk]
    assert result.solutions[0].score > result.solutions[1].score
    assert result.solutions[0].explanation.matched_terms == ()
    assert {catalogue.chatbot_training.pk, catalogue.remote_training.pk} <= set(
        ids(result.trainings)
    )
    assert len({item.score for item in result.eligible_schemes}) > 1


def test_distance_without_a_commune_is_unknown(catalogue: Catalogue) -> None:
    """With no commune, no distance is given."""
    result = match(FirmProfile(), NEED)
    assert all(item.explanation.distance_km is None for item in result.solutions)


def test_haversine_marseille_to_ajaccio() -> None:
    """Marseille–Ajaccio is about 310 km as the crow flies."""
    assert 305 < haversine_km((43.2999, 5.3823), (41.9348, 8.7013)) < 315


def test_query_count_does_not_grow_with_entries(catalogue: Catalogue) -> None:
    """Matching runs as many queries for 10 more matching schemes: none per result."""
    profile = marseille_firm()

    def queries() -> tuple[int, MatchResult]:
        match(profile, NEED)  # what the search backend keeps in memory is read once
        with CaptureQueriesContext(connection) as context:
            result = match(profile, NEED)
        return len(context.captured_queries), result

    before, _ = queries()
    for number in range(10):
        _scheme(f"extra-{number}", f"Aide chatbot {number}", ["REG-93"])
    after, result = queries()
    assert len(result.eligible_schemes) >= 10
    assert after == before
