from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    """Bappeda's console over every agency of a region (issue 18): one page per region and
    year. It reads the checker and monitoring of every agency, so it stands at the layer of
    reports and interchange."""

    name = "renstra.console"
    verbose_name = "Konsol Bappeda"

    def ready(self):
        # What approves a version or enters a realization has the console's figures computed
        # ahead of the next request (renstra.console.warming).
        from renstra.console import warming

        warming.connect()
