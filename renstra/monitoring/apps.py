from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "renstra.monitoring"
    verbose_name = _("Pemantauan dan evaluasi kinerja")

    def ready(self):
        from renstra.interchange.jsonio import Section, register_section
        from renstra.monitoring import interchange

        register_section(
            Section(
                interchange.KEY,
                interchange.export_monitoring,
                interchange.check_monitoring,
                interchange.load_monitoring,
            )
        )
