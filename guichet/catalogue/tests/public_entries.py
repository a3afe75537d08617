"""Builders for the public pages' tests: communes, and entries published through the services."""

from __future__ import annotations

from typing import Any, TypeVar

from guichet.accounts.models import User
from guichet.accounts.tests.factories import UserFactory
from guichet.catalogue.models import Publishable
from guichet.catalogue.services import entry_create, entry_transition
from guichet.organisations.models import Organisation, Role
from guichet.organisations.tests.factories import OrganisationFactory
from guichet.territories.models import Commune

E = TypeVar("E", bound=Publishable)

# (code, name, department, region, latitude, longitude)
COMMUNES = {
    "marseille": ("13055", "Marseille", "13", "93", 43.2965, 5.3698),
    "nice": ("06088", "Nice", "06", "93", 43.7102, 7.2620),
    "ajaccio": ("2A004", "Ajaccio", "2A", "94", 41.9192, 8.7386),
    "lyon": ("69123", "Lyon", "69", "84", 45.7640, 4.8357),
    "nowhere": ("05001", "Abriès-Ristolas", "05", "93", None, None),
}


def commune(key: str) -> Commune:
    """One of ``COMMUNES``, created on first use (tests have regions and departments only)."""
    code, name, department, region, latitude, longitude = COMMUNES[key]
    found, _ = Commune.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "department_id": department,
            "region_id": region,
            "latitude": latitude,
            "longitude": longitude,
        },
    )
    return found


def moderator_user() -> User:
    return UserFactory.create(email="moderation@region.example", region_role="moderator")


def organisation(name: str, *, role: str = "provider", **fields: Any) -> Organisation:
    created = OrganisationFactory.create(name=name, **fields)
    created.roles.set([Role.objects.get(code=role)])
    return created


def draft(model: type[E], owner: Organisation, *, synthetic: bool = False, **data: Any) -> E:
    return entry_create(actor=None, model=model, owner=owner, data=data, is_synthetic=synthetic)


def published(model: type[E], owner: Organisation, *, synthetic: bool = False, **data: Any) -> E:
    """An entry taken through the workflow to "published", as a moderator would."""
    entry = draft(model, owner, synthetic=synthetic, **data)
    moderator = moderator_user()
    entry_transition(actor=moderator, entry=entry, name="submit")
    return entry_transition(actor=moderator, entry=entry, name="publish")
