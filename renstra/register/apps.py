from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "renstra.register"
    verbose_name = _("Register dokumen dan jadwal")

    def ready(self):
        # Importing the rules registers the permissions (django-rules).
        from renstra.register import rules  # noqa: F401
