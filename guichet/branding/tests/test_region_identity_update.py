"""Only Region admins change the Region's identity; every page shows it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from guichet.accounts.models import User
from guichet.accounts.tests.factories import PASSWORD
from guichet.audit.models import AuditEntry
from guichet.branding.colours import contrast_ratio
from guichet.branding.selectors import region_identity
from guichet.branding.services import region_identity_update
from guichet.branding.theme import design_tokens

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    assert client.login(username=user.email, password=PASSWORD)
    return client


@pytest.mark.parametrize("who", ["moderator", "alice", "bob"])
def test_nobody_but_an_admin_changes_the_identity(who: str, request: pytest.FixtureRequest) -> None:
    """Moderators and organisation members are refused, by the service and by the page."""
    user = request.getfixturevalue(who)
    identity = region_identity()
    with pytest.raises(PermissionDenied):
        region_identity_update(actor=user, identity=identity, data={"name": "Autre"})
    client = signed_in(user)
    assert client.get(reverse("branding:edit")).status_code == 403
    assert client.post(reverse("branding:edit"), {"name": "Autre"}).status_code == 403
    assert region_identity().name != "Autre"


def test_anonymous_cannot_reach_the_identity_page(client: Client) -> None:
    """An anonymous visitor is sent to sign in."""
    assert client.get(reverse("branding:edit")).status_code == 302


def test_admin_renames_the_region_and_every_page_shows_it(admin: User, client: Client) -> None:
    """After the admin saves, the home page shows the new name and label; the change is audited."""
    response = signed_in(admin).post(
        reverse("branding:edit"),
        {
            "name": "Région Exemple",
            "label_name": "Exemple IA",
            "insee_code": "84",
            "primary_colour": "#1d4e2b",
            "secondary_colour": "#ffcc00",
            "contact_email": "ia@region-exemple.example",
            "logo_alt": "",
            "accessibility_status": "non_compliant",
        },
    )
    assert response.status_code == 302
    home = client.get("/").content.decode()
    assert "Région Exemple" in home
    assert "Exemple IA" in home
    assert "--brand-primary:#1d4e2b" in home
    assert "ia@region-exemple.example" in home
    entry = AuditEntry.objects.get(action="update", content_type__model="regionidentity")
    assert entry.actor == admin
    assert entry.changes["label_name"]["new"] == "Exemple IA"


def test_unreadable_primary_colour_is_refused_with_its_ratio(admin: User) -> None:
    """A pale primary colour fails the 4.5:1 contrast with white; the message gives the ratio."""
    with pytest.raises(ValidationError) as error:
        region_identity_update(
            actor=admin, identity=region_identity(), data={"primary_colour": "#ffcc00"}
        )
    assert "primary_colour" in error.value.message_dict
    assert "4,5:1" in error.value.message_dict["primary_colour"][0]


def test_text_on_the_secondary_colour_stays_readable() -> None:
    """Whatever the secondary colour, the text colour chosen for it reaches 4.5:1."""
    identity = region_identity()
    for colour in ["#ffcc00", "#000080", "#777777", "#767676", "#00ff00", "#b45309"]:
        identity.secondary_colour = colour
        tokens = design_tokens(identity)
        assert contrast_ratio(tokens["--brand-on-secondary"], colour) >= 4.5


def test_logo_upload_is_served_and_audited(admin: User, client: Client) -> None:
    """An admin uploads an SVG logo; pages show it with its text alternative."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'
    identity = region_identity()
    response = signed_in(admin).post(
        reverse("branding:edit"),
        {
            "name": identity.name,
            "label_name": identity.label_name,
            "insee_code": identity.insee_code,
            "primary_colour": identity.primary_colour,
            "secondary_colour": identity.secondary_colour,
            "contact_email": identity.contact_email,
            "logo_alt": "Logo de la Région",
            "accessibility_status": identity.accessibility_status,
            "logo_file": SimpleUploadedFile("logo.svg", svg, content_type="image/svg+xml"),
        },
    )
    assert response.status_code == 302
    logo = client.get(reverse("branding:logo"))
    assert logo.status_code == 200
    assert logo["Content-Type"] == "image/svg+xml"
    assert b"".join(logo) == svg
    assert 'alt="Logo de la Région"' in client.get("/").content.decode()
