from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "renstra.interchange"
    verbose_name = "Impor dan ekspor"

    def ready(self):
        # The plan document carries the monitoring and review data of a version as sections;
        # interchange sits above both apps, so it owns these entries and registers them here.
        from renstra.interchange import sections_monitoring, sections_review
        from renstra.interchange.jsonio import Section, register_section

        register_section(
            Section(
                sections_monitoring.KEY,
                sections_monitoring.export_monitoring,
                sections_monitoring.check_monitoring,
                sections_monitoring.load_monitoring,
            )
        )
        register_section(
            Section(
                sections_review.KEY,
                sections_review.export_comments,
                sections_review.check_comments,
                sections_review.load_comments,
            )
        )
