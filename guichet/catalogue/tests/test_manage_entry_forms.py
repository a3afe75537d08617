"""Creating and editing entries from the provider space, one kind after the other."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.test import Client
from django.urls import reverse

from guichet.accounts.models import User
from guichet.catalogue.models import Event, Place, Scheme, Solution, Training
from guichet.catalogue.services import entry_create, entry_transition
from guichet.catalogue.workflow import RevisionStatus, Status
from guichet.organisations.models import Organisation, Role
from guichet.territories.models import Commune, Postcode

pytestmark = pytest.mark.django_db


@pytest.fixture
def digne() -> Commune:
    commune = Commune.objects.create(
        code="04070", name="Digne-les-Bains", department_id="04", region_id="93"
    )
    Postcode.objects.create(code="04000", commune=commune)
    return commune


def give_roles(organisation: Organisation, *codes: str) -> None:
    organisation.roles.add(*Role.objects.filter(code__in=codes))


def create_url(kind: str, organisation: Organisation) -> str:
    return reverse(
        "catalogue_manage:entry_create", kwargs={"kind": kind, "organisation": organisation.slug}
    )


def test_provider_creates_a_draft_solution_with_every_field(
    client: Client, alice: User, provider_a: Organisation
) -> None:
    """Alice's solution is saved as a draft of her organisation, with its vocabularies."""
    client.force_login(alice)

    response = client.post(
        create_url("solutions", provider_a),
        {
            "title": "Inspecteur visuel",
            "summary": "Détecte les défauts sur la ligne.",
            "description": "Caméras et apprentissage profond.",
            "use_cases": ["visual_inspection"],
            "business_functions": ["quality", "production"],
            "sectors": ["C"],
            "techniques": ["vision"],
            "deployments": ["on_premises", "embedded"],
            "price_range": "5k_20k",
            "client_references": "Fromagerie des Alpes",
            "ai_act_risk": "minimal",
            "website": "vision-alpes.example/inspecteur",
        },
    )

    solution = Solution.objects.get(title="Inspecteur visuel")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "catalogue_manage:entry_detail", kwargs={"kind": "solutions", "pk": solution.pk}
    )
    assert solution.owner == provider_a
    assert solution.status == Status.DRAFT
    assert sorted(solution.business_functions.values_list("code", flat=True)) == [
        "production",
        "quality",
    ]
    assert solution.deployments == ["on_premises", "embedded"]
    assert solution.website == "https://vision-alpes.example/inspecteur"
    page = client.get(response["Location"]).content.decode()
    assert "Brouillon" in page
    assert "Soumettre à la modération" in page


def test_a_title_is_required(client: Client, alice: User, provider_a: Organisation) -> None:
    """An empty title is refused next to the field, in French."""
    client.force_login(alice)

    response = client.post(create_url("solutions", provider_a), {"title": ""})

    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.context["form"].errors["title"]
    assert not Solution.objects.exists()


def test_a_provider_cannot_create_a_scheme(
    client: Client, alice: User, provider_a: Organisation
) -> None:
    """Creating a kind of entry the organisation's role does not publish is forbidden."""
    client.force_login(alice)

    assert client.get(create_url("dispositifs", provider_a)).status_code == 403


def test_training_with_certification_and_sessions(
    client: Client, alice: User, provider_a: Organisation, digne: Commune
) -> None:
    """A training body saves a certifying training and two sessions, one in a commune."""
    give_roles(provider_a, "training_body")
    client.force_login(alice)
    data = {
        "title": "L'IA pour les PME",
        "objectives": "Identifier des cas d'usage.",
        "level": "beginner",
        "modality": "blended",
        "duration_hours": "14",
        "price_eur": "900",
        "is_certifying": "on",
        "rncp_code": "rncp 35288",
        "cpf_eligible": "true",
        "formacode": "31025 | 31054",
        "sessions-TOTAL_FORMS": "2",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
        "sessions-0-starts_on": "2026-03-10",
        "sessions-0-ends_on": "2026-03-11",
        "sessions-0-address": "1 place du Marché",
        "sessions-0-postcode": "04000",
        "sessions-0-seats": "12",
        "sessions-1-starts_on": "2026-04-02",
    }

    response = client.post(create_url("formations", provider_a), data)

    assert response.status_code == 302, response.context["form"].errors
    training = Training.objects.get()
    assert training.rncp_code == "RNCP35288"
    assert training.cpf_eligible is True
    assert training.formacode == ["31025", "31054"]
    sessions = list(training.sessions.order_by("starts_on"))
    assert [s.commune for s in sessions] == [digne, None]
    assert sessions[0].seats == 12


