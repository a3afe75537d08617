"""Reading the object lists of ``porteurs`` and ``base_juridique``.

The schema writes them in JavaScript literal notation rather than JSON:
``[{ nom: 'ADEME', siren: '385290309', roles: [ 'instructeur' ]}]``. Files in the wild mix
that notation with JSON, so this reader takes both: keys quoted or not, strings in single or
double quotes, trailing commas, any white space and line breaks. It also repairs, and reports,
two mistakes spreadsheets make: an apostrophe left unescaped inside a single-quoted string
(``'Chambre d'agriculture'``) and a lone object not wrapped in a list.

Every key and value is kept as written (lossless); the export writes the same data as JSON,
which is also valid JavaScript notation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

MAX_DEPTH = 20
IDENTIFIER_RE = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
NUMBER_RE = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "0": "\0",
}
KEYWORDS: dict[str, Any] = {"true": True, "false": False, "null": None}


class NotationError(ValueError):
    """The text is not an object list; the message says where, in French."""


@dataclass
class _Reader:
    text: str
    pos: int = 0
    corrections: list[str] = field(default_factory=list)

    def fail(self, message: str) -> NotationError:
        return NotationError(
            _("notation illisible au caractère %(position)s : %(message)s")
            % {"position": self.pos + 1, "message": message}
        )

    def skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expect(self, char: str) -> None:
        self.skip_space()
        if self.peek() != char:
            found = self.peek() or _("la fin du texte")
            raise self.fail(
                _("« %(expected)s » attendu, « %(found)s » trouvé")
                % {"expected": char, "found": found}
            )
        self.pos += 1

    def value(self, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(_("listes et objets imbriqués trop profondément"))
        self.skip_space()
        char = self.peek()
        if char == "{":
            return self.object(depth)
        if char == "[":
            return self.array(depth)
        if char in {"'", '"'}:
            return self.string()
        number = NUMBER_RE.match(self.text, self.pos)
        if number:
            return self.number(number.group())
        word = IDENTIFIER_RE.match(self.text, self.pos)
        if word and word.group() in KEYWORDS:
            self.pos = word.end()
            return KEYWORDS[word.group()]
        if not char:
            raise self.fail(_("le texte s'arrête avant la fin"))
        raise self.fail(_("caractère inattendu « %(char)s »") % {"char": char})

    def number(self, literal: str) -> int | float | str:
        self.pos += len(literal)
        digits = literal.lstrip("-")
        if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
            # 0385…: a code written without quotes; as a number it would lose its zero.
            self.corrections.append(
                _("« %(value)s » gardé comme texte pour ne pas perdre son zéro initial")
                % {"value": literal}
            )
            return literal
        if re.fullmatch(r"-?\d+", literal):
            return int(literal)
        return float(literal)

    def string(self) -> str:
        quote = self.text[self.pos]
        self.pos += 1
        chars: list[str] = []
        while True:
            if self.pos >= len(self.text):
                raise self.fail(_("guillemet fermant manquant"))
            char = self.text[self.pos]
            if char == "\\":
                self.pos += 1
                chars.append(self.escape())
                continue
            self.pos += 1
            if char != quote:
                chars.append(char)
                continue
            following = self.peek()
            if quote == "'" and chars and chars[-1].isalpha() and following.isalpha():
                # d'agriculture: an apostrophe the author did not escape, not the end.
                chars.append(char)
                self.corrections.append(
                    _("apostrophe non échappée lue comme faisant partie du texte « %(text)s… »")
                    % {"text": "".join(chars)[-30:]}
                )
                continue
            return "".join(chars)

    def escape(self) -> str:
        char = self.peek()
        if not char:
            raise self.fail(_("échappement incomplet"))
        self.pos += 1
        if char == "u":
            digits = self.text[self.pos : self.pos + 4]
            if not re.fullmatch(r"[0-9A-Fa-f]{4}", digits):
                raise self.fail(_("échappement \\u incomplet"))
            self.pos += 4
            code = int(digits, 16)
            low = self.text[self.pos : self.pos + 6]
            if 0xD800 <= code < 0xDC00 and re.fullmatch(r"\\u[dD][c-fC-F][0-9A-Fa-f]{2}", low):
                # A character beyond the BMP, escaped as a UTF-16 surrogate pair (JSON does it).
                self.pos += 6
                return chr(0x10000 + ((code - 0xD800) << 10) + (int(low[2:], 16) - 0xDC00))
            if 0xD800 <= code < 0xE000:
                raise self.fail(_("échappement \\u d'un demi-caractère isolé"))
            return chr(code)
        if char == "x":
            digits = self.text[self.pos : self.pos + 2]
            if not re.fullmatch(r"[0-9A-Fa-f]{2}", digits):
                raise self.fail(_("échappement \\x incomplet"))
            self.pos += 2
            return chr(int(digits, 16))
        return ESCAPES.get(char, char)

    def key(self) -> str:
        self.skip_space()
        char = self.peek()
        if char in {"'", '"'}:
            return self.string()
        word = IDENTIFIER_RE.match(self.text, self.pos) or NUMBER_RE.match(self.text, self.pos)
        if not word:
            raise self.fail(_("nom de propriété attendu"))
        self.pos = word.end()
        return word.group()

    def object(self, depth: int) -> dict[str, Any]:
        self.pos += 1
        result: dict[str, Any] = {}
        while True:
            self.skip_space()
            if self.peek() == "}":
                self.pos += 1
                return result
            key = self.key()
            self.expect(":")
            result[key] = self.value(depth + 1)
            self.skip_space()
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() != "}":
                raise self.fail(
                    _("« , » ou « } » attendu après la valeur de %(key)s") % {"key": key}
                )

    def array(self, depth: int) -> list[Any]:
        self.pos += 1
        result: list[Any] = []
        while True:
            self.skip_space()
            if self.peek() == "]":
                self.pos += 1
                return result
            result.append(self.value(depth + 1))
            self.skip_space()
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() != "]":
                raise self.fail(_("« , » ou « ] » attendu dans la liste"))


def parse_object_list(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The list of objects ``text`` writes, and the corrections made to read it (French).

    Raises ``NotationError`` when the text cannot be read as a list of objects.
    """
    reader = _Reader(text)
    value = reader.value()
    reader.skip_space()
    if reader.pos < len(text):
        raise reader.fail(_("texte en trop après la fin de la liste"))
    if isinstance(value, dict):
        reader.corrections.append(_("objet seul placé dans une liste"))
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise NotationError(_("une liste d'objets entre crochets est attendue : [{ … }, { … }]"))
    return value, reader.corrections
