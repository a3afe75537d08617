from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from guichet.organisations import page_sections, permissions, selectors, services
from guichet.organisations.forms import OrganisationForm
from guichet.organisations.models import Organisation

PAGE_SIZE = 20


def organisation_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.organisation_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "organisations/list.html", {"page": page})


def _get(slug: str) -> Organisation:
    try:
        return selectors.organisation_detail(slug)
    except Organisation.DoesNotExist:
        raise Http404(_("Cette organisation n'existe pas.")) from None


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _get(slug)
    if not permissions.can_view_organisation(request.user, organisation):
        # Pending or refused: to the public it does not exist.
        raise Http404(_("Cette organisation n'existe pas."))
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "can_edit": permissions.can_edit_organisation(request.user, organisation),
            # What other apps list for it (the catalogue: its published entries).
            "sections": page_sections.render_sections(request, organisation),
        },
    )


@login_required
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _get(slug)
    if not permissions.can_edit_organisation(request.user, organisation):
        raise PermissionDenied(_("Vous ne pouvez pas modifier la fiche de cette organisation."))
    can_change_roles = permissions.can_change_roles(request.user)
    form = OrganisationForm(
        request.POST or None, instance=organisation, can_change_roles=can_change_roles
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if not can_change_roles:
            data.pop("roles", None)
        try:
            services.organisation_update(actor=request.user, organisation=organisation, data=data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("La fiche a été enregistrée."))
            return redirect("organisations:detail", slug=organisation.slug)
    return render(request, "organisations/edit.html", {"organisation": organisation, "form": form})


@login_required
def organisation_history(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _get(slug)
    if not permissions.can_view_history(request.user, organisation):
        raise PermissionDenied(
            _("Le journal de cette organisation est réservé à ses membres et à la Région.")
        )
    entries = Paginator(selectors.organisation_history(organisation), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request, "organisations/history.html", {"organisation": organisation, "page": entries}
    )


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_audit_log(request.user):
        raise PermissionDenied(_("Le journal est réservé aux modérateurs de la Région."))
    entries = Paginator(selectors.organisations_audit_log(), 50).get_page(request.GET.get("page"))
    return render(request, "organisations/audit_log.html", {"page": entries})


@login_required
def moderation_queue(request: HttpRequest) -> HttpResponse:
    """Pending organisations, each with its probable duplicates, to validate or refuse."""
    if not permissions.can_moderate_organisations(request.user):
        raise PermissionDenied(_("La validation des organisations est réservée à la Région."))
    if request.method == "POST":
        organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation"))
        try:
            services.organisation_moderate(
                actor=request.user,
                organisation=organisation,
                decision=request.POST.get("decision", ""),
                comment=request.POST.get("comment", "").strip(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s : %(status)s.")
                % {"name": organisation.name, "status": organisation.get_status_display()},
            )
        return redirect("organisations:moderation")
    page = Paginator(selectors.pending_organisations(), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(o, selectors.probable_duplicates(o)) for o in page.object_list]
    return render(request, "organisations/moderation.html", {"page": page, "rows": rows})
