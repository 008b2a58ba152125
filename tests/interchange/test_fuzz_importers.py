"""Every importer, for any input bytes, either imports or rejects with a list of errors, and a
rejection writes nothing: the JSON document, the XLSX workbook, the T-C.27 CSV and the
realization CSV, fuzzed (a bounded run; tests/bench/fuzz_importers.py runs ten thousand), and
each crash the fuzzing found, pinned as a case of its own."""

import csv
import io
import json
import logging
import random
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renstra.core.errors import MAX_REPORTED, CellError, ImportRejected
from renstra.interchange.jsonio import MAX_JSON_DEPTH, import_version, loads_document
from renstra.interchange.plan_schema import MAX_ITEMS
from renstra.interchange.tc27 import MAX_ROWS as TC27_MAX_ROWS
from renstra.interchange.tc27 import import_tc27_file
from renstra.interchange.workbook import import_workbook
from renstra.monitoring.csv_import import MAX_ROWS as REALIZATION_MAX_ROWS
from renstra.monitoring.csv_import import import_file
from tests.interchange.fuzzing import (
    IMPORTERS,
    NASTY_TEXTS,
    TC27_SOURCE,
    Fuzzer,
    rezip,
    unzip,
)

FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
seeds = st.integers(0, 2**64 - 1)


@pytest.fixture
def fuzzer(db):
    return Fuzzer.from_demo(small=True)


def rejected(fuzzer: Fuzzer, importer: str, data: bytes) -> list[CellError]:
    """The errors of an input that must be rejected (and, being rejected, wrote nothing)."""
    assert fuzzer.attempt(importer, data) == "rejected"
    with pytest.raises(ImportRejected) as caught:
        fuzzer.run(importer, data)
    return caught.value.errors


# --- fuzzing ------------------------------------------------------------------------------------


@FUZZ
@pytest.mark.parametrize("importer", IMPORTERS)
@given(data=st.binary(max_size=3000))
def test_random_bytes_are_rejected_with_errors(fuzzer, importer, data):
    assert fuzzer.attempt(importer, data) == "rejected"


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=40)
    | st.sampled_from(NASTY_TEXTS)
    | st.sampled_from([10**4000, -(10**40), 2**63, 1e308]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


@FUZZ
@given(seed=seeds, value=json_values)
def test_mutated_json_documents_import_or_are_rejected_cleanly(fuzzer, seed, value):
    fuzzer.attempt("json", fuzzer.make("json", random.Random(seed), value))


@FUZZ
@given(seed=seeds)
def test_mutated_workbooks_import_or_are_rejected_cleanly(fuzzer, seed):
    fuzzer.attempt("xlsx", fuzzer.make("xlsx", random.Random(seed)))


@FUZZ
@given(seed=seeds)
def test_mutated_tc27_tables_import_or_are_rejected_cleanly(fuzzer, seed):
    fuzzer.attempt("tc27", fuzzer.make("tc27", random.Random(seed)))


@FUZZ
@given(seed=seeds)
def test_mutated_realization_files_import_or_are_rejected_cleanly(fuzzer, seed):
    fuzzer.attempt("realization", fuzzer.make("realization", random.Random(seed)))


def test_the_starting_documents_import(fuzzer):
    """The fuzzing starts from documents each importer accepts (the template apart)."""
    for document in fuzzer.json_bases:
        assert fuzzer.attempt("json", json.dumps(document).encode()) == "accepted"
    assert [fuzzer.attempt("xlsx", body) for body in fuzzer.xlsx_bases] == ["rejected", "accepted"]
    assert fuzzer.attempt("tc27", fuzzer.tc27_bases[0].encode()) == "accepted"
    assert fuzzer.attempt("realization", fuzzer.realization_bases[0].encode()) == "accepted"


# --- JSON: what the fuzzing found -----------------------------------------------------------------


def _document(fuzzer: Fuzzer) -> dict:
    return json.loads(json.dumps(fuzzer.json_bases[0]))


def _dumps(document) -> bytes:
    return json.dumps(document).encode()


def test_a_number_string_past_4300_digits_is_an_error_of_its_cell(fuzzer):
    """The probe's crash: int/str conversion refused past 4,300 digits (ValueError)."""
    document = _document(fuzzer)
    document["programs"][0]["declared_total"] = "9" * 5000
    document["programs"][0]["funding"][0]["raw_text"] = "1" * 4400
    document["goals"][0]["objectives"][0]["indicators"][0]["baseline_value"] = "-" + "1" * 4301
    errors = rejected(fuzzer, "json", _dumps(document))
    reasons = {e.column: e.reason for e in errors}
    assert (
        reasons["$.programs[0].declared_total"]
        == "Angka terlalu panjang: 5000 angka, paling banyak 30."
    )
    assert reasons["$.programs[0].funding[0].raw_text"].startswith("Terlalu panjang: 4400 karakter")
    assert "terlalu panjang" in reasons["$.goals[0].objectives[0].indicators[0].baseline_value"]
    assert all(len(e.value) <= 200 for e in errors)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("9" * 31, "Angka terlalu panjang: 31 angka, paling banyak 30."),
        ("9" * 25, "Angka terlalu besar: paling banyak 16 angka sebelum koma."),
        ("1." + "0" * 40 + "1", "Angka terlalu panjang: 42 angka, paling banyak 30."),
    ],
)
def test_long_numbers_get_the_message_of_their_length(fuzzer, text, reason):
    document = _document(fuzzer)
    document["programs"][0]["funding"][0]["amount"] = text
    errors = rejected(fuzzer, "json", _dumps(document))
    assert [(e.column, e.reason) for e in errors] == [("$.programs[0].funding[0].amount", reason)]


