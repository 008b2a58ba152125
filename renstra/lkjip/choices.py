from django.db import models
from django.utils.translation import gettext_lazy as _


class LkjipStatus(models.TextChoices):
    """The LKjIP's way, like a plan's but short: the agency's planners write and submit it, the
    region's verifier verifies it (or returns it to draft with a note), the agency makes it
    final, and a final LKjIP is the document delivered: it does not change (a correction is a
    new number)."""

    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    VERIFIED = "verified", _("Diverifikasi")
    FINAL = "final", _("Final")


# The narrative chapters the agency writes, in print order: field name -> heading.
NARRATIVE_FIELDS = ("summary", "introduction", "efficiency", "closing")


class LkjipScope(models.TextChoices):
    """Whose report: an agency's, on its Renstra; or the Pemda's (the region's), on the RPJMD,
    kept by the agency that holds the RPJMD (Bappeda) and verified by the region's verifiers."""

    AGENCY = "pd", _("Perangkat Daerah")
    REGION = "pemda", _("Pemerintah Daerah")
