"""Synthetic organisations: providers, training bodies, financers and places' hosts."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from guichet.catalogue.synthetic import words
from guichet.catalogue.synthetic.identifiers import synthetic_siren, synthetic_siret
from guichet.catalogue.synthetic.world import (
    Row,
    World,
    at_commune,
    lower_first,
    of_commune,
    pick,
    synthetic_slug,
    web_domain,
)
from guichet.catalogue.taxonomy import USE_CASES
from guichet.organisations.models import Organisation


@dataclass(frozen=True)
class OrganisationKind:
    """One kind of synthetic organisation: its slug code, role and what it looks like."""

    code: str  # in the slug: fictif-42-of17-...
    role: str
    patterns: tuple[str, ...]
    legal_forms: tuple[str, ...]
    naf_codes: tuple[str, ...]
    brackets: tuple[str, ...]


PROVIDERS = OrganisationKind(
    "of",
    "provider",
    (),  # providers' names are composed by provider_name()
    ("5710", "5710", "5720", "5499", "5498"),
    ("62.01Z", "62.02A", "63.11Z", "70.22Z", "72.19Z"),
    ("01", "02", "03", "03", "11", "11", "12", "21"),
)
TRAINING_BODIES = OrganisationKind(
    "fo",
    "training_body",
    words.TRAINING_BODY_PATTERNS,
    ("5710", "5499", "9220"),
    ("85.59A", "85.59B"),
    ("01", "02", "03", "11", "12"),
)
FINANCERS = OrganisationKind(
    "fi",
    "financer",
    words.FINANCER_PATTERNS,
    ("9220", "9220", "5710"),
    ("94.99Z", "70.22Z", "66.19B"),
    ("03", "11", "12", "21"),
)
PLACE_HOSTS = OrganisationKind(
    "li",
    "place",
    words.PLACE_ORGANISATION_PATTERNS,
    ("9220",),
    ("94.99Z", "85.59B", "90.04Z"),
    ("00", "01", "02", "03"),
)
ORGANISATION_KINDS = (PROVIDERS, TRAINING_BODIES, FINANCERS, PLACE_HOSTS)

DESCRIPTIONS = {
    "provider": (
        "Entreprise installée {at_commune}, spécialisée dans {technique}, qui accompagne {sector} "
        "dans leurs projets d'intelligence artificielle, du diagnostic au déploiement."
    ),
    "training_body": (
        "Organisme de formation installé {at_commune}, qui forme les salariés et les "
        "dirigeants aux usages de l'intelligence artificielle ({use_case})."
    ),
    "financer": (
        "Structure d'appui aux entreprises basée {at_commune}, qui finance et accompagne les "
        "projets d'innovation et de transformation numérique des TPE et PME."
    ),
    "place": (
        "Tiers-lieu ouvert à tous {at_commune}, pour découvrir l'intelligence artificielle, "
        "se former et rencontrer des entreprises du territoire."
    ),
}


def provider_name(rng: random.Random) -> str:
    shape = rng.randrange(4)
    if shape == 0:
        return f"{pick(rng, words.STEMS)} {pick(rng, words.PROVIDER_ENDINGS)}"
    if shape == 1:
        return f"{pick(rng, words.SYLLABLES)}{pick(rng, words.SUFFIXES)}"
    if shape == 2:
        return f"{pick(rng, words.SURNAMES)} {pick(rng, words.PROVIDER_ENDINGS)}"
    return f"{pick(rng, words.SYLLABLES)}{pick(rng, words.SUFFIXES)} {pick(rng, words.STEMS)}"


def organisation_row(world: World, kind: OrganisationKind, index: int, rng: random.Random) -> Row:
    place = world.commune(rng)
    if kind is PROVIDERS:
        name = provider_name(rng)
    else:
        name = pick(rng, kind.patterns).format(
            stem=pick(rng, words.STEMS),
            surname=pick(rng, words.SURNAMES),
            syllable=pick(rng, words.SYLLABLES),
            suffix=pick(rng, words.SUFFIXES),
            commune=place.name,
            of_commune=of_commune(place.name),
        )
    name += words.FICTITIOUS
    siren = synthetic_siren(seed=world.seed, index=index * len(ORGANISATION_KINDS) + _rank(kind))
    use_case = pick(rng, USE_CASES)
    sectors = rng.sample(sorted(words.SECTOR_PHRASES), rng.randint(1, 3))
    description = DESCRIPTIONS[kind.role].format(
        at_commune=at_commune(place.name),
        technique=words.TECHNIQUE_PHRASES[use_case.techniques[0]],
        sector=words.SECTOR_PHRASES[sectors[0]],
        use_case=lower_first(use_case.name),
    )
    domain = web_domain(name)
    latitude, longitude = world.coordinates(place, rng)
    organisation = Organisation(
        name=name[:200],
        slug=synthetic_slug(world.seed, kind.code, index, name),
        siren=siren,
        siret=synthetic_siret(siren),
        legal_form=pick(rng, kind.legal_forms),
        naf_code=pick(rng, kind.naf_codes),
        created_on=world.reference_day - datetime.timedelta(days=rng.randint(200, 9000)),
        headcount_bracket=pick(rng, kind.brackets),
        description=description,
        website=f"https://www.{domain}",
        email=f"contact@{domain}",
        address=f"{rng.randint(1, 120)} {pick(rng, words.STREETS)}",
        postcode=place.postcode,
        commune_id=place.code,
        latitude=latitude,
        longitude=longitude,
        is_synthetic=True,
    )
    return Row(
        organisation,
        {"roles": [kind.role], "sectors": sectors if kind is PROVIDERS else []},
    )


def _rank(kind: OrganisationKind) -> int:
    return ORGANISATION_KINDS.index(kind)