def test_integers_past_python_limits_and_deep_nesting_are_refused_as_files(fuzzer):
    text = re.sub(rb'"year": [0-9]+', b'"year": ' + b"9" * 5000, _dumps(_document(fuzzer)), count=1)
    [error] = rejected(fuzzer, "json", text)
    assert "angka terlalu panjang" in error.reason
    for depth in (MAX_JSON_DEPTH + 1, 5000, 200_000):
        deep = b'{"goals": ' + b"[" * depth + b"]" * depth + b"}"
        [error] = rejected(fuzzer, "json", deep)
        assert "terlalu dalam" in error.reason


def test_a_document_past_the_item_limit_is_refused_before_it_is_checked(fuzzer):
    document = _document(fuzzer)
    document["programs"] = [{"name": "P"}] * (MAX_ITEMS + 1)
    started = time.perf_counter()
    [error] = rejected(fuzzer, "json", _dumps(document))
    assert "lebih dari {} butir".format(MAX_ITEMS) in error.reason
    assert time.perf_counter() - started < 5


def test_wrong_types_in_sections_are_errors_not_crashes(fuzzer):
    """Unhashable keys (lists, objects) where a key or a user name belongs; surrogates; years
    past a small integer; texts and numbers beyond their columns."""
    document = json.loads(json.dumps(fuzzer.json_bases[1]))
    monitoring = document["monitoring"]
    monitoring["owners"].append({"indicator": ["P1.I1"], "person": {"a": 1}})
    realization = monitoring["realizations"][0]
    realization.update(status=["draft"], entered_by=[1], note="\ud800")
    monitoring["realizations"].append({**realization, "indicator": {"x": 1}})
    monitoring["realizations"].append({**realization, "quarter": [1]})
    monitoring["realizations"].append({**realization, "year": 10**10})
    monitoring["realizations"].append({**realization, "year": 2019, "raw_text": "9" * 40})
    monitoring["budget"][0]["amount"] = "1" * 40
    document["comments"][0].update(item=["T1"], author={"n": 1}, text="\x00")
    data = json.dumps(document).encode("utf-8", "surrogatepass")
    errors = rejected(fuzzer, "json", data)
    columns = {e.column for e in errors}
    assert {
        "$.monitoring.owners[1]",
        "$.monitoring.realizations[0].status",
        "$.monitoring.realizations[0].entered_by",
        "$.monitoring.realizations[0].note",
        "$.monitoring.realizations[1].indicator",
        "$.monitoring.realizations[2].quarter",
        "$.monitoring.realizations[3].year",
        "$.monitoring.realizations[4].raw_text",
        "$.monitoring.budget[0].amount",
        "$.comments[0].item",
        "$.comments[0].author",
        "$.comments[0].text",
    } <= columns


def test_a_flood_of_errors_is_reported_in_bounded_form(fuzzer):
    document = _document(fuzzer)
    document["programs"][0]["activities"] = [{"name": "x" * 40_000, "a": 1, "b": 2}] + [
        {"name": "", "a": 1, "b": 2, "c": 3}
    ] * 500
    errors = rejected(fuzzer, "json", _dumps(document))
    assert len(errors) == MAX_REPORTED + 1
    assert errors[-1].reason.startswith("... dan sedikitnya")
    assert all(len(e.value) <= 200 and len(e.reason) <= 1000 for e in errors)


# --- XLSX: what the fuzzing found --------------------------------------------------------------------


def _sheet(parts: dict, name: str) -> str:
    """The part name of a sheet of the workbook, by its title."""
    titles = [t.split('"')[0] for t in parts["xl/workbook.xml"].decode().split('name="')[1:]]
    return "xl/worksheets/sheet{}.xml".format(titles.index(name) + 1)


