"""Inputs for fuzzing the importers, and the property every import keeps, shared by the bounded
hypothesis tests (tests/interchange/test_fuzz_importers.py) and the long run
(tests/bench/fuzz_importers.py).

The importers are the JSON document (`loads_document` + `import_version`), the XLSX workbook
(`import_workbook`), the T-C.27 CSV (`tc27.import_tc27_file`) and the realization CSV
(`monitoring.csv_import.import_file`). Every input is bytes. The property: the import either
succeeds or raises ImportRejected with a non-empty list of errors, and after a rejection no table
of plans, monitoring or review has gained or lost a row.

Inputs start from real documents (the demo's version 2 exported as JSON and as the workbook
template, the empty template, the Sumedang T-C.27 tables, a realization CSV of version 2) and are
mutated: random bytes, byte flips, values replaced by huge numbers, long or broken texts, wrong
types, deep nesting, parts of a workbook package damaged or removed. Every mutation is driven by a
`random.Random`, so a seed names an input exactly.

Each attempt runs in a transaction that is rolled back afterwards, accepted or not: the database
stays the demo, and every input meets the same state.
"""

import copy
import csv
import io
import json
import random
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, transaction

from renstra.core.errors import CellError, ImportRejected
from renstra.interchange.jsonio import export_version, import_version, loads_document
from renstra.interchange.tc27 import Tc27Source, import_tc27_file
from renstra.interchange.workbook import export_workbook, import_workbook, template_workbook
from renstra.monitoring.csv_import import import_file
from renstra.plans.models import Indicator, PlanVersion

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "real-plans"
TC27_FILES = ("sumedang_tc27.csv", "sumedang_diskominfo_tc27.csv", "sumedang_bkpsdm_tc27.csv")
COUNTED_APPS = ("plans", "monitoring", "review")
IMPORTERS = ("json", "xlsx", "tc27", "realization")

# Texts that have broken or could break a parser: numbers past Python's 4,300-digit int/str
# limit and past the decimal context's 28 digits, exponents, NaN, Unicode digits, NUL and
# unpaired surrogates, long texts, JSON that nests deeply, formulas, Indonesian numbers.
NASTY_TEXTS = (
    "",
    " ",
    "-",
    "0",
    "-0",
    "1" * 4301,
    "9" * 5000,
    "9" * 29,
    "9" * 31,
    "-" + "9" * 40,
    "0," + "0" * 40 + "1",
    "1," + "1" * 3000 + " orang",
    "1" * 200 + "," + "1" * 200 + " x",
    "1.000.000.000.000.000.000.000.000.000.000",
    "1.047.655.345",
    "711.827.200,00",
    "Rp 1.500",
    "81,5 %",
    "1e999999",
    "1E+400",
    "NaN",
    "sNaN",
    "Infinity",
    "-Infinity",
    "1_000",
    "１２３",
    "²",
    "٣٤",
    "\x00",
    "a\x00b",
    "\ud800",
    "x" * 301,
    "x" * 70_000,
    "BB",
    "AA",
    "11 unit roda dua dan 5 unit roda empat",
    "1 unit; 2 unit; " * 200,
    "=1+1",
    "@SUM(A1)",
    "[" * 3000 + "]" * 3000,
    "[" * 50 + "]" * 50,
    '{"2018": "catatan"}',
    '{"' + "9" * 5000 + '": "x"}',
    '[{"where": "Bab VI", "text": "x"}]',
    "2018",
    "99999",
    "1" * 20,
    "T1.S1",
    "P1.K1",
    "P1.I1",
    "tujuan",
    "sasaran",
    "kegiatan",
    "program",
    "sub kegiatan",
    "\u202e\u200b\ufeff",
    "\n\r\t",
    "é" * 400,
)


def nasty_text(rng: random.Random) -> str:
    if rng.random() < 0.15:
        alphabet = "0123456789.,-% abcRp;\n\"'[]{}:" + "\x00\x01\u00a0\ud800é"
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
    text = rng.choice(NASTY_TEXTS)
    if rng.random() < 0.1:
        text = text * rng.randint(2, 5)
    return text


