"""Every command of the README's command table, run as a new user would: each command first on
a brand-new empty database (no table yet), then every row of the table on a database with the
demo. None may end in a traceback; each says what it did or, in one Indonesian line, what is
missing. The commands run in subprocesses against SQLite files of their own (the CLI does not
depend on the database vendor; the suite's PostgreSQL run skips this file)."""

import io
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

README = Path(__file__).resolve().parents[2] / "README.md"
NOMENCLATURE = README.parent / "tests/fixtures/nomenclature/permendagri90_nomenklatur_simcan.csv"
LKE_TEMPLATE = README.parent / "tests/lke/fixtures/lke-uji.yaml"
SUMEDANG = README.parent / "tests/fixtures/real-plans"

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the CLI runs on SQLite files of its own; once per CI run is enough",
)


def _table_rows() -> list[str]:
    """The first cell of every row of the README's command table (its invocation)."""
    text = README.read_text()
    table = text[text.index("| perintah | guna |") :].split("\n\n", 1)[0]
    return [line.split(" | ")[0].lstrip("| ").strip() for line in table.splitlines()[2:]]


def _env(var: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(RENSTRA_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="renstra.settings")
    env["RENSTRA_TASKS"] = "database"  # as installed: a queue in the database and its worker
    env["PYTHONPATH"] = str(README.parent)  # this checkout's code, whatever the cwd
    return env


def _run(var: Path, *args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "renstra.cli", *args],
        env=_env(var),
        capture_output=True,
        text=True,
        timeout=300,
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        cwd=var,
    )


def _no_traceback(result, args) -> None:
    said = result.stdout + result.stderr
    assert "Traceback" not in said, "renstra {}:\n{}".format(" ".join(args), said)


def _realization_csv(path: Path) -> Path:
    path.write_text(
        "kode,indikator,tahun,triwulan,nilai,catatan\n"
        ",Indeks profesionalitas ASN,2020,,72,nilai tahunan\n"
    )
    return path


# README row (its first cell) -> the concrete commands that stand for it, on the demo database.
def _examples(work: Path, v1: int = 1, v2: int = 2) -> dict[str, list[list[str]]]:
    out = str(work / "out")
    return {
        "renstra serve [--host H] [--port P] [--no-worker] [--no-demo]": [],  # served and asked below
        "renstra worker [--batch] [--max-tasks N]": [],  # on a new database, below
        "renstra backup [-o FILE]": [["backup", "-o", str(work / "cadangan.tar.gz")]],
        "renstra restore FILE": [],  # into a new database: tests/site/test_backup.py
        # Today's reminders of the demo (mail to the console backend), and handed to the worker.
        "renstra reminders [--enqueue]": [["reminders"], ["reminders", "--enqueue"]],
        "renstra demo": [["demo"], ["demo"]],
        "renstra plans [--json]": [["plans"], ["plans", "--json"]],
        "renstra export --plan ID --table 6.1 --format csv [-o FILE]": [
            ["export", "--plan", str(v2), "--table", "6.1", "--format", "csv", "-o", out + "61.csv"]
        ],
        "renstra export --plan ID --table 6.2 --format csv": [
            ["export", "--plan", str(v2), "--table", "6.2", "--format", "csv"]
        ],
        "renstra export --plan ID --table T --format csv\\|xlsx\\|pdf\\|html [--paper f4\\|a4] [-o FILE]": [
            [
                "export",
                "--plan",
                str(v2),
                "--table",
                "T-C.27",
                "--format",
                "xlsx",
                "-o",
                out + ".xlsx",
            ],
            [
                "export",
                "--plan",
                "2",
                "--table",
                "5.1",
                "--format",
                "pdf",
                "--paper",
                "a4",
                "-o",
                out + ".pdf",
            ],
            [
                "export",
                "--plan",
                str(v2),
                "--table",
                "temuan",
                "--format",
                "html",
                "-o",
                out + ".html",
            ],
        ],
        "renstra export --plan ID --all --format xlsx\\|pdf -o FILE": [
            ["export", "--plan", str(v2), "--all", "--format", "xlsx", "-o", out + "-all.xlsx"]
        ],
        "renstra export --list-tables": [["export", "--list-tables"]],
        "renstra check --plan ID [--format json\\|text] [--rule NAMA]": [
            ["check", "--plan", str(v2)],
            ["check", "--plan", str(v2), "--format", "json", "--rule", "missing_code"],
        ],
        'renstra check --region "Kota Bontang" [--format json\\|text] [--rule NAMA]': [
            ["check", "--region", "Kota Bontang"],
            ["check", "--region", "Kota Bontang", "--format", "json", "--rule", "missing_code"],
        ],
        "renstra nomenclature load BERKAS.csv --edition NAMA`, `renstra nomenclature list": [
            ["nomenclature", "load", str(NOMENCLATURE), "--edition", "uji"],
            ["nomenclature", "load", str(NOMENCLATURE), "--edition", "uji"],
            ["nomenclature", "list"],
        ],
        "renstra diff --from ID --to ID [--format json\\|csv\\|text] [--all]": [
            ["diff", "--from", str(v1), "--to", str(v2)],
            ["diff", "--from", str(v1), "--to", str(v2), "--format", "csv", "--all"],
        ],
        "renstra demo --with-sample-realization": [["demo", "--with-sample-realization"]],
        "renstra lke_template BERKAS.yaml": [["lke_template", str(LKE_TEMPLATE)]],
        "renstra realization import --plan ID BERKAS.csv [--user NAMA]": [
            [
                "realization",
                "import",
                "--plan",
                "2",
                str(work / "realisasi.csv"),
                "--user",
                "perencana",
            ]
        ],
        "renstra evaluate --plan ID --year TAHUN [--format json\\|csv] [-o FILE]": [
            [
                "evaluate",
                "--plan",
                str(v2),
                "--year",
                "2018",
                "--format",
                "csv",
                "-o",
                out + "-ev.csv",
            ]
        ],
        "renstra export --plan ID --format json\\|iati\\|templat [-o FILE]": [
            ["export", "--plan", str(v2), "--format", "json", "-o", out + ".json"],
            ["export", "--plan", str(v2), "--format", "iati", "-o", out + ".xml"],
            ["export", "--plan", str(v2), "--format", "templat", "-o", out + "-templat.xlsx"],
        ],
        "renstra export --template -o templat.xlsx": [
            ["export", "--template", "-o", str(work / "templat.xlsx")]
        ],
        "renstra import BERKAS.csv\\|BERKAS.xlsx --region PEMDA --agency NAMA "
        "--agency-short SINGKATAN --period 2019-2023 [--years 2021,2022,2023] "
        "[--baseline-year T] [--title J] [--code-scheme S] [--label L]": [
            [
                "import",
                str(SUMEDANG / "sumedang_bkpsdm_tc27.csv"),
                "--region",
                "Kabupaten Sumedang",
                "--agency",
                "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
                "--agency-short",
                "BKPSDM",
                "--period",
                "2019-2023",
                "--years",
                "2021,2022,2023",
            ]
        ],
        "renstra import BERKAS.xlsx\\|BERKAS.json [--revises ID]": [
            ["import", out + ".json"],
            ["import", out + "-templat.xlsx", "--revises", str(v2)],
        ],
        "renstra token create NAMA [--name N]`, `renstra token list NAMA`, `renstra token revoke AWALAN": [
            ["token", "create", "perencana", "--name", "uji"],
            ["token", "list", "perencana"],
        ],
    }


