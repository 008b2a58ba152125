"""The daily job: which reminders are due today (collect) and making and mailing the new ones
(run_daily). Run by the `send_reminders` task or `renstra reminders` from cron, once a day;
running it again the same day (or any later day) repeats nothing, because a reminder's key
names its subject and Reminder is unique per user, kind and key.

What is reminded, and to whom:
  deadline_7 / deadline_1  a document of the register (renstra.register) not yet final whose
                           deadline is exactly 7 days / 1 day away: the agency's planners and head
  overdue                  a document past its deadline and not final (once per document, not
                           once a day: the key has no date): the agency's planners and head
  returned                 a Renstra version returned by the verifier, an LKjIP returned to draft
                           with a note: the agency's planners
  realization_missing      the last quarter that ended, for each agency's approved Renstra of
                           that year: how many indicators have no realization of it (one
                           reminder per agency and quarter): the agency's planners
"""

import datetime
import hashlib
import logging
import smtplib
from collections import defaultdict
from typing import NamedTuple

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from renstra.accounts.models import Membership, user_language
from renstra.lkjip.choices import LkjipStatus
from renstra.lkjip.models import Lkjip
from renstra.monitoring.evaluation import evaluate
from renstra.plans.choices import PlanKind, VersionStatus
from renstra.plans.models import Agency, PlanVersion, Region
from renstra.register.choices import DocumentType
from renstra.register.register import region_register
from renstra.reminders.choices import ReminderKind
from renstra.reminders.models import Reminder, ReminderSetting
from renstra.review.models import StatusChange

logger = logging.getLogger(__name__)

DAYS_BEFORE = {7: ReminderKind.DEADLINE_7, 1: ReminderKind.DEADLINE_1}


class Due(NamedTuple):
    """A reminder due to one user."""

    user: object
    kind: str
    key: str
    title: str
    text: str
    url: str


def _recipients() -> tuple[dict, dict]:
    """(agency id -> planners and head, agency id -> planners), each a list of users."""
    everyone, planners = defaultdict(list), defaultdict(list)
    memberships = Membership.objects.filter(
        role__in=("planner", "head"), agency__isnull=False, user__is_active=True
    ).select_related("user__profile")
    for membership in memberships.order_by("user_id"):
        if membership.user not in everyone[membership.agency_id]:
            everyone[membership.agency_id].append(membership.user)
        if membership.role == "planner" and membership.user not in planners[membership.agency_id]:
            planners[membership.agency_id].append(membership.user)
    return everyone, planners


def _register_reminders(today: datetime.date, everyone: dict) -> list[Due]:
    due = []
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=list(everyone))}
    regions = Region.objects.filter(agencies__in=list(agencies)).distinct().order_by("pk")
    for region in regions:
        for year in (today.year - 1, today.year, today.year + 1):
            for agency_id, rows in region_register(region, year).items():
                if agency_id not in agencies:
                    continue
                agency = agencies[agency_id]
                for row in rows:
                    if row.deadline is None or row.is_final:
                        continue
                    subject = "{}:{}:{}:{}".format(
                        row.document_type, agency_id, year, row.unit_id or "-"
                    )
                    url = row.url or reverse("register:agency", args=[agency_id])
                    days = (row.deadline - today).days
                    if row.overdue:
                        kind, key = ReminderKind.OVERDUE, subject
                    elif days in DAYS_BEFORE:
                        kind, key = DAYS_BEFORE[days], "{}:{}".format(subject, row.deadline)
                    else:
                        continue
                    users = everyone[agency_id]
                    due += _to(users, kind, key, url, _document_words, row, year, agency, days)
    return due


def _document_words(row, year: int, agency, days: int) -> tuple[str, str]:
    # The register's label was made in the language of its reading: the document type's
    # name again, in the reader's, before the unit's name (" — unit").
    label = str(DocumentType(row.document_type).label)
    if " — " in row.label:
        label += " — " + row.label.split(" — ", 1)[1]
    name = "{} {} ({})".format(label, year, agency.short_name)
    deadline = date_format(row.deadline, "j F Y")
    if row.overdue:
        title = _("Lewat tenggat: {}").format(name)
        text = _(
            "{} belum final, padahal tenggatnya {}. Selesaikan dan tetapkan "
            "dokumen itu, atau unggah dokumennya di register."
        ).format(name, deadline)
        return title, text
    title = _("Tenggat {} hari lagi: {}").format(days, name)
    text = _("{} harus final paling lambat {}; statusnya kini {}.").format(
        name, deadline, row.status_label
    )
    return title, text


def _to(users: list, kind: str, key: str, url: str, words, *args) -> list[Due]:
    """The reminder to each of `users`, its title and text (`words(*args)`) in each user's
    language (their profile's)."""
    said, due = {}, []
    for user in users:
        language = user_language(user)
        if language not in said:
            with translation.override(language):
                said[language] = words(*args)
        due.append(Due(user, kind, key, *said[language], url))
    return due


