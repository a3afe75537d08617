"""Who may do what to an organisation. One place, used by views and services alike."""

from __future__ import annotations

from typing import Any

from guichet.organisations.models import Membership, Organisation


def is_member(user: Any, organisation: Organisation) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return Membership.objects.filter(user=user, organisation=organisation).exists()


def can_edit_organisation(user: Any, organisation: Organisation) -> bool:
    """Its own members, and the Region's moderators and admins."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_region_moderator) or is_member(user, organisation)


def can_change_roles(user: Any) -> bool:
    """Roles decide what an organisation may publish: the Region grants them."""
    return bool(getattr(user, "is_authenticated", False) and user.is_region_moderator)


def can_view_history(user: Any, organisation: Organisation) -> bool:
    """Moderators see every journal; members see their own organisation's."""
    return can_edit_organisation(user, organisation)


def can_view_audit_log(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_region_moderator)


def can_moderate_organisations(user: Any) -> bool:
    """The Region validates or refuses self-registered organisations."""
    return bool(getattr(user, "is_authenticated", False) and user.is_region_moderator)


def can_view_organisation(user: Any, organisation: Organisation) -> bool:
    """Validated ones are public; a pending or refused one is seen by its members and the Region."""
    if organisation.status == Organisation.Status.VALIDATED:
        return True
    return can_edit_organisation(user, organisation)
