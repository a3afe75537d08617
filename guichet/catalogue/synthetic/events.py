"""Synthetic events and places (tiers-lieux), in real communes."""

from __future__ import annotations

import datetime
import random

from guichet.catalogue.models import Event, Place
from guichet.catalogue.synthetic import words
from guichet.catalogue.synthetic.world import (
    PARIS,
    Owner,
    Row,
    World,
    at_commune,
    lower_first,
    of_commune,
    pick,
    synthetic_slug,
)
from guichet.catalogue.taxonomy import BUSINESS_FUNCTIONS, TECHNIQUES, USE_CASES
from guichet.catalogue.workflow import Status

EVENT_KIND = "evt"
PLACE_KIND = "lie"
STARTS = ((9, 0), (9, 30), (10, 0), (14, 0), (18, 30))


def event_row(world: World, index: int, rng: random.Random, owner: Owner) -> Row:
    case = pick(rng, USE_CASES)
    technique_code = pick(rng, case.techniques)
    technique = TECHNIQUES[technique_code]
    place = world.place_of(owner, rng)
    title = pick(rng, words.EVENT_TITLE_PATTERNS).format(
        use_case_lower=lower_first(case.name),
        technique_lower=lower_first(technique),
        function_lower=BUSINESS_FUNCTIONS[pick(rng, case.functions)].lower(),
        of_commune=of_commune(place.name),
        stem=pick(rng, words.STEMS),
    )
    day = world.day(rng, -60, 300)
    hour, minute = pick(rng, STARTS)
    starts = datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)
    online = rng.random() < 0.25
    latitude, longitude = (None, None) if online else world.coordinates(place, rng)
    slug = synthetic_slug(world.seed, EVENT_KIND, index, title)
    event = Event(
        owner_id=owner.pk,
        slug=slug,
        title=title,
        summary=f"Retours d'expérience et démonstrations : {lower_first(case.name)}.",
        description=(
            f"Des entreprises qui utilisent déjà {words.TECHNIQUE_PHRASES[technique_code]} "
            "présentent leurs "
            f"résultats ({', '.join(case.keywords[:3])}), puis échangent avec les participants. "
            "Entrée libre sur inscription."
        ),
        status=Status.PUBLISHED,
        submitted_at=world.moment(rng, -120, -1),
        published_at=world.moment(rng, -120, -1),
        is_synthetic=True,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=pick(rng, (1, 2, 3, 8))),
        time_zone="Europe/Paris",
        is_online=online,
        venue="En ligne" if online else f"{pick(rng, words.VENUES)} {of_commune(place.name)}",
        address="" if online else f"{rng.randint(1, 120)} {pick(rng, words.STREETS)}",
        commune_id=None if online else place.code,
        latitude=latitude,
        longitude=longitude,
        theme=case.name,
        registration_url=f"{owner.website}/evenements/{index}",
    )
    return Row(event)


def place_row(world: World, index: int, rng: random.Random, owner: Owner) -> Row:
    place = world.place_of(owner, rng)
    title = pick(rng, words.PLACE_TITLE_PATTERNS).format(
        stem=pick(rng, words.STEMS), of_commune=of_commune(place.name)
    )
    services = rng.sample(words.PLACE_SERVICES, 3)
    audiences = rng.sample(words.PLACE_AUDIENCES, 2)
    latitude, longitude = world.coordinates(place, rng)
    published = world.moment(rng, -700, -1)
    return Row(
        Place(
            owner_id=owner.pk,
            slug=synthetic_slug(world.seed, PLACE_KIND, index, title),
            title=title,
            summary=f"Un lieu pour découvrir l'intelligence artificielle {at_commune(place.name)}.",
            description=(
                f"Lieu d'acculturation à l'IA {of_commune(place.name)} : "
                f"{lower_first(services[0])}, {lower_first(services[1])}. "
                f"Public accueilli : {lower_first(audiences[0])}."
            ),
            status=Status.PUBLISHED,
            submitted_at=published,
            published_at=published,
            is_synthetic=True,
            address=f"{rng.randint(1, 120)} {pick(rng, words.STREETS)}",
            commune_id=place.code,
            latitude=latitude,
            longitude=longitude,
            opening_hours=dict(pick(rng, words.OPENING_HOURS)),
            services="\n".join(services),
            audience="\n".join(audiences),
            website=owner.website,
        )
    )
