from django.urls import path

from renstra.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("versi/<int:version_id>/", views.version_detail, name="version"),
]
