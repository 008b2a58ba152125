"""The API at /api/ (namespace "api", the ninja routes) and the page where a signed-in person
makes and revokes their own tokens (namespace "tokens")."""

from django.urls import include, path

from renstra.api import views
from renstra.api.api import api

token_patterns = [
    path("", views.token_page, name="list"),
    path("<int:token_id>/cabut/", views.revoke, name="revoke"),
]

urlpatterns = [
    path("api/", api.urls),
    path("akun/token/", include((token_patterns, "tokens"))),
]
