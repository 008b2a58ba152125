"""Django admin for administrators: every plan item, searchable by code and name."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from renstra.plans import models
from renstra.plans.choices import EDITABLE_STATUSES
from renstra.plans.levels import OWNER_FIELDS
from renstra.plans.officials import Official


class LockedVersionAdmin(SimpleHistoryAdmin):
    """Items of a submitted, verified, approved or superseded version are read-only here too;
    the model refuses the write anyway (renstra.plans.guard)."""

    def _editable(self, obj) -> bool:
        if obj is None:
            return True
        version_id = obj.pk if isinstance(obj, models.PlanVersion) else obj.plan_version_id()
        status = (
            models.PlanVersion.objects.filter(pk=version_id)
            .values_list("status", flat=True)
            .first()
        )
        return status in EDITABLE_STATUSES

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._editable(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._editable(obj)


class TargetInline(admin.TabularInline):
    model = models.Target
    extra = 0
    fields = ("year", "raw_text", "kind", "value", "unit", "grade", "inferred_note")


class FundingInline(admin.TabularInline):
    model = models.Funding
    extra = 0
    fields = ("year", "raw_text", "amount", "inferred_note")
    fk_name = None


@admin.register(models.Indicator)
class IndicatorAdmin(LockedVersionAdmin):
    list_display = ("name", "kind", "unit", "value_type", "version")
    list_filter = ("version", "kind", "value_type")
    search_fields = ("name", "intended_result")
    inlines = [TargetInline]
    raw_id_fields = OWNER_FIELDS


class ProgramFundingInline(FundingInline):
    fk_name = "program"


class ActivityFundingInline(FundingInline):
    fk_name = "activity"


@admin.register(models.Program)
class ProgramAdmin(LockedVersionAdmin):
    list_display = ("code", "number", "name", "version")
    list_filter = ("version",)
    search_fields = ("code", "name")
    inlines = [ProgramFundingInline]


@admin.register(models.Activity)
class ActivityAdmin(LockedVersionAdmin):
    list_display = ("code", "number", "name", "program")
    list_filter = ("program__version",)
    search_fields = ("code", "name")
    inlines = [ActivityFundingInline]
    raw_id_fields = ("program", "program_indicator")


class AgencySignatureInline(admin.StackedInline):
    """The head's signature block, printed below the plan's tables once it is filled in."""

    model = models.AgencySignature
    max_num = 1
    can_delete = True
    verbose_name = _("Blok tanda tangan tabel Renstra")
    verbose_name_plural = _("Blok tanda tangan tabel Renstra")
    fieldsets = (
        (
            None,
            {
                "description": _(
                    "Dicetak di bawah setiap tabel Renstra (halaman, XLSX, PDF) bila diisi. "
                    "Tempat, jabatan, nama dan NIP wajib; pangkat boleh kosong; tanggal kosong "
                    "berarti tanggal pencetakan."
                ),
                "fields": ("place", "date", "position", "name", "rank", "nip"),
            },
        ),
    )


@admin.register(models.Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("short_name", "name", "region")
    list_filter = ("region",)
    search_fields = ("name", "short_name")
    inlines = [AgencySignatureInline]


class OfficialInline(admin.TabularInline):
    """The unit's heads over time. A change of official is recorded on the organisation page
    (it ends the previous period); here an administrator corrects a record."""

    model = Official
    extra = 0
    fields = ("name", "nip", "rank", "position", "acting", "start_date", "end_date", "is_example")


@admin.register(models.Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "kind", "eselon", "parent", "order")
    list_filter = ("agency__region", "kind", "eselon")
    search_fields = ("name", "agency__short_name")
    raw_id_fields = ("parent",)
    inlines = [OfficialInline]


@admin.register(Official)
class OfficialAdmin(SimpleHistoryAdmin):
    list_display = ("name", "position", "acting", "unit", "start_date", "end_date")
    list_filter = ("unit__agency", "acting", "is_example")
    search_fields = ("name", "nip", "position")
    raw_id_fields = ("unit",)


for model in (
    models.Region,
    models.RegionalPlan,
    models.Mission,
    models.Plan,
):
    admin.site.register(model)
for model in (
    models.PlanVersion,
    models.Goal,
    models.Objective,
    models.Strategy,
    models.PolicyDirection,
    models.SubActivity,
    models.Target,
    models.Funding,
):
    admin.site.register(model, LockedVersionAdmin)