def nasty_value(rng: random.Random, depth: int = 0):
    """A JSON value of any type, often one that a field does not expect."""
    roll = rng.random()
    if roll < 0.45 or depth > 2:
        return nasty_text(rng)
    if roll < 0.7:
        return rng.choice(
            [
                None,
                True,
                False,
                0,
                -1,
                1,
                2017,
                2**15,
                2**31,
                2**63,
                10**4000,
                -(10**40),
                1.5,
                1e308,
                -0.0,
                float("nan"),
                float("inf"),
            ]
        )
    if roll < 0.8:
        return [nasty_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if roll < 0.9:
        return {nasty_text(rng)[:20]: nasty_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}
    return _nested(rng.choice((21, 40, 120, 300)))


def _nested(depth: int):
    value: object = "x"
    for i in range(depth):
        value = [value] if i % 2 else {"a": value}
    return value


# --- bytes --------------------------------------------------------------------------------------


def random_bytes(rng: random.Random) -> bytes:
    size = rng.choice((0, 1, 2, 16, 300, 5000))
    prefix = rng.choice((b"", b"PK\x03\x04", b"{", b"[", b"\xef\xbb\xbf", b"level,kode\n"))
    return prefix + bytes(rng.getrandbits(8) for _ in range(size))


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not data:
            break
        roll = rng.random()
        i = rng.randrange(len(data))
        if roll < 0.4:
            data[i] = rng.getrandbits(8)
        elif roll < 0.6:
            del data[i : i + rng.randint(1, 64)]
        elif roll < 0.8:
            data[i:i] = bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 16)))
        elif roll < 0.9:
            del data[i:]
        else:
            j = rng.randrange(len(data))
            data[i:i] = data[j : j + rng.randint(1, 200)]
    return bytes(data)


# --- JSON -----------------------------------------------------------------------------------------


def _slots(value, path=()) -> list[tuple]:
    """Every (path) in a JSON document: dict keys and list positions."""
    slots = []
    stack = [(value, path)]
    while stack:
        node, here = stack.pop()
        if isinstance(node, dict):
            for key, child in node.items():
                slots.append(here + (key,))
                stack.append((child, here + (key,)))
        elif isinstance(node, list):
            for i, child in enumerate(node):
                slots.append(here + (i,))
                stack.append((child, here + (i,)))
    return slots


def _is_leaf(document, path) -> bool:
    return not isinstance(_parent(document, path)[path[-1]], dict | list)


def _parent(document, path):
    node = document
    for part in path[:-1]:
        node = node[part]
    return node


def mutate_document(rng: random.Random, document: dict, value=None) -> dict:
    """A copy of `document` with one to four changes; `value` (when given) is the first value
    put somewhere (the hypothesis tests draw it)."""
    document = copy.deepcopy(document)
    for n in range(rng.choice((1, 1, 1, 2, 3, 4))):
        slots = _slots(document)
        if not slots:
            break
        path = rng.choice(slots)
        if rng.random() < 0.7:
            # Mostly a field (a leaf), so that the rest of the document stays whole.
            leaves = [p for p in rng.sample(slots, min(len(slots), 20)) if _is_leaf(document, p)]
            path = leaves[0] if leaves else path
        parent = _parent(document, path)
        roll = rng.random()
        if n == 0 and value is not None:
            parent[path[-1]] = value
        elif roll < 0.55:
            parent[path[-1]] = nasty_value(rng)
        elif roll < 0.7:
            del parent[path[-1]]
        elif roll < 0.8 and isinstance(parent, list):
            parent.insert(path[-1], copy.deepcopy(parent[path[-1]]))
        elif roll < 0.9 and isinstance(parent, dict):
            parent[nasty_text(rng)[:30]] = nasty_value(rng)
        else:
            # A value from elsewhere in the document: keys, years and texts in the wrong place.
            other = rng.choice(slots)
            parent[path[-1]] = copy.deepcopy(_parent(document, other)[other[-1]])
    return document


def _dumps(document) -> bytes:
    try:
        text = json.dumps(document, ensure_ascii=False)
    except (ValueError, RecursionError):
        text = json.dumps(document, ensure_ascii=True, default=str)
    return text.encode("utf-8", "surrogatepass")


