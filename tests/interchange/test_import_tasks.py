"""Imports as background tasks: the import page stores the upload as a job and moves on to the
job's page, which shows its stage and ends with a link to the new version or with every error
and its CSV. Under the test suite the task runs inline (settings: RENSTRA_TASKS defaults to
immediate under pytest); the tests marked so switch to the real database backend and run the
worker (`renstra worker`, django-tasks-db's db_worker) for what is queued."""

import json
import signal
import sys
import time
from contextlib import contextmanager
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from renstra.interchange import tasks
from renstra.interchange.jsonio import comparable, export_version
from renstra.interchange.models import ImportJob
from renstra.plans.models import Indicator, PlanVersion
from renstra.site.management.commands import serve
from tests.interchange.drafts import as_next_draft

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _json_upload(document, name="renstra.json"):
    return SimpleUploadedFile(name, json.dumps(document).encode(), "application/json")


def _broken(v2) -> dict:
    document = export_version(v2)
    document["programs"][0]["funding"][0]["raw_text"] = "sejuta"
    document["programs"][1]["name"] = ""
    document["programs"][2]["indicators"][0]["unit"] = "x" * 500
    return document


def _post(client, upload, revises=None):
    data = {"berkas": upload, "revisi": str(revises.pk) if revises else ""}
    response = client.post("/impor/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    job = ImportJob.objects.get(pk=int(response["Location"].strip("/").split("/")[-1]))
    assert response["Location"] == "/impor/{}/".format(job.pk)
    return job


@contextmanager
def _worker_signals_restored():
    """db_worker sets its own SIGINT/SIGTERM handlers (to finish the task at hand) and leaves
    them; the test session gets its own back."""
    names = [signal.SIGINT, signal.SIGTERM] + (
        [signal.SIGQUIT] if hasattr(signal, "SIGQUIT") else []
    )
    saved = {name: signal.getsignal(name) for name in names}
    try:
        yield
    finally:
        for name, handler in saved.items():
            signal.signal(name, handler)


@pytest.fixture
def database_tasks(settings, monkeypatch):
    """The production backend: tasks wait in the database until a worker runs them."""
    settings.TASKS = DATABASE_TASKS
    # Between tasks the worker drops connections that are not in autocommit; the test's own
    # transaction is such a connection (on PostgreSQL it would be closed under the test).
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    def run_worker():
        with _worker_signals_restored():
            call_command("worker", "--batch", "--interval", "0", verbosity=0)

    return run_worker


def test_a_rejected_import_shows_every_error_on_the_job_page_and_in_its_csv(client, v2, make_user):
    client.force_login(make_user("perencana_uji", "planner", v2))
    before = Indicator.objects.count(), PlanVersion.objects.count()
    job = _post(client, _json_upload(_broken(v2)), revises=v2)
    job.refresh_from_db()
    assert job.stage == "rejected" and job.version is None and bytes(job.content) == b""
    assert (Indicator.objects.count(), PlanVersion.objects.count()) == before
    paths = [e["column"] for e in job.errors]
    assert "$.programs[0].funding[0].raw_text" in paths and "$.programs[1].name" in paths
    assert len(job.errors) >= 3

    html = client.get("/impor/{}/".format(job.pk)).content.decode()
    assert html.count("<tr><td>renstra.json") == len(job.errors)
    for error in job.errors:
        assert error["column"] in html
    assert "Impor renstra.json ditolak: {} kesalahan".format(len(job.errors)) in html
    assert "data-status-url" not in html  # finished: nothing to poll
    # The CSV: a header, then one row per error, in the page's order.
    start = html.index('href="data:text/csv;charset=utf-8,') + len(
        'href="data:text/csv;charset=utf-8,'
    )
    csv_text = unquote(html[start : html.index('"', start)].replace("&amp;", "&"))
    lines = csv_text.lstrip("\ufeff").strip().splitlines()
    assert lines[0] == "lembar_atau_berkas,baris,kolom,nilai,alasan"
    assert len(lines) == 1 + len(job.errors)
    assert [line.split(",")[2] for line in lines[1:]] == paths
    assert 'download="kesalahan-impor.csv"' in html

    state = client.get("/impor/{}/kemajuan.json".format(job.pk)).json()
    assert state["stage"] == "rejected" and state["finished"] is True
    assert state["step"] == state["steps"] == 3


def test_a_good_import_links_to_the_new_version(client, v2, make_user):
    client.force_login(make_user("perencana_uji", "planner", v2))
    job = _post(client, _json_upload(export_version(v2)), revises=v2)
    job.refresh_from_db()
    created = PlanVersion.objects.filter(plan=v2.plan).order_by("-number").first()
    assert job.stage == "done" and job.version == created and created.number == 3
    assert created.revises == v2
    assert comparable(export_version(created)) == as_next_draft(export_version(v2), 3)
    assert job.errors == [] and bytes(job.content) == b"" and job.finished_at is not None
    html = client.get("/impor/{}/".format(job.pk)).content.decode()
    assert 'id="hasil"' in html and 'href="/versi/{}/"'.format(created.pk) in html
    assert '<progress id="kemajuan" max="3" value="3">' in html
    assert client.get("/impor/{}/kemajuan.json".format(job.pk)).json() == {
        "stage": "done",
        "label": "selesai",
        "step": 3,
        "steps": 3,
        "finished": True,
        "text": "Tahap 3 dari 3: selesai",
    }


def test_only_the_uploader_and_administrators_see_a_job(client, v2, make_user):
    owner = make_user("perencana_uji", "planner", v2)
    client.force_login(owner)
    job = _post(client, _json_upload(export_version(v2)), revises=v2)
    urls = ["/impor/{}/".format(job.pk), "/impor/{}/kemajuan.json".format(job.pk)]
    for url in urls:
        assert client.get(url).status_code == 200
    for other in (
        make_user("perencana_lain", "planner", v2),  # same agency, not the uploader
        make_user("auditor_uji", "auditor"),
        make_user("verifikator_uji", "verifier", v2),
    ):
        client.force_login(other)
        assert [client.get(url).status_code for url in urls] == [404, 404], other
    client.force_login(make_user("admin_uji", "admin"))
    assert [client.get(url).status_code for url in urls] == [200, 200]
    client.logout()
    assert [client.get(url).status_code for url in urls] == [302, 302]
    assert client.get("/impor/999999/").status_code == 302


def test_a_form_that_cannot_be_accepted_is_answered_at_once(client, v2, make_user):
    client.force_login(make_user("perencana_uji", "planner", v2))
    wrong = SimpleUploadedFile("renstra.txt", b"a,b\n", "text/plain")
    response = client.post("/impor/", {"berkas": wrong, "revisi": "999999"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Berkas harus .xlsx" in html and "tidak dapat Anda revisi" in html
    assert not ImportJob.objects.exists()


def test_a_failure_of_the_system_is_recorded_on_the_job(client, v2, make_user, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(tasks, "import_version", broken)
    client.force_login(make_user("perencana_uji", "planner", v2))
    job = _post(client, _json_upload(export_version(v2)), revises=v2)
    job.refresh_from_db()
    assert job.stage == "failed" and job.version is None
    html = client.get("/impor/{}/".format(job.pk)).content.decode()
    assert "kesalahan sistem" in html and "disk penuh" not in html


def test_the_poll_reads_neither_the_upload_nor_the_errors(client, v2, make_user):
    client.force_login(make_user("perencana_uji", "planner", v2))
    job = _post(client, _json_upload(_broken(v2)), revises=v2)
    url = "/impor/{}/kemajuan.json".format(job.pk)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    # The session, the user, their profile (language), and the job.
    assert len(captured) == 4
    job_query = captured.captured_queries[-1]["sql"]
    assert '"errors"' not in job_query and '"content"' not in job_query


def test_the_database_backend_queues_the_import_until_a_worker_runs_it(
    client, v2, make_user, database_tasks
):
    client.force_login(make_user("perencana_uji", "planner", v2))
    job = _post(client, _json_upload(export_version(v2)), revises=v2)
    job.refresh_from_db()
    assert job.stage == "queued" and job.task_id
    task = DBTaskResult.objects.get(pk=job.task_id)
    assert task.status == "READY" and task.task_path == "renstra.interchange.tasks.run_import"
    assert PlanVersion.objects.filter(plan=v2.plan).count() == 2

    html = client.get("/impor/{}/".format(job.pk)).content.decode()
    assert 'data-status-url="/impor/{}/kemajuan.json"'.format(job.pk) in html
    assert '<progress id="kemajuan" max="3" value="0">' in html and "menunggu" in html
    state = client.get("/impor/{}/kemajuan.json".format(job.pk)).json()
    assert (state["stage"], state["step"], state["finished"]) == ("queued", 0, False)

    database_tasks()  # renstra worker --batch: runs what waits, then stops

    job.refresh_from_db()
    task.refresh_from_db()
    created = PlanVersion.objects.filter(plan=v2.plan).order_by("-number").first()
    assert job.stage == "done" and job.version == created and created.number == 3
    assert task.status == "SUCCESSFUL" and task.return_value == created.pk
    assert job.started_at and job.finished_at and job.started_at <= job.finished_at
    state = client.get("/impor/{}/kemajuan.json".format(job.pk)).json()
    assert (state["stage"], state["finished"]) == ("done", True)


def test_a_right_lost_while_the_job_waits_is_checked_again(client, v2, make_user, database_tasks):
    planner = make_user("perencana_uji", "planner", v2)
    client.force_login(planner)
    job = _post(client, _json_upload(export_version(v2)), revises=v2)
    planner.memberships.all().delete()
    database_tasks()
    job.refresh_from_db()
    assert job.stage == "rejected"
    assert job.errors[0]["reason"] == "Renstra yang dipilih tidak dapat Anda revisi."
    assert PlanVersion.objects.filter(plan=v2.plan).count() == 2


def test_the_worker_needs_the_database_backend(db):
    with pytest.raises(CommandError, match="tidak ada yang perlu dikerjakan pekerja"):
        call_command("worker", "--batch")


# renstra serve: one worker beside gunicorn, unless --no-worker.


class _FakeWorker:
    made = []

    def __init__(self, command):
        self.command, self.pid, self.events = command, 4242, []
        _FakeWorker.made.append(self)

    def start(self):
        self.events.append("start")

    def stop(self):
        self.events.append("stop")


@pytest.fixture
def fake_serve(monkeypatch):
    _FakeWorker.made = []
    served = []
    monkeypatch.setattr(serve, "call_command", lambda *args, **kwargs: None)
    monkeypatch.setattr(serve, "BackgroundWorker", _FakeWorker)
    # serve closes its connections before gunicorn forks; here nothing forks, and closing the
    # test's connection would drop the suite's in-memory database with the demo in it.
    monkeypatch.setattr(serve.connections, "close_all", lambda: None)

    def gunicorn(bind, workers):
        # The worker is up while gunicorn serves.
        served.append([list(w.events) for w in _FakeWorker.made])
        raise SystemExit(0)  # how gunicorn's arbiter ends on SIGTERM or Ctrl+C

    monkeypatch.setattr(serve, "serve_with_gunicorn", gunicorn)
    return served


def test_serve_starts_a_worker_beside_gunicorn_and_stops_it(db, fake_serve, settings):
    settings.TASKS = DATABASE_TASKS
    with pytest.raises(SystemExit):
        call_command("serve", "--port", "0")
    assert fake_serve == [[["start"]]]
    (worker,) = _FakeWorker.made
    assert worker.command[-3:] == ["-m", "renstra.cli", "worker"] and worker.events == [
        "start",
        "stop",
    ]


def test_serve_without_a_worker(db, fake_serve, settings):
    settings.TASKS = DATABASE_TASKS
    with pytest.raises(SystemExit):
        call_command("serve", "--port", "0", "--no-worker")
    assert fake_serve == [[]] and _FakeWorker.made == []


def test_the_background_worker_is_started_again_and_stopped(monkeypatch):
    """A real child process: it is started, started again after it dies, and stopped."""
    monkeypatch.setattr(serve.BackgroundWorker, "RESTART_DELAY", 0.1)
    worker = serve.BackgroundWorker([sys.executable, "-c", "import time; time.sleep(60)"])
    worker.start()
    try:
        first = worker.process
        assert first.poll() is None
        first.kill()
        deadline = time.monotonic() + 10
        while worker.process is first and time.monotonic() < deadline:
            time.sleep(0.05)
        assert worker.process is not first and worker.process.poll() is None
    finally:
        worker.stop()
    assert worker.process.poll() is not None
    worker.watcher.join(timeout=5)
    assert not worker.watcher.is_alive()
