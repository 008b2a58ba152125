from django.urls import path

from renstra.review import views, views_crosswalk

app_name = "review"
urlpatterns = [
    path("versi/<int:version_id>/status/", views.status_page, name="status"),
    path("versi/<int:version_id>/status/ubah/", views.transition, name="transition"),
    path("versi/<int:version_id>/review/", views.review, name="review"),
    path("versi/<int:version_id>/komentar/", views.comment, name="comment"),
    path(
        "versi/<int:version_id>/komentar/<int:comment_id>/selesai/", views.resolve, name="resolve"
    ),
    path("versi/<int:version_id>/riwayat/", views.history_page, name="history"),
    path("versi/<int:version_id>/per-tanggal/", views.as_of_page, name="as_of"),
    path("perbandingan/", views.comparison_page, name="comparison"),
    path("perbandingan.<str:fmt>", views.comparison_download, name="comparison_download"),
    path("perbandingan/koreksi/", views.comparison_match, name="comparison_match"),
    path(
        "versi/<int:version_id>/pemetaan-kode/",
        views_crosswalk.crosswalk_start,
        name="crosswalk_start",
    ),
    path("pemetaan-kode/<int:crosswalk_id>/", views_crosswalk.crosswalk_page, name="crosswalk"),
    path(
        "pemetaan-kode/<int:crosswalk_id>/yakin/",
        views_crosswalk.crosswalk_confident,
        name="crosswalk_confident",
    ),
    path(
        "pemetaan-kode/<int:crosswalk_id>/terapkan/",
        views_crosswalk.crosswalk_apply,
        name="crosswalk_apply",
    ),
]
