from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from guichet.accounts.honeypot import honeypot_filled
from guichet.accounts.selectors import dashboard_for
from guichet.accounts.throttle import throttle_hit, too_many_sendings_message
from guichet.branding.selectors import region_identity


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/dashboard.html", {"dashboard": dashboard_for(request.user)})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, with the Region's identity in the e-mail it sends.

    Robots that fill the honeypot get the usual "sent" page and no e-mail goes out; each
    client address and each e-mail address may ask a few times an hour (throttle).
    """

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if honeypot_filled(request):
            return redirect(self.get_success_url())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        verdict = throttle_hit(
            "password_reset", request=self.request, address=form.cleaned_data["email"]
        )
        if not verdict.allowed:
            form.add_error(None, too_many_sendings_message(verdict.retry_after_minutes))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        self.extra_email_context = {"region": region_identity()}
        return super().form_valid(form)
