"""The Permendagri 90/2019 nomenclature (urusan -> bidang urusan -> program -> kegiatan -> sub
kegiatan, with names) in editions: each later Kepmendagri changes names and codes, and a plan
says which edition it follows (renstra.plans.models.Plan.nomenclature_edition).

Every text of the source file is kept as printed (`code_raw`, `name_raw`) beside the form the
checker and the pickers use."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from renstra.nomenclature.choices import GovernmentLevel, NomenclatureLevel


class Edition(models.Model):
    """One edition of the nomenclature, loaded from one file (`renstra nomenclature load FILE
    --edition NAME`). Editions are named by their year ("2020"); without an edition of its own a
    plan coded by Permendagri 90/2019 is checked against the edition whose name sorts last."""

    name = models.CharField(_("nama edisi"), max_length=50, unique=True)
    source = models.CharField(_("berkas sumber"), max_length=300, blank=True)
    loaded_at = models.DateTimeField(_("terakhir dimuat"), null=True, blank=True)
    # Raised by every load that changes an entry: caches of the edition compare it.
    revision = models.PositiveIntegerField(_("revisi"), default=0)

    class Meta:
        verbose_name = _("Edisi nomenklatur")
        verbose_name_plural = _("Edisi nomenklatur")
        ordering = ["name"]

    def __str__(self) -> str:
        return _("Permendagri 90/2019 edisi {}").format(self.name)


class Entry(models.Model):
    """One code of an edition with its level, name and government level. A code may stand twice
    in an edition: once for provinces and once for regencies/cities (programs and bidang), and
    SIMCAN lists three sub kegiatan under two legal bases (`legal_basis`, its id_hkm)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="entries")
    code = models.CharField(_("kode"), max_length=40)
    code_raw = models.CharField(_("kode tertulis"), max_length=60)
    level = models.CharField(_("tingkat"), max_length=12, choices=NomenclatureLevel.choices)
    government_level = models.PositiveSmallIntegerField(
        _("pemerintah daerah"), choices=GovernmentLevel.choices
    )
    name = models.TextField(_("nama"))
    name_raw = models.TextField(_("nama tertulis"))
    legal_basis = models.CharField(_("dasar hukum (id sumber)"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("Kode nomenklatur")
        verbose_name_plural = _("Kode nomenklatur")
        ordering = ["edition", "code", "government_level", "legal_basis"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "code", "government_level", "legal_basis"],
                name="nomenclature_entry_unique",
                violation_error_message=_(
                    "Kode ini sudah ada pada edisi tersebut untuk pemerintah daerah yang sama."
                ),
            )
        ]

    def __str__(self) -> str:
        return "{} {}".format(self.code, self.name)
