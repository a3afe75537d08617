"""French analysis: folding, elisions, stop words, stemming, acronyms, spelling distances."""

from __future__ import annotations

import pytest

from guichet.search import analysis


def test_case_and_accents_fold():
    """Capitals and accents do not matter; œ and æ are written out."""
    assert analysis.words("CONTRÔLE Qualité Œuvre Ægide Naïve") == [
        "controle",
        "qualite",
        "oeuvre",
        "aegide",
        "naive",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "l'intelligence",
        "l’intelligence",
        "L’INTELLIGENCE",
        "d'intelligence",
        "qu'intelligence",
        "jusqu’intelligence",
    ],
)
def test_elisions_with_either_apostrophe(text):
    """Elided clitics (l', d', qu'...) drop, with a straight or a typographic apostrophe."""
    assert analysis.terms(text) == analysis.terms("intelligence")


@pytest.mark.parametrize("clitic", ["l", "d", "qu", "j", "n", "s", "c", "m", "t"])
def test_every_clitic_is_dropped(clitic):
    """Each elided form of the list leaves nothing behind."""
    assert analysis.terms(f"{clitic}'outil {clitic}’outil") == ["outil", "outil"]


def test_stop_words_are_dropped():
    """Words that carry no meaning for a search are left out."""
    assert analysis.terms("une aide pour les entreprises de la région") == [
        "aid",
        "entrepris",
        "region",
    ]


def test_stemming_joins_inflections():
    """Singular and plural, masculine and feminine share a stem."""
    assert analysis.terms("machine machines") == ["machin", "machin"]
    assert analysis.terms("prédictive prédictif") == analysis.terms("predictives predictifs")


def test_dotted_acronyms_lose_their_dots():
    """ "I.A." is "IA", "R.H" is "RH"."""
    assert analysis.terms("I.A. et R.H") == ["ia", "rh"]


def test_tokenize_keeps_spans_in_the_original_text():
    """Each word knows where it sits, for highlighting."""
    text, tokens = analysis.tokenize("L’Intelligence artificielle")
    assert [(text[t.start : t.end], t.stem) for t in tokens] == [
        ("L", ""),
        ("Intelligence", "intelligent"),
        ("artificielle", "artificiel"),
    ]


def test_phrase_terms_count_the_stop_words_left_out():
    """Phrase positions leave gaps where stop words were (for PostgreSQL phrases)."""
    assert analysis.phrase_terms("vision par ordinateur") == (("vision", "ordin"), (0, 2))


def test_distance_counts_one_transposition_as_one_edit():
    """Damerau-Levenshtein: swapped letters are one typo."""
    assert analysis.distance("vision", "visoin") == 1
    assert analysis.distance("robot", "robt") == 1
    assert analysis.distance("abc", "xyz", limit=2) == 2


def test_typo_candidates_reach_the_stem_of_the_right_word():
    """A word one typo away yields the stem of the intended word."""
    assert "machin" in analysis.typo_candidates("machinne")
    assert "format" in analysis.typo_candidates("formaton")


def test_closeness_sees_typos_in_the_cut_off_ending():
    """A typo in the suffix stemming removes still counts as near."""
    assert analysis.closeness("mainten", "mantenence") <= 2


@pytest.mark.parametrize(
    "text",
    ["Mise en œuvre des cœurs de métier", "Œuvré d’art et Cœur", "ﬁnancement « IA » ŒUVRES"],
)
def test_spans_stay_right_when_a_letter_folds_to_two(text):
    """ "œ" folds to "oe": the words after it must still point at their own letters."""
    normalised, tokens = analysis.tokenize(text)
    for token in tokens:
        piece = normalised[token.start : token.end]
        assert analysis.terms(piece) == ([token.stem] if token.stem else [])
    folded, origin = analysis.fold_chars(normalised)
    assert origin is not None and len(origin) == len(folded)
    assert origin == sorted(origin)


def test_fold_chars_keeps_positions_when_every_letter_folds_to_one():
    assert analysis.fold_chars("Évaluée à Nîmes") == ("evaluee a nimes", None)
