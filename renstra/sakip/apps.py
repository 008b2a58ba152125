from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SakipConfig(AppConfig):
    name = "renstra.sakip"
    verbose_name = _("Siklus SAKIP tahunan")

    def ready(self):
        # Importing these registers the permission rules (django-rules) and the Renja's
        # consistency rules (renstra.sakip.consistency), which need the models loaded.
        # The Renja is the plan of its year for the evaluation (column 7, the achievement).
        from renstra.monitoring.year_plans import register
        from renstra.sakip import consistency, rules  # noqa: F401
        from renstra.sakip.year_plan import renja_year_plans

        register(renja_year_plans)
