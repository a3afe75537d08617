from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from guichet.accounts.selectors import dashboard_for
from guichet.branding.selectors import region_identity


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/dashboard.html", {"dashboard": dashboard_for(request.user)})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, with the Region's identity in the e-mail it sends."""

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        self.extra_email_context = {"region": region_identity()}
        return super().form_valid(form)
