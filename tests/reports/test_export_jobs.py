"""The whole plan as a background job: the version page's buttons start a job, its page shows a
progress bar that advances per table and once more for writing the file, and ends on a link to
the file. Under the test suite the task runs inline (settings: RENSTRA_TASKS defaults to
immediate under pytest); the tests marked so switch to the database backend and run the worker
(`renstra worker --batch`) for what is queued."""

import io
import logging

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from renstra.accounts.models import Membership
from renstra.plans.models import Agency
from renstra.render.registry import TABLES
from renstra.reports import tasks
from renstra.reports.export import render_plan
from renstra.reports.models import ExportJob
from tests.interchange.test_import_tasks import DATABASE_TASKS, _worker_signals_restored

# The steps of the whole plan, as the job records them: one per table of the plan document,
# in document order, then writing the file.
TABLE_STEPS = ["menyusun {}".format(t.title) for t in TABLES.values() if t.in_plan_document]
STEPS = len(TABLE_STEPS) + 1


@pytest.fixture
def database_tasks(settings, monkeypatch):
    """The production backend: tasks wait in the database until a worker runs them."""
    settings.TASKS = DATABASE_TASKS
    # The worker drops connections that are not in autocommit between tasks; the test's own
    # transaction is such a connection.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    def run_worker():
        with _worker_signals_restored():
            call_command("worker", "--batch", "--interval", "0", verbosity=0)

    return run_worker


@pytest.fixture
def progress_seen(monkeypatch):
    """What the job's row holds after each progress step is written (what a poll would read),
    in order."""
    seen = []
    real = tasks.record_progress

    def spy(job, done, total, label):
        real(job, done, total, label)
        seen.append(
            ExportJob.objects.values_list("stage", "steps_done", "steps_total", "step_label").get(
                pk=job.pk
            )
        )

    monkeypatch.setattr(tasks, "record_progress", spy)
    return seen


def _start(client, version, fmt, paper="f4"):
    response = client.post("/versi/{}/ekspor/renstra.{}".format(version.pk, fmt), {"kertas": paper})
    assert response.status_code == 302, response.content.decode()[:500]
    job = ExportJob.objects.get(pk=int(response["Location"].strip("/").split("/")[-1]))
    assert response["Location"] == "/ekspor/{}/".format(job.pk)
    return job


def _status(client, job):
    return client.get("/ekspor/{}/kemajuan.json".format(job.pk)).json()


def test_the_version_page_starts_jobs_for_signed_in_readers_and_links_files_for_the_public(
    client, v2, make_user
):
    public = client.get("/versi/{}/".format(v2.pk)).content.decode()
    assert 'href="/versi/{}/renstra.pdf"'.format(v2.pk) in public
    assert "/ekspor/" not in public

    client.force_login(make_user("perencana_uji", "planner", v2))
    html = client.get("/versi/{}/".format(v2.pk)).content.decode()
    assert '<form method="post" action="/versi/{}/ekspor/renstra.pdf"'.format(v2.pk) in html
    assert '<form method="post" action="/versi/{}/ekspor/renstra.xlsx"'.format(v2.pk) in html
    assert '<button type="submit" name="kertas" value="a4">PDF A4</button>' in html
    assert 'href="/versi/{}/renstra.pdf"'.format(v2.pk) not in html


