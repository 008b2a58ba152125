from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "renstra.review"
    verbose_name = _("Reviu dan penetapan Renstra")

    def ready(self):
        from renstra.interchange.jsonio import Section, register_section
        from renstra.review import interchange

        register_section(
            Section(
                interchange.KEY,
                interchange.export_comments,
                interchange.check_comments,
                interchange.load_comments,
            )
        )
