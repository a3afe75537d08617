"""Every write to organisations: audited, permission-checked, atomic."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from guichet.audit.services import audit_record, diff, snapshot
from guichet.organisations.models import Membership, Organisation
from guichet.organisations.permissions import (
    can_change_roles,
    can_edit_organisation,
    can_moderate_organisations,
)
from guichet.territories.models import Commune, Postcode

SCALAR_FIELDS = [
    "name",
    "siren",
    "siret",
    "legal_form",
    "naf_code",
    "created_on",
    "headcount_bracket",
    "description",
    "website",
    "email",
    "phone",
    "public_email",
    "public_phone",
    "address",
    "postcode",
    "latitude",
    "longitude",
]
NULLABLE_FIELDS = {"created_on", "latitude", "longitude"}
M2M_FIELDS = ["sectors", "roles"]
AUDITED_FIELDS = [*SCALAR_FIELDS, "commune", *M2M_FIELDS]


def resolve_commune(*, postcode: str, commune_name: str = "") -> Commune | None:
    """The commune an address is in, from its postcode and, when shared, the commune's name.

    Raises ValidationError naming the field when the pair does not point to one commune.
    """
    postcode = postcode.strip()
    if not postcode:
        if commune_name.strip():
            raise ValidationError({"postcode": _("Indiquez le code postal de la commune.")})
        return None
    if not (postcode.isdigit() and len(postcode) == 5):
        raise ValidationError({"postcode": _("Un code postal compte exactement 5 chiffres.")})
    communes = list(
        Commune.objects.filter(
            pk__in=Postcode.objects.filter(code=postcode).values("commune")
        ).select_related("department__region")
    )
    if not communes:
        raise ValidationError(
            {
                "postcode": _("Le code postal %(code)s ne correspond à aucune commune.")
                % {"code": postcode}
            }
        )
    if len(communes) == 1:
        return communes[0]
    wanted = slugify(commune_name)
    matches = [c for c in communes if slugify(c.name) == wanted] if wanted else []
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(sorted(c.name for c in communes))
    raise ValidationError(
        {
            "commune_name": _(
                "Le code postal %(code)s dessert plusieurs communes (%(names)s) : "
                "indiquez laquelle."
            )
            % {"code": postcode, "names": names}
        }
    )


def _unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:200] or "organisation"
    slug, n = base, 2
    taken = Organisation.objects.all()
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(organisation: Organisation, data: dict[str, Any]) -> None:
    for name in SCALAR_FIELDS:
        if name in data:
            value = data[name]
            if value is None and name not in NULLABLE_FIELDS:
                value = ""
            setattr(organisation, name, value)
    if "postcode" in data or "commune_name" in data:
        organisation.commune = resolve_commune(
            postcode=data.get("postcode", organisation.postcode) or "",
            commune_name=data.get("commune_name", "") or "",
        )


def _set_m2m(organisation: Organisation, data: dict[str, Any]) -> None:
    for name in M2M_FIELDS:
        if name in data:
            getattr(organisation, name).set(data[name])


@transaction.atomic
def organisation_create(
    *,
    actor: Any,
    data: dict[str, Any],
    is_synthetic: bool = False,
    status: str = Organisation.Status.VALIDATED,
) -> Organisation:
    """Create an organisation. The actor becomes its member unless they are Region staff.

    The roles declared at creation are kept; changing them later is the Region's call.
    """
    if not getattr(actor, "is_authenticated", False) and actor is not None:
        raise PermissionDenied(_("Connectez-vous pour créer une organisation."))
    organisation = Organisation(is_synthetic=is_synthetic, status=status)
    _apply(organisation, data)
    organisation.slug = _unique_slug(organisation.name)
    organisation.full_clean()
    organisation.save()
    _set_m2m(organisation, data)
    if actor is not None and not actor.is_region_moderator:
        Membership.objects.create(user=actor, organisation=organisation)
    audit_record(
        actor=actor,
        instance=organisation,
        action="create",
        changes=diff(organisation, {}, snapshot(organisation, AUDITED_FIELDS)),
    )
    return organisation


@transaction.atomic
def organisation_update(
    *, actor: Any, organisation: Organisation, data: dict[str, Any]
) -> Organisation:
    """Change an organisation's record (members and Region staff only), audited field by field."""
    if not can_edit_organisation(actor, organisation):
        raise PermissionDenied(_("Vous ne pouvez pas modifier la fiche de cette organisation."))
    if "roles" in data and not can_change_roles(actor):
        current = sorted(organisation.roles.values_list("code", flat=True))
        wanted = sorted(getattr(r, "code", r) for r in data["roles"])
        if current != wanted:
            raise PermissionDenied(_("Seule la Région attribue les rôles d'une organisation."))
    before = snapshot(organisation, AUDITED_FIELDS)
    _apply(organisation, data)
    organisation.full_clean()
    organisation.save()
    _set_m2m(organisation, data)
    changes = diff(organisation, before, snapshot(organisation, AUDITED_FIELDS))
    if changes:
        audit_record(actor=actor, instance=organisation, action="update", changes=changes)
    return organisation


@transaction.atomic
def membership_add(*, actor: Any, organisation: Organisation, user: Any) -> Membership:
    """Attach a person to an organisation: the Region does it, or a member invites a colleague."""
    if not can_edit_organisation(actor, organisation):
        raise PermissionDenied(_("Vous ne pouvez pas ajouter de membre à cette organisation."))
    membership, created = Membership.objects.get_or_create(user=user, organisation=organisation)
    if created:
        audit_record(
            actor=actor,
            instance=organisation,
            action="update",
            changes={"members": {"label": "membres", "old": None, "new": user.email}},
        )
    return membership


# Moderation of self-registered organisations: which state each decision leads from and to.
# Only the Region's moderators decide (``can_moderate_organisations``).
ORGANISATION_TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "validate": (
        (Organisation.Status.PENDING, Organisation.Status.REFUSED),
        Organisation.Status.VALIDATED,
    ),
    "refuse": ((Organisation.Status.PENDING,), Organisation.Status.REFUSED),
}


@transaction.atomic
def organisation_moderate(
    *, actor: Any, organisation: Organisation, decision: str, comment: str = ""
) -> Organisation:
    """Validate or refuse a pending organisation, journaled as a change of state."""
    if not can_moderate_organisations(actor):
        raise PermissionDenied(_("Seule la Région valide les organisations."))
    if decision not in ORGANISATION_TRANSITIONS:
        raise ValidationError(_("Décision inconnue."))
    sources, target = ORGANISATION_TRANSITIONS[decision]
    if organisation.status not in sources:
        raise ValidationError(_("Cette organisation n'est pas en attente de décision."))
    old = organisation.get_status_display()
    organisation.status = target
    organisation.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        instance=organisation,
        action="transition",
        changes={
            "status": {
                "label": "état",
                "old": str(old),
                "new": str(organisation.get_status_display()),
            }
        },
        comment=comment,
    )
    return organisation
