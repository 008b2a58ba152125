"""Django admin for administrators: the LKjIP with the history of its narrative, read-only once
final (the services refuse first and the database's triggers refuse any write that passes them
by, renstra.lkjip.frozen)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from renstra.lkjip.models import Lkjip


@admin.register(Lkjip)
class LkjipAdmin(SimpleHistoryAdmin):
    list_display = ("agency", "year", "number", "status", "version", "created_at")
    list_filter = ("status", "year", "agency__region")
    search_fields = ("agency__name", "agency__short_name")
    raw_id_fields = ("agency", "version", "created_by", "verified_by")

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_final)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_final)
