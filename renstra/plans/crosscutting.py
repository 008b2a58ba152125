"""Crosscutting (keterkaitan lintas Perangkat Daerah): an item of one agency's performance tree
that another agency's item contributes to, or shares a result with, in the same region. The
link is shown on both agencies' trees: going out of the one, coming in to the other.

Both ends are named as UnitAssignment names an item (renstra.plans.item_refs): by agency,
level, code (a sasaran's number) and the name it had when linked. A link made on a draft holds
for the approved version that follows, and a link to another agency's approved plan holds for
its reviews; neither end's frozen version is touched. An end that a version no longer has is
not drawn on that version's tree.

Imported by renstra.plans.models so that Django registers the model.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from renstra.plans.choices import PlanKind, VersionStatus
from renstra.plans.item_refs import REF_LEVELS, ItemRef, code_of
from renstra.plans.levels import BY_KEY
from renstra.plans.models import Agency, PlanVersion

LEVEL_CHOICES = [(key, _(BY_KEY[key].label_source)) for key in REF_LEVELS]


class CrosscuttingLink(models.Model):
    """An item of `from_agency`'s plan linked to an item of `to_agency`'s, with a note saying
    what the one does for the other."""

    from_agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="crosscutting_out"
    )
    from_level = models.CharField(_("tingkat asal"), max_length=20, choices=LEVEL_CHOICES)
    from_code = models.CharField(_("kode atau nomor asal"), max_length=40, blank=True)
    from_name = models.CharField(_("uraian asal"), max_length=1000)
    to_agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="crosscutting_in",
        verbose_name=_("Perangkat Daerah tujuan"),
    )
    to_level = models.CharField(_("tingkat tujuan"), max_length=20, choices=LEVEL_CHOICES)
    to_code = models.CharField(_("kode atau nomor tujuan"), max_length=40, blank=True)
    to_name = models.CharField(_("uraian tujuan"), max_length=1000)
    note = models.TextField(
        _("keterangan"),
        blank=True,
        help_text=_("Peran masing-masing, mis. 'data pegawai untuk perhitungan formasi guru'."),
    )
    is_example = models.BooleanField(_("data contoh"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    # The receiving agency's answer: a link is proposed by the agency whose item it goes out
    # of, and the agency it goes to accepts it or rejects it with a reason.
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=[
            ("proposed", _("Diusulkan")),
            ("accepted", _("Diterima")),
            ("rejected", _("Ditolak")),
        ],
        default="proposed",
    )
    decision_note = models.TextField(_("catatan keputusan"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)

    class Meta:
        verbose_name = _("Keterkaitan crosscutting")
        verbose_name_plural = _("Keterkaitan crosscutting")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_agency=F("to_agency")),
                name="crosscutting_between_two_agencies",
                violation_error_message=_(
                    "Crosscutting menghubungkan dua Perangkat Daerah yang berbeda."
                ),
            ),
            models.UniqueConstraint(
                fields=[
                    "from_agency",
                    "from_level",
                    "from_code",
                    "from_name",
                    "to_agency",
                    "to_level",
                    "to_code",
                    "to_name",
                ],
                name="crosscutting_link_once",
                violation_error_message=_("Keterkaitan crosscutting ini sudah tercatat."),
            ),
        ]

    def __str__(self) -> str:
        return "{} {} -> {} {}".format(
            self.from_agency.short_name,
            self.from_ref.label,
            self.to_agency.short_name,
            self.to_ref.label,
        )

    @property
    def from_ref(self) -> ItemRef:
        return ItemRef(self.from_level, self.from_code, self.from_name)

    @property
    def to_ref(self) -> ItemRef:
        return ItemRef(self.to_level, self.to_code, self.to_name)

    def clean(self) -> None:
        super().clean()
        if self.from_agency_id and self.to_agency_id:
            if self.from_agency_id == self.to_agency_id:
                raise ValidationError(
                    {
                        "to_agency": gettext(
                            "Pilih Perangkat Daerah lain: crosscutting menghubungkan dua "
                            "Perangkat Daerah yang berbeda."
                        )
                    }
                )
            if self.from_agency.region_id != self.to_agency.region_id:
                raise ValidationError(
                    {
                        "to_agency": gettext(
                            "Crosscutting hanya antar-Perangkat Daerah di Pemda yang sama."
                        )
                    }
                )


# --- reads ---------------------------------------------------------------------------------


def version_in_force(agency_field: str) -> Subquery:
    """The id of the Renstra version in force of the agency in `agency_field` of the outer
    query: the newest approved one, else the newest on its way (as rpjmd.IN_FORCE)."""
    ranked = models.Case(
        models.When(status=VersionStatus.APPROVED, then=0),
        models.When(status=VersionStatus.VERIFIED, then=1),
        default=2,
    )
    versions = (
        PlanVersion.objects.filter(
            plan__agency=OuterRef(agency_field),
            plan__kind=PlanKind.RENSTRA,
            status__in=(VersionStatus.APPROVED, VersionStatus.VERIFIED, VersionStatus.SUBMITTED),
        )
        .annotate(rank=ranked)
        .order_by("rank", "-plan__period_start", "-number")
        .values("pk")[:1]
    )
    return Subquery(versions)


def links_of(agency: Agency) -> list[CrosscuttingLink]:
    """The links going out of and coming in to `agency`, each with both agencies and the id of
    the other agency's version in force (`other_version_id`, None without one): one query."""
    return list(
        CrosscuttingLink.objects.filter(Q(from_agency=agency) | Q(to_agency=agency))
        .select_related("from_agency", "to_agency")
        .annotate(
            from_version_id=version_in_force("from_agency"),
            to_version_id=version_in_force("to_agency"),
        )
        .order_by("pk")
    )


@dataclass
class LinkEnd:
    """An item that may be linked: its level, the item, and how the form lists it."""

    level: str
    item: object

    @property
    def ref(self) -> ItemRef:
        return ItemRef.of(self.level, self.item)


# --- writes --------------------------------------------------------------------------------


@transaction.atomic
def create_link(
    *,
    from_agency: Agency,
    source: LinkEnd,
    to_agency: Agency,
    target: LinkEnd,
    note: str = "",
    user=None,
    is_example: bool = False,
) -> CrosscuttingLink:
    """Link `source` (an item of a version of `from_agency`) to `target` (an item of
    `to_agency`'s). ValidationError (Indonesian) and nothing stored when refused."""
    link = CrosscuttingLink(
        from_agency=from_agency,
        from_level=source.level,
        from_code=code_of(source.level, source.item),
        from_name=source.item.name,
        to_agency=to_agency,
        to_level=target.level,
        to_code=code_of(target.level, target.item),
        to_name=target.item.name,
        note=note.strip(),
        created_by=user,
        is_example=is_example,
    )
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def delete_link(*, link: CrosscuttingLink) -> None:
    link.delete()


@transaction.atomic
def decide_link(*, link: CrosscuttingLink, accept: bool, note: str = "", user=None) -> None:
    """The receiving agency accepts the link, or rejects it with a reason (the proposing
    agency sees it and may change or remove its link). A decision may be changed later."""
    note = " ".join(note.split())
    if not accept and not note:
        raise ValidationError(
            {"note": gettext("Tuliskan alasan penolakan, agar Perangkat Daerah pengusul tahu.")}
        )
    link.status = "accepted" if accept else "rejected"
    link.decision_note = note
    link.decided_by = user
    link.decided_at = timezone.now()
    link.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