# Exit status 1 is the checker's "there are errors" (documented); everything else must be 0.
ALLOWED_STATUS = {"check": {0, 1}}


def test_every_row_of_the_table_has_an_example(tmp_path):
    rows = [row.strip("`") for row in _table_rows()]
    assert sorted(rows) == sorted(_examples(tmp_path))


def _on_new_database(var: Path, commands: list[list[str]]):
    """Run `commands` in order on a new database: the first one finds no table at all."""
    var.mkdir()
    (var / "realisasi.csv").write_text("kode,indikator,tahun,triwulan,nilai,catatan\n")
    return [(args, _run(var, *args)) for args in commands]


def test_each_command_on_a_brand_new_database(tmp_path):
    # Two new databases: on one `demo` is the first command, on the other `plans`, and every
    # other command then meets tables without any plan, region or user.
    empty = [
        ["plans"],
        ["export", "--plan", "2", "--table", "6.1", "--format", "csv"],
        ["export", "--list-tables"],
        ["check", "--plan", "2"],
        ["diff", "--from", "1", "--to", "2"],
        ["realization", "import", "--plan", "2", "realisasi.csv"],
        ["evaluate", "--plan", "2", "--year", "2018"],
        ["import", "tidak-ada.json"],
        ["token", "list", "perencana"],
        ["createuser", "rina", "--role", "auditor"],
        ["worker", "--batch"],
        ["restore", "tidak-ada.tar.gz"],
    ]
    runs = [(tmp_path / "baru-1", [["demo"], ["plans", "--json"]]), (tmp_path / "baru-2", empty)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = [r for batch in pool.map(lambda run: _on_new_database(*run), runs) for r in batch]
    for args, result in results:
        _no_traceback(result, args)
        said = result.stdout + result.stderr
        assert "no such table" not in said and "does not exist" not in said, said
    said = {" ".join(args): result for args, result in results}
    assert said["demo"].returncode == 0
    assert "menyiapkan tabelnya" in said["demo"].stderr
    assert "menyiapkan tabelnya" in said["plans"].stderr
    assert '"agency": "BKPSDM"' in said["plans --json"].stdout
    assert "Belum ada Renstra" in said["plans"].stdout
    export = said["export --plan 2 --table 6.1 --format csv"]
    assert export.returncode == 1 and "tidak ada" in export.stderr
    assert "--password" in said["createuser rina --role auditor"].stderr
    assert said["token list perencana"].returncode == 1
    assert said["worker --batch"].returncode == 0
    assert "tidak ada" in said["restore tidak-ada.tar.gz"].stderr


def _serve_answers(var: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "renstra.cli", "serve", "--port", str(port), "--workers", "1"],
        env=_env(var),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=var,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as client:
                    client.sendall(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                    answer = client.recv(200).decode("latin-1")
                assert answer.startswith("HTTP/1.0 200") or answer.startswith("HTTP/1.1 200")
                return
            except OSError:
                time.sleep(0.3)
        pytest.fail("renstra serve did not answer")
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_on_a_brand_new_database_answers(tmp_path):
    var = tmp_path / "serve"
    var.mkdir()
    _serve_answers(var)  # a new database: serve migrates and loads the demo


def _call(args: list[str]) -> int:
    """One command in this process (on the suite's database, which holds the demo): its exit
    status as the shell would see it."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exit:
        return exit.code or 0
    except CommandError as error:
        assert "Traceback" not in str(error)
        return error.returncode
    return 0


def test_every_row_on_the_demo_database(tmp_path, v1, v2, capsysbinary):
    _realization_csv(tmp_path / "realisasi.csv")
    for row, commands in _examples(tmp_path, v1.pk, v2.pk).items():
        for args in commands:
            status = _call(args)
            assert status in ALLOWED_STATUS.get(args[0], {0}), (row, args, status)
    assert (tmp_path / "out61.csv").read_text().startswith("kode,uraian,2017")
    assert (tmp_path / "templat.xlsx").stat().st_size > 0
