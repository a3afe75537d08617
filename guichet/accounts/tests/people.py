"""The cast of the permission stories, shared by every app's tests.

- ``admin``: Region admin (Aline);
- ``moderator``: Region moderator (Marc);
- ``alice``: member of provider A;
- ``bob``: member of provider B;
- anonymous visitors use Django's ``client`` without signing in.
"""

from __future__ import annotations

import pytest

from guichet.accounts.models import User
from guichet.accounts.tests.factories import UserFactory
from guichet.organisations.models import Organisation, Role
from guichet.organisations.tests.factories import MembershipFactory, OrganisationFactory


@pytest.fixture
def admin(db: None) -> User:
    return UserFactory.create(
        email="aline.admin@region.example", full_name="Aline Admin", region_role="admin"
    )


@pytest.fixture
def moderator(db: None) -> User:
    return UserFactory.create(
        email="marc.moderateur@region.example", full_name="Marc Modérateur", region_role="moderator"
    )


@pytest.fixture
def provider_a(db: None) -> Organisation:
    organisation = OrganisationFactory.create(name="Vision Alpes", slug="vision-alpes")
    organisation.roles.set([Role.objects.get(code="provider")])
    return organisation


@pytest.fixture
def provider_b(db: None) -> Organisation:
    organisation = OrganisationFactory.create(name="Données du Sud", slug="donnees-du-sud")
    organisation.roles.set([Role.objects.get(code="provider")])
    return organisation


@pytest.fixture
def alice(provider_a: Organisation) -> User:
    user = UserFactory.create(email="alice@vision-alpes.example", full_name="Alice Martin")
    MembershipFactory.create(user=user, organisation=provider_a)
    return user


@pytest.fixture
def bob(provider_b: Organisation) -> User:
    user = UserFactory.create(email="bob@donnees-du-sud.example", full_name="Bob Durand")
    MembershipFactory.create(user=user, organisation=provider_b)
    return user
