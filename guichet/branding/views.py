from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from guichet.audit.selectors import audit_entries_for
from guichet.branding.forms import RegionIdentityForm
from guichet.branding.selectors import region_identity
from guichet.branding.services import can_edit_region_identity, region_identity_update


@login_required
def identity_edit(request: HttpRequest) -> HttpResponse:
    if not can_edit_region_identity(request.user):
        raise PermissionDenied(_("Seuls les administrateurs de la Région modifient son identité."))
    identity = region_identity()
    form = RegionIdentityForm(request.POST or None, request.FILES or None, instance=identity)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("logo_file")
        logo = (upload.read(), upload.content_type) if upload else None
        data = {name: form.cleaned_data[name] for name in RegionIdentityForm.Meta.fields}
        try:
            region_identity_update(
                actor=request.user,
                identity=identity,
                data=data,
                logo=logo,
                remove_logo=form.cleaned_data.get("remove_logo", False),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("L'identité de la Région a été enregistrée."))
            return redirect("branding:edit")
    return render(
        request,
        "branding/edit.html",
        {"form": form, "history": audit_entries_for(identity)[:20]},
    )


@require_GET
def logo(request: HttpRequest) -> HttpResponse:
    identity = region_identity()
    if not identity.logo:
        raise Http404(_("La Région n'a pas de logo."))
    response = HttpResponse(bytes(identity.logo), content_type=identity.logo_content_type)
    response["Cache-Control"] = "public, max-age=86400"
    # An SVG opened directly must not run scripts.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
