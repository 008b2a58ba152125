from django.urls import path

from renstra.interchange import views, views_mapping

app_name = "interchange"
urlpatterns = [
    path("templat-renstra.xlsx", views.template_download, name="template"),
    path("impor/", views.import_page, name="import"),
    path("impor/<int:job_id>/", views.job_page, name="job"),
    path("impor/<int:job_id>/kemajuan.json", views.job_status, name="job_status"),
    path("impor/<int:job_id>/kolom/", views_mapping.mapping_page, name="mapping"),
    path("impor/<int:job_id>/pratinjau/", views_mapping.preview_page, name="preview"),
    path("versi/<int:version_id>/unduh/renstra.json", views.version_json, name="json"),
    path("versi/<int:version_id>/unduh/iati.xml", views.version_iati, name="iati"),
    path("versi/<int:version_id>/unduh/templat.xlsx", views.version_workbook, name="workbook"),
]
