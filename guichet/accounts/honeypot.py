"""A field that people leave empty and form-filling robots do not.

It sits outside the visible page (``accounts/honeypot.css``), hidden from screen readers by
``aria-hidden`` and out of the tab order; its label asks to leave it empty for anyone who
reaches it anyway. A form posted with it filled is answered as if it had worked, and nothing
is done.
"""

from __future__ import annotations

from django.http import HttpRequest

FIELD_NAME = "site_web"


def honeypot_filled(request: HttpRequest) -> bool:
    return bool(request.POST.get(FIELD_NAME, "").strip())
