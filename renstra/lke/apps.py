from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LkeConfig(AppConfig):
    name = "renstra.lke"
    verbose_name = _("Evaluasi SAKIP (LKE)")

    def ready(self):
        # Importing the rules registers the permissions (django-rules).
        from renstra.lke import rules  # noqa: F401
