from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from guichet.audit.display import change_rows
from guichet.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "object_repr", "actor_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor_repr"]
    # The changes in words, as on the journal pages, rather than the stored JSON.
    readonly_fields = [f.name for f in AuditEntry._meta.fields if f.name != "changes"] + [
        "changes_in_words"
    ]
    exclude = ["changes"]

    @admin.display(description=_("champs modifiés (avant → après)"))
    def changes_in_words(self, entry: AuditEntry) -> SafeString:
        rows = change_rows(entry)
        if not rows:
            return SafeString("—")
        items = format_html_join(
            "",
            "<li><strong>{}</strong> : {} → {}</li>",
            ((row.label, row.old or "—", row.new or "—") for row in rows),
        )
        return format_html("<ul>{}</ul>", items)

    def has_add_permission(self, request):  # the journal is written by services only
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
