"""Enumerations of the plan domain, with their Indonesian labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionKind(models.TextChoices):
    PROVINCE = "provinsi", _("Provinsi")
    REGENCY = "kabupaten", _("Kabupaten")
    CITY = "kota", _("Kota")


class CodeScheme(models.TextChoices):
    """The classification the plan's kode rekening follow (DOMAIN.md §5). Plans on
    Permendagri 90/2019 name the edition of its nomenclature (Plan.nomenclature_edition)."""

    PERMENDAGRI_13_2006 = "pmdn13", _("Permendagri 13/2006 (program.kegiatan, mis. 17.25)")
    PERMENDAGRI_90_2019 = "pmdn90", _("Permendagri 90/2019 (U.BB.PP.K.KK.SSSS)")
    # Codes of the agency's own (or none): only their uniqueness is checked.
    LOCAL = "lokal", _("Kode lokal (tidak mengikuti klasifikasi nasional)")


class PlanKind(models.TextChoices):
    """What a plan is: an agency's Renstra PD, or the region's RPJMD (written by the planning
    board, Bappeda, whose agency it is filed under). Both have the same cascade, indicators,
    targets, funding and lifecycle; an agency's sasaran say which RPJMD sasaran they support
    (Objective.rpjmd_refs)."""

    RENSTRA = "renstra", _("Renstra Perangkat Daerah")
    RPJMD = "rpjmd", _("RPJMD")


class IndicatorKind(models.TextChoices):
    INPUT = "input", _("Masukan")
    OUTPUT = "output", _("Keluaran")
    OUTCOME = "outcome", _("Hasil")
    BENEFIT = "benefit", _("Manfaat")
    IMPACT = "impact", _("Dampak")


class Polarity(models.TextChoices):
    HIGHER_IS_BETTER = "higher_is_better", _("Semakin tinggi semakin baik")
    LOWER_IS_BETTER = "lower_is_better", _("Semakin rendah semakin baik")


class Rollup(models.TextChoices):
    """How an indicator's quarters make its year (mirrors renstra.core.achievement.Rollup);
    blank on an indicator means: the default for its unit and value type."""

    SUM = "sum", _("Kumulatif (dijumlahkan)")
    LATEST = "latest", _("Nilai terakhir (stok)")
    AVERAGE = "average", _("Rata-rata")


class ValueType(models.TextChoices):
    """Mirrors renstra.core.targets.ValueType."""

    NUMBER = "number", _("Angka")
    PERCENT = "percent", _("Persen")
    INDEX = "index", _("Indeks/skor")
    GRADE = "grade", _("Skala nilai (AA…D)")
    COMPOSITE = "composite", _("Gabungan")
    TEXT = "text", _("Teks")


class TargetKind(models.TextChoices):
    """Mirrors renstra.core.targets.TargetKind: what a target text was parsed as."""

    NUMBER = "number", _("Angka")
    PERCENT = "percent", _("Persen")
    GRADE = "grade", _("Nilai huruf")
    COMPOSITE = "composite", _("Gabungan")
    TEXT = "text", _("Teks")
    NIL = "nil", _("Tanpa target (-)")


class VersionStatus(models.TextChoices):
    """Where a plan version stands in its life (Bappeda verification, approval by the head)."""

    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    RETURNED = "returned", _("Dikembalikan")
    VERIFIED = "verified", _("Diverifikasi")
    APPROVED = "approved", _("Ditetapkan")
    SUPERSEDED = "superseded", _("Digantikan")


# The agency may change a version's items only in these states; every other state is locked,
# and approved/superseded versions are frozen for good.
EDITABLE_STATUSES = frozenset({VersionStatus.DRAFT, VersionStatus.RETURNED})
FROZEN_STATUSES = frozenset({VersionStatus.APPROVED, VersionStatus.SUPERSEDED})


class UnitKind(models.TextChoices):
    """What an organisational unit of an agency is (PP 18/2016 on Perangkat Daerah). A badan's
    bidang is divided into subbidang, a dinas's into seksi: both are kept, as documents name
    them."""

    HEAD = "kepala", _("Kepala (pimpinan Perangkat Daerah)")
    SECRETARIAT = "sekretariat", _("Sekretariat")
    DIVISION = "bidang", _("Bidang")
    SUBDIVISION = "subbagian", _("Subbagian")
    SUB_FIELD = "subbidang", _("Subbidang")
    SECTION = "seksi", _("Seksi")
    TECHNICAL_UNIT = "uptd", _("UPTD")
    OTHER = "lainnya", _("Lainnya / belum ditentukan")


class Eselon(models.TextChoices):
    """The eselon of a unit's head position. Since UU 5/2014 on ASN the same positions are
    named jabatan pimpinan tinggi pratama (II), administrator (III) and pengawas (IV): see
    PositionLevel and Unit.position_level, which is derived from the eselon."""

    II_A = "II.a", _("II.a")
    II_B = "II.b", _("II.b")
    III_A = "III.a", _("III.a")
    III_B = "III.b", _("III.b")
    IV_A = "IV.a", _("IV.a")
    IV_B = "IV.b", _("IV.b")


class PositionLevel(models.TextChoices):
    """The kind of position (jabatan) UU 5/2014 names for an eselon (its article 131)."""

    SENIOR_EXECUTIVE = "jpt_pratama", _("Jabatan Pimpinan Tinggi Pratama")
    ADMINISTRATOR = "administrator", _("Jabatan Administrator")
    SUPERVISOR = "pengawas", _("Jabatan Pengawas")


# eselon "II.a" -> its group "II" -> the position kind of that group
POSITION_LEVEL_OF_GROUP = {
    "II": PositionLevel.SENIOR_EXECUTIVE,
    "III": PositionLevel.ADMINISTRATOR,
    "IV": PositionLevel.SUPERVISOR,
}


class Acting(models.TextChoices):
    """Whether an official holds the position for good or acts in it: Plt. (pelaksana tugas,
    while the position is vacant) or Plh. (pelaksana harian, while its holder is away). The
    value is the prefix printed before the position."""

    DEFINITIVE = "", _("Definitif")
    ACTING = "Plt.", _("Plt. (pelaksana tugas)")
    DAILY = "Plh.", _("Plh. (pelaksana harian)")
