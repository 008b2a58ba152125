from django.contrib.auth import views as auth_views
from django.urls import path

from renstra.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.ThrottledLoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/sandi/", views.PasswordChangeView.as_view(), name="password_change"),
    path("akun/bahasa/", views.set_language, name="language"),
]
