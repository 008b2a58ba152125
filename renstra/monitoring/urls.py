from django.urls import path

from renstra.monitoring.views import (
    budget,
    bulk,
    dashboard,
    due,
    evaluation_table,
    evidence,
    grid,
    indicator,
    owners,
    upload,
)

app_name = "monitoring"
V = "versi/<int:version_id>/"
urlpatterns = [
    path(V + "pemantauan/", grid.home, name="home"),
    path(V + "pemantauan/<int:year>/", grid.entry_page, name="entry"),
    path(
        V + "pemantauan/<int:year>/indikator/<int:indicator_id>/simpan/",
        grid.save_row,
        name="save_row",
    ),
    path(
        V + "pemantauan/<int:year>/indikator/<int:indicator_id>/",
        indicator.indicator_page,
        name="indicator",
    ),
    path(V + "pemantauan/<int:year>/sekaligus/", bulk.bulk, name="bulk"),
    path(V + "pemantauan/<int:year>/anggaran/", budget.budget_page, name="budget"),
    path(
        V + "pemantauan/<int:year>/anggaran/<int:activity_id>/simpan/",
        budget.save_budget_row,
        name="save_budget_row",
    ),
    path(V + "pemantauan/<int:year>/tunggakan/", due.due_page, name="due"),
    path(V + "pemantauan/impor/", upload.import_csv, name="import"),
    path(V + "penanggung-jawab/", owners.assign_page, name="assign"),
    path(V + "evaluasi/<int:year>/", evaluation_table.evaluation_page, name="evaluation"),
    path(
        V + "evaluasi/<int:year>.<str:fmt>",
        evaluation_table.evaluation_download,
        name="evaluation_download",
    ),
    path(V + "dasbor/<int:year>/", dashboard.dashboard_page, name="dashboard"),
    path(V + "dasbor/<int:year>.pdf", dashboard.dashboard_pdf, name="dashboard_pdf"),
    path("bukti/<int:evidence_id>/", evidence.evidence_download, name="evidence"),
    path("bukti/<int:evidence_id>/hapus/", evidence.evidence_delete, name="evidence_delete"),
]
