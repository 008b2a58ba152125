"""The Renstra data model: who plans (region, agency), the plan in versions, its cascade
(goal -> objective -> strategy -> policy direction; program -> activity -> sub activity),
indicators with their yearly targets, and indicative funding.

Every text a document printed is kept as printed; parsed values stand beside their raw text.
"""

import datetime
import re
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from renstra.nomenclature.models import Edition
from renstra.plans.choices import (
    EDITABLE_STATUSES,
    FROZEN_STATUSES,
    POSITION_LEVEL_OF_GROUP,
    CodeScheme,
    Eselon,
    IndicatorKind,
    PlanKind,
    Polarity,
    PositionLevel,
    RegionKind,
    Rollup,
    TargetKind,
    UnitKind,
    ValueType,
    VersionStatus,
)
from renstra.plans.guard import GuardedModel, VersionLocked
from renstra.plans.history import ChangePathHistory
from renstra.plans.levels import FUNDED_FIELDS, OWNER_FIELDS


class Region(models.Model):
    """A regional government (Pemerintah Daerah): a province, regency or city."""

    name = models.CharField(_("nama"), max_length=200, unique=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=RegionKind.choices)

    class Meta:
        verbose_name = _("Pemerintah Daerah")
        verbose_name_plural = _("Pemerintah Daerah")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


_NIP_SEPARATORS = re.compile(r"[\s.]")


def nip_digits(text: str) -> str:
    """A NIP as its 18 digits: "19700101 199503 1 001" and "19700101.199503.1.001" are typed too."""
    return _NIP_SEPARATORS.sub("", text or "")


def printed_nip(text: str) -> str:
    """A NIP grouped as documents print it: date of birth, appointment, sex, serial number
    ("19700101 199503 1 001"); a text that is no NIP is printed as it is."""
    digits = nip_digits(text)
    if len(digits) != 18:
        return text
    return "{} {} {} {}".format(digits[:8], digits[8:14], digits[14], digits[15:])


def validate_nip(text: str) -> None:
    """A civil servant's NIP (PP 11/2017 and BKN practice): 18 digits, the date of birth
    (YYYYMMDD), the month of appointment (YYYYMM), the sex (1 or 2) and a serial number. The
    parts are checked too, so that a digit typed twice or dropped is caught here and not on
    paper."""
    digits = nip_digits(text)
    if not re.fullmatch(r"\d{18}", digits):
        raise ValidationError(
            _("NIP terdiri atas 18 angka, mis. 19700101 199503 1 001 (tertulis %(count)s angka)."),
            code="nip_length",
            params={"count": sum(ch.isdigit() for ch in digits)},
        )
    try:
        datetime.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
        datetime.date(int(digits[8:12]), int(digits[12:14]), 1)
    except ValueError as exc:
        raise ValidationError(
            _("NIP tidak sah: 8 angka pertama tanggal lahir, 6 berikutnya tahun dan bulan TMT."),
            code="nip_dates",
        ) from exc
    if digits[14] not in "12":
        raise ValidationError(
            _("NIP tidak sah: angka ke-15 (jenis kelamin) harus 1 atau 2."), code="nip_sex"
        )


