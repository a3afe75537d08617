"""Loading the demonstration data: facts from the Regions' published AI plans, nothing invented."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from guichet.accounts.models import User
from guichet.organisations.models import Membership, Organisation
from guichet.organisations.services import organisation_create
from guichet.territories.models import Commune

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_PASSWORD = "demo-guichet-ia"  # noqa: S105 - demo accounts only, documented in the README
DEMO_ACCOUNTS = [
    ("admin@region.example", "Administratrice de la Région", User.RegionRole.ADMIN, None),
    ("moderation@region.example", "Modérateur de la Région", User.RegionRole.MODERATOR, None),
    ("contact@bluecime.example", "Membre de Bluecime", User.RegionRole.NONE, "bluecime"),
]


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    accounts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@transaction.atomic
def demo_load(*, with_accounts: bool = False) -> DemoReport:
    """Create the demo organisations that are missing; never overwrite what exists."""
    report = DemoReport()
    entries = json.loads((DATA_DIR / "organisations.json").read_text(encoding="utf-8"))
    for entry in entries:
        if Organisation.objects.filter(slug=entry["slug"]).exists():
            report.present.append(entry["name"])
            continue
        commune = (
            Commune.objects.filter(pk=entry.get("commune")).first()
            if entry.get("commune")
            else None
        )
        if entry.get("commune") and commune is None:
            report.notes.append(
                f"{entry['name']} : commune {entry['commune']} absente (lancez load-territories)."
            )
        organisation = organisation_create(
            actor=None,
            data={
                "name": entry["name"],
                "description": entry.get("description", ""),
                "latitude": entry.get("latitude"),
                "longitude": entry.get("longitude"),
                "roles": entry.get("roles", []),
                "sectors": entry.get("sectors", []),
            },
        )
        if organisation.slug != entry["slug"]:
            organisation.slug = entry["slug"]
        organisation.commune = commune
        organisation.save(update_fields=["slug", "commune"])
        report.created.append(entry["name"])
    if with_accounts:
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
    return report
