"""Request bodies the API cannot read get a JSON 400 naming ``body``, never a 500 or HTML."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from guichet.api.bodies import MAX_DEPTH, GuichetJSONParser, SafeJSONRenderer, load_json
from guichet.api.errors import InvalidBody

pytestmark = pytest.mark.django_db

MATCH = "/api/v1/match"


def post(api: APIClient, body: bytes | str, content_type: str = "application/json") -> Any:
    return api.post(MATCH, body, content_type=content_type)


def body_error(response: Any) -> str:
    """The ``body`` message of a 400 whose bytes are valid UTF-8 JSON in the envelope."""
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content.decode("utf-8"))  # strict: no lone surrogate
    assert list(body) == ["errors"]
    message: str = body["errors"]["body"]
    return message


def nested(depth: int) -> str:
    return '{"profile": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"


def test_deeply_nested_body_gets_400(api: APIClient) -> None:
    """Ten thousand nested lists, where Python's json gives up, are refused as too deep."""
    message = body_error(post(api, "[" * 10_000 + "]" * 10_000))
    assert f"plus de {MAX_DEPTH} niveaux" in message


def test_unclosed_deep_body_gets_400(api: APIClient) -> None:
    """Nesting that never closes is refused too, not left to crash the view."""
    assert body_error(post(api, '{"need": ' + "[" * 50_000))


def test_depth_limit_is_exact(api: APIClient) -> None:
    """A body 32 levels deep passes the guard (the view judges it); 33 levels are refused."""
    at_limit = post(api, nested(MAX_DEPTH))
    assert at_limit.status_code == 400
    assert list(at_limit.json()["errors"]) != ["body"]  # the view's own words about profile
    assert f"{MAX_DEPTH} niveaux" in body_error(post(api, nested(MAX_DEPTH + 1)))


@pytest.mark.parametrize(
    "body",
    [
        '{"need": "\\ud800"}',
        '{"\\ud800": 1}',
        '{"profile": {"naf": "62\\udfff"}}',
        '{"profile": {"commune": ["\\ud83d"]}}',
        '["\\udc00\\ud800"]',
    ],
)
def test_lone_surrogate_gets_clean_400(body: str, api: APIClient) -> None:
    """A lone UTF-16 surrogate anywhere in the body gets a 400 that never quotes it."""
    response = post(api, body)
    message = body_error(response)
    assert "UTF-16" in message
    assert b"\\ud" not in response.content.lower() and "\ud800" not in message


def test_valid_surrogate_pair_is_read(api: APIClient) -> None:
    """An escaped pair (an emoji) is ordinary text: the body is read and matched."""
    response = post(api, '{"need": "chatbot \\ud83d\\ude00"}')
    assert response.status_code == 200


@pytest.mark.parametrize("raw", [b'{"need": "\xed\xa0\x80"}', b"\xff\xfe{}", b'{"need": "\xc3"}'])
def test_invalid_utf8_gets_400(raw: bytes, api: APIClient) -> None:
    """Bytes that are not UTF-8 get a 400 naming ``body``."""
    assert body_error(post(api, raw))


def test_body_past_the_upload_limit_gets_json_400(api: APIClient) -> None:
    """A body past DATA_UPLOAD_MAX_MEMORY_SIZE gets a JSON 400 giving the limit, not HTML."""
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024 * 1024):
        message = body_error(post(api, b'{"need": "' + b"a" * (10 * 1024 * 1024) + b'"}'))
    assert "1 Mio" in message


def test_body_past_a_limit_in_kio_says_so(api: APIClient) -> None:
    """A limit that is no whole number of Mio is given in Kio."""
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1536):
        assert "1 Kio" in body_error(post(api, json.dumps({"need": "a" * 2000})))


def test_ordinary_bad_json_keeps_the_views_message(api: APIClient) -> None:
    """A body that is merely not JSON is left to the match view, which says so in its words."""
    assert body_error(post(api, "{need: 1}")).startswith(
        "Le corps de la requête n'est pas du JSON valide"
    )


def test_parser_refuses_what_load_json_refuses() -> None:
    """The API's DRF parser applies the same size, depth and encoding limits."""
    parser = GuichetJSONParser()
    assert parser.parse(io.BytesIO(b'{"a": [1, {"b": "\xc3\xa9"}]}')) == {"a": [1, {"b": "é"}]}
    for raw in [b"[" * 40 + b"]" * 40, b'"\\ud800"', b"\xff", b"{", b"[" * 5000]:
        with pytest.raises(InvalidBody):
            parser.parse(io.BytesIO(raw))
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10), pytest.raises(InvalidBody):
        parser.parse(io.BytesIO(b'"' + b"a" * 20 + b'"'))


def test_load_json_messages_never_quote_the_input() -> None:
    """Error messages give a line and column, not the bytes that were sent."""
    with pytest.raises(InvalidBody) as refused:
        load_json(b'{"secret-\xc3\xa9": }')
    assert "secret" not in str(refused.value.detail)
    assert "ligne 1, colonne" in str(refused.value.detail)


def test_renderer_replaces_unencodable_characters() -> None:
    """An answer holding a lone surrogate is written as UTF-8 with U+FFFD, not a 500."""
    rendered = SafeJSONRenderer().render({"errors": {"need": "« \ud800 »"}})
    assert json.loads(rendered.decode("utf-8")) == {"errors": {"need": "« \ufffd »"}}