def test_session_ending_before_it_starts_is_refused(
    client: Client, alice: User, provider_a: Organisation
) -> None:
    """A session whose last day precedes its first is refused on the last day."""
    give_roles(provider_a, "training_body")
    client.force_login(alice)

    response = client.post(
        create_url("formations", provider_a),
        {
            "title": "Atelier",
            "sessions-TOTAL_FORMS": "1",
            "sessions-INITIAL_FORMS": "0",
            "sessions-0-starts_on": "2026-03-10",
            "sessions-0-ends_on": "2026-03-09",
        },
    )

    assert response.status_code == 200
    assert "précéder" in " ".join(response.context["sessions"].forms[0].errors["ends_on"])
    assert not Training.objects.exists()


def test_certifying_training_needs_a_code(
    client: Client, alice: User, provider_a: Organisation
) -> None:
    """A certifying training without RNCP or RS code is refused."""
    give_roles(provider_a, "training_body")
    client.force_login(alice)

    response = client.post(
        create_url("formations", provider_a),
        {
            "title": "Atelier",
            "is_certifying": "on",
            "sessions-TOTAL_FORMS": "0",
            "sessions-INITIAL_FORMS": "0",
        },
    )

    assert "RNCP" in " ".join(response.context["form"].errors["rncp_code"])


