"""The provider space: an organisation's entries, their forms and their workflow buttons."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guichet.catalogue import services
from guichet.catalogue.manage import display, selectors
from guichet.catalogue.manage.fields import add_service_errors
from guichet.catalogue.manage.forms import BaseSessionFormSet, SessionFormSet
from guichet.catalogue.manage.kinds import Kind, kinds_for, public_url
from guichet.catalogue.manage.services import entry_save
from guichet.catalogue.models import Publishable, Training
from guichet.catalogue.permissions import can_edit_entry, can_moderate
from guichet.catalogue.workflow import RevisionStatus, Status
from guichet.organisations.models import Organisation
from guichet.organisations.permissions import can_edit_organisation


def done_message(name: str) -> str:
    """What the person reads once a transition of the workflow table went through."""
    return {
        "submit": _(
            "La fiche est soumise à la modération de la Région. Vous recevrez un courriel "
            "quand la Région aura décidé."
        ),
        "publish": _("La fiche est publiée."),
        "reject": _("La fiche est refusée ; l'organisation reçoit le motif par courriel."),
        "redraft": _("La fiche est de nouveau un brouillon : modifiez-la puis soumettez-la."),
        "archive": _("La fiche est archivée : elle n'est plus visible sur le site."),
        "republish": _("La fiche est de nouveau soumise à la modération."),
        "submit_revision": _("La modification est de nouveau soumise à la modération."),
        "publish_revision": _("La modification est publiée."),
        "reject_revision": _(
            "La modification est refusée ; l'organisation reçoit le motif par courriel."
        ),
    }.get(name, _("C'est fait."))


def get_entry(kind: Kind, pk: int) -> Publishable:
    return get_object_or_404(kind.model.objects.select_related("owner"), pk=pk)


def _editable_entry(request: HttpRequest, kind: Kind, pk: int) -> Publishable:
    entry = get_entry(kind, pk)
    if not can_edit_entry(request.user, entry):
        raise PermissionDenied(_("Cette fiche appartient à une autre organisation."))
    return entry


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    moderator = can_moderate(request.user)
    return render(
        request,
        "catalogue/manage/dashboard.html",
        {
            "spaces": selectors.provider_space(request.user),
            "can_moderate": moderator,
            "queue": selectors.review_queue(limit=0) if moderator else None,
        },
    )


def _sessions_formset(
    request: HttpRequest, kind: Kind, entry: Publishable | None
) -> BaseSessionFormSet | None:
    if kind.model is not Training:
        return None
    formset = SessionFormSet(
        request.POST or None,
        instance=entry if isinstance(entry, Training) else Training(),
        prefix="sessions",
    )
    return cast(BaseSessionFormSet, formset)


@login_required
def entry_create(request: HttpRequest, kind: Kind, organisation: str) -> HttpResponse:
    owner = get_object_or_404(Organisation.objects.prefetch_related("roles"), slug=organisation)
    if not can_edit_organisation(request.user, owner):
        raise PermissionDenied(_("Vous n'agissez pas pour cette organisation."))
    if kind not in kinds_for(owner):
        raise PermissionDenied(
            _("%(name)s ne publie pas ce type de fiche : son rôle ne le prévoit pas.")
            % {"name": owner.name}
        )
    form = kind.form(request.POST or None)
    sessions = _sessions_formset(request, kind, None)
    if request.method == "POST" and form.is_valid() and (sessions is None or sessions.is_valid()):
        # A new training has no stored session to delete.
        kept, _deleted = sessions.changes() if sessions is not None else ([], [])
        try:
            entry = entry_save(
                actor=request.user,
                model=kind.model,
                owner=owner,
                data=form.to_data(),
                sessions=kept,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Le brouillon est enregistré. Soumettez-le à la modération quand il est prêt."),
            )
            return redirect("catalogue_manage:entry_detail", kind=kind.code, pk=entry.pk)
    return render(
        request,
        "catalogue/manage/entry_form.html",
        {"kind": kind, "organisation": owner, "form": form, "sessions": sessions, "entry": None},
    )


def _locked_reason(entry: Publishable) -> str:
    """Why the entry cannot be edited now, or ""."""
    if entry.status == Status.ARCHIVED:
        return _("Cette fiche est archivée : republiez-la pour la modifier.")
    if entry.status == Status.PUBLISHED and entry.revision_status == RevisionStatus.SUBMITTED:
        return _(
            "Une modification de cette fiche attend la décision de la Région. Vous pourrez "
            "la modifier de nouveau après cette décision."
        )
    return ""


@login_required
def entry_edit(request: HttpRequest, kind: Kind, pk: int) -> HttpResponse:
    entry = _editable_entry(request, kind, pk)
    locked = _locked_reason(entry)
    form = kind.form(request.POST or None, instance=entry, initial=display.revision_initial(entry))
    sessions = _sessions_formset(request, kind, entry)
    if (
        request.method == "POST"
        and not locked
        and form.is_valid()
        and (sessions is None or sessions.is_valid())
    ):
        was_published = entry.status == Status.PUBLISHED
        kept, deleted = sessions.changes() if sessions is not None else ([], [])
        try:
            entry = entry_save(
                actor=request.user,
                model=kind.model,
                entry=entry,
                data=form.to_data(),
                changed=form.has_changed(),
                sessions=kept,
                deleted_sessions=deleted,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if was_published and entry.revision_status == RevisionStatus.SUBMITTED:
                messages.success(
                    request,
                    _(
                        "Votre modification est soumise à la modération. La version publiée "
                        "reste en ligne pendant la modération."
                    ),
                )
            else:
                messages.success(request, _("La fiche est enregistrée."))
            return redirect("catalogue_manage:entry_detail", kind=kind.code, pk=entry.pk)
    return render(
        request,
        "catalogue/manage/entry_form.html",
        {
            "kind": kind,
            "organisation": entry.owner,
            "form": form,
            "sessions": sessions,
            "entry": entry,
            "locked": locked,
        },
    )


@login_required
def entry_detail(request: HttpRequest, kind: Kind, pk: int) -> HttpResponse:
    entry = _editable_entry(request, kind, pk)
    actions = selectors.actions_for(request.user, entry)
    return render(
        request,
        "catalogue/manage/entry_detail.html",
        {
            "kind": kind,
            "entry": entry,
            "buttons": [t for t in actions if not t.needs_reason],
            "facts": display.entry_facts(entry),
            "changes": display.revision_changes(entry) if entry.revision else [],
            "sessions": (
                entry.sessions.select_related("commune") if isinstance(entry, Training) else []
            ),
            "journal": selectors.entry_journal(entry)[:100],
            "public_url": public_url(entry),
            "locked": _locked_reason(entry),
            "can_review": can_moderate(request.user) and selectors.is_awaiting_review(entry),
        },
    )


def _back(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_POST
@login_required
def entry_transition(request: HttpRequest, kind: Kind, pk: int) -> HttpResponse:
    """One button of the workflow table; the service checks who may press it, and when."""
    entry = get_entry(kind, pk)
    name = request.POST.get("transition", "")
    try:
        services.entry_transition(
            actor=request.user, entry=entry, name=name, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done_message(name))
    default = reverse("catalogue_manage:entry_detail", kwargs={"kind": kind.code, "pk": pk})
    return redirect(_back(request, default))
