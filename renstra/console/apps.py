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
        from renstra.console.lkjip_support import console_support
        from renstra.lkjip.support import register_support

        warming.connect()
        # The Pemda's LKjIP prints the agencies' figures as this console reads them.
        register_support(console_support)
