"""Properties of the analysis that hold for every text (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from guichet.search import analysis

french = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyzéèêëàâäîïôöùûüçœæ ABCDEÉÈÀÇ'’.-,;:!?0123456789")
    ),
    max_size=80,
)
anything = st.text(max_size=80)


@given(st.one_of(french, anything))
@settings(max_examples=300)
def test_analysis_never_raises(text):
    """Any text, however odd, is analysed without error into folded ASCII terms."""
    for term in analysis.terms(text):
        assert term and term.isascii() and term.isalnum()
    analysis.tokenize(text)


@given(st.one_of(french, anything))
@settings(max_examples=300)
def test_normalisation_is_idempotent(text):
    """Folding, elisions and stop words applied to their own output change nothing.

    Stemming is left out on purpose: Snowball stems are not fixed points (13 % of the
    words of the seed documents: "activité" → "activit" → "activ"), and stemming
    stems again would merge words that differ; the index stems exactly once.
    """
    once = [w for w in analysis.words(text) if not analysis.is_stop(w)]
    twice = [w for w in analysis.words(" ".join(once)) if not analysis.is_stop(w)]
    assert twice == once
    assert analysis.fold(analysis.fold(text)) == analysis.fold(text)


@given(st.one_of(french, anything))
@settings(max_examples=300)
def test_tokenize_and_the_index_see_the_same_words(text):
    """The highlighter's tokenizer and the indexer's fast path find the same words."""
    _, tokens = analysis.tokenize(text)
    assert [t.word for t in tokens] == analysis.words(text)
    assert [t.stem for t in tokens if t.stem] == analysis.terms(text)


@given(st.one_of(french, anything))
def test_spans_point_at_the_words(text):
    """Every span, folded, gives back its word."""
    normalised, tokens = analysis.tokenize(text)
    for token in tokens:
        assert token.word in analysis.fold(normalised[token.start : token.end]).split() or (
            "." in normalised[token.start : token.end]
        )
