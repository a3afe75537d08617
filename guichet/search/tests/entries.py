"""Builders for the search tests: owners, communes and entries in every state.

Entries go through the catalogue services (``entry_create``, ``entry_transition``) as a
provider and a moderator would, or straight through the ORM as a bulk loader does:
the index must follow both.
"""

from __future__ import annotations

from typing import Any, TypeVar

from guichet.accounts.tests.factories import UserFactory
from guichet.catalogue.models import Publishable
from guichet.catalogue.services import entry_create, entry_transition
from guichet.catalogue.workflow import Status
from guichet.organisations.models import Organisation, Role
from guichet.organisations.tests.factories import OrganisationFactory
from guichet.territories.models import Commune

E = TypeVar("E", bound=Publishable)

COMMUNES = {
    "marseille": ("13055", "Marseille", "13", "93"),
    "lyon": ("69123", "Lyon", "69", "84"),
}


def commune(key: str) -> Commune:
    code, name, department, region = COMMUNES[key]
    found, _ = Commune.objects.get_or_create(
        code=code, defaults={"name": name, "department_id": department, "region_id": region}
    )
    return found


def owner(
    name: str = "Atelier Numérique", *, role: str = "provider", **fields: Any
) -> Organisation:
    """An organisation whose own texts match nothing unless asked to."""
    fields.setdefault("description", "")
    created = OrganisationFactory.create(name=name, **fields)
    created.roles.set([Role.objects.get(code=role)])
    return created


def published(model: type[E], by: Organisation, *, synthetic: bool = False, **data: Any) -> E:
    """Created as a draft, submitted and published through the services."""
    entry = entry_create(actor=None, model=model, owner=by, data=data, is_synthetic=synthetic)
    moderator = UserFactory.create(region_role="moderator")
    entry_transition(actor=moderator, entry=entry, name="submit")
    entry_transition(actor=moderator, entry=entry, name="publish")
    return entry


def loaded(model: type[E], by: Organisation, *, synthetic: bool = False, **data: Any) -> E:
    """Written straight into the table, published, as a bulk loader would."""
    data.setdefault("slug", f"{model._meta.model_name}-{model.objects.count() + 1}")
    entry = model(owner=by, status=Status.PUBLISHED, is_synthetic=synthetic, **data)
    model._default_manager.bulk_create([entry])
    return entry
