"""French text analysis, the same for catalogue texts and for queries, on every backend.

1. Unicode NFC, then dotted acronyms lose their dots ("I.A." → "IA");
2. case and accent folding ("É" → "e", "œ" → "oe", "ﬁ" → "fi"); every character that
   is not a letter or a digit separates words, apostrophes (' and ’) included;
3. elided clitics (l', d', qu'...) and stop words are dropped (``lexicon.py``);
4. the folded word is stemmed with Snowball French (PyStemmer).

``terms()`` is the fast path used to index texts (it runs inside SQLite triggers, see
``backends/sqlite.py``); ``tokenize()`` keeps where each word sits in the text, for the
query parser and the highlighter. A property test checks that both find the same words.

PostgreSQL indexes with its own ``french`` Snowball stemmer behind ``unaccent``; it
produces the same stems for the same folded words (checked by a test on PostgreSQL).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import Stemmer
from rapidfuzz.distance import OSA

from guichet.search.lexicon import ELIDED, STOP_WORDS_EXTRA, STOP_WORDS_SNOWBALL

# Letters NFKD does not decompose but people expect to fold (after lower-casing).
_SPECIAL = (("œ", "oe"), ("æ", "ae"), ("ß", "ss"), ("ø", "o"), ("đ", "d"), ("ð", "d"), ("ł", "l"))
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
_SEPARATORS = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})
# "i.a.", "s.a.s", "r.h." once folded: two or more single letters joined by dots.
_ACRONYM_HINT = re.compile(r"\.[a-z](?![a-z0-9])", re.ASCII)
_ACRONYM = re.compile(r"(?<![a-z0-9])[a-z](?:\.[a-z])+\.?(?![a-z0-9])", re.ASCII)


def _fold_letters(text: str) -> str:
    """Lower case and ASCII; punctuation kept, letters without an ASCII form become spaces.

    Letters of other scripts (Greek, Cyrillic, CJK...) separate words: the catalogue
    is French. Every step works character by character, so folding a text and folding
    each of its characters give the same result (``tokenize`` relies on it).
    """
    text = text.lower()
    if not text.isascii():
        # Lower again: some letters only have a lower case once decomposed ("𝑨" → "A").
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()
        if not text.isascii():
            for letter, replacement in _SPECIAL:
                if letter in text:
                    text = text.replace(letter, replacement)
            text = _NON_ASCII.sub(" ", text)
    return text


_FOLDED_CHARS: dict[str, str] = {}
# Characters that fold to no character or to several ("œ" → "oe"): positions then shift.
_RESIZED: set[str] = set()


def _fold_char(char: str) -> str:
    folded = _FOLDED_CHARS.get(char)
    if folded is None:
        folded = _FOLDED_CHARS[char] = _fold_letters(char)
        _FOLDED_BY_CODE[ord(char)] = folded
        if len(folded) != 1:
            _RESIZED.add(char)
    return folded


class _FoldTable(dict[int, str]):
    """``str.translate`` table folding any character, learnt as characters come."""

    def __missing__(self, code: int) -> str:
        return _fold_char(chr(code))


_FOLDED_BY_CODE = _FoldTable()


_STEMMER = Stemmer.Stemmer("french")
_STEMS: dict[str, str] = {}
_STEM_CACHE_SIZE = 200_000


def fold(text: str) -> str:
    """Lower-case, accent-free text where every separator became a space."""
    folded = _fold_letters(unicodedata.normalize("NFC", text))
    if _ACRONYM_HINT.search(folded):
        folded = _ACRONYM.sub(lambda m: m.group().replace(".", ""), folded)
    return folded.translate(_SEPARATORS)


def words(text: str) -> list[str]:
    """The folded words of ``text``, stop words included."""
    return fold(text).split()


STOP_WORDS: frozenset[str] = frozenset(words(STOP_WORDS_SNOWBALL + STOP_WORDS_EXTRA)) | set(ELIDED)


def stem(word: str) -> str:
    """Snowball French stem of a folded word."""
    cached = _STEMS.get(word)
    if cached is None:
        if len(_STEMS) >= _STEM_CACHE_SIZE:
            _STEMS.clear()
        cached = _STEMS[word] = _STEMMER.stemWord(word)
    return cached


def is_stop(word: str) -> bool:
    return word in STOP_WORDS


def terms(text: str | None) -> list[str]:
    """The index terms of ``text``: stems of its folded words, stop words left out."""
    if not text:
        return []
    out = []
    for word in fold(text).split():
        if word not in STOP_WORDS:
            out.append(stem(word))
    return out


def index_text(text: str | None) -> str:
    """``terms`` joined by spaces: what the embedded index stores for a field."""
    return " ".join(terms(text))


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text: where it is, how it folds, its stem ("" for a stop word)."""

    start: int
    end: int
    word: str
    stem: str
    position: int  # rank among the words of the text, stop words counted

    @property
    def is_stop(self) -> bool:
        return not self.stem


