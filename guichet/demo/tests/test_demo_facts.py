"""The demo data states only what the Regions' documents say: no invented identifier or figure."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from guichet.catalogue.models import Event, Place, Scheme, Solution, Training
from guichet.demo import data
from guichet.organisations.models import Organisation

# The documents sit beside the repository in development; a user's clone does not have them.
SEEDS_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"
DATA_FILES = ["organisations", "solutions", "trainings", "schemes", "events", "places"]
# Keys holding codes (INSEE, NAF, geographic eligibility) or ISO dates rather than figures.
CODE_KEYS = {"slug", "sources", "commune", "sectors", "geo_included", "geo_excluded", "starts_on"}
# The communes the data places records in, and the name the documents give them by.
COMMUNE_NAMES = {"38185": "Grenoble", "06018": "Biot", "06029": "Cannes", "13055": "Marseille"}
NUMBER = re.compile(r"\d[\d   ]*(?:[,.]\d+)?")
URL = re.compile(r"https?://[^\s\"]+")


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


def _compact(text: str) -> str:
    return re.sub(r"[\s   ]+", "", text)


@pytest.mark.django_db
def test_demo_invents_no_identifiers(demo_loaded: str) -> None:
    """No SIREN, SIRET, address, contact, amount or date is made up for the demo records."""
    for organisation in Organisation.objects.all():
        for name in ("siren", "siret", "address", "postcode", "phone", "email", "website"):
            assert getattr(organisation, name) == "", (organisation.slug, name)
        assert organisation.created_on is None
    for scheme in Scheme.objects.all():
        assert all(carrier["siren"] == "" for carrier in scheme.carriers), scheme.slug
        assert scheme.amount_min_eur is None and scheme.amount_max_eur is None
        assert scheme.rate_percent is None
        assert scheme.opens_at is None and scheme.closes_at is None
        assert scheme.application_url == ""
    for training in Training.objects.all():
        assert training.price_eur is None and training.duration_hours is None
        assert training.rncp_code == training.rs_code == training.url == ""
        assert not training.sessions.exists()
    for event in Event.objects.all():
        assert event.registration_url == event.website == event.address == ""
        assert event.ends_at is None
    for place in Place.objects.all():
        assert place.address == place.website == ""
        assert place.opening_hours == {}
        assert place.latitude is None and place.longitude is None


@pytest.mark.django_db
def test_every_record_names_its_source(demo_loaded: str) -> None:
    """The last line of each description names the document it comes from."""
    labels = {source["label"] for source in data.sources().values()}
    records: list[Any] = list(Organisation.objects.exclude(slug="organisation-non-renseignee"))
    for model in (Solution, Training, Scheme, Event, Place):
        records += list(model.objects.all())
    for record in records:
        last_line = record.description.splitlines()[-1]
        assert last_line.startswith(("Source : ", "Sources : ")), record
        named = last_line.split(" : ", 1)[1].split(" ; ")
        assert set(named) <= labels, record


def test_every_source_key_is_known() -> None:
    """Records cite only the documents listed in sources.json."""
    for name in DATA_FILES:
        for record in data.read(name):
            assert set(record["sources"]) <= set(data.sources()), record


@pytest.mark.skipif(
    not SEEDS_DIR.is_dir(),
    reason="the regional plans' texts are not redistributed; this check runs beside them",
)
def test_every_figure_and_address_comes_from_the_documents() -> None:
    """Each number and web address of the demo data appears in the seed documents."""
    seeds = "\n".join(path.read_text(encoding="utf-8") for path in SEEDS_DIR.glob("*.txt"))
    compact_seeds = _compact(seeds)
    for name in DATA_FILES:
        for record in data.read(name):
            texts = _texts({k: v for k, v in record.items() if k not in CODE_KEYS})
            for text in texts:
                for url in URL.findall(text):
                    assert url in seeds, (record["slug"], url)
                for number in NUMBER.findall(URL.sub("", text)):
                    assert _compact(number) in compact_seeds, (record["slug"], number)
            if record.get("commune"):
                commune_name = COMMUNE_NAMES[record["commune"]]
                assert commune_name in " ".join(texts), record["slug"]
