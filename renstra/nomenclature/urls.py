from django.urls import path

from renstra.nomenclature import views

app_name = "nomenclature"
urlpatterns = [
    path("nomenklatur/cari/", views.search, name="search"),
]