def json_input(rng: random.Random, bases: list[dict], value=None) -> bytes:
    base = rng.choice(bases)
    roll = rng.random()
    if value is not None or roll < 0.6:
        return _dumps(mutate_document(rng, base, value))
    if roll < 0.75:
        return mutate_bytes(rng, _dumps(base))
    if roll < 0.82:
        return random_bytes(rng)
    if roll < 0.9:
        # Deep nesting written out as text: deeper than any recursive reader can follow.
        depth = rng.choice((30, 45, 900, 5000, 200_000))
        inner = "[" * depth + "]" * depth
        return _dumps(base).replace(b'"goals": [', b'"goals": [' + inner.encode() + b",", 1)
    if roll < 0.95:
        # Numbers past Python's int/str limits written into number and text places.
        digits = "9" * rng.choice((29, 31, 4301, 10_000, 100_000))
        text = _dumps(base).decode("utf-8", "surrogatepass")
        if rng.random() < 0.5:
            text = re.sub(
                r'"(amount|value|declared_total|baseline_value)": "[^"]*"',
                r'"\1": "{}"'.format(digits),
                text,
                count=rng.randint(1, 3),
            )
        else:
            text = re.sub(
                r'"(year|number)": [0-9]+',
                r'"\1": {}'.format(digits),
                text,
                count=rng.randint(1, 3),
            )
        return text.encode("utf-8", "surrogatepass")
    # Many items: a list multiplied past the limits of a document.
    document = copy.deepcopy(base)
    programs = document.get("programs") or [{}]
    document["programs"] = programs * rng.choice((50, 200))
    return _dumps(document)


# --- XLSX -----------------------------------------------------------------------------------------

_CELL = re.compile(rb'<c r="([A-Z]+)([0-9]+)"[^>]*?(?:/>|>.*?</c>)', re.DOTALL)
_ROW = re.compile(rb'<row r="([0-9]+)"[^>]*?(?:/>|>.*?</row>)', re.DOTALL)


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezip(parts: dict[str, bytes], rng: random.Random | None = None) -> bytes:
    out = io.BytesIO()
    method = zipfile.ZIP_DEFLATED
    if rng is not None and rng.random() < 0.1:
        method = zipfile.ZIP_STORED
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


def _xml_text(text: str) -> bytes:
    return escape(text).encode("utf-8", "surrogatepass")


def _cell_xml(rng: random.Random, ref: bytes) -> bytes:
    roll = rng.random()
    if roll < 0.5:
        return b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, _xml_text(nasty_text(rng)))
    if roll < 0.7:
        number = rng.choice(
            (
                b"1" * 400,
                b"1e308",
                b"1E+400",
                b"-0",
                b"NaN",
                b"1.5",
                b"0.1",
                b"abc",
                b"",
                b"123456789012345678",
                b"2018",
                b"45.5",
                b"-1",
                b"1" * 5000,
                b"inf",
                b"1e-400",
            )
        )
        style = rng.choice((b"", b' s="0"', b' s="5"', b' s="99999"', b' s="-1"', b' s="x"'))
        return b'<c r="%s"%s t="n"><v>%s</v></c>' % (ref, style, number)
    return rng.choice(
        (
            b'<c r="%s" t="b"><v>1</v></c>' % ref,
            b'<c r="%s" t="b"><v>7</v></c>' % ref,
            b'<c r="%s" t="e"><v>#REF!</v></c>' % ref,
            b'<c r="%s"><f>SUM(A1:A2)</f><v>3</v></c>' % ref,
            b'<c r="%s" t="d"><v>2020-01-01T00:00:00</v></c>' % ref,
            b'<c r="%s" t="d"><v>not a date</v></c>' % ref,
            b'<c r="%s" t="s"><v>99999</v></c>' % ref,
            b'<c r="%s" t="s"><v>x</v></c>' % ref,
            b'<c r="%s" t="str"><v>%s</v></c>' % (ref, _xml_text(nasty_text(rng))),
            b'<c r="%s" t="inlineStr"><is><t>\x01\x02</t></is></c>' % ref,
            b'<c r="XFD1" t="inlineStr"><is><t>jauh</t></is></c>',
            b'<c r="ZZZZ9" t="inlineStr"><is><t>x</t></is></c>',
            b'<c r="A0" t="inlineStr"><is><t>x</t></is></c>',
            b'<c t="inlineStr"><is><t>tanpa alamat</t></is></c>',
            b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, b"[" * 2000 + b"]" * 2000),
        )
    )


