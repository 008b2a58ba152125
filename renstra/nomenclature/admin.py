from django.contrib import admin

from renstra.nomenclature.models import Edition, Entry


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    """Editions are loaded with `renstra nomenclature load`; here they are only read."""

    list_display = ("name", "source", "loaded_at", "revision")
    readonly_fields = ("source", "loaded_at", "revision")


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "government_level", "edition")
    list_filter = ("edition", "level", "government_level")
    search_fields = ("code", "name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
