from django.urls import path

from renstra.reminders import views

app_name = "reminders"
urlpatterns = [
    path("akun/pengingat/", views.reminder_list, name="list"),
    path("akun/pengingat/dibaca/", views.read, name="read"),
    path("akun/pengingat/pengaturan/", views.settings_page, name="settings"),
]
