from django.urls import path

from renstra.lke import views

app_name = "lke"
urlpatterns = [
    path("perangkat-daerah/<int:agency_id>/evaluasi-sakip/", views.evaluation_list, name="list"),
    path(
        "perangkat-daerah/<int:agency_id>/evaluasi-sakip/mulai/",
        views.evaluation_start,
        name="start",
    ),
    path("evaluasi-sakip/<int:evaluation_id>/", views.worksheet, name="worksheet"),
    path("evaluasi-sakip/<int:evaluation_id>/simpan/", views.worksheet_save, name="save"),
    path(
        "evaluasi-sakip/<int:evaluation_id>/ajukan-mandiri/",
        views.submit_self,
        name="submit_self",
    ),
    path(
        "evaluasi-sakip/<int:evaluation_id>/ajukan-reviu/",
        views.submit_evaluation,
        name="submit_evaluation",
    ),
    path(
        "evaluasi-sakip/<int:evaluation_id>/kembalikan/",
        views.return_to_evaluator,
        name="return",
    ),
    path("evaluasi-sakip/<int:evaluation_id>/final/", views.finalize, name="finalize"),
    path("evaluasi-sakip/<int:evaluation_id>/bukti/", views.evidence_add, name="evidence_add"),
    path("evaluasi-sakip/bukti/<int:evidence_id>/", views.evidence_file, name="evidence_file"),
    path(
        "evaluasi-sakip/bukti/<int:evidence_id>/hapus/",
        views.evidence_remove,
        name="evidence_remove",
    ),
    path(
        "evaluasi-sakip/<int:evaluation_id>/rekomendasi/",
        views.recommendation_add,
        name="recommendation_add",
    ),
    path(
        "evaluasi-sakip/rekomendasi/<int:recommendation_id>/",
        views.recommendation_update,
        name="recommendation_update",
    ),
    path(
        "evaluasi-sakip/rekomendasi/<int:recommendation_id>/hapus/",
        views.recommendation_remove,
        name="recommendation_remove",
    ),
    path("evaluasi-sakip/<int:evaluation_id>/lhe.<str:fmt>", views.lhe_download, name="lhe"),
    path("wilayah/<int:region_id>/evaluasi-sakip/", views.ranking, name="ranking"),
]
