from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction

from guichet.audit.services import audit_record, diff, snapshot
from guichet.branding.models import LEGAL_FIELDS, RegionIdentity
from guichet.branding.selectors import CACHE_KEY

EDITABLE_FIELDS = [
    "name",
    "label_name",
    "insee_code",
    "primary_colour",
    "secondary_colour",
    "contact_email",
    "logo_alt",
    *LEGAL_FIELDS,
]


def can_edit_region_identity(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_region_admin)


@transaction.atomic
def region_identity_update(
    *,
    actor: Any,
    identity: RegionIdentity,
    data: dict[str, Any],
    logo: tuple[bytes, str] | None = None,
    remove_logo: bool = False,
) -> RegionIdentity:
    """Change the Region's identity; only Region admins may. Audited."""
    if not can_edit_region_identity(actor):
        raise PermissionDenied("Seuls les administrateurs de la Région modifient son identité.")
    before = snapshot(identity, EDITABLE_FIELDS)
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(identity, name, data[name])
    identity.full_clean()
    changes = diff(identity, before, snapshot(identity, EDITABLE_FIELDS))
    if logo is not None:
        content, content_type = logo
        identity.logo = content
        identity.logo_content_type = content_type
        changes["logo"] = {"label": "logo", "old": "…", "new": f"nouveau fichier ({content_type})"}
    elif remove_logo and identity.logo:
        identity.logo = None
        identity.logo_content_type = ""
        changes["logo"] = {"label": "logo", "old": "…", "new": None}
    identity.save()
    if changes:
        audit_record(actor=actor, instance=identity, action="update", changes=changes)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
    cache.delete(CACHE_KEY)
    return identity