def _mutate_sheet(rng: random.Random, xml: bytes) -> bytes:
    roll = rng.random()
    cells = list(_CELL.finditer(xml))
    if roll < 0.6 and cells:
        match = rng.choice(cells)
        new = _cell_xml(rng, match.group(1) + match.group(2))
        return xml[: match.start()] + new + xml[match.end() :]
    rows = list(_ROW.finditer(xml))
    if roll < 0.75 and rows:
        # A copy of a row placed far down (or at a nonsense index), or the row dropped.
        match = rng.choice(rows)
        number = rng.choice((b"0", b"-5", b"5001", b"10001", b"1048576", b"999999999", b"x"))
        copy_row = re.sub(rb' r="([A-Z]+)[0-9]+"', rb' r="\g<1>' + number + b'"', match.group(0))
        copy_row = copy_row.replace(b'<row r="%s"' % match.group(1), b'<row r="%s"' % number, 1)
        if rng.random() < 0.3:
            return xml[: match.start()] + xml[match.end() :]
        return xml.replace(b"</sheetData>", copy_row + b"</sheetData>", 1)
    if roll < 0.85:
        merge = rng.choice(
            (b"A1:XFD1048576", b"A2:U5000", b"B2:B3", b"A1:A1", b"bogus", b"C2:C10000", b"A5:B2")
        )
        cells = b'<mergeCells count="1"><mergeCell ref="%s"/></mergeCells>' % merge
        if b"<mergeCells" in xml:
            return xml
        return re.sub(rb"(</sheetData>)", rb"\1" + cells, xml, count=1)
    if roll < 0.92:
        return mutate_bytes(rng, xml)
    return xml.replace(b"<sheetData>", b"<sheetData>" + b"<row/>" * rng.randint(1, 3), 1)


def xlsx_input(rng: random.Random, bases: list[bytes]) -> bytes:
    base = rng.choice(bases)
    roll = rng.random()
    if roll < 0.05:
        return random_bytes(rng)
    if roll < 0.15:
        return mutate_bytes(rng, base)
    parts = unzip(base)
    for _ in range(rng.randint(1, 4)):
        sheets = [n for n in parts if n.startswith("xl/worksheets/")] or list(parts)
        roll = rng.random()
        if not parts:
            break
        if roll < 0.75:
            name = rng.choice(sheets)
            parts[name] = _mutate_sheet(rng, parts[name])
        elif roll < 0.82:
            name = rng.choice(list(parts))
            parts[name] = mutate_bytes(rng, parts[name])
        elif roll < 0.87:
            parts.pop(rng.choice(list(parts)), None)
        elif roll < 0.9:
            parts["xl/sharedStrings.xml"] = rng.choice(
                (
                    b"<sst xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
                    b"<si><t>x</t></si></sst>",
                    b"<sst><si><t>" + b"y" * 10 + b"</t></si>",
                    b"not xml",
                )
            )
        elif roll < 0.93:
            name = rng.choice(sheets)
            parts[name] = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + parts[name]
        elif roll < 0.96:
            name = rng.choice(list(parts))
            parts[name] = parts[name][: rng.randrange(len(parts[name]) + 1)]
        else:
            parts["xl/worksheets/sheet{}.xml".format(rng.randint(7, 9))] = parts[rng.choice(sheets)]
    return rezip(parts, rng)


# --- CSV ------------------------------------------------------------------------------------------


