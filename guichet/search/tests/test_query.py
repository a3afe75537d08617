"""From typed words to groups of alternatives: synonyms, phrases, typos."""

from __future__ import annotations

from guichet.search.query import BODY_SHARE, SYNONYM, TYPO, analyze_query, coverage_points


def _texts(group):
    return [a.text for a in group.alternatives]


def test_words_become_groups():
    """Each meaningful word is one group; stop words drop."""
    query = analyze_query("formation pour les dirigeants")
    assert [g.text for g in query.groups] == ["formation", "dirigeants"]


def test_acronym_expands_to_its_long_form():
    """ "IA" also looks for "intelligence artificielle", and the other way round."""
    (group,) = analyze_query("IA").groups
    assert "intelligence artificielle" in _texts(group)
    (group,) = analyze_query("l'intelligence artificielle").groups
    assert group.text == "intelligence artificielle"
    assert "IA" in _texts(group)


def test_longest_synonym_phrase_wins():
    """ "maintenance prédictive" is one idea, not "maintenance" and "prédictive"."""
    query = analyze_query("maintenance prédictive machines")
    assert [g.text for g in query.groups] == ["maintenance prédictive", "machines"]
    assert "maintenance prévisionnelle" in _texts(query.groups[0])


def test_synonyms_are_marked_as_such():
    """The expansion says which alternatives are synonyms, for the explanation."""
    (group,) = analyze_query("chatbot").groups
    reasons = {a.text: a.reason for a in group.alternatives}
    assert reasons["agent conversationnel"] == SYNONYM
    assert reasons["chatbot"] == "exact"


def test_typo_on_a_long_word_adds_the_known_word():
    """One typo on a word of five letters or more reaches the indexed word."""
    known = {"machin", "vision"}.intersection
    (group,) = analyze_query("machnie", lambda stems: known(stems)).groups
    assert ("machin",) in [a.stems for a in group.alternatives]
    assert [a.reason for a in group.alternatives if a.stems == ("machin",)] == [TYPO]


def test_no_typo_tolerance_below_five_letters():
    """A four-letter word is taken as typed."""
    known = {"data"}.intersection
    (group,) = analyze_query("dota", lambda stems: known(stems)).groups
    assert [a.stems for a in group.alternatives] == [("dot",)]


def test_known_words_are_not_corrected():
    """A word the index holds is never "corrected" into another one."""
    known = {"vison", "vision"}.intersection
    (group,) = analyze_query("vison", lambda stems: known(stems)).groups
    assert [a.stems for a in group.alternatives] == [("vison",)]


def test_a_corrected_word_brings_its_synonyms():
    """ "chatbto" corrected to "chatbot" also looks for "agent conversationnel"."""
    known = {"chatbot"}.intersection
    (group,) = analyze_query("chatbto", lambda stems: known(stems)).groups
    assert "agent conversationnel" in _texts(group)


def test_need_words_do_not_decide():
    """ "je cherche une aide pour un chatbot" searches the chatbot, not "aide" or "cherche"."""
    query = analyze_query("je cherche une aide pour un chatbot")
    assert [g.text for g in query.groups] == ["chatbot"]
    assert query.ignored == ("cherche", "aide")
    query = analyze_query("réduire la facture d'énergie de mon entreprise")
    assert [g.text for g in query.groups] == ["réduire", "facture", "énergie"]


def test_a_need_word_alone_is_still_searched():
    """ "aide" (or "besoin d'aide") with nothing else stays the query: schemes are aid."""
    assert [g.text for g in analyze_query("aide").groups] == ["aide"]
    assert [g.text for g in analyze_query("besoin d'aide").groups] == ["besoin", "aide"]
    assert analyze_query("aide").ignored == ()
    # A phrase of the synonym list holding a need word is an idea of its own.
    assert [g.text for g in analyze_query("aide financière robot").groups] == [
        "aide financière",
        "robot",
    ]


def test_rarer_groups_weigh_more_and_titles_count_in_full():
    """A group few documents hold earns more points; long texts earn a share of them."""
    (rare_head, rare_body), (common_head, _) = coverage_points(1000, [3, 600])
    assert rare_head > common_head > 0
    assert rare_body == round(rare_head * BODY_SHARE) < rare_head
