"""Synthetic support schemes: eligibility criteria and territories around their financer."""

from __future__ import annotations

import datetime
import random
import uuid
from decimal import Decimal

from guichet.catalogue.models import Scheme, SchemeTerritory
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
from guichet.catalogue.taxonomy import BUSINESS_FUNCTIONS, USE_CASES
from guichet.catalogue.workflow import Status

KIND = "dis"
FRANCE = "PAYS-99100"
# (headcount min, max, INSEE size categories) a scheme may be restricted to.
SIZES: tuple[tuple[int | None, int | None, list[str]], ...] = (
    (None, None, []),
    (0, 9, ["MIC"]),
    (0, 249, ["MIC", "PME"]),
    (10, 249, ["PME"]),
    (None, 4999, ["PME", "ETI"]),
)
PROMISES = (
    "Financez vos premiers projets d'intelligence artificielle",
    "Faites-vous accompagner pour {use_case}",
    "Testez l'IA dans votre entreprise avec un expert à vos côtés",
    "Recrutez les compétences data dont votre PME a besoin",
    "Passez de l'idée au prototype en quelques mois",
)
RECURRENCES = [choice.value for choice in Scheme.Recurrence]


def scheme_row(world: World, index: int, rng: random.Random, owner: Owner) -> Row:
    case = pick(rng, USE_CASES)
    function = BUSINESS_FUNCTIONS[pick(rng, case.functions)]
    title = pick(rng, words.SCHEME_TITLE_PATTERNS).format(
        stem=pick(rng, words.STEMS),
        function_lower=function.lower(),
        use_case_lower=lower_first(case.name),
    )
    title = title[:1].upper() + title[1:]
    aid_types = sorted(rng.sample(world.aid_types, rng.choice((1, 1, 2))))
    audiences = ["professionnels"] + (["associations"] if rng.random() < 0.2 else [])
    headcount_min, headcount_max, sizes = pick(rng, SIZES)
    years = pick(rng, (None, None, 1, 2, 3))
    recurrence = pick(rng, RECURRENCES)
    opens = world.moment(rng, -700, 30)
    closes = None
    if recurrence == "one_off":
        closes = opens + datetime.timedelta(days=rng.randint(45, 240))
    rate = Decimal(pick(rng, (30, 40, 50, 70, 80))) if "financement" in aid_types else None
    ceiling = Decimal(pick(rng, (5, 10, 20, 30, 50, 100, 200)) * 1000) if rate else None
    naf = pick(rng, ([], [], ["C"], ["C", "F"], ["G", "I"], ["10", "25", "28"]))
    criteria = [
        "Entreprises"
        + (f" de {headcount_min} à {headcount_max} salariés" if headcount_max else "")
        + " ayant un établissement sur le territoire éligible.",
        f"Au moins {years} an{'s' if years and years > 1 else ''} d'existence." if years else "",
        "Projet intégrant de l'intelligence artificielle, avec un plan de financement.",
        f"Secteurs ciblés (NAF) : {', '.join(naf)}." if naf else "",
    ]
    slug = synthetic_slug(world.seed, KIND, index, title)
    scheme = Scheme(
        owner_id=owner.pk,
        slug=slug,
        # The etalab ``id``: a UUID, as for schemes created on the platform, but reproducible.
        external_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        title=title,
        promise=pick(rng, PROMISES).format(use_case=lower_first(case.name))[:180],
        summary=f"Pour les entreprises qui veulent {pick(rng, words.BENEFITS)} grâce à l'IA.",
        description=(
            f"{owner.name.removesuffix(words.FICTITIOUS)} soutient les entreprises qui "
            f"engagent un projet {of(lower_first(case.name))} pour la fonction "
            f"{function.lower()} : {', '.join(case.keywords[:3])}. "
            "Le dispositif couvre le diagnostic, le choix d'une solution et sa mise en œuvre."
        ),
        status=Status.PUBLISHED,
        submitted_at=opens,
        published_at=opens,
        is_synthetic=True,
        eligibility_text="\n".join(line for line in criteria if line),
        carriers=[{"nom": owner.name, "siren": owner.siren, "roles": ["financeur"]}],
        parent_programmes=[pick(rng, words.SCHEME_PROGRAMMES)] if rng.random() < 0.4 else [],
        source_url=f"{owner.website}/dispositifs/{index}",
        opens_at=opens,
        closes_at=closes,
        source_updated_at=world.moment(rng, -200, 0),
        headcount_min=headcount_min,
        headcount_max=headcount_max,
        size_categories=sizes,
        min_years_existence=years,
        activity_sectors=(
            sorted(rng.sample(words.ACTIVITY_SECTOR_WORDS, 2))
            if rng.random() < 0.3
            else ["tous secteurs d'activité"]
        ),
        naf_included=naf,
        recurrence=recurrence,
        amount_text=(
            f"Subvention de {rate} % des dépenses éligibles, plafonnée à {_euros(ceiling)}"
            if rate and ceiling
            else "Accompagnement pris en charge"
        ),
        amount_max_eur=ceiling,
        rate_percent=rate,
        application_url=f"{owner.website}/dispositifs/{index}/deposer",
    )
    return Row(
        scheme,
        {"aid_types": aid_types, "audiences": audiences},
        _territories(world, rng, owner),
    )


def _euros(amount: Decimal) -> str:
    """``20 000 €``, with the narrow no-break space French typography uses."""
    return f"{int(amount):,} €".replace(",", "\u202f")


def _territories(world: World, rng: random.Random, owner: Owner) -> list[SchemeTerritory]:
    """France, or the financer's region, department or commune; now and then an exclusion."""
    place = world.by_code.get(owner.commune or "") or world.commune(rng)
    draw = rng.random()
    if draw < 0.1 or place.region is None:
        return [SchemeTerritory(code=FRANCE)]
    if draw < 0.6:
        codes = [SchemeTerritory(code=f"REG-{place.region}")]
        region_departments = world.departments_by_region.get(place.region, [])
        others = [code for code in region_departments if code != place.department]
        if others and rng.random() < 0.15:
            codes.append(SchemeTerritory(code=f"DEP-{pick(rng, others)}", excluded=True))
        return codes
    if draw < 0.9 and place.department:
        return [SchemeTerritory(code=f"DEP-{place.department}")]
    return [SchemeTerritory(code=f"COM-{place.code}")]