def mutate_csv(rng: random.Random, text: str) -> bytes:
    lines = list(csv.reader(io.StringIO(text)))
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        if not lines:
            lines = [[]]
        if roll < 0.55:
            row = rng.choice(lines)
            if row:
                row[rng.randrange(len(row))] = nasty_text(rng)
            else:
                row.append(nasty_text(rng))
        elif roll < 0.65:
            lines.insert(rng.randrange(len(lines) + 1), list(rng.choice(lines)))
        elif roll < 0.72 and len(lines) > 1:
            del lines[rng.randrange(1, len(lines))]
        elif roll < 0.8:
            rng.choice(lines).append(nasty_text(rng))
        elif roll < 0.85 and lines[0]:
            rng.shuffle(lines[0])
        elif roll < 0.9:
            # Many rows (past the importers' limits), but never more than 30,000 rows or about
            # 8 MB in all: the input, not the importer, would otherwise exhaust the memory.
            size = sum(len(cell) + 1 for row in lines for cell in row)
            times = min(rng.choice((100, 1000)), 30_000 // len(lines), 8_000_000 // size)
            lines = lines[:1] + lines[1:] * max(times, 1)
        else:
            rng.choice(lines).insert(0, nasty_text(rng))
    out = io.StringIO()
    csv.writer(
        out, delimiter=rng.choice(",,,;"), lineterminator=rng.choice(("\n", "\r\n"))
    ).writerows(lines)
    encoding = rng.choice(("utf-8", "utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"))
    data = out.getvalue().encode(encoding, "surrogatepass" if "utf-8" in encoding else "replace")
    if rng.random() < 0.15:
        data = mutate_bytes(rng, data)
    return data


def csv_input(rng: random.Random, bases: list[str]) -> bytes:
    base = rng.choice(bases)
    roll = rng.random()
    if roll < 0.07:
        return random_bytes(rng)
    if roll < 0.12:
        # One field larger than the csv module reads by default (131,072 characters).
        return (base + '"' + "x" * 140_000 + '"\n').encode()
    if roll < 0.17:
        return mutate_bytes(rng, base.encode("utf-8"))
    return mutate_csv(rng, base)


# --- the database, and one attempt ------------------------------------------------------------------


def _tables() -> list[str]:
    tables = set()
    for label in COUNTED_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            tables.add(model._meta.db_table)
    return sorted(tables)


def row_counts() -> tuple:
    """The number of rows of every table of plans, monitoring and review (with their history
    and link tables), in one query."""
    tables = _tables()
    sql = "SELECT " + ", ".join(
        "(SELECT COUNT(*) FROM {})".format(connection.ops.quote_name(t)) for t in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(zip(tables, cursor.fetchone(), strict=True))


class PartialWrite(AssertionError):
    """A rejected import left rows behind."""


class EmptyRejection(AssertionError):
    """An import was rejected without saying why."""


class _Rollback(Exception):
    pass


@dataclass
class Fuzzer:
    """The importers, their starting documents, and one attempt at a time."""

    json_bases: list = field(default_factory=list)
    xlsx_bases: list = field(default_factory=list)
    tc27_bases: list = field(default_factory=list)
    realization_bases: list = field(default_factory=list)
    version: PlanVersion | None = None
    user: object = None

    @classmethod
    def from_demo(cls, *, small: bool = False) -> "Fuzzer":
        """Bases from the demo in the database (the approved version 2). `small` keeps the bases
        small (two programs), for the bounded tests."""
        version = PlanVersion.objects.get(plan__agency__short_name="BKPSDM", number=2)
        user, _ = get_user_model().objects.get_or_create(username="pemeriksa-fuzz")
        full = export_version(version)
        cut = copy.deepcopy(full)
        cut["programs"] = cut["programs"][:2]
        for program in cut["programs"]:
            program["activities"] = program["activities"][:2]
        with_sections = copy.deepcopy(cut)
        indicator = cut["programs"][0]["indicators"][0]["key"]
        activity = cut["programs"][0]["activities"][0]["key"]
        with_sections["monitoring"] = {
            "owners": [{"indicator": indicator, "unit": "Bidang Uji", "person": user.username}],
            "realizations": [
                {
                    "indicator": indicator,
                    "year": 2018,
                    "quarter": 1,
                    "raw_text": "100%",
                    "note": "",
                    "deviation_cause": "",
                    "follow_up": "",
                    "status": "draft",
                    "status_note": "",
                    "verdict": None,
                    "is_example": False,
                    "entered_by": user.username,
                    "decided_by": None,
                }
            ],
            "budget": [
                {
                    "activity": activity,
                    "year": 2018,
                    "quarter": 0,
                    "raw_text": "1.000",
                    "amount": "1000",
                    "note": "",
                    "status": "draft",
                    "status_note": "",
                    "is_example": False,
                    "entered_by": None,
                    "decided_by": None,
                }
            ],
        }
        with_sections["comments"] = [
            {
                "item": indicator,
                "author": user.username,
                "text": "Periksa.",
                "resolved": False,
                "resolved_by": None,
                "replies": [
                    {
                        "item": None,
                        "author": user.username,
                        "text": "Ya.",
                        "resolved": True,
                        "resolved_by": user.username,
                        "replies": [],
                    }
                ],
            }
        ]
        new_plan = copy.deepcopy(cut)
        new_plan["agency"]["short_name"] = "UJI"
        new_plan["agency"]["name"] = "Dinas Uji"
        new_plan["plan"]["title"] = "Renstra Dinas Uji"
        new_plan["regional_plan"] = None
        new_plan["version"]["missions"] = []
        fuzzer = cls(version=version, user=user)
        fuzzer.json_bases = [cut, with_sections, new_plan] + ([] if small else [full])
        fuzzer.xlsx_bases = [template_workbook([2017, 2018])]
        with transaction.atomic():
            small_version = import_version(cut)
            fuzzer.xlsx_bases.append(export_workbook(small_version))
            transaction.set_rollback(True)
        if not small:
            fuzzer.xlsx_bases.append(export_workbook(version))
        files = TC27_FILES[2:] if small else TC27_FILES
        fuzzer.tc27_bases = [(FIXTURES / name).read_text(encoding="utf-8") for name in files]
        fuzzer.realization_bases = [realization_csv(version)]
        return fuzzer

    # the importers, each from bytes

    def run(self, importer: str, data: bytes):
        if importer == "json":
            return import_version(loads_document(data, "fuzz.json"), source_name="fuzz.json")
        if importer == "xlsx":
            return import_workbook(data, filename="fuzz.xlsx")
        if importer == "tc27":
            return import_tc27_file(data, TC27_SOURCE, name="fuzz.csv")
        return import_file(version=self.version, data=data, name="fuzz.csv", user=self.user)

    def make(self, importer: str, rng: random.Random, value=None) -> bytes:
        if importer == "json":
            return json_input(rng, self.json_bases, value)
        if importer == "xlsx":
            return xlsx_input(rng, self.xlsx_bases)
        if importer == "tc27":
            return csv_input(rng, self.tc27_bases)
        return csv_input(rng, self.realization_bases)

    def attempt(self, importer: str, data: bytes) -> str:
        """'accepted' or 'rejected'; raises PartialWrite or EmptyRejection when the property
        fails, and lets any other exception through (an unhandled error of the importer). The
        database is as before either way."""
        outcome = None
        try:
            with transaction.atomic():
                before = row_counts()
                try:
                    self.run(importer, data)
                except ImportRejected as exc:
                    if not exc.errors or not all(isinstance(e, CellError) for e in exc.errors):
                        raise EmptyRejection(repr(exc.errors)[:500]) from exc
                    str(exc)  # what the CLI prints must be printable
                    after = row_counts()
                    if after != before:
                        changed = [
                            (a[0], b[1], a[1]) for a, b in zip(after, before, strict=True) if a != b
                        ]
                        raise PartialWrite(
                            "rows left by a rejected import: {}".format(changed)
                        ) from exc
                    outcome = "rejected"
                else:
                    outcome = "accepted"
                raise _Rollback
        except _Rollback:
            pass
        return outcome


TC27_SOURCE = Tc27Source(
    region="Kabupaten Uji",
    region_kind="kabupaten",
    agency_name="Dinas Uji",
    agency_short_name="UJI",
    title="Renstra Dinas Uji",
    years={"y1": 2019, "y2": 2020, "y3": 2021, "y4": 2022, "y5": 2023},
)


def realization_csv(version: PlanVersion) -> str:
    """A realization CSV that version 2 accepts: the 2018 target of each numeric indicator as
    its realization, by code and name."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["kode", "indikator", "tahun", "triwulan", "nilai", "catatan"])
    seen = set()
    for indicator in (
        Indicator.objects.filter(version=version, value_type__in=("number", "percent"))
        .select_related("program", "activity")
        .prefetch_related("targets")
        .order_by("pk")
    ):
        owner = indicator.program or indicator.activity
        code = getattr(owner, "code", "") if owner is not None else ""
        target = next((t for t in indicator.targets.all() if t.year == 2018 and t.value), None)
        if not code or target is None or (code, indicator.name.casefold()) in seen:
            continue
        seen.add((code, indicator.name.casefold()))
        writer.writerow([code, indicator.name, 2018, 1, target.raw_text, "uji"])
    return out.getvalue()
