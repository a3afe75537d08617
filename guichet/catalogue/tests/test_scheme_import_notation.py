"""``jslike.parse_object_list``: the object lists of ``porteurs`` and ``base_juridique``."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guichet.catalogue.schemes_io.jslike import NotationError, parse_object_list


def test_schema_example_notation_is_read() -> None:
    """The schema's own example, in JavaScript notation, gives plain dicts and lists."""
    value, corrections = parse_object_list(
        "[{ nom: 'ADEME', siren: '385290309', roles: [ 'instructeur' ]}, "
        "{ nom: 'BPIFRANCE (BPIFRANCE)', siren: '320252489', roles: [ 'financeur' ]}]"
    )
    assert value == [
        {"nom": "ADEME", "siren": "385290309", "roles": ["instructeur"]},
        {"nom": "BPIFRANCE (BPIFRANCE)", "siren": "320252489", "roles": ["financeur"]},
    ]
    assert corrections == []


def test_json_and_mixed_quotes_line_breaks_and_trailing_commas() -> None:
    """JSON, double quotes, quoted keys, line breaks and trailing commas are all accepted."""
    value, corrections = parse_object_list(
        '[\n  {"nom": "Région Sud", \'roles\': ["financeur",],},\n  { libelle: "a \\"b\\"" }\n]'
    )
    assert value == [{"nom": "Région Sud", "roles": ["financeur"]}, {"libelle": 'a "b"'}]
    assert corrections == []


def test_numbers_booleans_and_null_are_kept() -> None:
    """Other JavaScript values are kept as they are, a leading-zero number as text."""
    value, corrections = parse_object_list("[{ a: 12, b: -1.5, c: true, d: null, e: 012 }]")
    assert value == [{"a": 12, "b": -1.5, "c": True, "d": None, "e": "012"}]
    assert corrections == ["« 012 » gardé comme texte pour ne pas perdre son zéro initial"]


def test_unescaped_apostrophe_is_part_of_the_text() -> None:
    """An apostrophe inside a single-quoted name is read as text, and reported."""
    value, corrections = parse_object_list("[{ nom: 'Chambre d'agriculture', roles: [] }]")
    assert value == [{"nom": "Chambre d'agriculture", "roles": []}]
    assert len(corrections) == 1


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[{ nom: 'ADEME' ", "« , » ou « } » attendu"),
        ("[{ nom 'ADEME' }]", "« : » attendu"),
        ("[{ nom: ADEME }]", "caractère inattendu « A »"),
        ("['ADEME']", "une liste d'objets entre crochets est attendue"),
        ("[{ nom: 'ADEME' }] en plus", "texte en trop"),
        ("[{ nom: 'ADEME }]", "guillemet fermant manquant"),
        ("[" * 30 + "]" * 30, "imbriqués trop profondément"),
    ],
)
def test_broken_notation_says_where(text: str, reason: str) -> None:
    """Text that is not an object list raises an error giving the reason and the position."""
    with pytest.raises(NotationError, match=r"notation illisible|liste d'objets") as error:
        parse_object_list(text)
    assert reason in str(error.value)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


@given(st.lists(st.dictionaries(st.text(max_size=10), json_values, max_size=4), max_size=4))
def test_any_json_object_list_reads_back_equal(value: list[dict[str, object]]) -> None:
    """Whatever JSON the export writes, the reader gives back the same data."""
    assert parse_object_list(json.dumps(value, ensure_ascii=False))[0] == value


@given(st.lists(st.dictionaries(st.text(max_size=10), json_values, max_size=4), max_size=4))
def test_ascii_escaped_json_reads_back_equal(value: list[dict[str, object]]) -> None:
    """JSON written with \\u escapes (surrogate pairs for emoji) reads back the same data."""
    assert parse_object_list(json.dumps(value, ensure_ascii=True))[0] == value
