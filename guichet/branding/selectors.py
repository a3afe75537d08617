from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from guichet.branding.models import RegionIdentity

CACHE_KEY = "branding:region-identity"


def region_identity() -> RegionIdentity:
    """The Region's identity, created from the settings' defaults on first use."""
    identity = cache.get(CACHE_KEY)
    if identity is None:
        identity, _ = RegionIdentity.objects.get_or_create(pk=1, defaults=settings.REGION_DEFAULTS)
        # Short-lived: with a per-process cache, other workers see a change within a minute.
        cache.set(CACHE_KEY, identity, 60)
    return identity
