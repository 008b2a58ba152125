from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("renstra.accounts.urls")),
    path("", include("renstra.nomenclature.urls")),
    path("", include("renstra.plans.urls")),
    path("", include("renstra.reports.urls")),
    path("", include("renstra.checks.urls")),
    path("", include("renstra.review.urls")),
    path("", include("renstra.monitoring.urls")),
    path("", include("renstra.interchange.urls")),
    path("", include("renstra.console.urls")),
    path("", include("renstra.sakip.urls")),
    path("", include("renstra.lkjip.urls")),
    path("", include("renstra.register.urls")),
    path("", include("renstra.reminders.urls")),
    path("", include("renstra.lke.urls")),
    path("", include("renstra.api.urls")),
]