def test_a_pdf_job_advances_per_table_and_ends_with_the_whole_plan(
    client, draft, make_user, progress_seen
):
    client.force_login(make_user("perencana_uji", "planner", draft))
    job = _start(client, draft, "pdf")
    job.refresh_from_db()

    assert progress_seen == [
        *[("building", done, STEPS, label) for done, label in enumerate(TABLE_STEPS)],
        ("building", STEPS - 1, STEPS, "menulis berkas PDF"),
    ]
    assert TABLE_STEPS[0] == "menyusun Tabel 5.1 Tujuan, Sasaran, Strategi dan Arah Kebijakan"
    assert (job.stage, job.steps_done, job.steps_total, job.errors) == ("done", STEPS, STEPS, [])
    assert job.file_name == "renstra-bkpsdm-2016-2021-v3.pdf"
    assert job.task_id and job.started_at <= job.finished_at

    reader = PdfReader(io.BytesIO(bytes(job.content)))
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "Rencana Strategis Badan Kepegawaian" in cover and "Versi 3" in cover
    text = " ".join(" ".join(page.extract_text() for page in reader.pages[1:]).split()).upper()
    for definition in TABLES.values():
        if definition.in_plan_document:
            assert definition.title.upper() in text

    html = client.get("/ekspor/{}/".format(job.pk)).content.decode()
    assert '<progress id="kemajuan" max="7" value="7">' in html
    assert "Tahap 7 dari 7: selesai" in html and "data-status-url" not in html
    assert (
        '<a href="/ekspor/{}/berkas" download="renstra-bkpsdm-2016-2021-v3.pdf">'
        "Unduh renstra-bkpsdm-2016-2021-v3.pdf</a>".format(job.pk)
    ) in html
    assert _status(client, job) == {
        "stage": "done",
        "label": "selesai",
        "step": 7,
        "done": 7,
        "steps": 7,
        "finished": True,
        "text": "Tahap 7 dari 7: selesai",
    }
    download = client.get("/ekspor/{}/berkas".format(job.pk))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        'attachment; filename="renstra-bkpsdm-2016-2021-v3.pdf"'
    )
    assert download.content == bytes(job.content)


def test_an_xlsx_job_on_a4_is_the_whole_workbook(client, v2, make_user, progress_seen):
    client.force_login(make_user("perencana_uji", "planner", v2))
    job = _start(client, v2, "xlsx", paper="a4")
    job.refresh_from_db()
    assert [label for *_, label in progress_seen] == [*TABLE_STEPS, "menulis berkas Excel"]
    assert (job.stage, job.file_format, job.paper) == ("done", "xlsx", "a4")
    download = client.get("/ekspor/{}/berkas".format(job.pk))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(download.content))
    assert workbook.sheetnames == [
        "Tabel 5.1",
        "Indikator Tujuan dan Sasaran",
        "Tabel 6.1",
        "Tabel 6.2",
        "Tabel 7.1",
        "T-C.27",
    ]
    assert {int(ws.page_setup.paperSize) for ws in workbook.worksheets} == {9}  # A4


def test_the_progress_callback_reports_every_step_of_the_whole_plan(v2):
    calls = []
    body = render_plan(v2, "xlsx", progress=lambda *step: calls.append(step))
    assert calls == [
        *[(done, STEPS, label) for done, label in enumerate(TABLE_STEPS)],
        (STEPS - 1, STEPS, "menulis berkas Excel"),
    ]
    assert body.startswith(b"PK")
    with pytest.raises(ValueError, match="bukan 'csv'"):
        render_plan(v2, "csv", progress=lambda *step: calls.append(step))
    assert len(calls) == STEPS  # nothing built for a format that cannot be made


def test_starting_a_job_needs_the_right_to_read_the_version(client, draft, make_user):
    url = "/versi/{}/ekspor/renstra.pdf".format(draft.pk)
    other_agency = Agency.objects.create(
        region=draft.plan.agency.region, short_name="DISKOMINFO", name="Dinas Kominfo"
    )
    other = get_user_model().objects.create_user("perencana_lain", password="rahasia-123")
    Membership.objects.create(user=other, role="planner", agency=other_agency)
    client.force_login(other)
    assert client.post(url, {"kertas": "f4"}).status_code == 404
    client.logout()
    response = client.post(url, {"kertas": "f4"})
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")
    client.force_login(make_user("perencana_uji", "planner", draft))
    assert client.get(url).status_code == 405  # a job is started by a form, not by a link
    assert client.post(url, {"kertas": "b5"}).status_code == 404
    assert client.post("/versi/{}/ekspor/renstra.csv".format(draft.pk)).status_code == 404
    assert not ExportJob.objects.exists()
    # A verifier of the region reads the draft, and so may have its file.
    client.force_login(make_user("verifikator_uji", "verifier", draft))
    assert _start(client, draft, "xlsx").user.username == "verifikator_uji"


