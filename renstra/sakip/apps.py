from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SakipConfig(AppConfig):
    name = "renstra.sakip"
    verbose_name = _("Siklus SAKIP tahunan")

    def ready(self):
        # Importing these registers the permission rules (django-rules) and the Renja's
        # consistency rules (renstra.sakip.consistency), which need the models loaded.
        from renstra.sakip import consistency, rules  # noqa: F401