class Agency(models.Model):
    """A regional government agency (Perangkat Daerah), e.g. BKPSDM Kota Bontang."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(_("nama"), max_length=300)
    short_name = models.CharField(_("singkatan"), max_length=40)
    former_names = models.JSONField(_("nama terdahulu"), default=list, blank=True)
    code = models.CharField(_("kode unit organisasi"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("Perangkat Daerah")
        verbose_name_plural = _("Perangkat Daerah")
        ordering = ["region__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "short_name"],
                name="agency_short_name_unique_in_region",
                violation_error_message=_("Singkatan Perangkat Daerah sudah dipakai di Pemda ini."),
            )
        ]

    def __str__(self) -> str:
        return "{} {}".format(self.short_name, self.region.name)


class AgencySignature(models.Model):
    """The signature block printed below the agency's plan tables: "Bontang, 7 Desember 2026",
    the head's position, name, rank and NIP. The head signs for the agency, whatever the plan or
    version printed, so it belongs to the agency; the tables print it once it exists.

    A model of its own rather than fields of Agency: it is print configuration, not part of
    the plan's document (the JSON export of a version carries the agency's identity only), and
    it is all or nothing: a block is there, whole, or not at all.
    """

    agency = models.OneToOneField(
        Agency, on_delete=models.CASCADE, primary_key=True, related_name="signature"
    )
    place = models.CharField(
        _("tempat penandatanganan"),
        max_length=100,
        help_text=_("Nama kota atau kabupaten sebelum tanggal, mis. Bontang."),
    )
    date = models.DateField(
        _("tanggal penandatanganan"),
        null=True,
        blank=True,
        help_text=_("Kosongkan agar tercetak tanggal hari pencetakan."),
    )
    position = models.CharField(
        _("jabatan penanda tangan"),
        max_length=300,
        help_text=_(
            "Mis. Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Bontang."
        ),
    )
    name = models.CharField(
        _("nama penanda tangan"),
        max_length=200,
        help_text=_("Nama lengkap dengan gelar, seperti dicetak."),
    )
    rank = models.CharField(
        _("pangkat/golongan penanda tangan"),
        max_length=100,
        blank=True,
        help_text=_("Boleh kosong, mis. Pembina Utama Muda (IV/c)."),
    )
    nip = models.CharField(
        _("NIP penanda tangan"),
        max_length=24,
        validators=[validate_nip],
        help_text=_("18 angka; spasi boleh, mis. 19700101 199503 1 001."),
    )

    class Meta:
        verbose_name = _("Blok tanda tangan")
        verbose_name_plural = _("Blok tanda tangan")

    def __str__(self) -> str:
        return "{}, {}".format(self.position, self.name)

    def clean(self) -> None:
        """The NIP is kept as its 18 digits, however typed; the tables print it grouped."""
        super().clean()
        self.nip = nip_digits(self.nip)

    @property
    def printed_nip(self) -> str:
        """The NIP grouped as documents print it: date of birth, appointment, sex, serial
        number ("19700101 199503 1 001")."""
        return printed_nip(self.nip)  # an invalid one (the admin refuses it) as it is

    def place_and_date(self, today: datetime.date | None = None) -> str:
        """The line above the position, e.g. "Bontang, 7 Desember 2026": the set date, else
        `today` (else the day of printing), in the active language (Indonesian by default)."""
        day = self.date or today or datetime.date.today()
        return "{}, {}".format(self.place, formats.date_format(day, "j F Y"))


class Unit(models.Model):
    """An organisational unit inside an agency, in a tree: the head's own level (kind kepala, at
    the top), the sekretariat and the bidang under it, subbagian, subbidang and seksi under
    those. A unit without a parent stands directly under the head of the agency (the units
    recorded before the tree, from imports and owner assignment, are such). Who heads a unit
    on a given day: its officials (renstra.plans.officials, renstra.plans.organization)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="units")
    # RESTRICT: a unit with units under it is not deleted alone; with its agency it may be.
    parent = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("unit atasan"),
        help_text=_("Kosongkan bila unit ini langsung di bawah Kepala Perangkat Daerah."),
    )
    name = models.CharField(_("nama"), max_length=300)
    kind = models.CharField(
        _("jenis unit"), max_length=20, choices=UnitKind.choices, default=UnitKind.OTHER
    )
    # The eselon alone, not also the jabatan kind: UU 5/2014 makes the kind follow from the
    # eselon group (II, III, IV; position_level), and the grade (a/b) is what the kind lacks.
    eselon = models.CharField(
        _("eselon"),
        max_length=5,
        choices=Eselon.choices,
        blank=True,
        help_text=_("Eselon jabatan kepala unit; kosongkan bila tidak bereselon."),
    )
    order = models.PositiveIntegerField(_("urutan"), default=0)
    is_example = models.BooleanField(
        _("data contoh"),
        default=False,
        help_text=_("Dibuat `renstra demo` sebagai contoh, bukan susunan organisasi sebenarnya."),
    )

    class Meta:
        verbose_name = _("Unit kerja")
        verbose_name_plural = _("Unit kerja")
        ordering = ["agency", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency"],
                condition=Q(kind=UnitKind.HEAD),
                name="unit_one_head_per_agency",
                violation_error_message=_(
                    "Perangkat Daerah ini sudah mempunyai unit Kepala: satu Perangkat Daerah "
                    "mempunyai satu Kepala."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind=UnitKind.HEAD) | Q(parent__isnull=True),
                name="unit_head_at_the_top",
                violation_error_message=_(
                    "Unit Kepala berada di puncak susunan organisasi: kosongkan unit atasannya."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def position_level(self) -> PositionLevel | None:
        """The jabatan kind of the unit's head position, from its eselon (None without one)."""
        if not self.eselon:
            return None
        return POSITION_LEVEL_OF_GROUP[self.eselon.split(".")[0]]

    def clean(self) -> None:
        """The unit above belongs to the same agency, and the tree has no cycle: the unit is
        not above itself, directly or through the units above it."""
        super().clean()
        if self.parent_id is None or self.agency_id is None:
            return
        if self.parent.agency_id != self.agency_id:
            raise ValidationError(
                {"parent": _("Unit atasan harus unit kerja Perangkat Daerah yang sama.")}
            )
        if self.pk is None:
            return  # a new unit has nothing under it
        above = dict(Unit.objects.filter(agency_id=self.agency_id).values_list("pk", "parent_id"))
        node, seen = self.parent_id, set()
        while node is not None and node not in seen:
            if node == self.pk:
                raise ValidationError(
                    {
                        "parent": _(
                            "Unit atasan tidak boleh unit ini sendiri atau unit di bawahnya: "
                            "susunan organisasi menjadi berputar."
                        )
                    }
                )
            seen.add(node)
            node = above.get(node)


class RegionalPlan(models.Model):
    """The region's five-year development plan (RPJMD), holding the Visi and Misi."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="regional_plans")
    name = models.CharField(_("nama"), max_length=300)
    period_start = models.PositiveSmallIntegerField(_("tahun awal"))
    period_end = models.PositiveSmallIntegerField(_("tahun akhir"))
    vision = models.TextField(_("visi"))
    goals_text = models.JSONField(_("tujuan RPJMD"), default=list, blank=True)

    class Meta:
        verbose_name = _("RPJMD")
        verbose_name_plural = _("RPJMD")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")),
                name="regional_plan_period_ordered",
                violation_error_message=_("Tahun akhir RPJMD harus sesudah tahun awal."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Mission(models.Model):
    """One Misi of an RPJMD."""

    regional_plan = models.ForeignKey(
        RegionalPlan, on_delete=models.CASCADE, related_name="missions"
    )
    number = models.CharField(_("nomor"), max_length=20)
    text = models.TextField(_("misi"))
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("Misi")
        verbose_name_plural = _("Misi")
        ordering = ["regional_plan", "order"]

    def __str__(self) -> str:
        return "Misi {}".format(self.number)


class VersionScheme(NamedTuple):
    """The code scheme a version follows, and for Permendagri 90/2019 the id of the edition of
    the nomenclature (None: the latest loaded)."""

    code_scheme: str
    edition_id: int | None

    @property
    def label(self) -> str:
        return CodeScheme(self.code_scheme).label


class Plan(models.Model):
    """A Renstra PD: an agency's five-year strategic plan. Its content lives in versions."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="plans")
    regional_plan = models.ForeignKey(
        RegionalPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="plans"
    )
    title = models.CharField(_("judul"), max_length=300)
    period_start = models.PositiveSmallIntegerField(_("tahun awal periode"))
    period_end = models.PositiveSmallIntegerField(_("tahun akhir periode"))
    baseline_year = models.PositiveSmallIntegerField(_("tahun kondisi awal"))
    code_scheme = models.CharField(
        _("skema kode"),
        max_length=10,
        choices=CodeScheme.choices,
        default=CodeScheme.PERMENDAGRI_13_2006,
    )
    kind = models.CharField(
        _("jenis dokumen"),
        max_length=10,
        choices=PlanKind.choices,
        default=PlanKind.RENSTRA,
        help_text=_(
            "Renstra Perangkat Daerah, atau RPJMD Pemda (disusun Bappeda; Perangkat Daerah "
            "pemiliknya adalah Bappeda)."
        ),
    )
    # The scheme is the plan's: the formats (JSON, workbook, T-C.27) carry it with the plan.
    # When a crosswalk (renstra.review.crosswalk) moves the plan to other codes, the versions
    # made before keep the scheme they were approved under, in `earlier_code_schemes`.
    nomenclature_edition = models.ForeignKey(
        Edition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("edisi nomenklatur"),
        help_text=_(
            "Edisi nomenklatur Permendagri 90/2019 yang diikuti kode Renstra ini; kosong: edisi "
            "terbaru yang dimuat."
        ),
    )
    # [{"to_version": N, "code_scheme": "pmdn13", "nomenclature_edition": id or null}], oldest
    # first: versions numbered up to N follow that scheme (see scheme_of). A list on the plan,
    # not a field of each version: a locked version never changes (renstra.plans.frozen), and
    # every reader of a version holds its plan already, so knowing a version's scheme costs no
    # query.
    earlier_code_schemes = models.JSONField(
        _("skema kode versi-versi sebelumnya"),
        default=list,
        blank=True,
        help_text=_(
            "Skema kode yang diikuti versi-versi sebelum Renstra ini pindah ke kode lain "
            "(pemetaan kode ke nomenklatur): versi-versi itu tetap diperiksa menurut skema "
            "saat ditetapkan."
        ),
    )

    class Meta:
        verbose_name = _("Renstra")
        verbose_name_plural = _("Renstra")
        ordering = ["agency__region__name", "agency__short_name", "period_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")),
                name="plan_period_ordered",
                violation_error_message=_("Tahun akhir periode harus sesudah tahun awal."),
            ),
            # Some plans count the baseline year in their period (Bontang 2016-2021, baseline
            # 2016), others print it as the year before (Sumedang 2019-2023, baseline 2018).
            models.CheckConstraint(
                condition=Q(baseline_year__gte=models.F("period_start") - 1)
                & Q(baseline_year__lt=models.F("period_end")),
                name="plan_baseline_in_period",
                violation_error_message=_(
                    "Tahun kondisi awal harus tahun awal periode atau setahun sebelumnya."
                ),
            ),
            models.CheckConstraint(
                condition=Q(nomenclature_edition__isnull=True)
                | Q(code_scheme=CodeScheme.PERMENDAGRI_90_2019),
                name="plan_edition_only_for_pmdn90",
                violation_error_message=_(
                    "Edisi nomenklatur hanya untuk Renstra berkode Permendagri 90/2019."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def scheme_of(self, number: int) -> "VersionScheme":
        """The code scheme (and nomenclature edition) version `number` of this plan follows:
        the plan's own, or, for a version made before a crosswalk moved the plan to other
        codes, the one it was made under."""
        for earlier in sorted(self.earlier_code_schemes, key=lambda e: e["to_version"]):
            if number <= earlier["to_version"]:
                return VersionScheme(earlier["code_scheme"], earlier.get("nomenclature_edition"))
        return VersionScheme(self.code_scheme, self.nomenclature_edition_id)

    def undo_unused_scheme_move(self) -> bool:
        """Put the plan back on the scheme it left when no version follows the one it moved to
        (the draft a crosswalk made was deleted): a later review copies the old codes again,
        which the new scheme would judge. True when the plan went back."""
        if not self.earlier_code_schemes:
            return False
        earlier = sorted(self.earlier_code_schemes, key=lambda e: e["to_version"])
        last = earlier[-1]
        if self.versions.filter(number__gt=last["to_version"]).exists():
            return False
        self.code_scheme = last["code_scheme"]
        self.nomenclature_edition_id = last.get("nomenclature_edition")
        self.earlier_code_schemes = earlier[:-1]
        self.save(update_fields=["code_scheme", "nomenclature_edition", "earlier_code_schemes"])
        return True

    @property
    def period(self) -> str:
        return "{}-{}".format(self.period_start, self.period_end)

    @property
    def target_years(self) -> list[int]:
        """The years that carry targets: those after the baseline year, to the period's end."""
        return list(range(max(self.baseline_year + 1, self.period_start), self.period_end + 1))


class PlanVersionQuerySet(models.QuerySet):
    """Bulk writes cannot change or delete a frozen version either."""

    def update(self, **kwargs):
        if set(kwargs) != {"status"} and self.filter(status__in=FROZEN_STATUSES).exists():
            raise VersionLocked("Versi Renstra yang sudah ditetapkan tidak dapat diubah.")
        return super().update(**kwargs)

    def delete(self):
        if self.exclude(status__in=EDITABLE_STATUSES).exists():
            raise VersionLocked("Hanya versi berstatus Draf atau Dikembalikan yang dapat dihapus.")
        plan_ids = set(self.values_list("plan_id", flat=True))
        deleted = super().delete()
        for plan in Plan.objects.filter(pk__in=plan_ids):
            plan.undo_unused_scheme_move()
        return deleted


class PlanVersion(models.Model):
    """One version of a plan; a review (perubahan) revises an earlier version."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versi ke"))
    label = models.CharField(_("label"), max_length=200)
    revises = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("merevisi versi"),
    )
    revision_reason = models.TextField(_("alasan perubahan"), blank=True)
    legal_basis = models.TextField(_("dasar hukum"), blank=True)
    missions = models.ManyToManyField(Mission, blank=True, related_name="plan_versions")
    rpjmd_note = models.TextField(_("catatan keterkaitan RPJMD"), blank=True)
    source = models.TextField(_("sumber"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    is_public = models.BooleanField(
        _("terbuka untuk publik"),
        default=False,
        help_text=_("Versi yang ditetapkan dan ditandai publik dapat dibaca tanpa masuk."),
    )
    history = HistoricalRecords(bases=[ChangePathHistory])
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    unplaced_rows = models.JSONField(
        _("baris sumber tanpa tempat di model"),
        default=list,
        blank=True,
        help_text=_(
            "Baris dokumen sumber yang belum punya padanan di model (mis. baris bidang urusan "
            "dengan pagunya), disimpan apa adanya agar tidak ada yang hilang."
        ),
    )

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Versi Renstra")
        verbose_name_plural = _("Versi Renstra")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="plan_version_number_unique",
                violation_error_message=_("Nomor versi ini sudah ada pada Renstra tersebut."),
            ),
            # Versions of a plan are told apart by their labels too (lists, exports, the
            # comparison); new versions get a distinct one (renstra.review.services).
            models.UniqueConstraint(
                fields=["plan", "label"],
                name="plan_version_label_unique",
                violation_error_message=_("Label ini sudah dipakai versi lain Renstra tersebut."),
            ),
            # One open draft per plan: a version that may still be edited. New versions are
            # refused with the draft's name before this (renstra.review.services).
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status__in=sorted(EDITABLE_STATUSES)),
                name="plan_one_open_draft",
                violation_error_message=_(
                    "Renstra ini sudah punya draf terbuka; ajukan atau hapus draf itu dulu."
                ),
            ),
        ]

    def __str__(self) -> str:
        return "{} — versi {} ({})".format(self.plan.title, self.number, self.label)

    def save(self, *args, **kwargs):
        # A frozen version changes only its status (approved -> superseded), through
        # renstra.review.services; nothing else about it may change.
        if self.pk:
            stored = PlanVersion.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            only_status = set(kwargs.get("update_fields") or ()) == {"status"}
            superseding = (stored, self.status) == (
                VersionStatus.APPROVED,
                VersionStatus.SUPERSEDED,
            )
            if stored in FROZEN_STATUSES and not (only_status and superseding):
                raise VersionLocked(
                    "Versi Renstra yang sudah ditetapkan tidak dapat diubah; buat review (versi baru)."
                )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        stored = PlanVersion.objects.filter(pk=self.pk).values_list("status", flat=True).first()
        if stored not in EDITABLE_STATUSES:
            raise VersionLocked(
                "Versi Renstra berstatus '{}' tidak dapat dihapus.".format(
                    VersionStatus(stored).label
                )
            )
        plan = self.plan
        deleted = super().delete(*args, **kwargs)
        plan.undo_unused_scheme_move()
        return deleted

    @property
    def scheme(self) -> VersionScheme:
        """The code scheme this version follows (Plan.scheme_of)."""
        return self.plan.scheme_of(self.number)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN_STATUSES


class CascadeItem(GuardedModel):
    """Fields every item of the cascade shares: what the document printed, and where."""

    number = models.CharField(_("nomor"), max_length=20, blank=True)
    name = models.TextField(_("uraian"))
    order = models.PositiveIntegerField(_("urutan"), default=0)
    other_wordings = models.JSONField(
        _("rumusan lain di dokumen"),
        default=list,
        blank=True,
        help_text=_("Rumusan yang berbeda untuk butir yang sama di tabel lain: [{where, text}]."),
    )
    note = models.TextField(_("catatan"), blank=True)
    source_ref = models.CharField(_("rujukan sumber"), max_length=100, blank=True)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("salinan dari"),
        help_text=_("Butir versi sebelumnya yang disalin oleh review."),
    )
    history = HistoricalRecords(inherit=True, bases=[ChangePathHistory])

    class Meta:
        abstract = True
        ordering = ["order"]

    def __str__(self) -> str:
        return "{} {}".format(self.number, self.name).strip()


class Goal(CascadeItem):
    """A Tujuan of the plan."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="goals")

    VERSION_PATHS = ("version_id",)

    def plan_version_id(self):
        return self.version_id

    class Meta(CascadeItem.Meta):
        verbose_name = _("Tujuan")
        verbose_name_plural = _("Tujuan")


class Objective(CascadeItem):
    """A Sasaran, serving one goal. An agency's sasaran names the sasaran of its region's RPJMD
    it supports by their numbers (rpjmd_refs): numbers, not links to rows, because an RPJMD
    is revised in versions of its own and an approved Renstra never changes; the numbers are
    read against the RPJMD version in force (renstra.plans.rpjmd), and the checker says when
    one is not there."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="objectives")
    rpjmd_refs = models.JSONField(
        _("sasaran RPJMD yang didukung"),
        default=list,
        blank=True,
        help_text=_(
            "Nomor sasaran RPJMD yang didukung sasaran ini, mis. 2.1; boleh lebih dari satu."
        ),
    )

    VERSION_PATHS = ("goal__version_id",)

    def plan_version_id(self):
        return self.goal.version_id

    class Meta(CascadeItem.Meta):
        verbose_name = _("Sasaran")
        verbose_name_plural = _("Sasaran")


class Strategy(CascadeItem):
    """A Strategi towards one objective."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="strategies")

    VERSION_PATHS = ("objective__goal__version_id",)

    def plan_version_id(self):
        return self.objective.goal.version_id

    class Meta(CascadeItem.Meta):
        verbose_name = _("Strategi")
        verbose_name_plural = _("Strategi")


class PolicyDirection(CascadeItem):
    """An Arah Kebijakan of one strategy."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="policy_directions"
    )

    VERSION_PATHS = ("strategy__objective__goal__version_id",)

    def plan_version_id(self):
        return self.strategy.objective.goal.version_id

    class Meta(CascadeItem.Meta):
        verbose_name = _("Arah kebijakan")
        verbose_name_plural = _("Arah kebijakan")


class CodedItem(CascadeItem):
    """A cascade item with a kode rekening (stored as text: '05.01' must not become 5.01)."""

    code = models.CharField(_("kode"), max_length=40, blank=True)
    code_raw = models.CharField(
        _("kode (teks asli)"),
        max_length=60,
        blank=True,
        help_text=_(
            "Sel kode seperti tercetak, mis. '5|01|01|2,01' bila Excel mengubah 2.01 menjadi 2,01."
        ),
    )
    declared_total_raw = models.CharField(
        _("pagu akhir periode (teks asli)"), max_length=60, blank=True
    )
    declared_total = models.DecimalField(
        _("pagu akhir periode (Rp) tertulis"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Jumlah Rp 'kondisi kinerja pada akhir periode' seperti tertulis, bukan hasil hitung."
        ),
    )

    class Meta(CascadeItem.Meta):
        abstract = True

    def __str__(self) -> str:
        return "{} {}".format(self.code or self.number, self.name).strip()


class Program(CodedItem):
    """A Program of the plan, linked to the objectives it serves."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="programs")
    objectives = models.ManyToManyField(Objective, blank=True, related_name="programs")
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programs",
        verbose_name=_("unit kerja penanggung jawab"),
    )

    VERSION_PATHS = ("version_id",)

    def plan_version_id(self):
        return self.version_id

    class Meta(CodedItem.Meta):
        verbose_name = _("Program")
        verbose_name_plural = _("Program")


class Activity(CodedItem):
    """A Kegiatan of a program."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="activities")
    program_indicator = models.ForeignKey(
        "Indicator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indikator program yang didukung"),
        help_text=_(
            "Bila program punya beberapa indikator dan kegiatan disusun di bawah salah satunya."
        ),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("unit kerja penanggung jawab"),
    )
    location = models.CharField(_("lokasi"), max_length=200, blank=True)

    VERSION_PATHS = ("program__version_id",)

    def plan_version_id(self):
        return self.program.version_id

    class Meta(CodedItem.Meta):
        verbose_name = _("Kegiatan")
        verbose_name_plural = _("Kegiatan")


class SubActivity(CodedItem):
    """A Sub Kegiatan (Permendagri 90/2019 nomenclature)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="sub_activities")
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sub_activities",
        verbose_name=_("unit kerja penanggung jawab"),
    )
    location = models.CharField(_("lokasi"), max_length=200, blank=True)

    VERSION_PATHS = ("activity__program__version_id",)

    def plan_version_id(self):
        return self.activity.program.version_id

    class Meta(CodedItem.Meta):
        verbose_name = _("Sub kegiatan")
        verbose_name_plural = _("Sub kegiatan")


