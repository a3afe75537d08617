"""What django-axes does with the sign-in attempts it counts (see AXES_* settings)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext


def username_of(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The account an attempt was for, as sign-in reads it: case and spaces do not count."""
    raw = (credentials or {}).get("username") or request.POST.get("username") or ""
    return str(raw).strip().lower()


def cooloff_minutes() -> int:
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def lockout_message() -> str:
    minutes = cooloff_minutes()
    return ngettext(
        "Trop de tentatives de connexion ont échoué pour ce compte ou depuis votre connexion. "
        "Par sécurité, la connexion est suspendue pendant %(minutes)d minute : réessayez "
        "ensuite, ou demandez un nouveau mot de passe.",
        "Trop de tentatives de connexion ont échoué pour ce compte ou depuis votre connexion. "
        "Par sécurité, la connexion est suspendue pendant %(minutes)d minutes : réessayez "
        "ensuite, ou demandez un nouveau mot de passe.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The sign-in page again, with the delay, answered 429 Too Many Requests."""
    response = render(
        request,
        "accounts/locked_out.html",
        {"message": lockout_message(), "minutes": cooloff_minutes()},
        status=429,
    )
    response["Retry-After"] = str(cooloff_minutes() * 60)
    return response
