from django.contrib import admin

from guichet.organisations.models import ActivitySection, Membership, Organisation, Role


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Read-mostly: edits go through the site's forms so that they are audited."""

    list_display = ["name", "siren", "commune", "status", "is_synthetic", "updated_at"]
    list_filter = ["status", "roles", "is_synthetic"]
    search_fields = ["name", "siren", "siret"]
    readonly_fields = [f.name for f in Organisation._meta.concrete_fields]
    inlines = [MembershipInline]

    def has_add_permission(self, request):
        return False


admin.site.register(ActivitySection)
admin.site.register(Role)
