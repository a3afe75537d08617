"""GET /api/v1/search: the answer's shape, its facets and its 400s."""

from __future__ import annotations

import pytest

from guichet.catalogue.models import Scheme, Solution
from guichet.search.tests.entries import owner, published

pytestmark = pytest.mark.django_db

URL = "/api/v1/search"


@pytest.fixture
def entries():
    provider = owner("Lumière Analytique")
    solution = published(
        Solution,
        provider,
        title="Contrôle qualité par caméra",
        description="Détecte les défauts sur la chaîne.",
        use_cases=["visual_inspection"],
    )
    scheme = published(Scheme, owner(role="financer"), title="Aide à la vision industrielle")
    return solution, scheme


def test_answer_shape(client, entries):
    """{count, results: [{type, id, title, url, score, explanation}], facets} and more."""
    solution, _ = entries
    answer = client.get(URL, {"q": "controle qualite par camera"}).json()
    assert set(answer) == {"count", "next", "previous", "results", "facets", "suggestions"}
    assert answer["count"] == 1
    (result,) = answer["results"]
    assert result["type"] == "solutions"
    assert result["id"] == solution.pk
    assert result["title"] == "Contrôle qualité par caméra"
    assert result["url"] == f"http://testserver/solutions/{solution.slug}/"
    assert isinstance(result["score"], float)
    assert result["synthetic"] is False
    assert result["example"] is False
    assert result["complete"] is True
    assert result["explanation"][0]["term"] == "controle qualite"
    assert result["explanation"][0]["fields"] == ["title", "tags", "description"]
    assert result["explanation"][1] == {
        "term": "camera",
        "matched": ["camera"],
        "fields": ["title", "tags"],
        "reason": "exact",
    }
    assert answer["facets"]["type"] == [
        {"value": "solutions", "label": "Solutions d'IA", "count": 1, "selected": False}
    ]


def test_examples_are_marked(client, entries):
    """A fictional entry written for the demo answers "example": true."""
    solution, _ = entries
    Solution.objects.filter(pk=solution.pk).update(is_example=True)
    (result,) = client.get(URL, {"q": "controle qualite par camera"}).json()["results"]
    assert result["example"] is True


def test_type_brings_the_kind_facets(client, entries):
    """With ?type=, the facets of that kind come back, counted over the matches."""
    answer = client.get(URL, {"q": "caméra", "type": "solutions"}).json()
    use_cases = {f["value"]: f["count"] for f in answer["facets"]["use_case"]}
    assert use_cases == {"visual_inspection": 1}


def test_region_and_other_filters_are_accepted(client, entries):
    """Catalogue filters pass through (?region=93 is a known region)."""
    response = client.get(URL, {"q": "vision", "region": "93", "type": "schemes"})
    assert response.status_code == 200


def test_typos_are_explained(client, entries):
    """A corrected word says so, and shows the word as the entry writes it."""
    (result,) = client.get(URL, {"q": "visoin industrielel"}).json()["results"]
    assert result["explanation"][0] == {
        "term": "visoin",
        "matched": ["vision"],
        "fields": ["title"],
        "reason": "typo",
    }


def test_suggestions_when_nothing_matches(client, entries):
    """Two typos in a word find nothing, but "did you mean" proposes the right word."""
    answer = client.get(URL, {"q": "defots"}).json()
    assert answer["count"] == 0
    assert answer["results"] == []
    assert answer["suggestions"] == [{"q": "défauts", "count": 1}]


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"type": "recettes"}, "type"),
        ({"sort": "prix"}, "sort"),
        ({"page": "0"}, "page"),
        ({"page_size": "500"}, "page_size"),
        ({"synthetic": "peut-être"}, "synthetic"),
        ({"region": "XX"}, "region"),
        ({"type": "trainings", "level": "expert"}, "level"),
        ({"q": "vision", "page": "9"}, "page"),
    ],
)
def test_bad_parameters_get_a_400_naming_them(client, entries, params, param):
    """Each bad parameter is named, in French, under "errors"."""
    response = client.get(URL, params)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert param in errors
    assert f"« {param} »" in errors[param] or "page" in errors[param]


def test_pages_link_to_each_other(client, entries):
    """next and previous are absolute links keeping the query."""
    provider = owner("Autre")
    for n in range(3):
        published(Solution, provider, title=f"Capteur connecté {n}")
    answer = client.get(URL, {"q": "capteur", "page_size": "2"}).json()
    assert answer["next"].startswith("http://testserver/api/v1/search?")
    assert "page=2" in answer["next"] and "q=capteur" in answer["next"]
    assert answer["previous"] is None
