"""selectors.entry_page and entry_search: what a list shows, in which order, with what counts."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guichet.catalogue.models import Event, Scheme, Solution, Training, TrainingSession
from guichet.catalogue.selectors import entry_page, entry_search
from guichet.catalogue.tests.public_entries import commune, draft, organisation, published

pytestmark = pytest.mark.django_db


def titles(kind: str, query: str = "") -> list[str]:
    return [entry.title for entry in entry_page(kind, QueryDict(query)).items]


@pytest.fixture
def solutions() -> dict[str, Solution]:
    """Three real published solutions, a synthetic one and a draft, from two regions."""
    south = organisation("Vision Sud", commune=commune("marseille"))
    lyon = organisation("Lyon Données", commune=commune("lyon"))
    return {
        "camera": published(
            Solution, south, title="Caméra qualité", techniques=["vision"], sectors=["C"]
        ),
        "agent": published(
            Solution,
            south,
            title="Agent conversationnel",
            techniques=["vision", "language"],
            sectors=["G"],
        ),
        "forecast": published(
            Solution, lyon, title="Prévision des ventes", techniques=["language"], sectors=["C"]
        ),
        "synthetic": published(
            Solution, lyon, title="Solution fictive", techniques=["prediction"], synthetic=True
        ),
        "draft": draft(Solution, south, title="Brouillon", techniques=["vision"]),
    }


def test_lists_published_real_entries_by_title(solutions: dict[str, Solution]) -> None:
    """Only published real entries are listed, ordered by title."""
    assert titles("solutions") == [
        "Agent conversationnel",
        "Caméra qualité",
        "Prévision des ventes",
    ]


def test_synthetic_switch_shows_only_synthetic_entries(solutions: dict[str, Solution]) -> None:
    """synthetic=1 lists synthetic entries only; synthetic=0 is the default, real ones only."""
    result = entry_page("solutions", QueryDict("synthetic=1"))

    assert [e.title for e in result.items] == ["Solution fictive"]
    assert result.synthetic is True
    assert titles("solutions", "synthetic=0") == titles("solutions")


def test_bad_synthetic_value_is_an_error_naming_the_parameter(
    solutions: dict[str, Solution],
) -> None:
    """synthetic=peut-être is refused with a French message naming « synthetic »."""
    result = entry_page("solutions", QueryDict("synthetic=peut-être"))

    assert "« synthetic »" in result.errors["synthetic"]
    assert result.items == [] and result.count == 0


def test_filters_narrow_the_list(solutions: dict[str, Solution]) -> None:
    """Several values of one facet are OR-ed; different facets are AND-ed."""
    assert titles("solutions", "technique=vision&technique=language") == [
        "Agent conversationnel",
        "Caméra qualité",
        "Prévision des ventes",
    ]
    assert titles("solutions", "technique=vision&sector=C") == ["Caméra qualité"]
    assert titles("solutions", "region=84") == ["Prévision des ventes"]


def test_facet_counts_give_the_results_of_ticking_each_value(
    solutions: dict[str, Solution],
) -> None:
    """Each facet value's count equals the number of results once that value is ticked."""
    result = entry_page("solutions", QueryDict("sector=C"))
    counts = {row.value: row.count for row in result.facets["technique"]}

    assert counts == {"vision": 1, "language": 1}
    for value, count in counts.items():
        assert entry_page("solutions", QueryDict(f"sector=C&technique={value}")).count == count
    # A facet is counted without its own selection, so other sectors stay offered.
    sectors = {row.value: (row.count, row.selected) for row in result.facets["sector"]}
    assert sectors == {"C": (2, True), "G": (1, False)}
    regions = {row.value: row.count for row in result.facets["region"]}
    assert regions == {"93": 1, "84": 1}


def test_facets_never_count_synthetic_or_unpublished_entries(
    solutions: dict[str, Solution],
) -> None:
    """The draft and the synthetic entry add nothing to the real list's facet counts."""
    counts = {
        row.value: row.count for row in entry_page("solutions", QueryDict()).facets["technique"]
    }

    assert counts == {"vision": 2, "language": 2}


