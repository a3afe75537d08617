"""The demo catalogue holds what the Regions' documents name, published and owned by its carrier."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from guichet.catalogue.models import Event, Place, Scheme, Solution, Training
from guichet.catalogue.workflow import Status
from guichet.demo import data

pytestmark = pytest.mark.django_db

# The schemes the documents name, by slug: none may go missing from the demo.
NAMED_SCHEMES = {
    "easytech": "EasyTech",
    "easypoc": "EasyPOC",
    "easyindus": "EasyIndus",
    "appel-a-projets-ia-auvergne-rhone-alpes": "appel à projets",
    "diag-ia": "Diag'IA",
    "ia-booster": "IA Booster",
    "diva-european-digital-innovation-lab": "DIVA",
    "diagnostic-ia-move2digital": "Move2Digital",
    "sud-accelerateur-module-ia": "Sud Accélérateur",
    "mon-assistant-ia": "Mon assistant IA",
    "fonds-d-innovation-pour-la-formation": "Fonds d'Innovation pour la Formation",
    "appel-a-projets-ia-embarquee": "« IA embarquée »",
    "appel-a-projets-communs-numeriques-pour-l-ia-generative": "Communs numériques",
    "appel-a-projets-demonstrateurs-d-ia-frugale": "Démonstrateurs d'IA frugale",
    "horizon-europe-cluster-4": "cluster 4",
    "digital-europe": "Digital Europe",
    "fonds-excellence-ia": "excellence IA",
}
NAMED_ORGANISATIONS = [
    "bluecime",
    "primaa",
    "everdian",
    "videtics",
    "la-plateforme",
    "simplon",
    "3ia-cote-d-azur",
    "terra-numerica",
    "maison-de-l-intelligence-artificielle",
    "rialty-lab",
    "lica",
    "region-sud",
    "region-auvergne-rhone-alpes",
    "bpifrance",
]


def test_every_named_scheme_is_published(demo_loaded: str) -> None:
    """Each scheme the documents name is in the catalogue, published, under its own title."""
    for slug, words in NAMED_SCHEMES.items():
        scheme = Scheme.objects.get(slug=slug)
        assert words.lower() in scheme.title.lower(), slug
        assert scheme.status == Status.PUBLISHED
        assert scheme.published_at is not None


def test_named_organisations_are_present(demo_loaded: str) -> None:
    """The organisations the documents name exist, with the slugs pages already link to."""
    from guichet.organisations.models import Organisation

    assert set(NAMED_ORGANISATIONS) <= set(Organisation.objects.values_list("slug", flat=True))


def test_mivao_is_bluecime_s_solution(demo_loaded: str) -> None:
    """Bluecime's MIVAO project is a published computer-vision solution owned by Bluecime."""
    mivao = Solution.objects.get(slug="mivao")
    assert mivao.owner.slug == "bluecime"
    assert list(mivao.techniques.values_list("code", flat=True)) == ["vision"]
    assert mivao.status == Status.PUBLISHED


def test_schemes_belong_to_their_carrier(demo_loaded: str) -> None:
    """A Region's scheme is owned by that Region; a national call by the State."""
    assert Scheme.objects.get(slug="mon-assistant-ia").owner.slug == "region-sud"
    assert Scheme.objects.get(slug="easytech").owner.slug == "region-auvergne-rhone-alpes"
    assert Scheme.objects.get(slug="ia-booster").owner.slug == "bpifrance"
    assert Scheme.objects.get(slug="appel-a-projets-ia-embarquee").owner.slug == "etat"
    assert Scheme.objects.get(slug="diva-european-digital-innovation-lab").owner.slug == (
        "region-pays-de-la-loire"
    )


def test_geographic_eligibility_only_where_stated(demo_loaded: str) -> None:
    """Regional schemes cover their region; national calls and European programmes France."""

    def codes(slug: str) -> list[str]:
        return sorted(Scheme.objects.get(slug=slug).territories.values_list("code", flat=True))

    assert codes("mon-assistant-ia") == ["REG-93"]
    assert codes("easyindus") == ["REG-84"]
    assert codes("diva-european-digital-innovation-lab") == ["REG-52"]
    assert codes("appel-a-projets-communs-numeriques-pour-l-ia-generative") == ["PAYS-99100"]
    # Open well beyond France, but France is what the documents state and the platform covers.
    assert codes("horizon-europe-cluster-4") == ["PAYS-99100"]
    assert codes("digital-europe") == ["PAYS-99100"]


def test_every_demo_entry_is_real_and_published(demo_loaded: str) -> None:
    """Demo entries are real data (not synthetic), all published."""
    for model in (Solution, Training, Scheme, Event, Place):
        for entry in model.objects.all():
            assert not entry.is_synthetic
            assert entry.status == Status.PUBLISHED, entry.slug


def test_undated_events_are_loaded_without_a_date(demo_loaded: str) -> None:
    """Events the documents date carry that date; the others are loaded with no date."""
    seminar = Event.objects.get(slug="seminaire-ia-regional-2024")
    assert seminar.starts_at is not None
    paris_day = seminar.starts_at.astimezone(ZoneInfo("Europe/Paris")).date()
    assert paris_day == datetime.date(2024, 2, 22)
    dated = {r["slug"] for r in data.read("events") if r["starts_on"]}
    undated = {r["slug"] for r in data.read("events") if not r["starts_on"]}
    assert undated, "the seed documents name events without dating them"
    loaded = set(Event.objects.values_list("slug", flat=True))
    assert dated | undated <= loaded
    assert not Event.objects.filter(slug__in=undated, starts_at__isnull=False).exists()


def test_places_are_in_their_commune(demo_loaded: str) -> None:
    """The Maison de l'IA is in Biot, as the Plan says; other places have no commune given."""
    assert Place.objects.get(slug="maison-de-l-intelligence-artificielle").commune_id == "06018"
    assert Place.objects.get(slug="terra-numerica").commune is None


def test_every_scheme_has_what_the_official_schemas_require(demo_loaded: str) -> None:
    """Each demo scheme has eligibility text, sectors, aid types, audiences and a territory."""
    for scheme in Scheme.objects.prefetch_related("aid_types", "audiences", "territories"):
        assert scheme.eligibility_text.strip(), scheme.slug
        assert scheme.activity_sectors, scheme.slug
        assert scheme.aid_types.exists() and scheme.audiences.exists(), scheme.slug
        assert scheme.territories.filter(excluded=False).exists(), scheme.slug


def test_unrestricted_schemes_say_all_sectors(demo_loaded: str) -> None:
    """A scheme whose documents name no sector gets the schema's « tous secteurs d'activité »."""
    assert Scheme.objects.get(slug="ia-booster").activity_sectors == ["tous secteurs d'activité"]
    assert Scheme.objects.get(slug="coach-digital").activity_sectors == [
        "artisanat",
        "commerce",
        "tourisme",
    ]
