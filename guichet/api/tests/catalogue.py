"""A small published catalogue, built through the catalogue's services as a moderator would.

Every kind gets more than one page of real entries (so that page 2 means something), a
few synthetic ones, and a draft that must never show. Values cycle so that every filter
keeps some entries and drops others.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.utils import timezone

from guichet.accounts.models import User
from guichet.catalogue.models import (
    Event,
    Place,
    Publishable,
    Scheme,
    Solution,
    Training,
    TrainingSession,
)
from guichet.catalogue.services import entry_create, entry_transition
from guichet.organisations.models import Organisation, Role
from guichet.organisations.tests.factories import OrganisationFactory
from guichet.territories.models import Commune

E = TypeVar("E", bound=Publishable)

REAL_PER_KIND = 24  # more than the 20 of a page
SYNTHETIC_PER_KIND = 3

# Titles in no particular order, so that sorting by title is visible.
TITLES = (
    "Vigie",
    "Atelier",
    "Boussole",
    "Quai",
    "Horizon",
    "Cap",
    "Lumière",
    "Darse",
    "Ferme",
    "Galet",
    "Iris",
    "Jetée",
    "Kiosque",
    "Nacre",
    "Olivier",
    "Pinède",
    "Rade",
    "Sentier",
    "Tramontane",
    "Ubac",
    "Embrun",
    "Mistral",
    "Xylème",
    "Zénith",
)


@dataclass
class World:
    moderator: User
    marseille: Commune
    nice: Commune
    lyon: Commune
    owners: list[Organisation]
    synthetic_owner: Organisation
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def communes(self) -> list[Commune]:
        return [self.marseille, self.nice, self.lyon]


def build_world(moderator: User) -> World:
    """Three communes in two regions, a real organisation in each, one synthetic organisation."""
    marseille = Commune.objects.create(
        code="13055",
        name="Marseille",
        department_id="13",
        region_id="93",
        latitude=43.2965,
        longitude=5.3698,
    )
    nice = Commune.objects.create(
        code="06088",
        name="Nice",
        department_id="06",
        region_id="93",
        latitude=43.7031,
        longitude=7.2661,
    )
    lyon = Commune.objects.create(
        code="69123",
        name="Lyon",
        department_id="69",
        region_id="84",
        latitude=45.7578,
        longitude=4.832,
    )
    provider = Role.objects.get(code="provider")
    owners = []
    for name, commune in (
        ("Calanques Data", marseille),
        ("Azur Vision", nice),
        ("Confluence IA", lyon),
    ):
        owner = OrganisationFactory.create(name=name, commune=commune, siren="")
        owner.roles.set([provider])
        owner.sectors.set(["J"] if commune is lyon else ["C", "J"])
        owners.append(owner)
    synthetic_owner = OrganisationFactory.create(
        name="Synthèse Conseil", commune=marseille, is_synthetic=True
    )
    synthetic_owner.roles.set([provider])
    return World(moderator, marseille, nice, lyon, owners, synthetic_owner)


def publish(
    world: World, model: type[E], owner: Organisation, data: dict[str, Any], *, synthetic: bool
) -> E:
    entry = entry_create(
        actor=world.moderator, model=model, owner=owner, data=data, is_synthetic=synthetic
    )
    entry_transition(actor=world.moderator, entry=entry, name="submit")
    return entry_transition(actor=world.moderator, entry=entry, name="publish")


def draft(world: World, model: type[E], data: dict[str, Any]) -> E:
    return entry_create(actor=world.moderator, model=model, owner=world.owners[0], data=data)


def _each(world: World, count: int, synthetic: bool) -> list[tuple[int, Organisation, str]]:
    offset = REAL_PER_KIND if synthetic else 0
    return [
        (
            i,
            world.synthetic_owner if synthetic else world.owners[i % 3],
            f"{TITLES[i % len(TITLES)]} {'synthèse ' if synthetic else ''}{i + offset:02d}",
        )
        for i in range(count)
    ]


def solutions(world: World) -> list[Solution]:
    entries = []
    for synthetic, count in ((False, REAL_PER_KIND), (True, SYNTHETIC_PER_KIND)):
        for i, owner, title in _each(world, count, synthetic):
            data = {
                "title": f"Solution {title}",
                "summary": "Une offre d'IA pour les TPE et PME.",
                "description": "Description de l'offre.",
                "sectors": [["C"], ["J"], ["C", "M"], []][i % 4],
                "techniques": [
                    ["vision"],
                    ["language"],
                    ["prediction", "vision"],
                    ["optimisation"],
                ][i % 4],
                "use_cases": [["visual_inspection"], ["customer_chatbot"]][i % 2],
                "business_functions": [["quality"], ["sales", "marketing"]][i % 2],
                "deployments": [["saas_eu"], ["on_premises", "embedded"]][i % 2],
                "price_range": ["lt_5k", "on_quote", ""][i % 3],
                "ai_act_risk": ["minimal", "unknown"][i % 2],
                "website": "https://offre.example/",
            }
            entries.append(publish(world, Solution, owner, data, synthetic=synthetic))
    draft(world, Solution, {"title": "Solution brouillon", "techniques": ["vision"]})
    return entries


def trainings(world: World) -> list[Training]:
    entries = []
    for synthetic, count in ((False, REAL_PER_KIND), (True, SYNTHETIC_PER_KIND)):
        for i, owner, title in _each(world, count, synthetic):
            data = {
                "title": f"Formation {title}",
                "summary": "Se former à l'IA.",
                "objectives": "Comprendre l'IA.",
                "level": ["discovery", "beginner", "intermediate", "advanced"][i % 4],
                "modality": ["on_site", "remote", "blended"][i % 3],
                "cpf_eligible": [True, False, None][i % 3],
                "duration_hours": Decimal("14.0"),
                "price_eur": Decimal("1200.00"),
                "techniques": [["language"], ["vision"]][i % 2],
                "rncp_code": "RNCP12345" if i % 5 == 0 else "",
            }
            training = publish(world, Training, owner, data, synthetic=synthetic)
            commune = world.communes[i % 3]
            # No session, one to come, one past and one to come, only past ones.
            starts = [
                [],
                [world.today + datetime.timedelta(days=i + 1)],
                [
                    world.today - datetime.timedelta(days=40),
                    world.today + datetime.timedelta(days=2 * i + 1),
                ],
                [world.today - datetime.timedelta(days=10 + i)],
            ][i % 4]
            for start in starts:
                TrainingSession.objects.create(
                    training=training,
                    starts_on=start,
                    ends_on=start + datetime.timedelta(days=1),
                    commune=commune,
                    seats=12,
                )
            entries.append(training)
    draft(world, Training, {"title": "Formation brouillon"})
    return entries


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def schemes(world: World) -> list[Scheme]:
    entries = []
    geography = [
        (["REG-93"], []),
        (["DEP-69"], []),
        (["PAYS-99100"], []),
        (["COM-06088"], []),
        (["PAYS-99100"], ["REG-93"]),
        (["DEP-2A"], []),
    ]
    for synthetic, count in ((False, REAL_PER_KIND), (True, SYNTHETIC_PER_KIND)):
        for i, owner, title in _each(world, count, synthetic):
            included, excluded = geography[i % len(geography)]
            closes = [
                None,
                _at(world.today + datetime.timedelta(days=i + 1), 18),
                _at(world.today - datetime.timedelta(days=5), 18),
            ][i % 3]
            data = {
                "title": f"Dispositif {title}",
                "promise": "Financer votre premier projet d'IA.",
                "eligibility_text": "PME de moins de 250 salariés.",
                "aid_types": [["financement"], ["accompagnement", "expertise"], ["information"]][
                    i % 3
                ],
                "audiences": [["professionnels"], ["associations", "professionnels"]][i % 2],
                "carriers": [{"nom": "Région Sud", "siren": "231300021", "roles": ["financeur"]}],
                "opens_at": _at(world.today + datetime.timedelta(days=3), 9)
                if i % 7 == 0
                else None,
                "closes_at": closes,
                "headcount_max": 249,
                "size_categories": ["MIC", "PME"],
                "naf_excluded": ["01"] if i % 2 else [],
                "recurrence": ["permanent", "one_off", ""][i % 3],
                "amount_max_eur": Decimal("30000.00") if i % 2 else None,
                "geo_included": included,
                "geo_excluded": excluded,
            }
            entries.append(publish(world, Scheme, owner, data, synthetic=synthetic))
    draft(world, Scheme, {"title": "Dispositif brouillon", "geo_included": ["PAYS-99100"]})
    return entries


def events(world: World) -> list[Event]:
    entries = []
    for synthetic, count in ((False, REAL_PER_KIND), (True, SYNTHETIC_PER_KIND)):
        for i, owner, title in _each(world, count, synthetic):
            online = i % 3 == 0
            starts = _at(world.today + datetime.timedelta(days=i - 8), 9 + i % 5)
            data = {
                "title": f"Événement {title}",
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(days=i % 3, hours=2) if i % 2 else None,
                "is_online": online,
                "commune": None if online else world.communes[i % 3],
                "venue": "" if online else "Palais des congrès",
                "theme": "IA et industrie",
                "registration_url": "https://inscription.example/",
            }
            entries.append(publish(world, Event, owner, data, synthetic=synthetic))
    draft(world, Event, {"title": "Événement brouillon", "starts_at": _at(world.today, 10)})
    return entries


def places(world: World) -> list[Place]:
    entries = []
    for synthetic, count in ((False, REAL_PER_KIND), (True, SYNTHETIC_PER_KIND)):
        for i, owner, title in _each(world, count, synthetic):
            commune = world.communes[i % 3]
            data = {
                "title": f"Lieu {title}",
                "address": "1 place de la Mairie",
                "commune": commune,
                "latitude": 43.3 if i % 2 else None,
                "longitude": 5.4 if i % 2 else None,
                "opening_hours": {"lundi": "9h-18h"},
                "services": "Démonstrations, ateliers.",
            }
            entries.append(publish(world, Place, owner, data, synthetic=synthetic))
    draft(world, Place, {"title": "Lieu brouillon", "commune": world.marseille})
    return entries


BUILDERS: dict[str, Callable[[World], Sequence[Publishable]]] = {
    "solutions": solutions,
    "trainings": trainings,
    "schemes": schemes,
    "events": events,
    "places": places,
}
