from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NomenclatureConfig(AppConfig):
    name = "renstra.nomenclature"
    verbose_name = _("Nomenklatur Permendagri 90/2019")
