"""The Region's review queue: entries waiting for a decision, and the page to take it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from guichet.catalogue import services
from guichet.catalogue.manage import display, selectors
from guichet.catalogue.manage.fields import add_service_errors
from guichet.catalogue.manage.forms import DecisionForm
from guichet.catalogue.manage.kinds import KINDS, Kind, public_url
from guichet.catalogue.manage.views import done_message, get_entry
from guichet.catalogue.models import Training
from guichet.catalogue.permissions import can_moderate
from guichet.catalogue.workflow import RevisionStatus, Status


def _require_moderator(request: HttpRequest) -> None:
    if not can_moderate(request.user):
        raise PermissionDenied(
            _("La file de modération est réservée aux modérateurs de la Région.")
        )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    kind = KINDS.get(request.GET.get("type", ""))
    return render(
        request,
        "catalogue/manage/review_queue.html",
        {"queue": selectors.review_queue(kind), "kinds": KINDS.values()},
    )


@login_required
def review(request: HttpRequest, kind: Kind, pk: int) -> HttpResponse:
    _require_moderator(request)
    entry = get_entry(kind, pk)
    decisions = selectors.decisions_for(request.user, entry)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        name = request.POST.get("transition", "")
        if name not in {t.name for t in decisions}:
            form.add_error(
                None,
                _("Cette décision n'est plus possible : la fiche a changé d'état entre-temps."),
            )
        elif form.is_valid():
            try:
                services.entry_transition(
                    actor=request.user, entry=entry, name=name, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("« %(title)s » : %(done)s")
                    % {"title": entry.title, "done": done_message(name)},
                )
                return redirect("catalogue_manage:review_queue")
    is_revision = (
        entry.status == Status.PUBLISHED and entry.revision_status == RevisionStatus.SUBMITTED
    )
    return render(
        request,
        "catalogue/manage/review.html",
        {
            "kind": kind,
            "entry": entry,
            "is_revision": is_revision,
            "changes": display.revision_changes(entry) if is_revision else [],
            "facts": display.entry_facts(entry),
            "sessions": (
                entry.sessions.select_related("commune") if isinstance(entry, Training) else []
            ),
            "journal": selectors.entry_journal(entry)[:100],
            "decisions": decisions,
            "form": form,
            "public_url": public_url(entry),
        },
    )
