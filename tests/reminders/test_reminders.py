"""The daily reminders: due documents (7 days and 1 day before the deadline, overdue), once per
user and document however often the job runs, none of a kind a user turned off; the pages."""

import datetime
import io
from collections import Counter

import pytest
from django.core import mail
from django.core.management import call_command

from renstra.accounts.models import Profile
from renstra.lkjip.services import create_lkjip, return_lkjip, submit_lkjip
from renstra.monitoring.evaluation import evaluate
from renstra.register.register import region_register
from renstra.reminders.daily import collect, last_ended_quarter, run_daily
from renstra.reminders.models import Reminder, ReminderSetting
from renstra.reminders.services import set_enabled_kinds
from renstra.reminders.tasks import send_reminders
from renstra.review.services import change_status

PAST_PK_DEADLINE = datetime.date(2019, 4, 16)  # the PK of 2019 was due on 31 January 2019
QUERIES = 5  # session, user, profile (language), reminders, unread count; however many


def _overdue_keys(agency, today):
    """The register's overdue documents of the agency, as the daily job keys them."""
    keys = set()
    for year in (today.year - 1, today.year, today.year + 1):
        for row in region_register(agency.region, year)[agency.pk]:
            if row.overdue:
                keys.add(
                    "{}:{}:{}:{}".format(row.document_type, agency.pk, year, row.unit_id or "-")
                )
    return keys


def _overdue_mails():
    return Counter(
        message.to[0] for message in mail.outbox if message.subject.startswith("[Renstra] Lewat")
    )


def test_past_a_deadline_each_user_gets_one_mail_per_overdue_document(
    today, head_pk, planner, head, make_user, v2
):
    quiet = make_user("perencana_tanpa_pengingat", "planner", v2)
    quiet.email = "diam@contoh.go.id"
    quiet.save(update_fields=["email"])
    set_enabled_kinds(user=quiet, kinds={"deadline_7", "deadline_1", "returned"})
    today(PAST_PK_DEADLINE)
    agency = v2.plan.agency
    overdue = _overdue_keys(agency, PAST_PK_DEADLINE)
    pk_key = "pk:{}:2019:{}".format(agency.pk, head_pk.unit_id)
    unit = head_pk.unit.name
    assert pk_key in overdue

    sent = run_daily()

    assert _overdue_mails() == {planner.email: len(overdue), head.email: len(overdue)}
    for user in (planner, head):
        keys = Reminder.objects.filter(user=user, kind="overdue").values_list("key", flat=True)
        assert sorted(keys) == sorted(overdue)
    assert sent == len(mail.outbox) == Reminder.objects.exclude(emailed_at=None).count()
    pk_mail = [
        m
        for m in mail.outbox
        if m.to == [planner.email] and "Perjanjian Kinerja — {} 2019".format(unit) in m.subject
    ]
    assert len(pk_mail) == 1 and "31 Januari 2019" in pk_mail[0].body
    # The user who turned "overdue" off: no mail, no reminder of that kind.
    assert quiet.email not in _overdue_mails()
    assert not Reminder.objects.filter(user=quiet, kind="overdue").exists()

    # The next day, and again: nothing twice.
    mail.outbox.clear()
    today(PAST_PK_DEADLINE + datetime.timedelta(days=1))
    assert run_daily() == 0
    assert run_daily() == 0
    assert mail.outbox == []
    assert Reminder.objects.filter(user=planner, kind="overdue").count() == len(overdue)


