"""Synthetic trainings and their sessions, in real communes."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from guichet.catalogue.models import Training, TrainingSession
from guichet.catalogue.synthetic import words
from guichet.catalogue.synthetic.world import (
    Owner,
    Row,
    World,
    lower_first,
    of,
    pick,
    synthetic_slug,
)
from guichet.catalogue.taxonomy import BUSINESS_FUNCTIONS, TECHNIQUES, USE_CASES
from guichet.catalogue.workflow import Status

KIND = "for"
DURATIONS = (7, 7, 14, 14, 21, 28, 35, 70)
LEVELS = [choice.value for choice in Training.Level]
MODALITIES = [choice.value for choice in Training.Modality]


def training_row(world: World, index: int, rng: random.Random, owner: Owner) -> Row:
    case = pick(rng, USE_CASES)
    technique_code = pick(rng, case.techniques)
    technique = TECHNIQUES[technique_code]
    function = BUSINESS_FUNCTIONS[pick(rng, case.functions)]
    title = pick(rng, words.TRAINING_TITLE_PATTERNS).format(
        use_case=lower_first(case.name),
        use_case_lower=lower_first(case.name),
        of_use_case=of(lower_first(case.name)),
        function=function.lower(),
        technique=technique,
        technique_lower=words.TECHNIQUE_PHRASES[technique_code],
    )
    title = title[:1].upper() + title[1:]
    modules = rng.sample(words.TRAINING_MODULES, rng.randint(3, 5))
    duration = pick(rng, DURATIONS)
    modality = pick(rng, MODALITIES)
    certification = rng.random()
    rncp = f"RNCP{rng.randint(34000, 39999)}" if certification < 0.08 else ""
    rs = f"RS{rng.randint(5000, 6999)}" if 0.08 <= certification < 0.2 else ""
    audience = pick(rng, words.TRAINING_AUDIENCES)
    free = rng.random() < 0.1
    price = Decimal(0) if free else Decimal(duration * rng.randint(4, 12) * 10)
    published = world.moment(rng, -500, -1)
    slug = synthetic_slug(world.seed, KIND, index, title)
    training = Training(
        owner_id=owner.pk,
        slug=slug,
        title=title,
        summary=(
            f"Formation de {duration} heures {_modality_phrase(modality)} pour les "
            f"{lower_first(audience)}."
        ),
        description=(
            f"Cette formation vous apprend à conduire un projet {of(lower_first(case.name))} "
            f"({', '.join(case.keywords[:3])}) avec {words.TECHNIQUE_PHRASES[technique_code]}, "
            f"à partir d'exemples tirés de la fonction {function.lower()}."
        ),
        status=Status.PUBLISHED,
        submitted_at=published,
        published_at=published,
        is_synthetic=True,
        objectives=(
            "À l'issue de la formation, les participants sauront repérer les usages de "
            f"l'IA pour {pick(rng, words.USE_CASE_OBJECTS[case.code])}, évaluer une solution "
            "et conduire un premier projet."
        ),
        expected_results=f"Un plan d'action pour {lower_first(case.name)} dans l'entreprise.",
        content="\n".join(f"{n}. {module}" for n, module in enumerate(modules, start=1)),
        level=pick(rng, LEVELS),
        is_certifying=bool(rncp or rs),
        rncp_code=rncp,
        rs_code=rs,
        cpf_eligible=bool(rncp or rs),
        audience=audience,
        prerequisites=pick(rng, words.TRAINING_PREREQUISITES),
        modality=modality,
        duration_hours=Decimal(duration),
        price_eur=price,
        url=f"{owner.website}/formations/{index}",
        contact_email=f"formation@{owner.website.removeprefix('https://www.')}",
    )
    sessions = [
        _session(world, rng, owner, modality, duration) for _ in range(rng.choice((1, 1, 2, 3)))
    ]
    return Row(
        training,
        {"use_cases": [case.code], "techniques": sorted(case.techniques)},
        sessions,
    )


def _modality_phrase(modality: str) -> str:
    return {"on_site": "en présentiel", "remote": "à distance", "blended": "en formule mixte"}[
        modality
    ]


def _session(
    world: World, rng: random.Random, owner: Owner, modality: str, duration: int
) -> TrainingSession:
    starts = world.day(rng, -30, 330)
    days = max(1, duration // 7)
    session = TrainingSession(
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=days - 1 + 2 * (days // 5)),
        seats=rng.randint(6, 16),
    )
    if modality != "remote":
        place = world.place_of(owner, rng)
        session.commune_id = place.code
        session.address = f"{rng.randint(1, 120)} {pick(rng, words.STREETS)}, {place.name}"
    return session
