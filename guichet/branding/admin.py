from django.contrib import admin

from guichet.branding.models import LEGAL_FIELDS, RegionIdentity


@admin.register(RegionIdentity)
class RegionIdentityAdmin(admin.ModelAdmin):
    """Shown for reference: edits go through the Region's page so that they are audited."""

    readonly_fields = [
        "name",
        "label_name",
        "insee_code",
        "primary_colour",
        "secondary_colour",
        "contact_email",
        "logo_alt",
        *LEGAL_FIELDS,
        "updated_at",
    ]
    exclude = ["logo", "logo_content_type"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