def _returned_reminders(planners: dict) -> list[Due]:
    due = []
    versions = PlanVersion.objects.filter(
        status=VersionStatus.RETURNED, plan__agency__in=list(planners)
    ).select_related("plan__agency")
    versions = list(versions.order_by("pk"))
    # The latest return of each version: a version returned again is reminded again.
    returns = {
        change.version_id: change
        for change in StatusChange.objects.filter(
            version__in=versions, to_status=VersionStatus.RETURNED
        ).order_by("pk")
    }
    for version in versions:
        change = returns.get(version.pk)
        url = reverse("plans:version", args=[version.pk])
        key = "version:{}:{}".format(version.pk, change.pk if change else "-")
        users = planners[version.plan.agency_id]
        due += _to(users, ReminderKind.RETURNED, key, url, _version_words, version, change)
    reports = Lkjip.objects.filter(status=LkjipStatus.DRAFT, agency__in=list(planners)).exclude(
        return_note=""
    )
    for report in reports.select_related("agency").order_by("pk"):
        url = reverse("lkjip:report", args=[report.pk])
        # No record of each return is kept: its note tells one return from the next.
        note = hashlib.sha1(report.return_note.encode()).hexdigest()[:12]
        key = "lkjip:{}:{}".format(report.pk, note)
        users = planners[report.agency_id]
        due += _to(users, ReminderKind.RETURNED, key, url, _lkjip_words, report)
    return due


def _version_words(version, change) -> tuple[str, str]:
    title = _("Dikembalikan: {} versi {}").format(version.plan, version.number)
    text = _("Verifikator mengembalikan versi ini; perbaiki lalu ajukan lagi.")
    if change is not None and change.note:
        text += " " + _("Catatan: {}").format(change.note)
    return title, text


def _lkjip_words(report) -> tuple[str, str]:
    title = _("Dikembalikan: {}").format(report)
    return title, _("Catatan verifikator: {}").format(report.return_note)


def last_ended_quarter(today: datetime.date) -> tuple[int, int]:
    """(year, quarter) of the last quarter that ended before `today`."""
    if today.month <= 3:
        return today.year - 1, 4
    return today.year, (today.month - 1) // 3


def _realization_reminders(today: datetime.date, planners: dict) -> list[Due]:
    year, quarter = last_ended_quarter(today)
    due = []
    versions = PlanVersion.objects.filter(
        status=VersionStatus.APPROVED,
        plan__kind=PlanKind.RENSTRA,
        plan__agency__in=list(planners),
        plan__period_start__lte=year,
        plan__period_end__gte=year,
    ).select_related("plan__agency")
    for version in versions.order_by("pk"):
        agency = version.plan.agency
        results = evaluate(version, year, today).indicators
        missing = sum(1 for r in results if quarter in r.missing)
        if not missing:
            continue
        url = reverse("monitoring:evaluation", args=[version.pk, year])
        key = "realization:{}:{}:{}".format(agency.pk, year, quarter)
        kind = ReminderKind.REALIZATION_MISSING
        args = (agency, year, quarter, missing)
        due += _to(planners[agency.pk], kind, key, url, _realization_words, *args)
    return due


def _realization_words(agency, year: int, quarter: int, missing: int) -> tuple[str, str]:
    title = _("Realisasi triwulan {} tahun {} belum diisi: {}").format(
        quarter, year, agency.short_name
    )
    text = _("{} indikator belum memiliki realisasi triwulan {} tahun {}.").format(
        missing, quarter, year
    )
    return title, text


def collect(today: datetime.date) -> list[Due]:
    """Every reminder due on `today`, to every user it concerns (whether or not it was made
    before, and whether or not the user turned its kind off: run_daily decides)."""
    everyone, planners = _recipients()
    return (
        _register_reminders(today, everyone)
        + _returned_reminders(planners)
        + _realization_reminders(today, planners)
    )


def _mail(reminder: Reminder) -> bool:
    """Send one reminder by e-mail; False when the user has no address."""
    if not reminder.user.email:
        return False
    base = getattr(settings, "RENSTRA_BASE_URL", "").rstrip("/")
    link = base + reminder.url if reminder.url else ""
    with translation.override(user_language(reminder.user)):
        footer = _("— Renstra (pengingat otomatis)")
    body = "{}\n\n{}\n\n{}".format(reminder.text, link, footer)
    send_mail(
        "[Renstra] {}".format(reminder.title),
        body.strip(),
        None,
        [reminder.user.email],
    )
    return True


def run_daily(today: datetime.date | None = None) -> int:
    """Make the reminders due today that are not made yet (skipping users who turned the kind
    off) and e-mail each new one; returns how many e-mails were sent."""
    today = today or timezone.localdate()
    off = set(ReminderSetting.objects.filter(enabled=False).values_list("user_id", "kind"))
    sent = 0
    for item in collect(today):
        if (item.user.pk, item.kind) in off:
            continue
        try:
            sent += _make(item)
        except (OSError, smtplib.SMTPException):
            # The mail server refused: this reminder is not kept, so tomorrow's run tries again.
            logger.exception(
                "pengingat %s %s untuk %s tidak terkirim", item.kind, item.key, item.user
            )
    return sent


def _make(item: Due) -> int:
    """Make one reminder unless it exists and mail it: 1 when a mail was sent."""
    with transaction.atomic():
        reminder, created = Reminder.objects.get_or_create(
            user=item.user,
            kind=item.kind,
            key=item.key[:200],
            defaults={"title": item.title[:300], "text": item.text, "url": item.url[:500]},
        )
        if not (created and _mail(reminder)):
            return 0
        reminder.emailed_at = timezone.now()
        reminder.save(update_fields=["emailed_at"])
        return 1
