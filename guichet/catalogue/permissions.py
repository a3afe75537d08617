"""Who acts on a catalogue entry: its owner's members, and the Region's moderators."""

from __future__ import annotations

from typing import Any

from guichet.catalogue.models import Publishable
from guichet.catalogue.workflow import Actor
from guichet.organisations.permissions import is_member


def actor_roles(user: Any, entry: Publishable) -> set[Actor]:
    roles: set[Actor] = set()
    if not getattr(user, "is_authenticated", False):
        return roles
    if user.is_region_moderator:
        roles.add(Actor.MODERATOR)
    if is_member(user, entry.owner):
        roles.add(Actor.OWNER)
    return roles


def can_edit_entry(user: Any, entry: Publishable) -> bool:
    return bool(actor_roles(user, entry))


def can_moderate(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_region_moderator)


def can_view_entry(user: Any, entry: Publishable) -> bool:
    """Published entries are public; the others are seen by their owner and moderators."""
    return entry.is_public or can_edit_entry(user, entry)
