"""Loading the demonstration data: facts from the Regions' published AI plans, nothing invented.

Organisations first, then the catalogue entries they own (solutions, trainings, schemes,
events, places), all published. Every record is looked up by its slug: what exists is left
untouched, so the command can run at every start and a second run creates nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, cast
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from guichet.accounts.models import User
from guichet.audit.services import audit_record, diff, snapshot
from guichet.catalogue.models import (
    Event,
    Place,
    Publishable,
    Scheme,
    Solution,
    Training,
    TrainingSession,
)
from guichet.catalogue.services import entry_create
from guichet.catalogue.workflow import Status
from guichet.demo import data
from guichet.organisations.models import Membership, Organisation
from guichet.organisations.services import organisation_create
from guichet.territories.models import Commune

DEMO_PASSWORD = "demo-guichet-ia"  # noqa: S105 - demo accounts only, documented in the README
DEMO_ACCOUNTS = [
    ("admin@region.example", "Administratrice de la Région", User.RegionRole.ADMIN, None),
    ("moderation@region.example", "Modérateur de la Région", User.RegionRole.MODERATOR, None),
    ("contact@bluecime.example", "Membre de Bluecime", User.RegionRole.NONE, "bluecime"),
]
EVENT_TIME_ZONE = "Europe/Paris"

# (label shown in the report, data file, model), in loading order: owners before entries.
ORGANISATIONS = "Organisations"
ENTRY_KINDS: list[tuple[str, str, type[Publishable]]] = [
    ("Solutions", "solutions", Solution),
    ("Formations", "trainings", Training),
    ("Dispositifs", "schemes", Scheme),
    ("Événements", "events", Event),
    ("Lieux", "places", Place),
]
KIND_LABELS = [ORGANISATIONS, *(label for label, _, _ in ENTRY_KINDS)]
# Grammatical gender of each label, for the report's agreements ("créées", "créés").
FEMININE_LABELS = frozenset({ORGANISATIONS, "Solutions", "Formations"})


@dataclass
class DemoReport:
    created: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KIND_LABELS})
    present: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KIND_LABELS})
    accounts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def created_count(self) -> int:
        return sum(len(names) for names in self.created.values())


@transaction.atomic
def demo_load(*, with_accounts: bool = False, with_examples: bool = True) -> DemoReport:
    """Create the demo organisations and entries that are missing; never overwrite what exists.

    The examples (``data/examples/``, fictional and marked ``is_example``) load after the facts.
    """
    report = DemoReport()
    for record in data.read("organisations"):
        _organisation_load(record, report)
    for label, name, model in ENTRY_KINDS:
        for record in data.read(name):
            _entry_load(label, model, record, report)
    if with_examples:
        today = timezone.localdate()
        for record in data.read("examples/organisations"):
            _organisation_load(record, report, is_example=True)
        for label, name, model in ENTRY_KINDS:
            if name == "schemes":
                continue
            for record in data.read(f"examples/{name}"):
                _entry_load(label, model, data.dated(record, today), report, is_example=True)
    if with_accounts:
        _accounts_load(report)
    return report


def _commune(record: dict[str, Any], report: DemoReport) -> Commune | None:
    code = record.get("commune")
    if not code:
        return None
    commune = Commune.objects.filter(pk=code).first()
    if commune is None:
        name = record.get("name") or record["title"]
        report.notes.append(f"{name} : commune {code} absente (lancez load-territories).")
    return commune


@transaction.atomic
def demo_examples_remove() -> dict[str, int]:
    """Delete every example entry, then every example organisation; the facts stay."""
    removed: dict[str, int] = {}
    for label, _, model in ENTRY_KINDS:
        removed[label] = model.objects.filter(is_example=True).delete()[1].get(model._meta.label, 0)
    removed[ORGANISATIONS] = (
        Organisation.objects.filter(is_example=True).delete()[1].get(Organisation._meta.label, 0)
    )
    return removed


def _organisation_load(
    record: dict[str, Any], report: DemoReport, *, is_example: bool = False
) -> None:
    if Organisation.objects.filter(slug=record["slug"]).exists():
        report.present[ORGANISATIONS].append(record["name"])
        return
    organisation = organisation_create(
        actor=None,
        data={
            "name": record["name"],
            "description": data.described(record),
            "latitude": record.get("latitude"),
            "longitude": record.get("longitude"),
            "roles": record.get("roles", []),
            "sectors": record.get("sectors", []),
        },
    )
    organisation.slug = record["slug"]
    organisation.commune = _commune(record, report)
    organisation.is_example = is_example
    organisation.save(update_fields=["slug", "commune", "is_example"])
    report.created[ORGANISATIONS].append(record["name"])


def _event_start(record: dict[str, Any]) -> datetime.datetime | None:
    """The day the documents give, at midnight in Paris; None when they give no day."""
    if not record.get("starts_on"):
        return None
    day = datetime.date.fromisoformat(record["starts_on"])
    return datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=ZoneInfo(EVENT_TIME_ZONE))


def _entry_load(
    label: str,
    model: type[Publishable],
    record: dict[str, Any],
    report: DemoReport,
    *,
    is_example: bool = False,
) -> None:
    if model.objects.filter(slug=record["slug"]).exists():
        report.present[label].append(record["title"])
        return
    fields = {k: v for k, v in record.items() if k not in data.ENTRY_META_KEYS}
    extra_lines: list[str] = []
    if model is Event:
        fields["starts_at"] = _event_start(record)
        if record.get("dates_text"):
            extra_lines.append(f"Dates : {record['dates_text']}")
        if fields["starts_at"] is None and not Event._meta.get_field("starts_at").null:
            report.notes.append(
                f"{record['title']} : les documents ne donnent pas de date de début, que le "
                "modèle Event exige encore ; l'événement n'est pas chargé."
            )
            return
    if model in (Event, Place):
        fields["commune"] = _commune(record, report)
    fields["description"] = data.described(record, *extra_lines)
    entry = entry_create(
        actor=None,
        model=model,
        owner=Organisation.objects.get(slug=record["owner"]),
        data=fields,
    )
    entry.slug = record["slug"]
    entry.is_example = is_example
    _publish(entry)
    for starts_on in record.get("session_days", []):
        TrainingSession.objects.create(
            training=cast(Training, entry), starts_on=starts_on, commune=entry.owner.commune
        )
    report.created[label].append(record["title"])


def _publish(entry: Publishable) -> None:
    """Demo entries come from public documents: published at once, the change audited."""
    before = snapshot(entry, ["status"])
    entry.status = Status.PUBLISHED
    entry.published_at = timezone.now()
    entry.save(update_fields=["slug", "is_example", "status", "published_at", "updated_at"])
    audit_record(
        actor=None,
        instance=entry,
        action="transition",
        changes=diff(entry, before, snapshot(entry, ["status"])),
        comment="Publiée au chargement des données de démonstration (documents publics).",
    )


def _accounts_load(report: DemoReport) -> None:
    for email, name, role, organisation_slug in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=email, defaults={"full_name": name, "region_role": role}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            report.accounts.append(email)
        if organisation_slug:
            organisation = Organisation.objects.get(slug=organisation_slug)
            Membership.objects.get_or_create(user=user, organisation=organisation)
