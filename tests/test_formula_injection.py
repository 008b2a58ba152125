"""Every spreadsheet and CSV a user's text reaches comes out inert: item names, indicator names,
targets, realization notes and comments such as "=HYPERLINK(…)" or "=cmd|' /C calc'!A0" are
never live formulas, through every export path (table downloads in CSV and XLSX, the whole plan,
the template workbook, the comparison, the history, the findings, the evaluation table)."""

import csv
import io
from urllib.parse import unquote

import openpyxl
import pytest
from django.core.management import call_command

from renstra.core.errors import CellError
from renstra.interchange.views import _errors_csv
from renstra.monitoring import services as monitoring
from renstra.monitoring.choices import YEARLY
from renstra.plans.models import Goal, Indicator, Program
from renstra.render.cells import formula_like

PAYLOADS = ['=HYPERLINK("http://evil.example","klik")', "=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|'"]


def _csv_cells(body: bytes) -> list[str]:
    text = body.decode("utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def _assert_csv_inert(body: bytes, expect_payload: bool = True) -> None:
    cells = _csv_cells(body)
    assert not [c for c in cells if formula_like(c)], "a CSV cell would run as a formula"
    if expect_payload:
        assert any(c.startswith("'=") or c.startswith("'@") for c in cells), "payload not exported"


def _assert_xlsx_inert(body: bytes, expect_payload: bool = True) -> None:
    book = openpyxl.load_workbook(io.BytesIO(body))
    seen = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", "{}!{} is a formula: {!r}".format(
                    sheet.title, cell.coordinate, cell.value
                )
                if isinstance(cell.value, str) and formula_like(cell.value):
                    assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
                    seen += 1
    if expect_payload:
        assert seen, "payload not exported"


@pytest.fixture
def hostile_draft(draft):
    """The review draft of the demo with payloads in names, an indicator and a target."""
    goal = Goal.objects.filter(version=draft).order_by("order", "pk").first()
    goal.name = PAYLOADS[0]
    goal.save()
    program = Program.objects.filter(version=draft).order_by("order", "pk").first()
    program.name = PAYLOADS[1]
    program.save()
    indicator = Indicator.objects.filter(version=draft, program=program).first()
    indicator.name = PAYLOADS[2]
    indicator.save()
    return draft


@pytest.mark.parametrize("key", ["5.1", "indikator", "6.1", "6.2", "T-C.27", "riwayat"])
def test_table_downloads_are_inert(client, admin_user, hostile_draft, key):
    client.force_login(admin_user)
    base = "/versi/{}/tabel/{}".format(hostile_draft.pk, key)
    # The history names a change inside a sentence ("uraian: … → =HYPERLINK…"): no cell of it
    # begins with the payload, but none may run either.
    whole_cells = key != "riwayat"
    for query in ("", "?excel=1"):
        response = client.get(base + ".csv" + query)
        assert response.status_code == 200
        _assert_csv_inert(response.content, expect_payload=whole_cells)
    response = client.get(base + ".xlsx")
    assert response.status_code == 200
    _assert_xlsx_inert(response.content, expect_payload=whole_cells)


def test_findings_and_whole_plan_are_inert(client, admin_user, hostile_draft):
    client.force_login(admin_user)
    findings = client.get("/versi/{}/tabel/temuan.csv".format(hostile_draft.pk))
    _assert_csv_inert(findings.content, expect_payload=False)
    _assert_xlsx_inert(client.get("/versi/{}/renstra.xlsx".format(hostile_draft.pk)).content)


def test_template_workbook_of_a_version_is_inert(client, admin_user, hostile_draft, tmp_path):
    client.force_login(admin_user)
    response = client.get("/versi/{}/unduh/templat.xlsx".format(hostile_draft.pk))
    assert response.status_code == 200
    _assert_xlsx_inert(response.content)
    out = tmp_path / "templat.xlsx"
    call_command("export", plan=hostile_draft.pk, format="templat", output=str(out))
    _assert_xlsx_inert(out.read_bytes())


def test_comparison_downloads_are_inert(client, admin_user, v2, hostile_draft):
    client.force_login(admin_user)
    for fmt in ("csv", "xlsx"):
        response = client.get("/perbandingan.{}?dari={}&ke={}".format(fmt, v2.pk, hostile_draft.pk))
        assert response.status_code == 200
        if fmt == "csv":
            _assert_csv_inert(response.content)
        else:
            _assert_xlsx_inert(response.content)


def test_evaluation_table_is_inert(client, admin_user, v2, make_user):
    planner = make_user("perencana-rumus", "planner", v2)
    indicator = Indicator.objects.filter(version=v2, targets__year=2020).order_by("pk").first()
    monitoring.save_realization(
        indicator,
        2020,
        YEARLY,
        "1",
        user=planner,
        note=PAYLOADS[1],
        deviation_cause=PAYLOADS[0],
        follow_up=PAYLOADS[2],
    )
    client.force_login(admin_user)
    for fmt in ("csv", "xlsx"):
        response = client.get("/versi/{}/evaluasi/2020.{}".format(v2.pk, fmt))
        assert response.status_code == 200
        if fmt == "csv":
            _assert_csv_inert(response.content)
        else:
            _assert_xlsx_inert(response.content)


def test_the_import_error_list_is_inert():
    body = _errors_csv(
        [CellError("indikator-target", 4, "nama", PAYLOADS[1], "Nama terlalu panjang.")]
    )
    text = unquote(body.split(",", 1)[1])
    _assert_csv_inert(text.encode("utf-8"))


def test_the_evaluation_csv_of_the_cli_is_inert(v2, make_user, tmp_path):
    planner = make_user("perencana-rumus", "planner", v2)
    indicator = Indicator.objects.filter(version=v2, targets__year=2020).order_by("pk").first()
    monitoring.save_realization(
        indicator, 2020, YEARLY, "1", user=planner, deviation_cause=PAYLOADS[0]
    )
    out = tmp_path / "evaluasi.csv"
    call_command("evaluate", plan=v2.pk, year=2020, format="csv", output=str(out))
    _assert_csv_inert(out.read_bytes())
