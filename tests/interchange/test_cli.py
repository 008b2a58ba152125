"""The `renstra` command as a user runs it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command


def test_plans_json_lists_every_version(v1, v2, capsys):
    call_command("plans", json=True)
    rows = json.loads(capsys.readouterr().out)
    rpjmd = [r for r in rows if r["kind"] == "rpjmd"]  # the demo's example RPJMD
    assert [(r["agency"], r["version"]) for r in rpjmd] == [("Bappelitbang", 1)]
    rows = [r for r in rows if r["kind"] == "renstra"]
    assert [(r["id"], r["version"]) for r in rows] == [(v1.pk, 1), (v2.pk, 2)]
    assert {(r["region"], r["agency"], r["period"]) for r in rows} == {
        ("Kota Bontang", "BKPSDM", "2016-2021")
    }
    assert rows[1]["label"] == "Review Renstra 2016-2021 (setelah review)"
    assert rows[1]["revises"] == v1.pk


def test_export_to_stdout_is_the_csv(v2, capfdbinary):
    call_command("export", plan=v2.pk, table="6.2", format="csv")
    out = capfdbinary.readouterr().out.decode("utf-8")
    assert out.splitlines()[0] == "kode,uraian,indikator,kelompok_sasaran,2017,2018,2019,2020,2021"


def test_export_for_excel_has_bom_and_semicolons(v2, tmp_path):
    target = tmp_path / "t.csv"
    call_command("export", plan=v2.pk, table="6.1", format="csv", excel=True, output=str(target))
    body = target.read_bytes()
    assert body.startswith("\ufeff".encode())
    assert body.decode("utf-8-sig").splitlines()[0] == "kode;uraian;2017;2018;2019;2020;2021"


def test_export_html_is_a_whole_document(v2, tmp_path):
    target = tmp_path / "t.html"
    call_command("export", plan=v2.pk, table="6.1", format="html", output=str(target))
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert "1.047.655.345" in html


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"plan": 999999, "table": "6.1"}, "Versi Renstra dengan id 999999 tidak ada"),
        ({"table": "6.1"}, "Sebutkan --plan ID dan --table"),
        ({"plan": 1, "table": "9.9"}, "Tabel '9.9' tidak dikenal"),
        ({"plan": 1, "table": "6.1", "format": "docx"}, "Format 'docx' tidak dikenal"),
    ],
)
def test_export_errors_say_what_is_wrong_in_indonesian(db, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("export", **options)


def test_list_tables(db, capsys):
    call_command("export", list_tables=True)
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()] == [
        "5.1",
        "indikator",
        "6.1",
        "6.2",
        "7.1",
        "T-C.27",
        "temuan",
        "riwayat",
    ]


def test_renstra_entry_point_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "renstra.cli", "export", "--list-tables"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={
            "RENSTRA_VAR_DIR": str(tmp_path / "var"),
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        },
        check=True,
    )
    assert "6.1" in result.stdout
