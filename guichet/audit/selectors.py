from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from guichet.audit.models import AuditEntry


def audit_entries_for(instance: models.Model) -> QuerySet[AuditEntry]:
    """The journal of one record, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
    ).select_related("actor")
