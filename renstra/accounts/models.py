"""Who may do what: a user's memberships (role + agency or region) and preferences."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renstra.accounts.choices import Role
from renstra.plans.models import Agency, Region


class Membership(models.Model):
    """A role of a user: planners and heads belong to an agency, verifiers to a region;
    auditors and administrators may be tied to a region or to none (everything)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("peran"), max_length=12, choices=Role.choices)
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Keanggotaan")
        verbose_name_plural = _("Keanggotaan")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=[Role.PLANNER, Role.HEAD]) | Q(agency__isnull=False),
                name="agency_roles_need_an_agency",
                violation_error_message=_(
                    "Perencana dan kepala harus terikat pada satu Perangkat Daerah."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.VERIFIER) | Q(region__isnull=False),
                name="verifier_needs_a_region",
                violation_error_message=_("Verifikator Bappeda harus terikat pada satu Pemda."),
            ),
        ]

    def __str__(self) -> str:
        return "{} {}".format(self.get_role_display(), self.agency or self.region or "")


class Profile(models.Model):
    """Per-user preferences."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    language = models.CharField(_("bahasa"), max_length=5, choices=settings.LANGUAGES, default="id")

    class Meta:
        verbose_name = _("Profil")
        verbose_name_plural = _("Profil")

    def __str__(self) -> str:
        return "{} ({})".format(self.user, self.language)


def user_language(user) -> str:
    """The language `user` reads the app in: their profile's, Indonesian without one. Pages
    (accounts.middleware) and the work done for them later (import and export tasks) alike."""
    profile = getattr(user, "profile", None) if hasattr(user, "profile") else None
    return profile.language if profile else "id"