def _workbook(fuzzer: Fuzzer, change) -> bytes:
    parts = unzip(fuzzer.xlsx_bases[1])
    change(parts)
    return rezip(parts)


def test_a_row_far_below_the_table_is_refused_at_once(fuzzer):
    """Formerly openpyxl made up every row of the gap: a row numbered 999,999,999 ran for hours."""

    def far(parts):
        name = _sheet(parts, "tujuan-sasaran")
        row = b'<row r="999999999"><c r="A999999999" t="inlineStr"><is><t>x</t></is></c></row>'
        parts[name] = parts[name].replace(b"</sheetData>", row + b"</sheetData>")

    started = time.perf_counter()
    [error] = rejected(fuzzer, "xlsx", _workbook(fuzzer, far))
    assert (error.source, error.row) == ("tujuan-sasaran", 999_999_999)
    assert "di bawah baris 10000" in error.reason
    assert time.perf_counter() - started < 10


def test_a_broken_sheet_is_refused_with_its_name_and_row_and_logs_nothing(fuzzer, caplog):
    def broken(parts):
        name = _sheet(parts, "strategi-kebijakan")
        parts[name] = parts[name].replace(
            b'<row r="3"', b'<row r="3"><c r="A3" t="s"><v>x</v></c', 1
        )

    with caplog.at_level(logging.DEBUG, logger="renstra"):
        [error] = rejected(fuzzer, "xlsx", _workbook(fuzzer, broken))
    assert (error.source, error.row) == ("strategi-kebijakan", 3)
    assert "rusak dan tidak terbaca mulai baris 3" in error.reason
    assert not [r for r in caplog.records if r.exc_info]


def test_a_version_number_of_5000_digits_is_an_error_of_its_cell(fuzzer):
    def huge(parts):
        name = _sheet(parts, "identitas")
        xml = parts[name].decode()
        row = xml.index("<t>versi.nomor</t>")
        start = xml.index('<c r="C', row)
        end = xml.index("</c>", start) + 4
        cell = '<c r="{}" t="inlineStr"><is><t>{}</t></is></c>'.format(
            xml[start:end].split('"')[1], "9" * 5000
        )
        parts[name] = (xml[:start] + cell + xml[end:]).encode()

    errors = rejected(fuzzer, "xlsx", _workbook(fuzzer, huge))
    assert [(e.source, e.column, e.reason) for e in errors] == [
        ("identitas", "nilai (versi.nomor)", "Harus bilangan bulat, mis. 2021.")
    ]


def test_year_notes_keyed_by_a_huge_number_are_an_error_of_their_cell(fuzzer):
    def notes(parts):
        name = _sheet(parts, "indikator-target")
        text = '{"' + "9" * 5000 + '": "catatan"}'
        xml = parts[name].decode()
        header = xml.index("<t>catatan tahun target</t>")
        column = xml[xml.rindex('<c r="', 0, header) + 6 :].split("1", 1)[0]
        cell = '<c r="{}2" t="inlineStr"><is><t>{}</t></is></c>'.format(column, text)
        start = xml.index('<c r="{}2"'.format(column))
        end = xml.index(">", start) + 1
        if not xml[start:end].endswith("/>"):
            end = xml.index("</c>", start) + 4
        parts[name] = (xml[:start] + cell + xml[end:]).encode()

    errors = rejected(fuzzer, "xlsx", _workbook(fuzzer, notes))
    assert [(e.row, e.column) for e in errors] == [(2, "catatan tahun target")]
    assert errors[0].reason.startswith("Catatan untuk tahun")


def test_a_sheet_of_millions_of_empty_cells_is_refused_quickly(fuzzer):
    def empty(parts):
        name = _sheet(parts, "tujuan-sasaran")
        rows = b"".join(b'<row r="%d"><c r="A%d"/></row>' % (i, i) for i in range(5, 25_000))
        parts[name] = parts[name].replace(b"</sheetData>", rows + b"</sheetData>")

    started = time.perf_counter()
    [error] = rejected(fuzzer, "xlsx", _workbook(fuzzer, empty))
    assert error.source == "tujuan-sasaran" and "sel kosong berformat juga dihitung" in error.reason
    assert time.perf_counter() - started < 10


# --- T-C.27 and realization CSV: what the fuzzing found -------------------------------------------


def _tc27(fuzzer: Fuzzer, **cells) -> bytes:
    """The BKPSDM table with cells of its first program row replaced."""
    rows = list(csv.DictReader(io.StringIO(fuzzer.tc27_bases[0])))
    first = next(r for r in rows if r["level"] == "program")
    first.update(cells)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfe level", b"level,kode\n" + b'"' + b"x" * 140_000 + b'"\n', b"", b"level\x00,kode\n"],
)
def test_tc27_files_that_are_not_csv_are_refused(fuzzer, data):
    [error] = rejected(fuzzer, "tc27", data)
    assert error.row == 0 and error.reason


