from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecksConfig(AppConfig):
    name = "renstra.checks"
    verbose_name = _("Pemeriksaan Renstra")
