"""The admin reads the reference data; only a commune's centre may be corrected by hand."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from guichet.territories.models import Commune

pytestmark = pytest.mark.usefixtures("loaded")


MODELS = ["region", "department", "commune", "postcode", "geocodedaddress"]


@pytest.mark.parametrize("model", MODELS)
def test_lists_open_for_a_superuser(admin_client: Client, model: str) -> None:
    """Each territories model has an admin list a superuser can read."""
    response = admin_client.get(reverse(f"admin:territories_{model}_changelist"))
    assert response.status_code == 200


def test_communes_cannot_be_added_by_hand(admin_client: Client) -> None:
    """Communes come from the COG: the admin offers no way to add one."""
    assert admin_client.get(reverse("admin:territories_commune_add")).status_code == 403


def test_only_the_centre_of_a_commune_is_editable(admin_client: Client) -> None:
    """The change form lets one correct latitude and longitude, and nothing else."""
    url = reverse("admin:territories_commune_change", args=["98735"])
    response = admin_client.post(
        url,
        {
            "name": "Autre nom",
            "latitude": "-17.535",
            "longitude": "-149.569",
            "postcodes-TOTAL_FORMS": "1",
            "postcodes-INITIAL_FORMS": "1",
            "postcodes-MIN_NUM_FORMS": "0",
            "postcodes-MAX_NUM_FORMS": "1000",
            "postcodes-0-id": str(Commune.objects.get(code="98735").postcodes.get().pk),
            "postcodes-0-commune": "98735",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    papeete = Commune.objects.get(code="98735")
    assert (papeete.name, papeete.latitude, papeete.longitude) == ("Papeete", -17.535, -149.569)