def test_event_times_are_read_in_the_event_time_zone(
    client: Client, alice: User, provider_a: Organisation, digne: Commune
) -> None:
    """10:00 in Réunion is stored as 06:00 UTC, and shown back as 10:00."""
    client.force_login(alice)

    response = client.post(
        create_url("evenements", provider_a),
        {
            "title": "Matinale IA",
            "starts_at": "2026-05-12T10:00",
            "ends_at": "2026-05-12T12:00",
            "time_zone": "Indian/Reunion",
            "venue": "Salle des fêtes",
            "postcode": "04000",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    event = Event.objects.get()
    assert event.starts_at == datetime.datetime(2026, 5, 12, 6, 0, tzinfo=zoneinfo.ZoneInfo("UTC"))
    assert event.commune == digne
    edit = client.get(
        reverse("catalogue_manage:entry_edit", kwargs={"kind": "evenements", "pk": event.pk})
    )
    assert 'value="2026-05-12T10:00"' in edit.content.decode()


def test_event_needs_a_place_or_online(
    client: Client, alice: User, provider_a: Organisation
) -> None:
    """An event neither online nor placed is refused with a message on the venue."""
    client.force_login(alice)

    response = client.post(
        create_url("evenements", provider_a),
        {"title": "Matinale", "starts_at": "2026-05-12T10:00", "time_zone": "Europe/Paris"},
    )

    assert "en ligne" in " ".join(response.context["form"].errors["venue"])


def test_place_with_opening_hours(
    client: Client, alice: User, provider_a: Organisation, digne: Commune
) -> None:
    """A place keeps its opening hours as text and its commune from the postcode."""
    give_roles(provider_a, "place")
    client.force_login(alice)

    client.post(
        create_url("lieux", provider_a),
        {
            "title": "Tiers-lieu numérique",
            "address": "3 rue Basse",
            "postcode": "04000",
            "opening_hours": "Du mardi au samedi, 10 h – 18 h",
        },
    )

    place = Place.objects.get()
    assert place.opening_hours == {"texte": "Du mardi au samedi, 10 h – 18 h"}
    assert place.commune == digne


def test_scheme_geographic_codes_are_checked_and_stored(
    client: Client, alice: User, provider_a: Organisation
) -> None:
    """REG-93|DEP-2A is stored as two territories; DEP-2A excluded too; carriers keep SIREN."""
    give_roles(provider_a, "financer")
    client.force_login(alice)

    response = client.post(
        create_url("dispositifs", provider_a),
        {
            "title": "Chèque IA",
            "aid_types": ["financement"],
            "audiences": ["professionnels"],
            "geo_included": "reg-93 | DEP-2A",
            "geo_excluded": "DEP-05",
            "carriers": "Région Sud | 130 007 669",
            "size_categories": ["MIC", "PME"],
            "naf_included": "C | 62.01z",
            "opens_at": "2026-01-01",
            "closes_at": "2026-06-30",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    scheme = Scheme.objects.get()
    assert sorted(str(t) for t in scheme.territories.all()) == ["+DEP-2A", "+REG-93", "-DEP-05"]
    assert scheme.carriers == [{"nom": "Région Sud", "siren": "130007669"}]
    assert scheme.naf_included == ["C", "62.01Z"]
    closes = scheme.closes_at
    assert closes is not None
    assert closes.astimezone(zoneinfo.ZoneInfo("Europe/Paris")).date() == datetime.date(2026, 6, 30)


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        ("REG-93|DEP13", "n'est pas un code géographique"),
        ("REG-99", "aucune région"),
        ("DEP-99", "aucun département"),
    ],
)
def test_bad_geographic_codes_are_refused_by_name(
    client: Client, alice: User, provider_a: Organisation, codes: str, message: str
) -> None:
    """Each bad geographic code is named in the error on the field."""
    give_roles(provider_a, "financer")
    client.force_login(alice)

    response = client.post(
        create_url("dispositifs", provider_a), {"title": "X", "geo_included": codes}
    )

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["geo_included"])


def test_editing_a_published_entry_shows_the_notice_and_keeps_it_online(
    client: Client, alice: User, moderator: User, provider_a: Organisation
) -> None:
    """The edit page of a published entry says the public version stays online; saving sends
    the change to review."""
    solution = entry_create(actor=alice, model=Solution, owner=provider_a, data={"title": "Avant"})
    entry_transition(actor=alice, entry=solution, name="submit")
    entry_transition(actor=moderator, entry=solution, name="publish")
    client.force_login(alice)
    url = reverse("catalogue_manage:entry_edit", kwargs={"kind": "solutions", "pk": solution.pk})

    page = client.get(url).content.decode()
    assert "la version publiée reste en ligne pendant la modération" in page

    response = client.post(url, {"title": "Après", "ai_act_risk": "unknown"}, follow=True)
    solution.refresh_from_db()
    assert solution.title == "Avant"
    assert solution.status == Status.PUBLISHED
    assert solution.revision_status == RevisionStatus.SUBMITTED
    assert "reste en ligne pendant la modération" in response.content.decode()


def test_an_unchanged_published_entry_is_not_sent_back_to_review(
    client: Client, alice: User, moderator: User, provider_a: Organisation
) -> None:
    """Saving a published entry without changing it creates no revision."""
    solution = entry_create(actor=alice, model=Solution, owner=provider_a, data={"title": "Stable"})
    entry_transition(actor=alice, entry=solution, name="submit")
    entry_transition(actor=moderator, entry=solution, name="publish")
    client.force_login(alice)
    url = reverse("catalogue_manage:entry_edit", kwargs={"kind": "solutions", "pk": solution.pk})

    client.post(url, {"title": "Stable", "ai_act_risk": "unknown"})

    solution.refresh_from_db()
    assert solution.revision is None
    assert solution.revision_status == RevisionStatus.NONE


def test_a_refused_revision_is_offered_back_for_correction(
    client: Client, alice: User, moderator: User, provider_a: Organisation
) -> None:
    """After a refused revision, the edit form starts from the proposed values, not the public."""
    solution = entry_create(actor=alice, model=Solution, owner=provider_a, data={"title": "Public"})
    entry_transition(actor=alice, entry=solution, name="submit")
    entry_transition(actor=moderator, entry=solution, name="publish")
    client.force_login(alice)
    url = reverse("catalogue_manage:entry_edit", kwargs={"kind": "solutions", "pk": solution.pk})
    client.post(url, {"title": "Proposé", "techniques": ["vision"], "ai_act_risk": "unknown"})
    solution.refresh_from_db()
    entry_transition(actor=moderator, entry=solution, name="reject_revision", reason="Trop vague")

    form = client.get(url).context["form"]

    assert form["title"].value() == "Proposé"
    assert form["techniques"].value() == ["vision"]
