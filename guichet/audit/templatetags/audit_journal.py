"""``{{ entry|change_rows }}``: a journal entry's changes in French (see ``audit.display``)."""

from __future__ import annotations

from django import template

from guichet.audit import display
from guichet.audit.models import AuditEntry

register = template.Library()


@register.filter
def change_rows(entry: AuditEntry) -> list[display.ChangeRow]:
    return display.change_rows(entry)