def test_only_the_owner_and_administrators_see_a_job_and_its_file(client, v2, make_user):
    client.force_login(make_user("perencana_uji", "planner", v2))
    job = _start(client, v2, "xlsx")
    urls = ["/ekspor/{}/".format(job.pk), "/ekspor/{}/kemajuan.json".format(job.pk)]
    urls.append("/ekspor/{}/berkas".format(job.pk))
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    for other in (
        make_user("perencana_lain", "planner", v2),  # same agency, not the one who asked
        make_user("kepala_uji", "head", v2),
        make_user("auditor_uji", "auditor"),
    ):
        client.force_login(other)
        assert [client.get(url).status_code for url in urls] == [404, 404, 404], other
    client.force_login(make_user("admin_uji", "admin"))
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    client.logout()
    assert [client.get(url).status_code for url in urls] == [302, 302, 302]


def test_a_failure_of_the_system_is_shown_in_indonesian(client, v2, make_user, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(tasks, "render_plan", broken)
    client.force_login(make_user("perencana_uji", "planner", v2))
    with caplog.at_level(logging.ERROR, logger="renstra.reports.tasks"):
        job = _start(client, v2, "pdf")
    job.refresh_from_db()
    assert job.stage == "failed" and bytes(job.content) == b"" and job.finished_at
    assert job.errors == [
        "Berkas tidak dapat dibuat karena kesalahan sistem. Coba lagi dari halaman versi, atau "
        "laporkan ke administrator."
    ]
    assert "export job {} failed".format(job.pk) in caplog.text and "disk penuh" in caplog.text
    html = client.get("/ekspor/{}/".format(job.pk)).content.decode()
    assert "kesalahan sistem" in html and "disk penuh" not in html
    assert "Tahap 1 dari 7: gagal (membaca Renstra)" in html
    assert 'id="hasil"' not in html and 'href="/versi/{}/"'.format(v2.pk) in html
    state = _status(client, job)
    assert (state["stage"], state["finished"]) == ("failed", True)
    assert client.get("/ekspor/{}/berkas".format(job.pk)).status_code == 404


def test_the_poll_reads_neither_the_file_nor_the_errors(client, v2, make_user):
    client.force_login(make_user("perencana_uji", "planner", v2))
    job = _start(client, v2, "xlsx")
    with CaptureQueriesContext(connection) as captured:
        assert _status(client, job)["finished"] is True
    # The session, the user, their profile (language), and the job.
    assert len(captured) == 4
    job_query = captured.captured_queries[-1]["sql"]
    assert '"content"' not in job_query and '"errors"' not in job_query


def test_the_database_backend_queues_the_job_until_a_worker_builds_it(
    client, draft, make_user, database_tasks, progress_seen
):
    client.force_login(make_user("perencana_uji", "planner", draft))
    job = _start(client, draft, "xlsx")
    job.refresh_from_db()
    assert (job.stage, job.steps_done, job.steps_total) == ("queued", 0, 7)
    task = DBTaskResult.objects.get(pk=job.task_id)
    assert task.status == "READY" and task.task_path == "renstra.reports.tasks.run_export"

    html = client.get("/ekspor/{}/".format(job.pk)).content.decode()
    assert 'data-status-url="/ekspor/{}/kemajuan.json"'.format(job.pk) in html
    assert '<progress id="kemajuan" max="7" value="0">' in html
    assert "Tahap 0 dari 7: menunggu" in html and "/static/reports/export.js" in html
    state = _status(client, job)
    assert (state["stage"], state["step"], state["done"], state["finished"]) == (
        "queued",
        0,
        0,
        False,
    )

    database_tasks()

    job.refresh_from_db()
    task.refresh_from_db()
    assert job.stage == "done" and task.status == "SUCCESSFUL"
    assert task.return_value == len(bytes(job.content)) > 0
    assert len(progress_seen) == STEPS
    assert _status(client, job)["text"] == "Tahap 7 dari 7: selesai"


def test_a_job_run_twice_is_built_once(client, draft, make_user, database_tasks, progress_seen):
    client.force_login(make_user("perencana_uji", "planner", draft))
    job = _start(client, draft, "xlsx")
    # A second task for the same job (a retry after its worker died, or one enqueued twice).
    tasks.run_export.enqueue(job.pk)
    database_tasks()
    job.refresh_from_db()
    assert job.stage == "done" and len(progress_seen) == STEPS
    first = (bytes(job.content), job.started_at, job.finished_at)
    assert sorted(DBTaskResult.objects.values_list("status", "return_value")) == sorted(
        [("SUCCESSFUL", len(first[0])), ("SUCCESSFUL", 0)]
    )
    assert tasks.run_export.call(job.pk) == 0  # and once more, inline
    job.refresh_from_db()
    assert (bytes(job.content), job.started_at, job.finished_at) == first
    assert len(progress_seen) == STEPS


def test_a_right_lost_while_the_job_waits_is_checked_again(
    client, draft, make_user, database_tasks
):
    planner = make_user("perencana_uji", "planner", draft)
    client.force_login(planner)
    job = _start(client, draft, "pdf")
    planner.memberships.all().delete()
    database_tasks()
    job.refresh_from_db()
    assert job.stage == "failed" and bytes(job.content) == b""
    assert job.errors == [
        "Anda tidak lagi berhak membaca versi Renstra ini, sehingga berkasnya tidak dibuat."
    ]
    html = client.get("/ekspor/{}/".format(job.pk)).content.decode()
    assert "tidak lagi berhak membaca versi Renstra ini" in html


@pytest.fixture
def caching(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


def test_a_frozen_versions_file_is_built_once_for_jobs_and_downloads(
    client, v2, make_user, caching, monkeypatch
):
    builds = []
    real = tasks.render_plan
    monkeypatch.setattr(
        tasks, "render_plan", lambda *args, **kwargs: builds.append(1) or real(*args, **kwargs)
    )
    client.force_login(make_user("perencana_uji", "planner", v2))
    first, second = _start(client, v2, "xlsx"), _start(client, v2, "xlsx")
    first.refresh_from_db()
    second.refresh_from_db()
    assert builds == [1]
    assert bytes(second.content) == bytes(first.content) and second.stage == "done"
    assert second.steps_done == second.steps_total == STEPS
    # The direct download of the same file reads the same cache entry.
    direct = client.get("/versi/{}/renstra.xlsx".format(v2.pk))
    assert direct.content == bytes(first.content) and builds == [1]


def test_a_finished_job_and_its_file_are_forgotten_after_a_week(client, v2, make_user):
    from datetime import timedelta

    from django.utils import timezone

    client.force_login(make_user("perencana_uji", "planner", v2))
    old, recent = _start(client, v2, "xlsx"), _start(client, v2, "xlsx")
    now = timezone.now()
    ExportJob.objects.filter(pk=old.pk).update(finished_at=now - tasks.KEEP - timedelta(hours=1))
    ExportJob.objects.filter(pk=recent.pk).update(finished_at=now - tasks.KEEP + timedelta(hours=1))
    newest = _start(client, v2, "pdf")  # the next job clears what is older than a week
    assert set(ExportJob.objects.values_list("pk", flat=True)) == {recent.pk, newest.pk}
    assert client.get("/ekspor/{}/berkas".format(old.pk)).status_code == 404
    assert client.get("/ekspor/{}/berkas".format(recent.pk)).status_code == 200
