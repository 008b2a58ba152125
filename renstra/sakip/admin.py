"""Django admin for administrators: the heads of region (second party of the head of agency's
PK), and the Perjanjian Kinerja with its rows and Rencana Aksi, read-only once signed (final)
here too; the services refuse first and the database's triggers refuse any write that passes
them by (renstra.sakip.frozen)."""

from django.contrib import admin

from renstra.sakip.choices import ActionPlanStatus, AgreementStatus
from renstra.sakip.models import (
    ActionPlan,
    ActionTarget,
    AgreementBudget,
    AgreementScan,
    AgreementTarget,
    PerformanceAgreement,
    RegionHead,
)


@admin.register(RegionHead)
class RegionHeadAdmin(admin.ModelAdmin):
    list_display = ("position", "name", "region", "start_date", "end_date", "is_example")
    list_filter = ("region",)
    search_fields = ("name", "position")


class _Locked:
    """Change and delete only while the owner is a draft."""

    def _editable(self, obj) -> bool:
        return obj is None or self._open(obj)

    def _open(self, obj) -> bool:  # pragma: no cover - every subclass says
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._editable(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._editable(obj)


class _AgreementRow:
    def _open(self, obj) -> bool:
        agreement = obj if isinstance(obj, PerformanceAgreement) else obj.agreement
        return agreement.status != AgreementStatus.SIGNED


class AgreementTargetInline(_AgreementRow, _Locked, admin.TabularInline):
    model = AgreementTarget
    extra = 0
    fields = ("order", "statement", "name", "measure_unit", "target_raw", "change_reason")


class AgreementBudgetInline(_AgreementRow, _Locked, admin.TabularInline):
    model = AgreementBudget
    extra = 0
    fields = ("order", "level", "code", "name", "amount_raw", "amount", "change_reason")


class AgreementScanInline(admin.TabularInline):
    model = AgreementScan
    extra = 0
    fields = ("original_name", "file", "uploaded_by", "uploaded_at")
    readonly_fields = ("uploaded_at",)


@admin.register(PerformanceAgreement)
class PerformanceAgreementAdmin(_AgreementRow, _Locked, admin.ModelAdmin):
    list_display = ("__str__", "agency", "year", "level", "number", "status", "is_example")
    list_filter = ("status", "level", "year", "agency")
    search_fields = ("first_name", "unit__name", "agency__short_name")
    inlines = [AgreementTargetInline, AgreementBudgetInline, AgreementScanInline]


@admin.register(AgreementTarget)
class AgreementTargetAdmin(_AgreementRow, _Locked, admin.ModelAdmin):
    list_display = ("name", "target_raw", "agreement")
    search_fields = ("name", "statement")


@admin.register(AgreementBudget)
class AgreementBudgetAdmin(_AgreementRow, _Locked, admin.ModelAdmin):
    list_display = ("name", "amount", "agreement")
    search_fields = ("name", "code")


class _ActionRow:
    def _open(self, obj) -> bool:
        plan = obj if isinstance(obj, ActionPlan) else obj.plan
        return plan.status != ActionPlanStatus.FINAL


class ActionTargetInline(_ActionRow, _Locked, admin.TabularInline):
    model = ActionTarget
    extra = 0
    fields = ("target", "period", "target_raw", "actions")


@admin.register(ActionPlan)
class ActionPlanAdmin(_ActionRow, _Locked, admin.ModelAdmin):
    list_display = ("__str__", "periods", "status", "is_example")
    list_filter = ("status",)
    inlines = [ActionTargetInline]