def _exactly_one_of(fields: tuple[str, ...]) -> Q:
    condition = Q()
    for chosen in fields:
        branch = Q(**{"{}__isnull".format(chosen): False})
        for other in fields:
            if other != chosen:
                branch &= Q(**{"{}__isnull".format(other): True})
        condition |= branch
    return condition


class Indicator(GuardedModel):
    """An indicator of performance, attached to exactly one goal, objective, program, activity
    or sub activity. `version` is the owner's plan version, kept for constant-query reads."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="indicators")
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    sub_activity = models.ForeignKey(
        SubActivity, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    number = models.CharField(_("nomor"), max_length=20, blank=True)
    name = models.TextField(_("indikator"))
    order = models.PositiveIntegerField(_("urutan"), default=0)
    kind = models.CharField(_("jenis"), max_length=10, choices=IndicatorKind.choices)
    unit = models.CharField(_("satuan"), max_length=100, blank=True)
    polarity = models.CharField(
        _("polaritas"), max_length=20, choices=Polarity.choices, default=Polarity.HIGHER_IS_BETTER
    )
    rollup = models.CharField(
        _("cara rekap triwulan"),
        max_length=10,
        choices=Rollup.choices,
        blank=True,
        help_text=_("Kosong: ditentukan dari satuan dan jenis nilai indikator."),
    )
    value_type = models.CharField(
        _("jenis nilai"), max_length=10, choices=ValueType.choices, default=ValueType.NUMBER
    )
    intended_result = models.TextField(
        _("sasaran program/kegiatan"),
        blank=True,
        help_text=_("Rumusan hasil yang hendak dicapai, seperti kolom 'Sasaran Program/Kegiatan'."),
    )
    target_group = models.CharField(_("kelompok sasaran"), max_length=300, blank=True)
    baseline_raw = models.CharField(_("kondisi awal (teks)"), max_length=300, blank=True)
    baseline_value = models.DecimalField(
        _("kondisi awal (angka)"), max_digits=24, decimal_places=4, null=True, blank=True
    )
    end_target_raw = models.CharField(_("kondisi akhir periode (teks)"), max_length=300, blank=True)
    end_target_value = models.DecimalField(
        _("kondisi akhir periode (angka)"), max_digits=24, decimal_places=4, null=True, blank=True
    )
    definition = models.TextField(_("definisi operasional"), blank=True)
    data_source = models.TextField(_("sumber data"), blank=True)
    note = models.TextField(_("catatan"), blank=True)
    source_ref = models.CharField(_("rujukan sumber"), max_length=100, blank=True)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("salinan dari"),
    )
    history = HistoricalRecords(bases=[ChangePathHistory])

    VERSION_PATHS = ("version_id",)

    def plan_version_id(self):
        return self.version_id

    class Meta:
        verbose_name = _("Indikator kinerja")
        verbose_name_plural = _("Indikator kinerja")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_of(OWNER_FIELDS),
                name="indicator_has_exactly_one_owner",
                violation_error_message=_(
                    "Indikator harus melekat pada tepat satu tujuan, sasaran, program, kegiatan "
                    "atau sub kegiatan."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def owner(self) -> models.Model:
        for field in OWNER_FIELDS:
            value = getattr(self, field + "_id")
            if value is not None:
                return getattr(self, field)
        raise ValueError("indicator without owner")  # excluded by the check constraint


class Target(GuardedModel):
    """The planned value of an indicator for one year, as printed and as parsed."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("tahun"))
    raw_text = models.CharField(_("target (teks asli)"), max_length=300)
    kind = models.CharField(_("bentuk"), max_length=10, choices=TargetKind.choices)
    value = models.DecimalField(_("nilai"), max_digits=24, decimal_places=4, null=True, blank=True)
    unit = models.CharField(_("satuan tertulis"), max_length=100, blank=True)
    grade = models.CharField(_("nilai huruf"), max_length=2, blank=True)
    components = models.JSONField(
        _("komponen"),
        default=list,
        blank=True,
        help_text=_("Untuk target gabungan: [{value, unit}], nilai sebagai teks desimal."),
    )
    inferred_note = models.TextField(
        _("catatan penempatan tahun"),
        blank=True,
        help_text=_("Diisi bila tahun target disimpulkan karena sel kosong hilang di sumber."),
    )
    history = HistoricalRecords(bases=[ChangePathHistory])

    VERSION_PATHS = ("indicator__version_id",)

    def plan_version_id(self):
        return self.indicator.version_id

    class Meta:
        verbose_name = _("Target")
        verbose_name_plural = _("Target")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="target_one_per_indicator_year",
                violation_error_message=_("Indikator ini sudah punya target untuk tahun tersebut."),
            )
        ]

    def __str__(self) -> str:
        return "{}: {}".format(self.year, self.raw_text)


