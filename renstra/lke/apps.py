from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LkeConfig(AppConfig):
    name = "renstra.lke"
    verbose_name = _("Evaluasi SAKIP (LKE)")
