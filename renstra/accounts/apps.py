from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "renstra.accounts"
    verbose_name = _("Akun dan peran")

    def ready(self):
        from renstra.accounts import rules  # noqa: F401  (registers the permission rules)
