from django.urls import path

from renstra.sakip import (
    views,
    views_iku,
    views_pk,
    views_pk_document,
    views_pk_workbook,
    views_renaksi,
)

app_name = "sakip"
urlpatterns = [
    path("perangkat-daerah/<int:agency_id>/renja/", views.renja_list, name="renja_list"),
    path("perangkat-daerah/<int:agency_id>/renja/baru/", views.renja_create, name="renja_create"),
    path("renja/<int:renja_id>/", views.renja_page, name="renja"),
    path(
        "renja/<int:renja_id>/indikator/<int:indicator_id>/",
        views.save_target,
        name="renja_target",
    ),
    path("renja/<int:renja_id>/pagu/<int:funding_id>/", views.save_pagu, name="renja_pagu"),
    path("renja/<int:renja_id>/dpa/", views.dpa, name="renja_dpa"),
    path("renja/<int:renja_id>/final/", views.finalize, name="renja_final"),
    path("renja/<int:renja_id>/perubahan/", views.perubahan, name="renja_perubahan"),
    path("renja/<int:renja_id>/temuan/", views.findings, name="renja_findings"),
    path("pk/<int:agreement_id>/rencana-aksi/", views_renaksi.action_plan, name="renaksi"),
    path(
        "pk/<int:agreement_id>/rencana-aksi/final/",
        views_renaksi.finalize,
        name="renaksi_final",
    ),
    path("pk/<int:agreement_id>/temuan/", views_renaksi.findings, name="pk_findings"),
    path("renja/<int:renja_id>/renja.<str:fmt>", views.download, name="renja_download"),
    path("perangkat-daerah/<int:agency_id>/pk/", views_pk.pk_list, name="pk_list"),
    path("perangkat-daerah/<int:agency_id>/pk/baru/", views_pk.pk_create, name="pk_create"),
    path("pk/<int:agreement_id>/", views_pk.pk_page, name="pk"),
    path("pk/<int:agreement_id>/pk.<str:fmt>", views_pk_document.pk_download, name="pk_download"),
    path("pk/<int:agreement_id>/target/<int:target_id>/", views_pk.pk_target, name="pk_target"),
    path("pk/<int:agreement_id>/anggaran/<int:budget_id>/", views_pk.pk_budget, name="pk_budget"),
    path("pk/<int:agreement_id>/tanggal/", views_pk.pk_day, name="pk_day"),
    path("pk/<int:agreement_id>/tandatangani/", views_pk.pk_sign, name="pk_sign"),
    path("pk/<int:agreement_id>/perubahan/", views_pk.pk_perubahan, name="pk_perubahan"),
    path("pk/<int:agreement_id>/pindaian/", views_pk.pk_scan_upload, name="pk_scan_upload"),
    path("pk/<int:agreement_id>/pindaian/<int:scan_id>/", views_pk.pk_scan, name="pk_scan"),
    path("perangkat-daerah/<int:agency_id>/iku/", views_iku.iku_list, name="iku_list"),
    path("perangkat-daerah/<int:agency_id>/iku/baru/", views_iku.iku_create, name="iku_create"),
    path(
        "perangkat-daerah/<int:agency_id>/iku/<int:iku_id>/ubah/",
        views_iku.iku_edit,
        name="iku_edit",
    ),
    path(
        "perangkat-daerah/<int:agency_id>/iku/<int:iku_id>/hapus/",
        views_iku.iku_delete,
        name="iku_delete",
    ),
    path(
        "perangkat-daerah/<int:agency_id>/iku.<str:fmt>",
        views_iku.iku_download,
        name="iku_download",
    ),
    path(
        "pk/<int:agreement_id>/lembar.xlsx",
        views_pk_workbook.workbook_download,
        name="pk_workbook",
    ),
    path(
        "pk/<int:agreement_id>/lembar/unggah/",
        views_pk_workbook.workbook_upload,
        name="pk_workbook_upload",
    ),
]
