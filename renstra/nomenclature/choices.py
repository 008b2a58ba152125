"""Enumerations of the nomenclature, with their Indonesian labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NomenclatureLevel(models.TextChoices):
    """The levels of the Permendagri 90/2019 classification. Program, kegiatan and sub kegiatan
    use the keys of the plan's levels (renstra.plans.levels), so a plan item's level names its
    nomenclature level."""

    URUSAN = "urusan", _("Urusan")
    BIDANG = "bidang", _("Bidang urusan")
    PROGRAM = "program", _("Program")
    ACTIVITY = "kegiatan", _("Kegiatan")
    SUB_ACTIVITY = "sub_kegiatan", _("Sub kegiatan")


class GovernmentLevel(models.IntegerChoices):
    """Whose nomenclature an entry is (SIMCAN's jns_pemda; the K digit of a kegiatan code)."""

    PROVINCE = 1, _("Provinsi")
    REGENCY_CITY = 2, _("Kabupaten/kota")
