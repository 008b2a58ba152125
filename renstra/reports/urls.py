from django.urls import path

from renstra.reports import views

app_name = "reports"
urlpatterns = [
    path("versi/<int:version_id>/tabel/<str:key>/", views.table_page, name="table"),
    path("versi/<int:version_id>/tabel/<str:key>.<str:fmt>", views.table_download, name="download"),
    path("versi/<int:version_id>/renstra.<str:fmt>", views.plan_download, name="plan"),
]
