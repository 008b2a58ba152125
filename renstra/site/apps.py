from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The composing top: the URL map of every app and the commands that span apps
    (`renstra serve`, `renstra demo`, `renstra export`)."""

    name = "renstra.site"
    label = "renstra_site"
    verbose_name = "Renstra"
