from django.urls import path

from renstra.reports import views, views_jobs

app_name = "reports"
urlpatterns = [
    path("versi/<int:version_id>/tabel/<str:key>/", views.table_page, name="table"),
    path("versi/<int:version_id>/tabel/<str:key>.<str:fmt>", views.table_download, name="download"),
    path("versi/<int:version_id>/renstra.<str:fmt>", views.plan_download, name="plan"),
    path("versi/<int:version_id>/ekspor/renstra.<str:fmt>", views_jobs.start, name="plan_export"),
    path("ekspor/<int:job_id>/", views_jobs.job_page, name="export_job"),
    path("ekspor/<int:job_id>/kemajuan.json", views_jobs.job_status, name="export_status"),
    path("ekspor/<int:job_id>/berkas", views_jobs.job_file, name="export_file"),
]
