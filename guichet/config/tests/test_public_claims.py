"""What the project says of itself (README, publiccode.yml, pyproject) holds: a feature whose app
is not installed yet is only ever announced as « à venir »."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from django.apps import apps

ROOT = Path(__file__).resolve().parents[3]
# App of each future feature, and the words that name it in the project's own texts.
FUTURE = {
    "diagnostics": r"autodiagnostic|self-diagnostic",
    "leads": r"mises? en relation|contact requests",
    "labels": r"\blabels\b",
    "opendata": r"LHÉO and DCAT|\(LHÉO, DCAT\)|données ouvertes|open data",
}
PENDING = ("à venir", "to come")


def _paragraphs() -> list[tuple[str, str]]:
    """(where, text) for each paragraph of the README and each description in the metadata."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = [("README.md", " ".join(p.split())) for p in re.split(r"\n\s*\n", readme)]
    publiccode = yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))
    description = publiccode["description"]["fr"]
    found += [
        ("publiccode.yml shortDescription", description["shortDescription"]),
        ("publiccode.yml longDescription", description["longDescription"]),
        *(("publiccode.yml features", feature) for feature in description["features"]),
    ]
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found.append(("pyproject.toml description", pyproject["project"]["description"]))
    return found


@pytest.mark.parametrize("app", sorted(FUTURE))
def test_a_feature_not_built_is_announced_as_to_come(app: str) -> None:
    """While its app is not installed, every text naming the feature says « à venir »."""
    if apps.is_installed(f"guichet.{app}"):
        pytest.skip(f"guichet.{app} is installed: the feature exists")
    words = re.compile(FUTURE[app], re.IGNORECASE)
    claims = [
        (where, text)
        for where, text in _paragraphs()
        if words.search(text) and not any(mark in text.lower() for mark in PENDING)
    ]
    assert claims == []