@pytest.mark.parametrize(
    ("cells", "column", "reason"),
    [
        # Rp are read as every importer reads them (1.047.655.345 or 1047655345; 1.505 is
        # one thousand five hundred and five): what is no such number is an error.
        ({"rp_y3": "NaN"}, "rp_y3", "'NaN' bukan angka yang dikenali"),
        ({"rp_y3": "1e5"}, "rp_y3", "'1e5' bukan angka yang dikenali"),
        ({"rp_y3": "1_000"}, "rp_y3", "'1_000' bukan angka yang dikenali"),
        ({"rp_y3": "9" * 20}, "rp_y3", "Angka terlalu besar: paling banyak 16 angka"),
        ({"rp_akhir": "9" * 5000}, "rp_akhir", "Terlalu panjang: 5000 karakter, paling banyak 60."),
        ({"kode": "5." * 30}, "kode", "Terlalu panjang: 60 karakter, paling banyak 40."),
        ({"uraian": "x" * 40_000}, "uraian", "Terlalu panjang: 40000 karakter"),
        ({"target_y3": "9" * 25 + " orang"}, "target_y3", "Angka terlalu besar"),
        ({"target_y3": "5 " + "x" * 150}, "target_y3", "Satuan yang tertulis pada target lebih"),
    ],
)
def test_tc27_cells_beyond_their_columns_are_errors_of_their_cells(fuzzer, cells, column, reason):
    errors = rejected(fuzzer, "tc27", _tc27(fuzzer, **cells))
    assert [e.column for e in errors] == [column]
    assert errors[0].reason.startswith(reason)


@pytest.mark.parametrize("line", ["²", "9" * 5000, "٣"])
def test_tc27_source_lines_that_are_no_line_number_are_read_as_the_row(fuzzer, line):
    assert fuzzer.attempt("tc27", _tc27(fuzzer, src_line=line)) == "accepted"


def test_tc27_rows_without_their_name_column_and_too_many_rows(fuzzer):
    # Every item has a name, as in every other import: each row without one is an error.
    errors = rejected(fuzzer, "tc27", b"level,kode\ntujuan,\nsasaran,\n")
    assert [(e.row, e.column, e.reason) for e in errors] == [
        (2, "uraian", "Wajib diisi."),
        (3, "uraian", "Wajib diisi."),
    ]
    header, body = fuzzer.tc27_bases[0].split("\n", 1)
    too_many = header + "\n" + "tujuan,,T,,,,,,,,,,,,,,,,,,,,1,\n" * (TC27_MAX_ROWS + 1)
    [error] = rejected(fuzzer, "tc27", too_many.encode())
    assert "Lebih dari {} baris".format(TC27_MAX_ROWS) in error.reason
    with pytest.raises(ImportRejected):
        import_tc27_file(b"level\n" + b"x\n" * 3, TC27_SOURCE, name="x.csv")


def test_realization_values_longer_than_their_column_are_errors_not_crashes(fuzzer):
    """Formerly the check passed a text realization of 301 characters and the write refused it
    with EntryRefused, which escaped the import."""
    header, first = fuzzer.realization_bases[0].splitlines()[:2]
    code, name = first.split(",")[:2]
    rows = [
        header,
        "{},{},2018,2,{},".format(code, name, "9" * 400),
        "{},{},{},3,5,".format(code, name, "9" * 5000),
        "{},{},2018,4,5,{}".format(code, name, "x" * 40_000),
    ]
    errors = rejected(fuzzer, "realization", "\n".join(rows).encode())
    assert [(e.row, e.column) for e in errors] == [(2, "nilai"), (3, "tahun"), (4, "catatan")]
    assert errors[0].reason == "Terlalu panjang: 400 karakter, paling banyak 300."
    too_many = "\n".join([header] + [first] * (REALIZATION_MAX_ROWS + 1))
    [error] = rejected(fuzzer, "realization", too_many.encode())
    assert "Lebih dari {} baris".format(REALIZATION_MAX_ROWS) in error.reason


def test_imports_from_bytes_need_no_caller_guard(fuzzer):
    """Each importer is safe to call on bytes straight from an upload."""
    for call in (
        lambda: import_version(loads_document(b"\x00" * 10)),
        lambda: import_workbook(b"PK\x03\x04" + b"\x00" * 40),
        lambda: import_tc27_file(b"\xff" * 10, TC27_SOURCE),
        lambda: import_file(version=fuzzer.version, data=b"\xff\xfe\x00", name="x", user=None),
    ):
        with pytest.raises(ImportRejected):
            call()
