"""Reads of the provider space and of the review queue."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, QuerySet

from guichet.audit.models import AuditEntry
from guichet.audit.selectors import audit_entries_for
from guichet.catalogue.manage.kinds import KINDS, Kind, kinds_for, public_url
from guichet.catalogue.models import Publishable
from guichet.catalogue.permissions import actor_roles
from guichet.catalogue.workflow import (
    REVISION_TRANSITIONS,
    TRANSITIONS,
    Actor,
    RevisionStatus,
    Status,
    Transition,
    allowed,
)
from guichet.organisations.models import Organisation

# The review queue shows at most this many entries of each kind at once, oldest first.
QUEUE_LIMIT = 200
# Moderators' decisions, taken on the review page where a reason can be given.
DECISIONS = frozenset({"publish", "reject", "publish_revision", "reject_revision"})
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def available_actions(entry: Publishable, roles: set[Actor]) -> list[Transition]:
    """The transitions of the workflow table that these roles may take on ``entry`` now."""
    actions = [t for t in TRANSITIONS.values() if allowed(t, entry.status, roles)]
    # A revision exists only once a published entry was edited.
    if entry.status == Status.PUBLISHED and entry.revision is not None:
        actions += [
            t for t in REVISION_TRANSITIONS.values() if allowed(t, entry.revision_status, roles)
        ]
    return actions


def actions_for(user: Any, entry: Publishable) -> list[Transition]:
    return available_actions(entry, actor_roles(user, entry))


def needs_fixing(entry: Publishable) -> bool:
    return entry.status == Status.REJECTED or entry.revision_status == RevisionStatus.REJECTED


@dataclass(frozen=True)
class EntryRow:
    kind: Kind
    entry: Publishable
    actions: list[Transition]
    public_url: str

    @property
    def needs_fixing(self) -> bool:
        return needs_fixing(self.entry)

    @property
    def buttons(self) -> list[Transition]:
        """Actions taken with one click; those needing a reason are on the review page."""
        return [t for t in self.actions if not t.needs_reason]


@dataclass
class KindSection:
    kind: Kind
    rows: list[EntryRow]
    can_add: bool


@dataclass
class OrganisationSpace:
    organisation: Organisation
    sections: list[KindSection] = field(default_factory=list)

    @property
    def to_fix(self) -> list[EntryRow]:
        return [row for section in self.sections for row in section.rows if row.needs_fixing]


def member_organisations(user: Any) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(memberships__user=user)
        .prefetch_related("roles")
        .order_by("name")
        .distinct()
    )


def provider_space(user: Any) -> list[OrganisationSpace]:
    """The user's organisations, and their entries of each kind they publish or hold."""
    spaces = []
    for organisation in member_organisations(user):
        publishes = kinds_for(organisation)
        space = OrganisationSpace(organisation)
        for kind in KINDS.values():
            entries = list(kind.model.objects.filter(owner=organisation).order_by("-updated_at"))
            if not entries and kind not in publishes:
                continue
            # The same roles hold for every entry of the organisation: ask once per kind.
            roles = actor_roles(user, kind.model(owner=organisation))
            rows = [
                EntryRow(kind, entry, available_actions(entry, roles), public_url(entry))
                for entry in entries
            ]
            space.sections.append(KindSection(kind, rows, can_add=kind in publishes))
        spaces.append(space)
    return spaces


def entry_journal(entry: Publishable) -> QuerySet[AuditEntry]:
    return audit_entries_for(entry)


@dataclass(frozen=True)
class QueueItem:
    kind: Kind
    entry: Publishable

    @property
    def is_revision(self) -> bool:
        return self.entry.status == Status.PUBLISHED


@dataclass
class ReviewQueue:
    items: list[QueueItem]
    counts: list[tuple[Kind, int]]
    kind: Kind | None

    @property
    def total(self) -> int:
        return sum(count for _kind, count in self.counts)

    @property
    def truncated(self) -> bool:
        """Whether some waiting entries are not listed (beyond QUEUE_LIMIT per kind)."""
        waiting = sum(count for k, count in self.counts if self.kind in (None, k))
        return len(self.items) < waiting


def _awaiting(kind: Kind) -> QuerySet[Publishable]:
    return kind.model.objects.awaiting_review().select_related("owner")


def review_queue(kind: Kind | None = None, limit: int = QUEUE_LIMIT) -> ReviewQueue:
    """Entries waiting for a moderator, new ones and edits of published ones, oldest first."""
    counts = [(k, _awaiting(k).count()) for k in KINDS.values()]
    items: list[QueueItem] = []
    for k in KINDS.values():
        if kind is not None and k != kind:
            continue
        oldest = _awaiting(k).order_by(F("submitted_at").asc(nulls_first=True), "pk")[:limit]
        items += [QueueItem(k, entry) for entry in oldest]
    # Entries submitted before submission dates were kept come first.
    items.sort(key=lambda item: item.entry.submitted_at or EPOCH)
    return ReviewQueue(items=items, counts=counts, kind=kind)


def decisions_for(user: Any, entry: Publishable) -> list[Transition]:
    """The moderator's decisions open on ``entry``: publish or refuse it, or its revision."""
    return [t for t in actions_for(user, entry) if t.name in DECISIONS]


def is_awaiting_review(entry: Publishable) -> bool:
    return entry.status == Status.SUBMITTED or entry.revision_status == RevisionStatus.SUBMITTED
