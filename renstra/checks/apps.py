from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecksConfig(AppConfig):
    name = "renstra.checks"
    verbose_name = _("Pemeriksaan Renstra")

    def ready(self):
        # Importing a rule module registers its rules (the @rule decorator).
        import renstra.checks.rules_source  # noqa: F401
        from renstra.checks import (  # noqa: F401
            rules_cascade,
            rules_codes,
            rules_funding,
            rules_indicators,
            rules_nomenclature,
            rules_rpjmd,
        )
        from renstra.checks.report import findings_table
        from renstra.render.registry import TableDefinition, register_table

        register_table(
            TableDefinition(
                "temuan",
                _("Temuan Pemeriksaan Renstra"),
                findings_table,
                order=900,
                in_plan_document=False,
            )
        )
