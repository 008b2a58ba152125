"""Officials (pejabat): who headed a unit of an agency, from which day to which. A change of
official ends one period and starts another (renstra.plans.organization.record_official_change):
nothing is overwritten, so a document dated before the change still finds the official of its
day, and the Perjanjian Kinerja finds who signs and with whom.

Imported by renstra.plans.models (which holds Unit) so that Django registers the model.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from renstra.plans.choices import Acting
from renstra.plans.models import Unit, nip_digits, printed_nip, validate_nip


class OfficialQuerySet(models.QuerySet):
    def on(self, day: datetime.date) -> "OfficialQuerySet":
        """The officials in office on `day` (the first and the last day of a period count)."""
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )

    def overlapping(self, start: datetime.date, end: datetime.date | None) -> "OfficialQuerySet":
        """The officials whose period shares a day with start..end (end None: open)."""
        found = self.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        return found if end is None else found.filter(start_date__lte=end)


class Official(models.Model):
    """A person heading a unit for a period: name with titles and NIP as printed under a
    signature, rank (pangkat/golongan), the position's title, and whether they act in it (Plt.,
    Plh.). The periods of one unit's heads do not overlap (clean(); the database holds at most
    one open period per unit); an end date is the last day in office, none while in office."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="officials", verbose_name=_("unit kerja")
    )
    name = models.CharField(
        _("nama"), max_length=200, help_text=_("Nama lengkap dengan gelar, seperti dicetak.")
    )
    nip = models.CharField(
        _("NIP"),
        max_length=24,
        validators=[validate_nip],
        help_text=_("18 angka; spasi boleh, mis. 19700101 199503 1 001."),
    )
    rank = models.CharField(
        _("pangkat/golongan"),
        max_length=100,
        blank=True,
        help_text=_("Boleh kosong, mis. Pembina Tingkat I (IV/b)."),
    )
    position = models.CharField(
        _("jabatan"),
        max_length=300,
        help_text=_(
            "Seperti dicetak di bawah tanda tangan, mis. Kepala Bidang Pengembangan Aparatur."
        ),
    )
    acting = models.CharField(
        _("sifat jabatan"), max_length=4, choices=Acting.choices, blank=True, default=""
    )
    start_date = models.DateField(_("mulai menjabat"))
    end_date = models.DateField(
        _("akhir menjabat"),
        null=True,
        blank=True,
        help_text=_("Hari terakhir menjabat; kosong bila masih menjabat."),
    )
    is_example = models.BooleanField(
        _("data contoh"),
        default=False,
        help_text=_("Dibuat `renstra demo` sebagai contoh, bukan pejabat sebenarnya."),
    )
    history = HistoricalRecords()

    objects = OfficialQuerySet.as_manager()

    class Meta:
        verbose_name = _("Pejabat")
        verbose_name_plural = _("Pejabat")
        ordering = ["unit", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="official_period_ordered",
                violation_error_message=_(
                    "Akhir menjabat tidak boleh sebelum tanggal mulai menjabat."
                ),
            ),
            # Overlapping periods need a range exclusion, which SQLite lacks; these two are the
            # part of that rule both databases hold (the rest: clean()).
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(end_date__isnull=True),
                name="official_one_open_period_per_unit",
                violation_error_message=_(
                    "Unit ini sudah mempunyai pejabat yang masih menjabat: akhiri masa jabatannya "
                    "dulu (catat pergantian pejabat)."
                ),
            ),
            models.UniqueConstraint(
                fields=["unit", "start_date"],
                name="official_one_start_per_unit_day",
                violation_error_message=_(
                    "Sudah ada pejabat unit ini yang mulai menjabat pada tanggal itu."
                ),
            ),
        ]

    def __str__(self) -> str:
        return "{}, {}".format(self.printed_position, self.name)

    def clean(self) -> None:
        """The NIP is kept as its 18 digits, however typed; the period does not overlap
        another official's of the same unit."""
        super().clean()
        self.nip = nip_digits(self.nip)
        if self.unit_id is None or self.start_date is None:
            return
        if self.end_date is not None and self.end_date < self.start_date:
            return  # the check constraint says so
        other = (
            Official.objects.filter(unit_id=self.unit_id)
            .exclude(pk=self.pk)
            .overlapping(self.start_date, self.end_date)
            .order_by("start_date")
            .first()
        )
        if other is not None:
            raise ValidationError(
                _(
                    "Masa jabatan ini bertumpang tindih dengan masa jabatan {name} ({period}) "
                    "di unit yang sama: satu unit dipimpin satu pejabat pada satu waktu."
                ).format(name=other.name, period=other.period)
            )

    @property
    def printed_position(self) -> str:
        """The position as signed, e.g. "Plt. Kepala Badan ..." for an acting head."""
        return "{} {}".format(self.acting, self.position) if self.acting else self.position

    @property
    def printed_nip(self) -> str:
        return printed_nip(self.nip)

    @property
    def period(self) -> str:
        """ "1 Januari 2019 – 31 Maret 2019", or "sejak 1 April 2019" while in office."""
        start = formats.date_format(self.start_date, "j F Y")
        if self.end_date is None:
            return _("sejak {}").format(start)
        return "{} – {}".format(start, formats.date_format(self.end_date, "j F Y"))

    def in_office_on(self, day: datetime.date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)
