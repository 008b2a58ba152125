"""A planner's first hour, as a new user lives it: a brand-new database, `renstra demo`, `renstra
serve`, then in the browser: sign in as `perencana`, open the findings, start a review, fix a
target in the grid, see its finding disappear, print Tabel 6.1 as PDF.

Nothing here uses the suite's database: the commands run as processes of their own on a new
SQLite file, as the README tells a new user to run them. Each step leaves a screenshot in
var/screenshots/first-hour/ (or $RENSTRA_SCREENSHOTS) to be looked at.
"""

import io
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("RENSTRA_SCREENSHOTS", ROOT / "var" / "screenshots" / "first-hour"))
TYPO = "5 Perangkat Darah"  # the seed's own typo in a 2018 target (kegiatan 16.28)


def _env(var: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        RENSTRA_VAR_DIR=str(var),
        DATABASE_URL="sqlite:///{}".format(var / "renstra.sqlite3"),
        RENSTRA_SECRET_KEY="first-hour-test",
    )
    return env


@pytest.fixture
def server(tmp_path):
    """`renstra demo` then `renstra serve` on a new database; yields the base URL."""
    var = tmp_path / "var"
    var.mkdir()
    demo = subprocess.run(
        [sys.executable, "-m", "renstra.cli", "demo"],
        env=_env(var),
        cwd=var,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert demo.returncode == 0, demo.stderr
    assert "Traceback" not in demo.stderr
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "renstra.cli", "serve", "--port", str(port), "--workers", "1"],
        env=_env(var),
        cwd=var,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "renstra serve did not answer"
                assert process.poll() is None, (tmp_path / "serve.log").read_text()
                time.sleep(0.3)
        yield "http://127.0.0.1:{}".format(port)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
    assert "Traceback" not in (tmp_path / "serve.log").read_text()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / "{}.png".format(name)
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000, path  # a page was drawn, not a blank


def test_a_planners_first_hour(browser, server):
    context = browser.new_context(
        base_url=server, viewport={"width": 1366, "height": 768}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(30000)
    try:
        # 1. Sign in with the README's demo account.
        page.goto("/masuk/")
        page.fill("#id_username", "perencana")
        page.fill("#id_password", "renstra-demo")
        _shot(page, "01-masuk")
        page.click("button[type=submit]")
        expect(page.locator("header .account")).to_contain_text("perencana")
        _shot(page, "02-daftar-renstra")

        # 2. The plan in force and its findings: the typo in a target's unit among them.
        page.get_by_role("link", name="Versi 2", exact=True).first.click()
        page.get_by_role("link", name="Temuan pemeriksaan", exact=True).click()
        finding = page.locator("body", has_text=TYPO)
        expect(finding).to_be_visible()
        assert page.locator("text=Perangkat Darah").count() >= 1
        warnings_before = _count(page, "Peringatan")
        _shot(page, "03-temuan-versi-2")

        # 3. Start a review: a new draft of the plan.
        page.goto(page.url.replace("/temuan/", "/status/"))
        page.fill("input[name=reason]", "tindak lanjut penilaian SAKIP")
        page.get_by_role("button", name="Buat versi").click()
        expect(page.locator("body")).to_contain_text("draf", ignore_case=True)
        match = re.search(r"/versi/(\d+)/", page.url)
        assert match and match[1] != "2", page.url
        version_path = "/versi/{}".format(match[1])
        page.goto(version_path + "/")
        _shot(page, "04-draf-baru")

        # 4. The grid of program 16: fix the typo, Enter saves the row.
        program = page.locator("tr.program").filter(
            has=page.locator("td.code", has_text=re.compile(r"^\s*16\s*$"))
        )
        program.get_by_role("link", name="Grid target dan pendanaan").click()
        cell = page.locator("input.grid-cell[id$='-2018'][value='{}']".format(TYPO))
        expect(cell).to_have_count(1)
        row_id = cell.evaluate("el => el.closest('tbody').id")
        cell.click()
        cell.press("Control+a")
        cell.type("5 Perangkat Daerah")
        cell.press("Enter")
        page.wait_for_function(
            "id => { const row = document.getElementById(id);"
            " return row && !row.classList.contains('is-dirty'); }",
            arg=row_id,
        )
        expect(page.locator("#" + row_id)).not_to_contain_text("galat", ignore_case=True)
        _shot(page, "05-grid-diperbaiki")

        # 5. The draft's findings: the typo's finding is gone.
        page.goto(version_path + "/temuan/")
        expect(page.locator("h1")).to_be_visible()
        assert page.locator("text=Perangkat Darah").count() == 0
        assert _count(page, "Peringatan") == warnings_before - 1
        _shot(page, "06-temuan-draf")

        # 6. Print Tabel 6.1 as PDF.
        page.goto(version_path + "/tabel/6.1/")
        _shot(page, "07-tabel-6-1")
        with page.expect_download() as download:
            page.get_by_role("link", name="PDF", exact=True).first.click()
        pdf = Path(download.value.path()).read_bytes()
        (SHOTS / "08-tabel-6-1.pdf").write_bytes(pdf)
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        assert "6.1" in text and "PENINGKATAN KAPASITAS SUMBER DAYA APARATUR" in text
    finally:
        context.close()


def _count(page, severity: str) -> int:
    """The number on the findings page's badge, e.g. "Peringatan: 13"."""
    text = page.locator("body").inner_text()
    match = re.search(r"{}: (\d+)".format(severity), text)
    assert match, text[:500]
    return int(match[1])
