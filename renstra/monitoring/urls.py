from django.urls import path

from renstra.monitoring import views

app_name = "monitoring"
V = "versi/<int:version_id>/"
urlpatterns = [
    path(V + "pemantauan/", views.home, name="home"),
    path(V + "pemantauan/<int:year>/", views.entry_page, name="entry"),
    path(
        V + "pemantauan/<int:year>/indikator/<int:indicator_id>/simpan/",
        views.save_row,
        name="save_row",
    ),
    path(
        V + "pemantauan/<int:year>/indikator/<int:indicator_id>/",
        views.indicator_page,
        name="indicator",
    ),
    path(V + "pemantauan/<int:year>/sekaligus/", views.bulk, name="bulk"),
    path(V + "pemantauan/<int:year>/anggaran/", views.budget_page, name="budget"),
    path(
        V + "pemantauan/<int:year>/anggaran/<int:activity_id>/simpan/",
        views.save_budget_row,
        name="save_budget_row",
    ),
    path(V + "pemantauan/<int:year>/tunggakan/", views.due_page, name="due"),
    path(V + "pemantauan/impor/", views.import_csv, name="import"),
    path(V + "penanggung-jawab/", views.assign_page, name="assign"),
    path(V + "evaluasi/<int:year>/", views.evaluation_page, name="evaluation"),
    path(
        V + "evaluasi/<int:year>.<str:fmt>", views.evaluation_download, name="evaluation_download"
    ),
    path(V + "dasbor/<int:year>/", views.dashboard_page, name="dashboard"),
    path(V + "dasbor/<int:year>.pdf", views.dashboard_pdf, name="dashboard_pdf"),
    path("bukti/<int:evidence_id>/", views.evidence_download, name="evidence"),
    path("bukti/<int:evidence_id>/hapus/", views.evidence_delete, name="evidence_delete"),
]