class Funding(GuardedModel):
    """Indicative funding (pagu indikatif) of a program or an activity in one year, in rupiah.

    A program's row holds the total the document declares for it, kept apart from the sum of its
    activities so that a disagreement stays visible.
    """

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, null=True, blank=True, related_name="funding"
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, null=True, blank=True, related_name="funding"
    )
    sub_activity = models.ForeignKey(
        SubActivity, on_delete=models.CASCADE, null=True, blank=True, related_name="funding"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    raw_text = models.CharField(_("pagu (teks asli)"), max_length=100, blank=True)
    amount = models.DecimalField(
        _("pagu (Rp)"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    inferred_note = models.TextField(_("catatan penempatan tahun"), blank=True)
    history = HistoricalRecords(bases=[ChangePathHistory])

    VERSION_PATHS = (
        "program__version_id",
        "activity__program__version_id",
        "sub_activity__activity__program__version_id",
    )

    def plan_version_id(self):
        if self.program_id:
            return self.program.version_id
        if self.activity_id:
            return self.activity.program.version_id
        return self.sub_activity.activity.program.version_id

    class Meta:
        verbose_name = _("Pendanaan indikatif")
        verbose_name_plural = _("Pendanaan indikatif")
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_of(FUNDED_FIELDS),
                name="funding_has_exactly_one_owner",
                violation_error_message=_(
                    "Pendanaan harus milik tepat satu program, kegiatan atau sub kegiatan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=Decimal(0)),
                name="funding_not_negative",
                violation_error_message=_("Pagu indikatif tidak boleh negatif."),
            ),
            models.UniqueConstraint(
                fields=["program", "year"],
                condition=Q(program__isnull=False),
                name="funding_one_per_program_year",
                violation_error_message=_("Program ini sudah punya pagu untuk tahun tersebut."),
            ),
            models.UniqueConstraint(
                fields=["activity", "year"],
                condition=Q(activity__isnull=False),
                name="funding_one_per_activity_year",
                violation_error_message=_("Kegiatan ini sudah punya pagu untuk tahun tersebut."),
            ),
            models.UniqueConstraint(
                fields=["sub_activity", "year"],
                condition=Q(sub_activity__isnull=False),
                name="funding_one_per_sub_activity_year",
                violation_error_message=_(
                    "Sub kegiatan ini sudah punya pagu untuk tahun tersebut."
                ),
            ),
        ]

    def __str__(self) -> str:
        return "{}: {}".format(self.year, self.raw_text)


# The officials of units, the agency's assignments of units to its programs and kegiatan and
# its crosscutting links (kept beside its plans, not in their frozen versions) are in modules
# of their own (this one is long); importing them here registers them with the app, whichever
# module is imported first.
from renstra.plans import assignments, crosscutting, officials  # noqa: E402, F401
