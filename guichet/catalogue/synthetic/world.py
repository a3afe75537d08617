"""What every synthetic row is drawn from: the seed, the day of reference, real communes.

Each row gets its own random generator, seeded by ``(seed, kind, index)``: row 12 of a
seed draws the same numbers whatever the counts asked for, the batch size or the rows
already in the database (only its owner depends on how many organisations the seed has).
That is what makes a run deterministic and a second run able to add only the rows that
are missing.
"""

from __future__ import annotations

import bisect
import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.db import models
from django.utils.text import slugify

from guichet.catalogue.synthetic.words import FICTITIOUS
from guichet.territories.models import Commune, Postcode

PARIS = ZoneInfo("Europe/Paris")
T = TypeVar("T")


class NoCommuneError(Exception):
    """The database holds no commune to place organisations in."""


@dataclass(frozen=True)
class Locality:
    """A real commune, as the generator needs it."""

    code: str
    name: str
    region: str | None
    department: str | None
    postcode: str
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class Owner:
    """A synthetic organisation already in the database, to own entries."""

    pk: int
    name: str
    siren: str
    commune: str | None
    website: str


@dataclass
class Row:
    """One unsaved entry, the codes of its many-to-many links and its unsaved children."""

    instance: models.Model
    m2m: dict[str, list[str]] = field(default_factory=dict)
    children: Sequence[models.Model] = field(default_factory=list)


def row_random(seed: int, kind: str, index: int) -> random.Random:
    # String seeds are hashed with SHA-512: stable across runs and Python versions.
    # Made-up data, not secrets: a plain Mersenne Twister is what reproducibility needs.
    return random.Random(f"{seed}:{kind}:{index}")  # noqa: S311


def slug_prefix(seed: int, kind: str) -> str:
    """What every slug of one kind of one seed starts with, e.g. ``fictif-42-sol``."""
    return f"fictif-{seed}-{kind}"


def synthetic_slug(seed: int, kind: str, index: int, title: str) -> str:
    """``fictif-42-sol17-visioscan-controle-qualite``: unique by (seed, kind, index)."""
    return f"{slug_prefix(seed, kind)}{index}-{slugify(title)[:80].strip('-')}"


def index_of(slug: str, prefix: str) -> int:
    """The row index a synthetic slug carries (``fictif-42-sol17-...`` → 17)."""
    return int(slug[len(prefix) :].split("-", 1)[0])


def web_domain(name: str) -> str:
    """A reserved ``.example`` domain (RFC 2606) for an organisation's name."""
    base = slugify(name.removesuffix(FICTITIOUS))[:40].strip("-") or "organisation"
    return f"{base}.example"


def pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[rng.randrange(len(items))]


def lower_first(text: str) -> str:
    """``Contrôle qualité visuel`` → ``contrôle qualité visuel``, acronyms (``IA``) kept."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def of(text: str) -> str:
    """``de`` before ``text``, elided before a vowel: ``d'optimisation``, ``de maintenance``."""
    return f"d'{text}" if text[:1].lower() in "aeiouyéèêàâîôû" else f"de {text}"


def of_commune(name: str) -> str:
    """``de Marseille``, ``d'Ajaccio``, ``du Havre``, ``des Billaux``."""
    if name.startswith("Le "):
        return f"du {name[3:]}"
    if name.startswith("Les "):
        return f"des {name[4:]}"
    return of(name)


def at_commune(name: str) -> str:
    """``à Marseille``, ``au Havre``, ``aux Billaux``."""
    if name.startswith("Le "):
        return f"au {name[3:]}"
    if name.startswith("Les "):
        return f"aux {name[4:]}"
    return f"à {name}"


@dataclass
class World:
    seed: int
    reference_day: datetime.date
    places: list[Locality]
    # Cumulative population weights of ``places``, for weighted draws.
    weights: list[float]
    departments_by_region: dict[str, list[str]]
    aid_types: list[str]
    audiences: list[str]
    sections: list[str]
    by_code: dict[str, Locality]

    @property
    def reference_noon(self) -> datetime.datetime:
        return datetime.datetime.combine(self.reference_day, datetime.time(12), tzinfo=PARIS)

    def commune(self, rng: random.Random) -> Locality:
        """A real commune, drawn with a probability proportional to its population."""
        point = rng.random() * self.weights[-1]
        return self.places[min(bisect.bisect_right(self.weights, point), len(self.places) - 1)]

    def place_of(self, owner: Owner, rng: random.Random) -> Locality:
        """The owner's commune most of the time, another one otherwise."""
        if owner.commune in self.by_code and rng.random() < 0.7:
            return self.by_code[owner.commune]
        return self.commune(rng)

    def coordinates(self, place: Locality, rng: random.Random) -> tuple[float | None, float | None]:
        """Near the commune's centre (a few hundred metres), when the centre is known."""
        if place.latitude is None or place.longitude is None:
            return None, None
        return (
            round(place.latitude + rng.uniform(-0.01, 0.01), 6),
            round(place.longitude + rng.uniform(-0.01, 0.01), 6),
        )

    def day(self, rng: random.Random, low: int, high: int) -> datetime.date:
        return self.reference_day + datetime.timedelta(days=rng.randint(low, high))

    def moment(self, rng: random.Random, low: int, high: int) -> datetime.datetime:
        return self.reference_noon + datetime.timedelta(days=rng.randint(low, high))


def world_load(*, seed: int, reference_day: datetime.date, region: str | None = None) -> World:
    """The communes (weighted by population) and vocabularies a run draws from."""
    from guichet.catalogue.models import AidType, Audience
    from guichet.organisations.models import ActivitySection

    communes = Commune.objects.order_by("code")
    if region:
        communes = communes.filter(region_id=region)
    rows = list(
        communes.values(
            "code", "name", "region_id", "department_id", "population", "latitude", "longitude"
        )
    )
    if not rows:
        raise NoCommuneError(
            "Aucune commune n'est chargée"
            + (f" pour la région {region}" if region else "")
            + " : les organisations fictives sont placées dans des communes réelles. Lancez "
            "d'abord « guichet load-territories --source "
            "node_modules/@etalab/decoupage-administratif/data »."
        )
    postcodes: dict[str, str] = {}
    for code, commune in Postcode.objects.order_by("-code").values_list("code", "commune_id"):
        postcodes[commune] = code  # the smallest postcode of each commune wins
    places, weights, total = [], [], 0.0
    departments: dict[str, set[str]] = {}
    has_population = any(row["population"] for row in rows)
    for row in rows:
        places.append(
            Locality(
                code=row["code"],
                name=row["name"],
                region=row["region_id"],
                department=row["department_id"],
                postcode=postcodes.get(row["code"], ""),
                latitude=row["latitude"],
                longitude=row["longitude"],
            )
        )
        total += (row["population"] or 0) if has_population else 1
        weights.append(total)
        if row["region_id"] and row["department_id"]:
            departments.setdefault(row["region_id"], set()).add(row["department_id"])
    return World(
        seed=seed,
        reference_day=reference_day,
        places=places,
        weights=weights,
        departments_by_region={k: sorted(v) for k, v in departments.items()},
        aid_types=sorted(AidType.objects.values_list("code", flat=True)),
        audiences=sorted(Audience.objects.values_list("code", flat=True)),
        sections=sorted(ActivitySection.objects.values_list("code", flat=True)),
        by_code={place.code: place for place in places},
    )
