from django.urls import path

from renstra.checks import views

app_name = "checks"
urlpatterns = [
    path("versi/<int:version_id>/temuan/", views.findings_page, name="findings"),
    path("versi/<int:version_id>/temuan/akui/", views.acknowledge, name="acknowledge"),
]
