from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "renstra.review"
    verbose_name = _("Reviu dan penetapan Renstra")

    def ready(self):
        # Table modules import models, which do not exist before the app registry is ready.
        from renstra.render.registry import TableDefinition, register_table
        from renstra.review.history_table import history_table

        register_table(
            TableDefinition(
                "riwayat",
                _("Riwayat Perubahan Renstra"),
                history_table,
                order=910,
                in_plan_document=False,
            )
        )
