from django.contrib import admin

from guichet.catalogue.models import (
    AidType,
    Audience,
    BusinessFunction,
    Event,
    Place,
    Scheme,
    Solution,
    Technique,
    Training,
    UseCase,
)


class EntryAdmin(admin.ModelAdmin):
    """Read-only: entries change through the site's workflow so that every change is audited."""

    list_display = ["title", "owner", "status", "is_synthetic", "updated_at"]
    list_filter = ["status", "is_synthetic"]
    search_fields = ["title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register([Solution, Training, Scheme, Event, Place], EntryAdmin)
admin.site.register([AidType, Audience, BusinessFunction, Technique, UseCase])
