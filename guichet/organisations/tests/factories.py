from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from guichet.organisations.models import Membership, Organisation


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Faker("company", locale="fr_FR")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    description = factory.Faker("paragraph", locale="fr_FR")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership
