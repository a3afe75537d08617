"""The publication workflow of every catalogue entry, as one table.

    draft ──submit──▶ submitted ──publish──▶ published ──archive──▶ archived
      ▲                   │
      └──redraft── rejected ◀──reject (with a reason)

A published entry edited by its owner keeps its public version: the edit is
stored as a *revision* that goes through review (``submit_revision`` →
``publish_revision`` or ``reject_revision``) while the public site keeps showing
the version last published.

Who may do what is part of the table, so that permissions are read in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

StrOrPromise = str | Promise


class Status(models.TextChoices):
    DRAFT = "draft", _("brouillon")
    SUBMITTED = "submitted", _("en attente de modération")
    PUBLISHED = "published", _("publiée")
    REJECTED = "rejected", _("refusée")
    ARCHIVED = "archived", _("archivée")


class Actor(StrEnum):
    OWNER = "owner"  # a member of the organisation that owns the entry
    MODERATOR = "moderator"  # a Region moderator or admin


@dataclass(frozen=True)
class Transition:
    name: str
    label: StrOrPromise  # lazily translated
    source: frozenset[str]
    target: str
    who: frozenset[Actor]
    needs_reason: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            "submit",
            _("Soumettre à la modération"),
            frozenset({Status.DRAFT}),
            Status.SUBMITTED,
            frozenset({Actor.OWNER, Actor.MODERATOR}),
        ),
        Transition(
            "publish",
            _("Publier"),
            frozenset({Status.SUBMITTED}),
            Status.PUBLISHED,
            frozenset({Actor.MODERATOR}),
        ),
        Transition(
            "reject",
            _("Refuser"),
            frozenset({Status.SUBMITTED}),
            Status.REJECTED,
            frozenset({Actor.MODERATOR}),
            needs_reason=True,
        ),
        Transition(
            "redraft",
            _("Reprendre en brouillon"),
            frozenset({Status.REJECTED}),
            Status.DRAFT,
            frozenset({Actor.OWNER, Actor.MODERATOR}),
        ),
        Transition(
            "archive",
            _("Archiver"),
            frozenset({Status.PUBLISHED}),
            Status.ARCHIVED,
            frozenset({Actor.OWNER, Actor.MODERATOR}),
        ),
        Transition(
            "republish",
            _("Republier"),
            frozenset({Status.ARCHIVED}),
            Status.SUBMITTED,
            frozenset({Actor.OWNER, Actor.MODERATOR}),
        ),
    )
}


class RevisionStatus(models.TextChoices):
    """State of the pending edit of a published entry."""

    NONE = "", _("aucune")
    SUBMITTED = "submitted", _("modification en attente de modération")
    REJECTED = "rejected", _("modification refusée")


REVISION_TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            "submit_revision",
            _("Soumettre la modification"),
            frozenset({RevisionStatus.NONE, RevisionStatus.REJECTED}),
            RevisionStatus.SUBMITTED,
            frozenset({Actor.OWNER, Actor.MODERATOR}),
        ),
        Transition(
            "publish_revision",
            _("Publier la modification"),
            frozenset({RevisionStatus.SUBMITTED}),
            RevisionStatus.NONE,
            frozenset({Actor.MODERATOR}),
        ),
        Transition(
            "reject_revision",
            _("Refuser la modification"),
            frozenset({RevisionStatus.SUBMITTED}),
            RevisionStatus.REJECTED,
            frozenset({Actor.MODERATOR}),
            needs_reason=True,
        ),
    )
}


def allowed(transition: Transition, state: str, roles: set[Actor]) -> bool:
    return state in transition.source and bool(transition.who & roles)
