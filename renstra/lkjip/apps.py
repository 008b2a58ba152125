from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LkjipConfig(AppConfig):
    name = "renstra.lkjip"
    verbose_name = _("Laporan Kinerja (LKjIP)")

    def ready(self):
        # Importing the rules registers the permissions (django-rules).
        from renstra.lkjip import rules  # noqa: F401
