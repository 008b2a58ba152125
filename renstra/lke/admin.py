"""Django admin for administrators, read-only: the LKE templates (loaded from their YAML files
by `renstra lke_template`, never changed) and the evaluations with their answers and history
(every write goes through renstra.lke.services; a final one is also frozen by the database,
renstra.lke.frozen)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from renstra.lke.models import (
    LkeAnswer,
    LkeComponent,
    LkeEvaluation,
    LkeRecommendation,
    LkeTemplate,
)


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ComponentInline(ReadOnly, admin.TabularInline):
    model = LkeComponent
    fields = ("code", "name", "weight", "order")
    extra = 0


@admin.register(LkeTemplate)
class LkeTemplateAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("key", "name", "regulation", "first_year", "loaded_at")
    inlines = [ComponentInline]


class AnswerInline(ReadOnly, admin.TabularInline):
    model = LkeAnswer
    fields = (
        "criterion",
        "self_value",
        "suggested_value",
        "evaluator_value",
        "override_reason",
        "reviewer_value",
    )
    extra = 0


class RecommendationInline(ReadOnly, admin.TabularInline):
    model = LkeRecommendation
    fields = ("component", "text", "status", "follow_up", "previous")
    extra = 0


@admin.register(LkeEvaluation)
class LkeEvaluationAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ("agency", "year", "status", "template", "started_at", "finalized_at")
    list_filter = ("status", "year", "agency__region")
    search_fields = ("agency__name", "agency__short_name")
    inlines = [AnswerInline, RecommendationInline]
