from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "renstra.review"
    verbose_name = _("Reviu dan penetapan Renstra")
