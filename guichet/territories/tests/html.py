"""Reading rendered pages as a person would: text without tags, terms and their definitions."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.title = ""
        self.text: list[str] = []
        self.terms: dict[str, str] = {}
        self._term = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)
        if tag == "dt":
            self._term = ""

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if "title" in self.open:
            self.title += data
        elif "dt" in self.open:
            self._term += data
        elif "dd" in self.open:
            term = squash(self._term)
            self.terms[term] = squash(f"{self.terms.get(term, '')} {data}")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    return reader


def title(html: str) -> str:
    return squash(read(html).title)


def terms(html: str) -> dict[str, str]:
    """The definition list's terms, each with what its definition says."""
    return read(html).terms


def text(html: str) -> str:
    """The page's text, tags removed and spaces collapsed."""
    return squash(" ".join(read(html).text))