@pytest.mark.parametrize(
    "day,kind",
    [
        (datetime.date(2019, 1, 24), "deadline_7"),
        (datetime.date(2019, 1, 30), "deadline_1"),
    ],
)
def test_deadline_reminders_come_7_days_and_1_day_before(today, head_pk, planner, head, day, kind):
    today(day)
    agency = head_pk.agency
    key = "pk:{}:2019:{}:2019-01-31".format(agency.pk, head_pk.unit_id)

    run_daily()

    for user in (planner, head):
        reminder = Reminder.objects.get(user=user, kind=kind, key=key)
        assert reminder.url == "/pk/{}/".format(head_pk.pk)
    other = {"deadline_7": "deadline_1", "deadline_1": "deadline_7"}[kind]
    assert not Reminder.objects.filter(kind=other, key=key).exists()
    pk_2019 = "pk:{}:2019:".format(agency.pk)
    assert not Reminder.objects.filter(kind="overdue", key__startswith=pk_2019).exists()
    subjects = [m.subject for m in mail.outbox if m.to == [planner.email]]
    days = {"deadline_7": 7, "deadline_1": 1}[kind]
    assert (
        "[Renstra] Tenggat {} hari lagi: Perjanjian Kinerja — {} 2019 ({})".format(
            days, head_pk.unit.name, agency.short_name
        )
        in subjects
    )


def test_no_deadline_reminder_on_other_days(today, head_pk, planner):
    today(datetime.date(2019, 1, 25))
    due = collect(datetime.date(2019, 1, 25))
    kinds = {item.kind for item in due if item.user == planner and item.key.startswith("pk:")}
    assert kinds == {"overdue"}  # the PK of 2018 only; nothing yet of 2019's


def test_a_returned_version_reminds_the_planners_once_per_return(today, draft, planner, head):
    today(datetime.date(2019, 6, 1))
    change_status(version=draft, to_status="submitted", user=planner)
    change_status(version=draft, to_status="returned", note="Lengkapi target 2020.")

    run_daily()
    run_daily()

    returned = Reminder.objects.filter(kind="returned", key__startswith="version:")
    assert list(returned.values_list("user", flat=True)) == [planner.pk]
    assert returned.get().text.endswith("Catatan: Lengkapi target 2020.")
    # Returned again after a new submission: a new reminder.
    change_status(version=draft, to_status="submitted", user=planner)
    change_status(version=draft, to_status="returned", note="Target 2021 belum ada.")
    run_daily()
    assert returned.count() == 2


def test_last_ended_quarter():
    assert last_ended_quarter(datetime.date(2019, 1, 5)) == (2018, 4)
    assert last_ended_quarter(datetime.date(2019, 4, 1)) == (2019, 1)
    assert last_ended_quarter(datetime.date(2019, 12, 31)) == (2019, 3)