def test_bad_parameter_gives_its_message_and_no_results(solutions: dict[str, Solution]) -> None:
    """An unknown facet value is reported for its parameter; nothing is listed."""
    result = entry_page("solutions", QueryDict("technique=telepathie"))

    assert result.errors == {
        "technique": "Le paramètre « technique » ne connaît pas la valeur « telepathie »."
    }
    assert result.items == []
    assert "technique" in result.facets  # the form can still be corrected


def test_pages_hold_twenty_entries() -> None:
    """25 entries make two pages of 20 and 5; the count is the whole list's."""
    owner = organisation("Beaucoup d'offres")
    for number in range(25):
        published(Solution, owner, title=f"Offre {number:02d}")

    first = entry_page("solutions", QueryDict(), 1)
    second = entry_page("solutions", QueryDict(), 2)

    assert (len(first.items), len(second.items), first.count) == (20, 5, 25)
    assert second.items[0].title == "Offre 20"


def test_trainings_come_by_next_session_then_those_without(db: None) -> None:
    """Trainings are ordered by their next session to come; past or no session last."""
    owner = organisation("Formations du Sud", role="training_body")
    today = timezone.localdate()
    later = published(Training, owner, title="A plus tard")
    soon = published(Training, owner, title="B bientôt")
    past = published(Training, owner, title="C passée")
    published(Training, owner, title="D sans session")
    for training, days in ((later, 40), (soon, 3), (past, -10), (later, -30)):
        TrainingSession.objects.create(
            training=training, starts_on=today + datetime.timedelta(days=days)
        )

    assert titles("trainings") == ["B bientôt", "A plus tard", "C passée", "D sans session"]


def test_schemes_come_by_closing_date_then_title(db: None) -> None:
    """Schemes closing first come first; those without a closing date last, by title."""
    owner = organisation("Région", role="financer")
    now = timezone.now()
    published(Scheme, owner, title="Z permanent")
    published(Scheme, owner, title="A permanent")
    published(Scheme, owner, title="Appel tardif", closes_at=now + datetime.timedelta(days=90))
    published(Scheme, owner, title="Appel proche", closes_at=now + datetime.timedelta(days=9))

    assert titles("schemes") == ["Appel proche", "Appel tardif", "A permanent", "Z permanent"]


def test_events_come_by_start(db: None) -> None:
    """Events are listed by their start."""
    owner = organisation("Salons", role="financer")
    now = timezone.now()
    published(Event, owner, title="Second", starts_at=now + datetime.timedelta(days=20))
    published(Event, owner, title="Premier", starts_at=now + datetime.timedelta(days=2))

    assert titles("events") == ["Premier", "Second"]


def test_listing_costs_the_same_queries_for_5_or_25_entries(db: None) -> None:
    """Relations are fetched in bulk: the number of queries does not grow with the page."""
    owner = organisation("Série", commune=commune("nice"))

    def queries_for_a_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            for entry in entry_search("solutions", {}):
                _ = (entry.owner.commune.name, list(entry.use_cases.all()))
                _ = (list(entry.techniques.all()), list(entry.sectors.all()))
        return len(captured)

    for number in range(5):
        published(Solution, owner, title=f"Petite {number}", techniques=["vision"])
    few = queries_for_a_page()
    for number in range(20):
        published(Solution, owner, title=f"Grande {number}", techniques=["vision"])

    assert queries_for_a_page() == few


def test_a_training_counts_once_in_its_region_facet(db: None) -> None:
    """Two sessions in one region: the training counts once, as the list does."""
    owner = organisation("Formations du Sud", role="training_body")
    training = published(Training, owner, title="Deux sessions à Nice")
    for days in (5, 12):
        TrainingSession.objects.create(
            training=training,
            starts_on=timezone.localdate() + datetime.timedelta(days=days),
            commune=commune("nice"),
        )

    result = entry_page("trainings", QueryDict())

    assert {row.value: row.count for row in result.facets["region"]} == {"93": 1}
    assert entry_page("trainings", QueryDict("region=93")).count == 1
