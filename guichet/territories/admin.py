"""Reference data comes from the COG through ``load-territories``: the admin reads it.

Only a commune's centre may be corrected by hand (the coordinates file may lack it), and
cached geocoder answers may be deleted so that the next request asks again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from guichet.territories.models import Commune, Department, GeocodedAddress, Postcode, Region


class ReadMostlyAdmin(admin.ModelAdmin):
    editable_fields: tuple[str, ...] = ()
    deletable = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.deletable and super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        names = [field.name for field in self.model._meta.fields]
        return [name for name in names if name not in self.editable_fields]


@admin.register(Region)
class RegionAdmin(ReadMostlyAdmin):
    list_display = ("code", "name", "chef_lieu")
    search_fields = ("code", "name")


@admin.register(Department)
class DepartmentAdmin(ReadMostlyAdmin):
    list_display = ("code", "name", "region", "chef_lieu")
    list_filter = ("region",)
    list_select_related = ("region",)
    search_fields = ("code", "name")


class PostcodeInline(admin.TabularInline):
    model = Postcode
    extra = 0
    can_delete = False
    readonly_fields = ("code",)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Commune)
class CommuneAdmin(ReadMostlyAdmin):
    editable_fields = ("latitude", "longitude")
    list_display = ("code", "name", "department", "region", "population")
    list_filter = ("region",)
    list_select_related = ("department", "region")
    search_fields = ("code", "name", "postcodes__code")
    inlines = (PostcodeInline,)


@admin.register(Postcode)
class PostcodeAdmin(ReadMostlyAdmin):
    list_display = ("code", "commune")
    list_select_related = ("commune",)
    search_fields = ("code", "commune__name")


@admin.register(GeocodedAddress)
class GeocodedAddressAdmin(ReadMostlyAdmin):
    list_display = ("query", "found", "label", "commune", "score", "fetched_at")
    list_filter = ("found",)
    list_select_related = ("commune",)
    search_fields = ("query", "label")
    deletable = True
