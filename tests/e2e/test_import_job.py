"""The import page in a real browser, with the production task backend: the upload becomes a
job waiting in the database, the job page shows its progress bar and polls it, a worker
(`renstra worker --batch`, run here between browser steps) imports it, and the page ends on the
result: a link to the new version, or every error of a rejected workbook."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from renstra.interchange.models import ImportJob
from renstra.interchange.workbook import export_workbook
from renstra.plans.models import PlanVersion
from renstra.review.services import change_status
from tests.e2e.helpers import member, sign_in
from tests.interchange.test_import_tasks import DATABASE_TASKS, _worker_signals_restored

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


def _run_worker():
    with _worker_signals_restored():
        call_command("worker", "--batch", "--interval", "0", verbosity=0)


def _violations(page):
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text[:120]) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def _upload(page, tmp_path, draft, content: bytes):
    path = tmp_path / "renstra-bkpsdm.xlsx"
    path.write_bytes(content)
    page.goto("/impor/")
    page.set_input_files("input[name=berkas]", str(path))
    page.select_option("select[name=revisi]", str(draft.pk))
    page.click("#impor button[type=submit]")
    page.wait_for_url(re.compile(r"/impor/\d+/$"))
    return ImportJob.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[-1]))


def test_planner_uploads_a_workbook_watches_its_progress_and_opens_the_new_version(
    page,
    draft,
    database_tasks,
    tmp_path,
):
    violations = _violations(page)
    # Submitted, the draft is no longer the plan's open draft: a new one may be imported.
    change_status(version=draft, to_status="submitted")
    member("perencana", "planner", draft.plan.agency)
    sign_in(page, "perencana")
    job = _upload(page, tmp_path, draft, export_workbook(draft))

    # Waiting for a worker: the bar at its first step, the page polling.
    bar = page.locator("#tugas-impor progress#kemajuan")
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("value", "0")
    expect(page.locator("#keterangan")).to_have_text("Tahap 0 dari 3: menunggu")
    with page.expect_response(re.compile(r"/impor/\d+/kemajuan\.json$")) as polled:
        pass
    assert polled.value.json()["stage"] == "queued"

    _run_worker()

    # The page notices the end by itself and shows the result.
    link = page.locator("#hasil a")
    expect(link).to_be_visible()
    expect(bar).to_have_attribute("value", "3")
    expect(page.locator("#keterangan")).to_have_text("Tahap 3 dari 3: selesai")
    job.refresh_from_db()
    assert job.stage == "done"
    created = PlanVersion.objects.get(plan=draft.plan, number=draft.number + 1)
    assert job.version == created
    link.click()
    page.wait_for_url("**/versi/{}/".format(created.pk))
    assert violations == []


def test_a_rejected_workbook_ends_on_every_error(page, draft, database_tasks, tmp_path):
    member("perencana", "planner", draft.plan.agency)
    sign_in(page, "perencana")
    job = _upload(page, tmp_path, draft, b"PK\x03\x04 bukan buku kerja")
    expect(page.locator("#keterangan")).to_have_text("Tahap 0 dari 3: menunggu")
    _run_worker()
    expect(page.locator("#kesalahan tbody tr")).to_have_count(1)
    expect(page.locator("h2")).to_contain_text("ditolak: 1 kesalahan")
    expect(page.locator('a[download="kesalahan-impor.csv"]')).to_be_visible()
    job.refresh_from_db()
    assert job.stage == "rejected"
