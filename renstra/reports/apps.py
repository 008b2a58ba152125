from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "renstra.reports"
    verbose_name = "Laporan"

    def ready(self):
        # Table modules import models, which do not exist before the app registry is ready.
        from renstra.render.registry import TableDefinition, register_table
        from renstra.reports.tables import table_6_1, table_6_2
        from renstra.reports.tables_plan import PLAN_TABLES

        # The statutory tables of the Renstra, in the order of the document.
        titles_and_builders = {
            "6.1": (_("Tabel 6.1 Pendanaan Indikatif"), table_6_1),
            "6.2": (
                _("Tabel 6.2 Indikator Kinerja Program, Kegiatan dan Kelompok Sasaran"),
                table_6_2,
            ),
        }
        for key, (title, build) in PLAN_TABLES.items():
            titles_and_builders[key] = (_(title), build)
        for order, key in enumerate(("5.1", "indikator", "6.1", "6.2", "7.1", "T-C.27")):
            title, build = titles_and_builders[key]
            register_table(TableDefinition(key, title, build, order=order * 10))
