"""Hypothesis strategies for requests to every operation of an OpenAPI 3 document.

Each value is drawn mostly from what the document says (an enum's codes, a date, an
integer in range, a boolean word), and sometimes from what a careless or hostile client
sends instead: any text, percent-encoded bytes that are no UTF-8, days from year 1 to
9999, numbers past 64 bits, paths with slashes. Bodies follow the request schema, or are
any JSON, JSON nested thousands deep, JSON holding lone surrogates, or raw bytes.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from hypothesis import strategies as st

Schema = Mapping[str, Any]

# Text as a client may send it in a URL: any character a URL can carry, control ones included.
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=24)
# Any string a JSON body may hold; one in three holds a lone surrogate (json.dumps escapes it).
LONE_SURROGATE = st.characters(categories=["Cs"])
JSON_TEXT = st.one_of(
    st.text(st.characters(), max_size=24),
    st.text(st.characters(), max_size=24),
    st.tuples(st.text(max_size=8), LONE_SURROGATE, st.text(max_size=8)).map("".join),
)
DAYS = st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)).map(datetime.date.isoformat)
BIG_INTS = st.integers(min_value=-(2**70), max_value=2**70).map(str)
BOOL_WORDS = st.sampled_from(["1", "0", "true", "false", "oui", "non", "yes", "no", "2", ""])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | JSON_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(JSON_TEXT, inner, max_size=4),
    max_leaves=12,
)


@dataclass(frozen=True)
class Operation:
    method: str  # upper case
    path: str  # template, such as /api/v1/events/{id}/
    operation_id: str
    parameters: tuple[Schema, ...]
    body: Schema | None  # the JSON request schema, if any
    responses: frozenset[str] = field(default_factory=frozenset)


def operations(document: Schema) -> Iterator[Operation]:
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            content = operation.get("requestBody", {}).get("content", {})
            yield Operation(
                method=method.upper(),
                path=path,
                operation_id=operation["operationId"],
                parameters=tuple(operation.get("parameters", ())),
                body=content.get("application/json", {}).get("schema"),
                responses=frozenset(operation.get("responses", {})),
            )


def resolve(document: Schema, schema: Schema) -> Schema:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


def known_codes(document: Schema) -> dict[str, list[str]]:
    """For each parameter name, the codes any operation lists for it (search lists none)."""
    codes: dict[str, set[str]] = {}
    for operation in operations(document):
        for parameter in operation.parameters:
            schema = parameter.get("schema", {})
            enum = schema.get("enum") or schema.get("items", {}).get("enum")
            if enum:
                codes.setdefault(parameter["name"], set()).update(map(str, enum))
    return {name: sorted(values) for name, values in codes.items()}


def _looks_like_a_date(name: str, schema: Schema) -> bool:
    return schema.get("format") == "date" or name.endswith(("after", "before", "_on"))


def value(name: str, schema: Schema, codes: Mapping[str, list[str]]) -> st.SearchStrategy[str]:
    """One query value: as documented most of the time, anything else now and then."""
    enum = schema.get("enum") or codes.get(name)
    typed: st.SearchStrategy[str]
    if enum:
        typed = st.sampled_from([str(code) for code in enum])
    elif _looks_like_a_date(name, schema):
        typed = DAYS
    elif schema.get("type") == "boolean":
        typed = BOOL_WORDS
    elif schema.get("type") == "integer":
        low, high = schema.get("minimum", -5), schema.get("maximum", 50)
        typed = st.integers(min_value=low, max_value=high).map(str)
    else:
        typed = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
    return st.one_of(typed, typed, typed, ANY_TEXT, BIG_INTS, DAYS)


def encoded(text: str) -> str:
    return quote(text, safe="")


def _pairs(name: str) -> Callable[[list[str]], list[str]]:
    return lambda values: [f"{name}={encoded(v)}" for v in values]


def query_string(operation: Operation, codes: Mapping[str, list[str]]) -> st.SearchStrategy[str]:
    """A query string for ``operation``: some of its parameters, repeated for arrays."""
    pieces: list[st.SearchStrategy[list[str]]] = []
    for parameter in operation.parameters:
        if parameter.get("in") != "query":
            continue
        name, schema = parameter["name"], parameter.get("schema", {})
        many = schema.get("type") == "array"
        item = schema.get("items", {}) if many else schema
        values = st.lists(value(name, item, codes), min_size=1, max_size=3 if many else 1)
        pieces.append(st.one_of(st.just([]), values).map(_pairs(name)))
    # A parameter no operation knows, and raw bytes no UTF-8 decoder accepts.
    stray = st.binary(max_size=8).map(lambda raw: [f"x={quote(raw)}"])
    pieces.append(st.one_of(st.just([]), stray))
    return st.tuples(*pieces).map(lambda groups: "&".join(p for group in groups for p in group))


def path_value(ids: list[int]) -> st.SearchStrategy[str]:
    """An id in a path: a real one, a number of any size, or any text, slashes included."""
    real = st.sampled_from(ids) if ids else st.integers(1, 10)
    return st.one_of(
        real.map(str),
        real.map(str),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        ANY_TEXT.filter(bool).map(lambda text: quote(text, safe="/")),
        st.binary(min_size=1, max_size=6).map(quote),
    )


def document_body(document: Schema, schema: Schema) -> st.SearchStrategy[Any]:
    """A body shaped as ``schema`` says, its leaves sometimes of another type."""
    schema = resolve(document, schema)
    kind = schema.get("type")
    leaf: st.SearchStrategy[Any]
    if kind == "object" and "properties" in schema:
        return st.fixed_dictionaries(
            {},
            optional={
                name: document_body(document, sub) for name, sub in schema["properties"].items()
            },
        )
    if kind == "integer":
        leaf = st.integers(min_value=-(2**64), max_value=2**64)
    elif schema.get("format") == "date":
        leaf = DAYS
    elif kind == "string":
        leaf = JSON_TEXT
    else:
        leaf = JSON_VALUES
    return st.one_of(leaf, leaf, leaf, JSON_VALUES)


def _deep(depth: int, opener: str) -> bytes:
    closer = "]" if opener == "[" else "}"
    if opener == "{":
        return ('{"a":' * depth + "1" + closer * depth).encode()
    return (opener * depth + closer * depth).encode()


def body(document: Schema, schema: Schema) -> st.SearchStrategy[bytes]:
    """Raw bytes of a request body: mostly JSON as documented, often hostile."""
    as_documented = document_body(document, schema).map(lambda v: json.dumps(v).encode())
    return st.one_of(
        as_documented,
        JSON_VALUES.map(lambda v: json.dumps(v).encode()),
        st.builds(_deep, st.sampled_from([5000, 32, 33, 100_000]), st.sampled_from("[{")),
        st.binary(max_size=64),
        JSON_TEXT.map(lambda text: json.dumps({"need": text, text: [text]}).encode()),
    )
