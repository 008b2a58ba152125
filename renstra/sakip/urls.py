from django.urls import path

from renstra.sakip import views, views_iku

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
    path("renja/<int:renja_id>/renja.<str:fmt>", views.download, name="renja_download"),
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
]
