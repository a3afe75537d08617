"""How a corrected word is shown: as the entry writes it, found without reading the whole text."""

from __future__ import annotations

from guichet.search.documents import Document
from guichet.search.highlight import surface


def document(**texts: str) -> Document:
    fields = {"title": "", "summary": "", "tags": "", "body": "", **texts}
    return Document(
        kind="solutions",
        entry_id=1,
        slug="s",
        synthetic=False,
        deadline=None,
        published=None,
        **fields,
    )


def test_the_word_as_written_after_letters_that_fold_to_two():
    doc = document(body="La main-d’œuvre qualifiée obtient des Subventions régionales.")
    assert surface(doc, ("subvent",)) == "subventions"
    assert surface(doc, ("qualifie",)) == "qualifiée"


def test_only_the_fields_given_are_read_and_nothing_found_is_empty():
    doc = document(title="Maintenance prédictive", body="maintenance des machines")
    assert surface(doc, ("machin",), ["title"]) == ""
    assert surface(doc, ("machin",), ["body"]) == "machines"
    assert surface(doc, ("absent",)) == ""


def test_a_dotted_acronym_is_found_by_the_full_reading():
    doc = document(summary="Un projet d’I.A. pour les PME")
    assert surface(doc, ("ia",)) == "i.a"
