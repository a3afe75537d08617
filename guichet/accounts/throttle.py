"""Rate limits of the forms that send e-mail, counted in Django's cache.

A sending is allowed while both its client address and the e-mail address it writes to stay
under their limits for the current window (``settings.FORM_RATE_LIMITS``). Only sendings are
counted, not invalid submissions: the limit protects mailboxes and the mail server's
reputation; sign-in attempts are django-axes' business.

The counters live in the ``limits`` cache, shared by every worker (files or Redis). Keys hold
a hash of the address, never the address itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after_minutes: int


def client_ip(request: HttpRequest) -> str | None:
    """The visitor's address: the peer, or the one the trusted proxies recorded.

    With ``TRUSTED_PROXY_COUNT = n``, the n-th address from the right of X-Forwarded-For is
    the one the outermost trusted proxy saw; anything left of it may be forged.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    # None when there is no peer at all (a request built in code): django-axes stores it so.
    return request.META.get("REMOTE_ADDR") or None


def _key(scope: str, kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode("utf-8", "replace")).hexdigest()[:32]
    return f"throttle:{scope}:{kind}:{digest}"


def throttle_hit(scope: str, *, request: HttpRequest, address: str) -> Verdict:
    """Count one sending for ``scope`` unless the client or the address is over its limit."""
    limits = settings.FORM_RATE_LIMITS
    window = int(limits["window_minutes"]) * 60
    cache = caches["limits"]
    keys = {
        _key(scope, "ip", client_ip(request) or "unknown"): int(limits["per_ip"]),
        _key(scope, "address", address): int(limits["per_address"]),
    }
    counts = cache.get_many(list(keys))
    if any(counts.get(key, 0) >= limit for key, limit in keys.items()):
        return Verdict(allowed=False, retry_after_minutes=int(limits["window_minutes"]))
    for key in keys:
        # add() starts the window; incr() then counts inside it without moving its end.
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=window)
    return Verdict(allowed=True, retry_after_minutes=0)


def too_many_sendings_message(minutes: int) -> str:
    return _(
        "Trop de demandes ont été envoyées depuis votre connexion ou pour cette adresse. "
        "Par sécurité, réessayez dans %(minutes)d minutes."
    ) % {"minutes": minutes}
