"""A province install in small: two app processes (`renstra serve --no-worker`, each with a var
directory and so a file cache of its own, as two machines have) and a task worker (`renstra
worker`) as a third process, all on one PostgreSQL database, as the README's deployment section
sets them up.

- A draft edited through one app process is served fresh by the other (each had shown it
  before the edit: a cache that kept a draft would show the old text).
- A whole-plan PDF queued through one process is produced by the worker and downloaded,
  finished, through the other.

It runs in the PostgreSQL run of the suite (DATABASE_URL set), on a database of its own that it
creates and drops on that server.
"""

import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

import psycopg
import pytest
import requests
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
SERVER = os.environ.get("DATABASE_URL", "")

pytestmark = pytest.mark.skipif(
    not SERVER.startswith(("postgres://", "postgresql://")),
    reason="berjalan pada putaran PostgreSQL (DATABASE_URL=postgres://…)",
)

PREPARE = """
import json
from renstra.plans.models import PlanVersion
from renstra.review.services import start_review
approved = PlanVersion.objects.get(plan__agency__short_name="BKPSDM", number=2)
draft = start_review(version=approved, reason="uji pemasangan provinsi")
goal = draft.goals.order_by("pk").first()
print(json.dumps({"approved": approved.pk, "draft": draft.pk, "goal": goal.pk,
                  "number": goal.number, "name": goal.name}))
"""


@pytest.fixture
def database():
    """A new database on the suite's PostgreSQL server; its URL. Dropped afterwards."""
    base = SERVER.rsplit("/", 1)[0]
    name = "renstra_province_{}".format(uuid.uuid4().hex[:10])
    with psycopg.connect(base + "/postgres", autocommit=True) as admin:
        admin.execute('CREATE DATABASE "{}"'.format(name))
    try:
        yield "{}/{}".format(base, name)
    finally:
        with psycopg.connect(base + "/postgres", autocommit=True) as admin:
            admin.execute('DROP DATABASE IF EXISTS "{}" WITH (FORCE)'.format(name))


def _env(url: str, var: Path) -> dict:
    # Not the suite's settings: no PYTEST_VERSION (which would make tasks run inline and turn
    # the cache off), no DJANGO_SETTINGS_MODULE of the test run.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "RENSTRA_", "PYTEST"))
    }
    var.mkdir(parents=True, exist_ok=True)
    env.update(
        DATABASE_URL=url,
        RENSTRA_VAR_DIR=str(var),
        RENSTRA_SECRET_KEY="province-install-test-key-shared-by-every-app-process",
        RENSTRA_TASKS="database",
    )
    return env


def _renstra(env: dict, *args: str, timeout: int = 600) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "renstra.cli", *args],
        env=env,
        cwd=env["RENSTRA_VAR_DIR"],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(stack: ExitStack, env: dict, log: Path, *args: str) -> subprocess.Popen:
    out = stack.enter_context(log.open("w"))
    process = subprocess.Popen(
        [sys.executable, "-m", "renstra.cli", *args],
        env=env,
        cwd=env["RENSTRA_VAR_DIR"],
        stdout=out,
        stderr=subprocess.STDOUT,
    )

    def stop():
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    stack.callback(stop)
    return process


def _wait_for(port: int, process: subprocess.Popen, log: Path) -> str:
    deadline = time.monotonic() + 120
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return "http://127.0.0.1:{}".format(port)
        except OSError:
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "renstra serve did not answer"
            time.sleep(0.3)


def _sign_in(base: str) -> requests.Session:
    session = requests.Session()
    session.get(base + "/masuk/", timeout=30)
    response = session.post(
        base + "/masuk/",
        data={
            "username": "perencana",
            "password": "renstra-demo",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": base + "/masuk/"},
        timeout=30,
    )
    assert response.ok and "sessionid" in session.cookies, response.text[:500]
    return session


def _post(session: requests.Session, base: str, path: str, data: dict) -> requests.Response:
    return session.post(
        base + path,
        data={**data, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": base + path},
        timeout=60,
    )


def test_two_app_processes_and_a_worker_on_one_postgresql(database, tmp_path):
    env_a = _env(database, tmp_path / "app-a")
    env_b = _env(database, tmp_path / "app-b")
    env_worker = _env(database, tmp_path / "worker")
    _renstra(env_a, "demo")
    ids = json.loads(_renstra(env_a, "shell", "-c", PREPARE).strip().splitlines()[-1])

    with ExitStack() as stack:
        port_a, port_b = _free_port(), _free_port()
        log_a, log_b, log_w = (tmp_path / n for n in ("a.log", "b.log", "worker.log"))
        app_a = _start(stack, env_a, log_a, "serve", "--no-worker", "--port", str(port_a))
        app_b = _start(stack, env_b, log_b, "serve", "--no-worker", "--port", str(port_b))
        a, b = _wait_for(port_a, app_a, log_a), _wait_for(port_b, app_b, log_b)
        on_a, on_b = _sign_in(a), _sign_in(b)

        # Both processes show the draft (and the approved version) before the edit.
        draft_page = "/versi/{}/".format(ids["draft"])
        for session, base in ((on_a, a), (on_b, b)):
            for path in (draft_page, "/versi/{}/".format(ids["approved"])):
                page = session.get(base + path, timeout=60)
                assert page.status_code == 200, (base, path)
            assert ids["name"] in session.get(base + draft_page, timeout=60).text

        # The draft's goal renamed through A...
        renamed = "Tujuan diubah lewat proses A {}".format(uuid.uuid4().hex[:6])
        edit = "/versi/{}/butir/tujuan/{}/ubah/".format(ids["draft"], ids["goal"])
        response = _post(on_a, a, edit, {"number": ids["number"], "name": renamed, "note": ""})
        assert [r.status_code for r in response.history] == [302], response.text[:1000]
        assert renamed in response.text  # A shows it too
        # ... is what B serves at once, on the cascade page and in the table built from it.
        assert renamed in on_b.get(b + draft_page, timeout=60).text
        table = on_b.get(b + "/versi/{}/tabel/5.1/".format(ids["draft"]), timeout=60).text
        assert renamed in table

        # A whole-plan PDF queued through A: no worker yet, so it waits.
        response = _post(on_a, a, "/versi/{}/ekspor/renstra.pdf".format(ids["approved"]), {})
        match = re.search(r"/ekspor/(\d+)/$", response.url)
        assert response.ok and match, (response.url, response.text[:500])
        status = "/ekspor/{}/kemajuan.json".format(match[1])
        assert on_b.get(b + status, timeout=30).json()["stage"] == "queued"

        # The worker, a process of its own, produces it...
        worker = _start(stack, env_worker, log_w, "worker")
        deadline = time.monotonic() + 300
        while True:
            state = on_b.get(b + status, timeout=30).json()
            if state["finished"]:
                break
            assert worker.poll() is None, log_w.read_text()
            assert time.monotonic() < deadline, state
            time.sleep(0.5)
        assert state["stage"] == "done", state

        # ... and B hands it over: the whole plan, from its cover to its last table.
        download = on_b.get(b + "/ekspor/{}/berkas".format(match[1]), timeout=60)
        assert download.status_code == 200
        assert download.headers["Content-Type"] == "application/pdf"
        reader = PdfReader(io.BytesIO(download.content))
        text = " ".join(page.extract_text() for page in reader.pages)
        assert len(reader.pages) > 5
        assert "Rencana Strategis" in text and "BKPSDM" in text.upper()

    for log in (log_a, log_b, log_w):
        assert "Traceback" not in log.read_text(), log.read_text()[-3000:]
