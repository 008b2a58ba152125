"""The whole plan as a background job in a real browser, with the production task backend: the
planner starts a whole-plan PDF from the version page, the job waits in the database, its page
shows a progress bar that a worker (`renstra worker --batch`, run here between browser steps)
moves table by table, and the page ends on a link whose download is the plan's PDF."""

import io
import pathlib
import re
import time

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from renstra.reports import tasks
from renstra.reports.models import ExportJob
from tests.e2e.helpers import member, sign_in
from tests.interchange.test_import_tasks import DATABASE_TASKS, _worker_signals_restored

pytestmark = pytest.mark.django_db(transaction=True)

# Runs in the page before its own scripts, on every load (the job page reloads itself when the
# job ends): every value the progress bar takes, with the text beside it, kept in the tab's
# sessionStorage so that the values of the page before the reload are not lost.
RECORD_BAR = """
(() => {
  const record = (bar, note) => {
    const seen = JSON.parse(sessionStorage.getItem("kemajuan") || "[]");
    seen.push([Number(bar.getAttribute("value")), Number(bar.max), note.textContent]);
    sessionStorage.setItem("kemajuan", JSON.stringify(seen));
  };
  document.addEventListener("DOMContentLoaded", () => {
    const bar = document.querySelector("#tugas-ekspor progress#kemajuan");
    const note = document.getElementById("keterangan");
    if (!bar) return;
    record(bar, note);
    new MutationObserver(() => record(bar, note)).observe(bar, { attributes: true });
  });
})();
"""


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


@pytest.fixture
def slow_steps(monkeypatch):
    """Each step of the job lasts a little longer than the page's poll (one second), so that
    the page, polling, meets the steps between the first and the last."""
    real = tasks.record_progress

    def slow(job, done, total, label):
        real(job, done, total, label)
        time.sleep(1.3)

    monkeypatch.setattr(tasks, "record_progress", slow)


def _violations(page):
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text[:120]) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def _run_worker():
    with _worker_signals_restored():
        call_command("worker", "--batch", "--interval", "0", verbosity=0)


def test_planner_exports_the_whole_plan_as_pdf_watches_its_progress_and_downloads_it(
    page, draft, database_tasks, slow_steps
):
    violations = _violations(page)
    page.add_init_script(RECORD_BAR)
    member("perencana", "planner", draft.plan.agency)
    sign_in(page, "perencana")
    page.goto("/versi/{}/".format(draft.pk))
    page.click("#ekspor-pdf button[value=f4]")
    page.wait_for_url(re.compile(r"/ekspor/\d+/$"))
    job = ExportJob.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[-1]))
    assert (job.user.username, job.version, job.file_format, job.paper) == (
        "perencana",
        draft,
        "pdf",
        "f4",
    )

    # Waiting for a worker: the bar at zero, the page polling.
    bar = page.locator("#tugas-ekspor progress#kemajuan")
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("value", "0")
    expect(bar).to_have_attribute("max", "7")
    expect(page.locator("#keterangan")).to_have_text("Tahap 0 dari 7: menunggu")
    with page.expect_response(re.compile(r"/ekspor/\d+/kemajuan\.json$")) as polled:
        pass
    assert polled.value.json()["stage"] == "queued"

    _run_worker()

    # The page notices the end by itself and offers the file.
    link = page.locator("#hasil a")
    expect(link).to_be_visible()
    expect(bar).to_have_attribute("value", "7")
    expect(page.locator("#keterangan")).to_have_text("Tahap 7 dari 7: selesai")

    shown = page.evaluate("JSON.parse(sessionStorage.getItem('kemajuan'))")
    values = [value for value, _max, _text in shown]
    assert values[0] == 0 and values[-1] == 7, shown
    assert values == sorted(values), shown  # the bar never goes back
    between = sorted({v for v in values if 0 < v < 7})
    assert len(between) >= 2, shown  # it moved through the steps, not from 0 to done at once
    assert shown[0][2] == "Tahap 0 dari 7: menunggu" and shown[-1][2] == "Tahap 7 dari 7: selesai"
    for value, steps, text in shown[1:-1]:
        # Running: the bar shows the steps done, the text the step at work.
        assert steps == 7 and text.startswith("Tahap {} dari 7: ".format(value + 1)), shown
    assert any(text.endswith(": menulis berkas PDF") for *_, text in shown), shown

    with page.expect_download() as downloading:
        link.click()
    download = downloading.value
    assert download.suggested_filename == "renstra-bkpsdm-2016-2021-v3.pdf"
    body = pathlib.Path(download.path()).read_bytes()
    assert body.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(body))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert draft.plan.title.upper() in text.upper()
    assert "Rencana Strategis {}".format(draft.plan.agency.name) in text
    job.refresh_from_db()
    assert job.stage == "done" and body == bytes(job.content)
    assert violations == []
