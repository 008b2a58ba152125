from django.urls import path

from renstra.lkjip import views

app_name = "lkjip"
urlpatterns = [
    path("perangkat-daerah/<int:agency_id>/lkjip/", views.lkjip_list, name="list"),
    path("perangkat-daerah/<int:agency_id>/lkjip/baru/", views.lkjip_create, name="create"),
    path("wilayah/<int:region_id>/lkjip/", views.region_list, name="region_list"),
    path("wilayah/<int:region_id>/lkjip/baru/", views.region_create, name="region_create"),
    path("lkjip/<int:lkjip_id>/", views.lkjip_page, name="report"),
    path("lkjip/<int:lkjip_id>/standar/", views.lkjip_standards, name="standards"),
    path("lkjip/<int:lkjip_id>/uraian/", views.lkjip_narrative, name="narrative"),
    path("lkjip/<int:lkjip_id>/ajukan/", views.lkjip_submit, name="submit"),
    path("lkjip/<int:lkjip_id>/verifikasi/", views.lkjip_verify, name="verify"),
    path("lkjip/<int:lkjip_id>/kembalikan/", views.lkjip_return, name="return"),
    path("lkjip/<int:lkjip_id>/final/", views.lkjip_finalize, name="finalize"),
    path("lkjip/<int:lkjip_id>/lkjip.<str:fmt>", views.lkjip_download, name="download"),
]
