from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from guichet.organisations.models import Organisation


@dataclass
class Dashboard:
    organisations: list[Organisation] = field(default_factory=list)
    is_region_admin: bool = False
    is_region_moderator: bool = False


def dashboard_for(user: Any) -> Dashboard:
    """What a signed-in person can act on."""
    return Dashboard(
        organisations=list(
            Organisation.objects.filter(memberships__user=user).order_by("name").distinct()
        ),
        is_region_admin=user.is_region_admin,
        is_region_moderator=user.is_region_moderator,
    )
