"""Permission stories and audit of organisation changes (service and pages)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from guichet.accounts.models import User
from guichet.accounts.tests.factories import PASSWORD
from guichet.audit.models import AuditEntry
from guichet.organisations.models import Organisation, Role
from guichet.organisations.services import organisation_update

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    assert client.login(username=user.email, password=PASSWORD)
    return client


def test_alice_changes_her_own_organisation_and_it_is_audited(
    alice: User, provider_a: Organisation
) -> None:
    """A member edits her organisation; the journal says who, which field, old and new value."""
    old_name = provider_a.name
    organisation_update(
        actor=alice,
        organisation=provider_a,
        data={"name": "Vision Alpes IA", "website": "https://va.example"},
    )
    entry = AuditEntry.objects.get(object_id=str(provider_a.pk), action="update")
    assert entry.actor == alice
    assert entry.changes["name"] == {"label": "nom", "old": old_name, "new": "Vision Alpes IA"}
    assert entry.changes["website"]["new"] == "https://va.example"
    assert set(entry.changes) == {"name", "website"}


def test_bob_cannot_change_alices_organisation(bob: User, provider_a: Organisation) -> None:
    """A member of provider B is refused on provider A, and nothing is written."""
    with pytest.raises(PermissionDenied):
        organisation_update(actor=bob, organisation=provider_a, data={"name": "Piraté"})
    provider_a.refresh_from_db()
    assert provider_a.name == "Vision Alpes"
    assert not AuditEntry.objects.filter(object_id=str(provider_a.pk)).exists()


def test_bob_gets_403_on_alices_edit_page(bob: User, provider_a: Organisation) -> None:
    """The page refuses too: GET and POST both answer 403."""
    client = signed_in(bob)
    url = reverse("organisations:edit", args=[provider_a.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Piraté"}).status_code == 403
    provider_a.refresh_from_db()
    assert provider_a.name == "Vision Alpes"


def test_anonymous_visitor_is_sent_to_sign_in(client: Client, provider_a: Organisation) -> None:
    """An anonymous visitor sees the public record but must sign in to edit."""
    assert client.get(reverse("organisations:detail", args=[provider_a.slug])).status_code == 200
    response = client.get(reverse("organisations:edit", args=[provider_a.slug]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_moderator_may_edit_any_organisation(moderator: User, provider_a: Organisation) -> None:
    """Region moderators correct any record; their change is audited under their name."""
    organisation_update(actor=moderator, organisation=provider_a, data={"phone": "04 00 00 00 00"})
    assert AuditEntry.objects.get(object_id=str(provider_a.pk)).actor == moderator


def test_members_cannot_grant_themselves_roles(alice: User, provider_a: Organisation) -> None:
    """Roles are the Region's call: a member who tries to add one is refused."""
    roles = [Role.objects.get(code="provider"), Role.objects.get(code="financer")]
    with pytest.raises(PermissionDenied):
        organisation_update(actor=alice, organisation=provider_a, data={"roles": roles})
    assert list(provider_a.roles.values_list("code", flat=True)) == ["provider"]


def test_invalid_siret_is_refused_naming_the_field(alice: User, provider_a: Organisation) -> None:
    """A SIRET with a wrong key is refused on the field "siret" with a French message."""
    with pytest.raises(ValidationError) as error:
        organisation_update(actor=alice, organisation=provider_a, data={"siret": "73282932000079"})
    assert "siret" in error.value.message_dict
    assert "clé de contrôle" in error.value.message_dict["siret"][0]


def test_siret_must_extend_the_siren(alice: User, provider_a: Organisation) -> None:
    """A valid SIRET of another company than the SIREN is refused."""
    with pytest.raises(ValidationError) as error:
        organisation_update(
            actor=alice,
            organisation=provider_a,
            data={"siren": "356000000", "siret": "73282932000074"},
        )
    assert "siret" in error.value.message_dict


def test_edit_page_shows_field_errors_and_keeps_input(
    alice: User, provider_a: Organisation
) -> None:
    """Posting a bad SIREN re-displays the form with the error by the field; nothing is saved."""
    client = signed_in(alice)
    url = reverse("organisations:edit", args=[provider_a.slug])
    response = client.post(url, {"name": "Vision Alpes", "siren": "123456789"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "clé de contrôle" in html
    assert 'value="123456789"' in html
    provider_a.refresh_from_db()
    assert provider_a.siren == ""


def test_edit_page_saves_and_moderator_sees_the_change_in_the_journal(
    alice: User, moderator: User, provider_a: Organisation
) -> None:
    """Alice saves through the page; the moderator's journal lists her change, old and new."""
    response = signed_in(alice).post(
        reverse("organisations:edit", args=[provider_a.slug]),
        {"name": "Vision Alpes", "siren": "732829320", "description": "Vision par ordinateur."},
    )
    assert response.status_code == 302
    journal = signed_in(moderator).get(reverse("organisations:audit_log"))
    html = journal.content.decode()
    assert "alice@vision-alpes.example" in html
    assert "732829320" in html
    assert "Vision par ordinateur." in html


def test_journal_is_for_moderators_only(alice: User) -> None:
    """The Region-wide journal answers 403 to a member."""
    assert signed_in(alice).get(reverse("organisations:audit_log")).status_code == 403


def test_history_is_visible_to_members_and_moderators_not_to_others(
    alice: User, bob: User, moderator: User, provider_a: Organisation
) -> None:
    """An organisation's history: its members and moderators yes, another provider no."""
    url = reverse("organisations:history", args=[provider_a.slug])
    assert signed_in(alice).get(url).status_code == 200
    assert signed_in(moderator).get(url).status_code == 200
    assert signed_in(bob).get(url).status_code == 403