def test_the_pages_list_and_mark_read(client, today, head_pk, planner, head):
    today(PAST_PK_DEADLINE)
    run_daily()
    mine = Reminder.objects.filter(user=planner)
    first = mine.order_by("pk").first()
    client.force_login(planner)

    page = client.get("/akun/pengingat/")

    assert page.status_code == 200
    assert first.title in page.content.decode()
    assert page.context["unread"] == mine.count()
    assert client.post("/akun/pengingat/dibaca/", {"reminder": first.pk}).status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None
    assert mine.filter(read_at=None).count() == mine.count() - 1
    # Someone else's reminder is not marked by this user.
    theirs = Reminder.objects.filter(user=head).first()
    client.post("/akun/pengingat/dibaca/", {"reminder": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.read_at is None
    client.post("/akun/pengingat/dibaca/", {})
    assert mine.filter(read_at=None).count() == 0


def test_the_settings_page_turns_kinds_off_and_on(client, planner):
    client.force_login(planner)
    page = client.get("/akun/pengingat/pengaturan/")
    assert page.status_code == 200
    assert all(enabled for _, _, enabled in page.context["kinds"])

    client.post("/akun/pengingat/pengaturan/", {"kinds": ["deadline_7", "returned"]})

    off = ReminderSetting.objects.filter(user=planner, enabled=False).values_list("kind", flat=True)
    assert sorted(off) == ["deadline_1", "overdue", "realization_missing"]
    client.post("/akun/pengingat/pengaturan/", {"kinds": ["overdue"]})
    on = ReminderSetting.objects.filter(user=planner, enabled=True).values_list("kind", flat=True)
    assert list(on) == ["overdue"]


def test_the_task_runs_the_daily_job(today, head_pk, planner):
    today(PAST_PK_DEADLINE)
    result = send_reminders.enqueue()  # the suite's backend runs it at once
    assert result.return_value == len(mail.outbox) > 0
    assert Reminder.objects.filter(user=planner, kind="overdue").exists()


def test_realization_missing_after_a_quarter_reminds_the_planners_once(today, planner, head, v2):
    day = datetime.date(2019, 4, 16)  # the first quarter of 2019 ended
    today(day)
    missing = sum(1 for r in evaluate(v2, 2019, day).indicators if 1 in r.missing)
    assert missing > 0

    run_daily()
    run_daily()

    reminders = Reminder.objects.filter(kind="realization_missing")
    assert list(reminders.values_list("user", "key")) == [
        (planner.pk, "realization:{}:2019:1".format(v2.plan.agency_id))
    ]
    assert (
        reminders.get().text
        == "{} indikator belum memiliki realisasi triwulan 1 tahun 2019.".format(missing)
    )


def test_the_command_runs_the_daily_job(today, head_pk, planner):
    today(PAST_PK_DEADLINE)
    out = io.StringIO()
    call_command("reminders", stdout=out)
    assert out.getvalue() == "Pengingat hari ini: {} e-mail terkirim.\n".format(len(mail.outbox))
    assert Reminder.objects.filter(user=planner, kind="overdue").exists()


def test_the_pages_in_english(client, planner):
    Profile.objects.create(user=planner, language="en")
    client.force_login(planner)
    page = client.get("/akun/pengingat/").content.decode()
    assert "<h1>Reminders</h1>" in page
    assert "No reminders yet." in page
    assert ">reminders</a>" in page
    settings_page = client.get("/akun/pengingat/pengaturan/").content.decode()
    assert "<h1>Reminder settings</h1>" in settings_page
    assert "Document deadline in 7 days" in settings_page


def test_a_returned_lkjip_reminds_the_planners(today, planner, head, v2):
    today(datetime.date(2019, 3, 10))
    report = create_lkjip(agency=v2.plan.agency, year=2018, user=planner)
    submit_lkjip(lkjip=report)
    return_lkjip(lkjip=report, note="Analisis sasaran 2 belum ada.")

    run_daily()
    run_daily()

    returned = Reminder.objects.filter(kind="returned", key__startswith="lkjip:")
    assert list(returned.values_list("user", flat=True)) == [planner.pk]
    assert returned.get().text == "Catatan verifikator: Analisis sasaran 2 belum ada."
    assert returned.get().url == "/lkjip/{}/".format(report.pk)


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_reads_a_fixed_number_of_queries(
    client, planner, django_assert_num_queries, count
):
    for n in range(count):
        Reminder.objects.create(user=planner, kind="overdue", key="uji:{}".format(n), title="T")
    client.force_login(planner)
    with django_assert_num_queries(QUERIES):
        assert client.get("/akun/pengingat/").status_code == 200


def test_a_user_who_reads_english_gets_reminders_in_english(today, head_pk, planner, head):
    Profile.objects.create(user=head, language="en")
    today(PAST_PK_DEADLINE)

    run_daily()

    key = "pk:{}:2019:{}".format(head_pk.agency_id, head_pk.unit_id)
    english = Reminder.objects.get(user=head, kind="overdue", key=key)
    assert english.title.startswith("Overdue: ")
    assert english.title.endswith("— {} 2019 ({})".format(head_pk.unit.name, "BKPSDM"))
    assert "31 January 2019" in english.text
    assert Reminder.objects.get(user=planner, kind="overdue", key=key).title.startswith(
        "Lewat tenggat: Perjanjian Kinerja — "
    )
    mail_en = [
        m for m in mail.outbox if m.to == [head.email] and m.subject == "[Renstra] " + english.title
    ]
    assert len(mail_en) == 1 and mail_en[0].body.endswith("— Renstra (automatic reminder)")
