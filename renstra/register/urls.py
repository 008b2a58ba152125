from django.urls import path

from renstra.register import views

app_name = "register"
urlpatterns = [
    path("perangkat-daerah/<int:agency_id>/register/", views.register_page, name="agency"),
    path("perangkat-daerah/<int:agency_id>/register/unggah/", views.upload, name="upload"),
    path("perangkat-daerah/<int:agency_id>/register/catatan/", views.remark, name="remark"),
    path("register/berkas/<int:entry_id>/", views.download, name="download"),
    path("wilayah/<int:region_id>/jadwal/", views.schedule_page, name="schedule"),
    path("wilayah/<int:region_id>/jadwal/simpan/", views.schedule_save, name="schedule_save"),
]