def fold_chars(text: str) -> tuple[str, list[int] | None]:
    """``text`` folded character by character (lower case, no accents), and where each
    folded character comes from in ``text``: None when every character folds to exactly
    one (positions are then the same), else a list ("œ" → "oe": two from one)."""
    if text.isascii():
        return text.lower(), None
    folded = text.translate(_FOLDED_BY_CODE)
    if _RESIZED.isdisjoint(text):
        return folded, None
    origin: list[int] = []
    last = 0
    for match in _resized_pattern().finditer(text):
        index = match.start()
        origin.extend(range(last, index))
        origin.extend([index] * len(_FOLDED_CHARS[match.group()]))
        last = index + 1
    origin.extend(range(last, len(text)))
    return folded, origin


_RESIZED_PATTERNS: dict[frozenset[str], re.Pattern[str]] = {}


def _resized_pattern() -> re.Pattern[str]:
    """A pattern finding the characters met so far that fold to several (or none)."""
    chars = frozenset(_RESIZED)
    pattern = _RESIZED_PATTERNS.get(chars)
    if pattern is None:
        pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")
        _RESIZED_PATTERNS[chars] = pattern
    return pattern


def tokenize(text: str) -> tuple[str, list[Token]]:
    """The NFC text and its words with their spans in it.

    Folds character by character what ``fold`` folds at once, so both find the same words.
    """
    text = unicodedata.normalize("NFC", text)
    # origin[i]: the index in ``text`` of the i-th folded character (None: the same i).
    folded, origin = fold_chars(text)
    if _ACRONYM_HINT.search(folded):
        dots = {
            m.start() + i
            for m in _ACRONYM.finditer(folded)
            for i, c in enumerate(m.group())
            if c == "."
        }
        if dots:
            origin = [(origin[i] if origin else i) for i in range(len(folded)) if i not in dots]
            folded = "".join(c for i, c in enumerate(folded) if i not in dots)
    separated = folded.translate(_SEPARATORS)

    tokens: list[Token] = []
    for match in _WORD.finditer(separated):
        word = match.group()
        if origin is None:
            start, end = match.start(), match.end()
        else:
            start, end = origin[match.start()], origin[match.end() - 1] + 1
        stem_ = "" if word in STOP_WORDS else stem(word)
        tokens.append(Token(start, end, word, stem_, len(tokens)))
    return text, tokens


_WORD = re.compile(r"[^ ]+")


def phrase_terms(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Stems of a phrase and their positions (stop words leave gaps), for phrase queries."""
    _, tokens = tokenize(text)
    kept = [t for t in tokens if t.stem]
    if not kept:
        return (), ()
    first = kept[0].position
    return tuple(t.stem for t in kept), tuple(t.position - first for t in kept)


# --- spelling ---------------------------------------------------------------------------------

_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
TYPO_MIN_LENGTH = 5  # one typo is forgiven on words of five letters or more


def edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _ALPHABET if c != b[0]}
    inserts = {a + c + b for a, b in splits for c in _ALPHABET}
    return (deletes | transposes | replaces | inserts) - {word}


TYPO_MIN_STEM = 4


def typo_candidates(word: str) -> set[str]:
    """Stems of the words one typo away from ``word`` (a folded word).

    Snowball cuts odd endings off misspelt words too ("cmaera" → "cma"), so a candidate
    must keep four letters or more and stay one edit from the start of the typed word's
    own stem: "maintenence" (stem "maintenent") reaches "mainten", "caméra" never
    reaches the acronym "CMA".
    """
    own = stem(word)
    candidates = set()
    for edited in edits1(word):
        if edited in STOP_WORDS:
            continue
        candidate = stem(edited)
        if (
            len(candidate) >= TYPO_MIN_STEM
            and candidate != own
            and within_one_edit(candidate, own[: len(candidate)])
        ):
            candidates.add(candidate)
    return candidates


def within_one_edit(a: str, b: str) -> bool:
    """``distance(a, b) <= 1``, in one pass (the typo check runs on hundreds of candidates)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1 :] == b[i + 1 :] or (
            i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        )
    return a[i + 1 :] == b[i:] if la > lb else a[i:] == b[i + 1 :]


def distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein distance (optimal string alignment), capped at ``limit``."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) >= limit:
        return limit
    return min(int(OSA.distance(a, b, score_cutoff=limit)), limit)


def closeness(term: str, word: str, limit: int = 3) -> int:
    """Edits between an indexed stem and a typed (folded) word: against the word's stem,
    or against the start of the word when the typo sits in the part stemming cuts off
    ("mantenence" is two edits from "mainten", its stem "mantenent" three)."""
    best = distance(term, stem(word), limit)
    if len(term) >= 4:
        for size in range(len(term) - 1, len(term) + 2):
            if 0 < size <= len(word):
                best = min(best, distance(term, word[:size], limit))
    return best


def unique(items: Iterable[str]) -> list[str]:
    """Items in their first order, each once."""
    return list(dict.fromkeys(items))
