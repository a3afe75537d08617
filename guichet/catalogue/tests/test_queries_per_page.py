"""Queries per public page: the same number with N entries (or related rows) as with 3N."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guichet.catalogue.models import Event, Place, Scheme, Solution, Training, TrainingSession
from guichet.catalogue.tests.public_entries import commune, organisation, published

pytestmark = pytest.mark.django_db

N = 2
TOWNS = ("marseille", "nice", "ajaccio", "lyon", "nowhere")


def _solution(i: int) -> None:
    owner = organisation(f"Offreur {i}", commune=commune(TOWNS[i % len(TOWNS)]))
    published(
        Solution,
        owner,
        title=f"Solution {i}",
        techniques=["vision"],
        sectors=["C"],
        use_cases=["customer_chatbot"],
        business_functions=["quality"],
    )


def _training(i: int) -> None:
    owner = organisation(f"Organisme {i}", role="training_body", commune=commune("lyon"))
    training = published(Training, owner, title=f"Formation {i}", level="beginner")
    for day in range(2):
        TrainingSession.objects.create(
            training=training,
            starts_on=timezone.localdate() + datetime.timedelta(days=day + i),
            commune=commune(TOWNS[(i + day) % len(TOWNS)]),
        )


def _scheme(i: int) -> None:
    owner = organisation(f"Financeur {i}", role="financer")
    published(
        Scheme,
        owner,
        title=f"Dispositif {i}",
        aid_types=["financement"],
        audiences=["professionnels"],
        geo_included=["REG-93", "DEP-13"],
    )


def _event(i: int) -> None:
    owner = organisation(f"Salon {i}", role="financer")
    published(
        Event,
        owner,
        title=f"Événement {i}",
        starts_at=timezone.now() + datetime.timedelta(days=i),
        commune=commune(TOWNS[i % len(TOWNS)]),
    )


def _place(i: int) -> None:
    owner = organisation(f"Tiers-lieu {i}", role="financer")
    published(Place, owner, title=f"Lieu {i}", commune=commune(TOWNS[i % len(TOWNS)]))


BUILDERS: dict[str, Callable[[int], None]] = {
    "solution_list": _solution,
    "training_list": _training,
    "scheme_list": _scheme,
    "event_list": _event,
    "place_list": _place,
}


def queries(client: Client, url: str) -> int:
    """Queries of one request with nothing cached, after one that created what is made once."""
    client.get(url)  # the Region's identity row is created at the first page
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def counts_for(client: Client, url: str, add: Callable[[int], None]) -> tuple[int, int]:
    """Queries of ``url`` with N entries, then with 3N."""
    for i in range(N):
        add(i)
    few = queries(client, url)
    for i in range(N, 3 * N):
        add(i)
    return few, queries(client, url)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_list_page_queries_do_not_grow_with_entries(client: Client, name: str) -> None:
    """A list page runs as many queries with 6 entries as with 2 (no N+1)."""
    few, many = counts_for(client, reverse(f"catalogue:{name}"), BUILDERS[name])
    assert many == few


def test_map_page_queries_do_not_grow_with_entries(client: Client) -> None:
    """The map page runs as many queries with 3N providers, sessions, events, places as with N."""

    def everything(i: int) -> None:
        _solution(i)
        _training(i)
        _event(i)
        _place(i)

    few, many = counts_for(client, reverse("catalogue:map"), everything)
    assert many == few


def test_organisation_list_queries_do_not_grow_with_organisations(client: Client) -> None:
    """The organisations list runs as many queries with 3N organisations as with N."""
    few, many = counts_for(client, reverse("organisations:list"), _solution)
    assert many == few


# --- detail pages: the same with 3N related rows (sessions, territories, vocabularies) ---------


def _detail_counts(kind: str, make: Callable[[int], object]) -> tuple[int, int]:
    client = Client()
    small, large = make(N), make(3 * N)
    url_name = f"catalogue:{kind}_detail"
    return (
        queries(client, reverse(url_name, args=[small.slug])),  # type: ignore[attr-defined]
        queries(client, reverse(url_name, args=[large.slug])),  # type: ignore[attr-defined]
    )


def test_training_detail_queries_do_not_grow_with_sessions() -> None:
    """A training page runs as many queries with 3N sessions in 3N communes as with N."""

    def make(n: int) -> Training:
        owner = organisation(f"Organisme {n}", role="training_body", commune=commune("lyon"))
        training = published(
            Training, owner, title=f"Formation {n}", techniques=["vision"][: n % 2 + 1]
        )
        for day in range(n):
            TrainingSession.objects.create(
                training=training,
                starts_on=timezone.localdate() + datetime.timedelta(days=day),
                commune=commune(TOWNS[day % len(TOWNS)]),
            )
        return training

    few, many = _detail_counts("training", make)
    assert many == few


def test_scheme_detail_queries_do_not_grow_with_territories() -> None:
    """A scheme page runs as many queries with 3N territories as with N."""
    for key in TOWNS:
        commune(key)
    # Every prefix (region, department, commune) among the first codes: each is one query.
    codes = ["REG-93", "DEP-13", "COM-13055", "REG-84", "DEP-06", "COM-06088", "DEP-2A"]
    codes += ["COM-2A004", "DEP-69", "COM-69123", "COM-05001", "DEP-05"]

    def make(n: int) -> Scheme:
        return published(
            Scheme,
            organisation(f"Financeur {n}", role="financer"),
            title=f"Dispositif {n}",
            aid_types=["financement", "accompagnement"][: 1 + n // 6],
            geo_included=codes[: 2 * n - 1],
            geo_excluded=codes[2 * n - 1 : 2 * n],
        )

    few, many = _detail_counts("scheme", make)
    assert many == few


@pytest.mark.parametrize("kind", ["solution", "event", "place"])
def test_other_detail_pages_queries_do_not_grow(kind: str) -> None:
    """Solution, event and place pages run as many queries with more vocabulary as with less."""
    vocabularies: dict[str, Callable[[int], dict[str, Any]]] = {
        "solution": lambda n: {
            "techniques": ["vision", "language", "prediction"][: 1 + n // 3],
            "sectors": ["C", "J", "M"][: 1 + n // 3],
        },
        "event": lambda n: {"starts_at": timezone.now(), "commune": commune("nice")},
        "place": lambda n: {"commune": commune("nice")},
    }
    vocab = vocabularies[kind]
    model: type[Solution] | type[Event] | type[Place]
    if kind == "solution":
        model = Solution
    elif kind == "event":
        model = Event
    else:
        model = Place

    def make(n: int) -> object:
        owner = organisation(f"Offreur {n}", commune=commune("marseille"))
        return published(model, owner, title=f"Fiche {n}", **vocab(n))

    few, many = _detail_counts(kind, make)
    assert many == few


# --- facet counts: cached for every visitor, following every write -----------------------------

FACET_GROUPING = "GROUP BY"


def facet_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum(FACET_GROUPING in q["sql"] for q in captured.captured_queries)


def test_facet_counts_are_cached_and_follow_a_publish(client: Client) -> None:
    """The second visit counts no facet; after a publish the technique facet counts it."""
    url = reverse("catalogue:solution_list")
    _solution(0)
    client.get(url)
    cache.clear()
    assert facet_queries(client, url) == 5  # region, sector, function, technique, use case
    assert facet_queries(client, url) == 0
    assert 'Vision par ordinateur <span class="facet__count">(1)</span>' in " ".join(
        client.get(url).content.decode().split()
    )

    _solution(1)

    text = " ".join(client.get(url).content.decode().split())
    assert 'Vision par ordinateur <span class="facet__count">(2)</span>' in text


def test_filtered_facets_are_cached_per_filter(client: Client) -> None:
    """A filtered page has its own cached counts: ticking a box does not show the unticked ones."""
    _solution(0)
    owner = organisation("Autre", commune=commune("lyon"))
    published(Solution, owner, title="Chatbot", techniques=["language"], sectors=["J"])
    everything = " ".join(client.get(reverse("catalogue:solution_list")).content.decode().split())
    narrowed = " ".join(
        client.get(reverse("catalogue:solution_list") + "?technique=language")
        .content.decode()
        .split()
    )
    assert "Information et communication" in everything
    assert "Industrie manufacturière" in everything
    assert "Industrie manufacturière" not in narrowed.split("<legend>Secteur (NAF)</legend>")[1]


# --- the map: a paginated list in the page, the markers as JSON --------------------------------


def test_map_lists_fifty_per_layer_per_page_with_links(client: Client) -> None:
    """With 60 places, page 1 lists 50, links to page 2, which lists the other 10."""
    owner = organisation("Réseau des lieux", role="financer")
    for i in range(60):
        Place.objects.create(
            owner=owner,
            title=f"Lieu {i:02d}",
            slug=f"lieu-{i:02d}",
            status="published",
            commune=commune("nice"),
        )
    url = reverse("catalogue:map")

    first = client.get(url).content.decode()
    second = client.get(url + "?page=2").content.decode()

    assert first.count('href="/lieux/lieu-') == 50
    assert 'href="?page=2" rel="next"' in first
    assert second.count('href="/lieux/lieu-') == 10
    assert "Lieu 59" in second and "Lieu 59" not in first
    assert client.get(url + "?page=abc").status_code == 200


def test_map_markers_come_as_json_and_follow_a_publish(client: Client) -> None:
    """The page holds no marker; the JSON address gives them, and a new place at once."""
    owner = organisation("Réseau des lieux", role="financer")
    published(Place, owner, title="Tiers-lieu du port", commune=commune("nice"))
    text = client.get(reverse("catalogue:map")).content.decode()
    assert '"markers"' not in text

    points = reverse("catalogue:map_points")
    before = client.get(points).json()["markers"]
    published(Place, owner, title="Fablab de la gare", commune=commune("marseille"))
    after = client.get(points).json()["markers"]

    assert [m["title"] for m in before] == ["Tiers-lieu du port"]
    assert sorted(m["title"] for m in after) == ["Fablab de la gare", "Tiers-lieu du port"]
    assert client.get(points + "?region=XX").status_code == 400


def test_map_points_are_compressed(client: Client) -> None:
    """A browser that accepts gzip gets the markers compressed."""
    owner = organisation("Réseau des lieux", role="financer")
    for i in range(30):
        published(Place, owner, title=f"Lieu {i}", commune=commune("nice"))
    response = client.get(reverse("catalogue:map_points"), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"


def test_cached_list_page_follows_a_publish(client: Client) -> None:
    """A second visit reads the count and the page from the cache; a publish shows at once."""
    url = reverse("catalogue:place_list")
    _place(0)
    client.get(url)
    cache.clear()
    first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    assert not any("COUNT(" in q["sql"] for q in captured.captured_queries)
    assert "1 résultat" in first

    _place(1)

    assert "2 résultats" in client.get(url).content.decode()


def test_cached_list_body_keeps_who_is_signed_in_out(client: Client) -> None:
    """After a signed-in member's visit, an anonymous visitor of the same list sees no account."""
    from guichet.accounts.tests.factories import UserFactory

    url = reverse("catalogue:place_list")
    _place(0)
    member = Client()
    member.force_login(UserFactory.create(email="alice@example.fr"))
    assert "Mon espace" in member.get(url).content.decode()

    anonymous = client.get(url).content.decode()

    assert "Mon espace" not in anonymous
    assert "Lieu 0" in anonymous


def test_cached_detail_page_follows_an_archive(client: Client) -> None:
    """A detail page read from the cache answers 404 to the public once its entry is archived."""
    from guichet.accounts.tests.factories import UserFactory
    from guichet.catalogue.services import entry_transition

    owner = organisation("Réseau des lieux", role="financer")
    place = published(Place, owner, title="Tiers-lieu du port", commune=commune("nice"))
    url = reverse("catalogue:place_detail", args=[place.slug])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # from the cache

    moderator = UserFactory.create(email="moderatrice@region.example", region_role="moderator")
    entry_transition(actor=moderator, entry=place, name="archive")

    assert client.get(url).status_code == 404
    assert client.get(reverse("catalogue:place_detail", args=["inconnue"])).status_code == 404
