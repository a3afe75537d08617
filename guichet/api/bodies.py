"""Reading and writing JSON bodies safely: bounded size and depth, UTF-8 only, both ways.

Python's ``json`` reads ``"\\ud800"`` (half of a UTF-16 pair) as a string that cannot be
written back as UTF-8, and gives up with ``RecursionError`` past about a thousand levels:
both would end as a 500. ``load_json`` refuses them with an ``InvalidBody`` that never
quotes the input; ``SafeJSONRenderer`` is the last guard for an answer that still holds one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer

from guichet.api.errors import InvalidBody, body_too_large_message

# Deeper than any body the API documents (the match request has two levels).
MAX_DEPTH = 32

TOO_DEEP = f"Le corps de la requête imbrique plus de {MAX_DEPTH} niveaux d'objets ou de listes."

_SURROGATES = re.compile("[\ud800-\udfff]")


def max_body_size() -> int | None:
    size: int | None = getattr(settings, "DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
    return size


def _encodable(text: str) -> bool:
    return _SURROGATES.search(text) is None


def check_value(value: Any) -> None:
    """Refuse a parsed value nested deeper than ``MAX_DEPTH`` or holding an unencodable string."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if not _encodable(item):
                raise InvalidBody(
                    "Le corps de la requête contient un caractère invalide (une moitié de "
                    "paire UTF-16 seule) : envoyez du texte UTF-8 valide."
                )
            continue
        if not isinstance(item, Mapping | list):
            continue
        if depth > MAX_DEPTH:
            raise InvalidBody(TOO_DEEP)
        children = [*item.keys(), *item.values()] if isinstance(item, Mapping) else item
        stack.extend((child, depth + 1) for child in children)


def load_json(raw: bytes) -> Any:
    """The value of a UTF-8 JSON body, or ``InvalidBody`` saying why, never quoting it."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidBody("Le corps de la requête n'est pas du texte UTF-8.") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidBody(
            "Le corps de la requête n'est pas du JSON valide "
            f"(ligne {error.lineno}, colonne {error.colno})."
        ) from None
    except RecursionError:
        raise InvalidBody(TOO_DEEP) from None
    check_value(value)
    return value


def check_body(raw: bytes) -> None:
    """Refuse what ``json`` would choke on (too deep, an unencodable string), nothing else.

    For a view that reads ``request.body`` itself: a body that is no JSON at all passes,
    and the view says in its own words what is wrong with it.
    """
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return
    except RecursionError:
        raise InvalidBody(TOO_DEEP) from None
    check_value(value)


class GuichetJSONParser(JSONParser):
    """DRF's JSON parser with a size limit, a depth limit and UTF-8 checked, in French."""

    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        limit = max_body_size()
        raw = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(raw) > limit:
            raise InvalidBody(body_too_large_message())
        return load_json(raw)


class SafeJSONRenderer(JSONRenderer):
    """DRF's JSON renderer; a string that UTF-8 cannot hold gets U+FFFD, never a 500."""

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        try:
            return super().render(data, accepted_media_type, renderer_context)
        except UnicodeEncodeError:
            text = json.dumps(data, cls=self.encoder_class, ensure_ascii=False)
            return _SURROGATES.sub("\ufffd", text).encode("utf-8")
