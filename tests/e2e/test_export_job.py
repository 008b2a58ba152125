"""The whole plan as a background job in a real browser, with the production task backend: the
planner starts a whole-plan PDF from the version page, the job waits in the database, its page
shows a progress bar that a worker (`renstra worker --batch`, run here between browser steps)
moves table by table, and the page ends on a link whose download is the plan's PDF."""

import io
import pathlib
import re

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
def steps_on_the_page(monkeypatch):
    """steps_on_the_page(page): from then on the worker goes on from each step of a job only
    once the page, polling, shows that step; the page thus meets every step, however fast the
    machine builds the tables."""

    def follow(page):
        real = tasks.record_progress

        def shown(job, done, total, label):
            real(job, done, total, label)
            note = "Tahap {} dari {}: {}".format(done + 1, total, label)
            expect(page.locator("#keterangan")).to_have_text(note)

        monkeypatch.setattr(tasks, "record_progress", shown)

    return follow


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
    page, draft, database_tasks, steps_on_the_page
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

    steps_on_the_page(page)
    _run_worker()

    # The page notices the end by itself and offers the file.
    link = page.locator("#hasil a")
    expect(link).to_be_visible()
    expect(bar).to_have_attribute("value", "7")
    expect(page.locator("#keterangan")).to_have_text("Tahap 7 dari 7: selesai")

    shown = page.evaluate("JSON.parse(sessionStorage.getItem('kemajuan'))")
    # Every value the bar took and the text beside it, each change once: it waits, then moves
    # one step per table and one for writing the file, and ends full.
    # (Reading the version comes before the first table; a poll meets it only by chance.)
    shown = [tuple(s) for s in shown if s != [0, 7, "Tahap 1 dari 7: membaca Renstra"]]
    changes = [s for i, s in enumerate(shown) if i == 0 or s != shown[i - 1]]
    assert changes == [
        (0, 7, "Tahap 0 dari 7: menunggu"),
        (0, 7, "Tahap 1 dari 7: menyusun Tabel 5.1 Tujuan, Sasaran, Strategi dan Arah Kebijakan"),
        (1, 7, "Tahap 2 dari 7: menyusun Indikator Tujuan dan Sasaran"),
        (2, 7, "Tahap 3 dari 7: menyusun Tabel 6.1 Pendanaan Indikatif"),
        (
            3,
            7,
            "Tahap 4 dari 7: menyusun Tabel 6.2 Indikator Kinerja Program, Kegiatan dan "
            "Kelompok Sasaran",
        ),
        (
            4,
            7,
            "Tahap 5 dari 7: menyusun Tabel 7.1 Indikator Kinerja yang Mengacu pada Tujuan dan "
            "Sasaran RPJMD",
        ),
        (
            5,
            7,
            "Tahap 6 dari 7: menyusun Rencana Program, Kegiatan, Indikator Kinerja, Kelompok "
            "Sasaran, dan Pendanaan Indikatif",
        ),
        (6, 7, "Tahap 7 dari 7: menulis berkas PDF"),
        (7, 7, "Tahap 7 dari 7: selesai"),
    ], shown
    values = sorted({value for value, *_ in changes})
    assert values == [0, 1, 2, 3, 4, 5, 6, 7]

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
