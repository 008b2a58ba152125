from django.urls import path

from renstra.console import views

app_name = "console"
urlpatterns = [
    path("wilayah/<int:region_id>/konsol/", views.console_page, name="region"),
    path("wilayah/<int:region_id>/konsol.<str:fmt>", views.console_download, name="download"),
]
