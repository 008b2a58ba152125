"""Django admin for administrators: every plan item, searchable by code and name."""

from django.contrib import admin

from renstra.plans import models


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
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "unit", "value_type", "version")
    list_filter = ("version", "kind", "value_type")
    search_fields = ("name", "intended_result")
    inlines = [TargetInline]
    raw_id_fields = ("goal", "objective", "program", "activity", "sub_activity")


class ProgramFundingInline(FundingInline):
    fk_name = "program"


class ActivityFundingInline(FundingInline):
    fk_name = "activity"


@admin.register(models.Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("code", "number", "name", "version")
    list_filter = ("version",)
    search_fields = ("code", "name")
    inlines = [ProgramFundingInline]


@admin.register(models.Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("code", "number", "name", "program")
    list_filter = ("program__version",)
    search_fields = ("code", "name")
    inlines = [ActivityFundingInline]
    raw_id_fields = ("program", "program_indicator")


for model in (
    models.Region,
    models.Agency,
    models.Unit,
    models.RegionalPlan,
    models.Mission,
    models.Plan,
    models.PlanVersion,
    models.Goal,
    models.Objective,
    models.Strategy,
    models.PolicyDirection,
    models.SubActivity,
):
    admin.site.register(model)
