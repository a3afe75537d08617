"""Synthetic AI solutions, their texts composed from the taxonomy's real use cases."""

from __future__ import annotations

import random

from django.utils.text import slugify

from guichet.catalogue.models import Solution
from guichet.catalogue.synthetic import words
from guichet.catalogue.synthetic.world import (
    Owner,
    Row,
    World,
    lower_first,
    pick,
    synthetic_slug,
)
from guichet.catalogue.taxonomy import (
    BUSINESS_FUNCTIONS,
    DEPLOYMENTS,
    PRICE_RANGES,
    USE_CASES,
)
from guichet.catalogue.workflow import Status

KIND = "sol"
# The AI Act class follows the use: screening job applicants is high-risk (annex III),
# a chatbot owes users transparency; the rest is mostly minimal or not stated.
RISK_BY_USE_CASE = {"cv_screening": "high", "customer_chatbot": "limited"}
OTHER_RISKS = ("minimal", "minimal", "minimal", "limited", "unknown")


def product_name(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{pick(rng, words.SYLLABLES)}{pick(rng, words.PRODUCT_ENDINGS)}"
    return f"{pick(rng, words.STEMS)} {pick(rng, words.PRODUCT_ENDINGS)}"


def solution_row(world: World, index: int, rng: random.Random, owner: Owner) -> Row:
    cases = rng.sample(USE_CASES, rng.choice((1, 1, 2)))
    main = cases[0]
    functions = sorted({code for case in cases for code in case.functions})
    techniques = sorted({code for case in cases for code in case.techniques})
    sectors = rng.sample(sorted(words.SECTOR_PHRASES), rng.randint(1, 3))
    audience = words.SECTOR_PHRASES[sectors[0]]
    product = product_name(rng)
    title = f"{product} – {lower_first(main.name)}"
    thing = pick(rng, words.USE_CASE_OBJECTS[main.code])
    benefit = pick(rng, words.BENEFITS)
    deployments = sorted(rng.sample(sorted(DEPLOYMENTS), rng.choice((1, 1, 2))))
    description = "\n\n".join(
        [
            f"{product} {pick(rng, words.USE_CASE_VERBS[main.code])} {thing} pour aider "
            f"{audience} à {benefit}. La solution s'appuie sur "
            f"{words.TECHNIQUE_PHRASES[main.techniques[0]]} et s'intègre aux outils que vos "
            "équipes utilisent déjà.",
            "Cas d'usage : "
            + " ; ".join(lower_first(case.name) for case in cases)
            + ". Fonctions concernées : "
            + ", ".join(BUSINESS_FUNCTIONS[code].lower() for code in functions)
            + ".",
            "Déploiement : " + " ; ".join(DEPLOYMENTS[code] for code in deployments) + ".",
            "Mots-clés : " + ", ".join(rng.sample(main.keywords, min(3, len(main.keywords)))) + ".",
        ]
    )
    published = world.moment(rng, -700, -1)
    slug = synthetic_slug(world.seed, KIND, index, title)
    solution = Solution(
        owner_id=owner.pk,
        slug=slug,
        title=title,
        summary=f"{main.name} pour {audience}. Objectif : {benefit}."[:300],
        description=description,
        status=Status.PUBLISHED,
        submitted_at=published,
        published_at=published,
        is_synthetic=True,
        deployments=deployments,
        price_range=pick(rng, sorted(PRICE_RANGES)),
        client_references=pick(rng, words.REFERENCE_PHRASES).format(n=rng.randint(3, 80)),
        ai_act_risk=RISK_BY_USE_CASE.get(main.code) or pick(rng, OTHER_RISKS),
        website=f"{owner.website}/offres/{slugify(product)}",
    )
    return Row(
        solution,
        {
            "use_cases": [case.code for case in cases],
            "business_functions": functions,
            "sectors": sectors,
            "techniques": techniques,
        },
    )
