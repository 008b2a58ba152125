"""The dashboard's figures are rounded to what their unit allows (counts to whole numbers,
percentages to one decimal; for display only), and its program labels are distinct: code and
name, cut to fit, the whole label on hover."""

import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from renstra.core.targets import parse_target
from renstra.monitoring import figures
from renstra.monitoring.dashboard import program_labels
from renstra.monitoring.evaluation import evaluate
from renstra.monitoring.models import Realization
from renstra.plans.models import Indicator, Program

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("raw", "rule", "shown"),
    [
        ("1,3333 laporan", None, "1 laporan"),
        ("10,6667 pegawai", None, "11 pegawai"),
        ("2,5 orang", None, "3 orang"),  # half up, not to even
        ("3,5 orang", None, "4 orang"),
        ("1.250,4 dokumen", None, "1.250 dokumen"),
        ("1,3333 unit kendaraan roda dua", None, "1 unit kendaraan roda dua"),
        ("9,3333 bulan", None, "9 bulan"),  # months of a service are counted
        ("2,5 orang", "average", "2,5 orang"),  # an average of counts keeps its half
        ("2,125 hari", None, "2,13 hari"),  # a duration is measured
        ("70,456", None, "70,46"),  # a bare number (a score) too
        ("17,45 %", None, "17,5%"),
        ("27 %", None, "27%"),
        (
            "11,6667 unit roda dua dan 5,3333 unit roda empat",
            None,
            "12 unit roda dua dan 5 unit roda empat",
        ),
        ("BB", None, "BB"),
        ("sesuai jadwal", None, "sesuai jadwal"),
    ],
)
def test_a_figure_is_rounded_to_what_its_unit_allows(raw, rule, shown):
    assert figures.figure(parse_target(raw), rule) == shown


def test_percentages_have_one_decimal_and_nothing_is_changed_but_the_text():
    assert figures.percent(Decimal("44.44")) == "44,4%"
    assert figures.percent(Decimal("66.65")) == "66,7%"
    assert figures.percent(Decimal("100.00")) == "100%"
    assert figures.percent(None) == "" and figures.figure(None) == ""
    value = Decimal("1.3333")
    assert figures.number(value, 0) == "1" and value == Decimal("1.3333")


def test_units_that_count_and_units_that_measure():
    for unit in ("orang", "laporan", "dokumen", "kali", "unit kendaraan", "SK", "Perangkat Daerah"):
        assert figures.counts(unit), unit
    for unit in ("", "%", "hari", "jam", "Rp", "km", "ton", "poin", "indeks"):
        assert not figures.counts(unit), unit


def test_programs_of_one_name_get_distinct_labels_with_their_code(v2):
    programs = list(Program.objects.filter(version=v2).order_by("order", "pk"))
    labels = program_labels(programs)
    assert len(set(labels)) == len(labels)
    same = [
        label for label in labels if label.endswith("PENINGKATAN KAPASITAS SUMBER DAYA APARATUR")
    ]
    assert same == [
        "05 PENINGKATAN KAPASITAS SUMBER DAYA APARATUR",
        "16 PENINGKATAN KAPASITAS SUMBER DAYA APARATUR",
        "48 PENINGKATAN KAPASITAS SUMBER DAYA APARATUR",
    ]


def test_programs_sharing_a_code_or_without_one_are_numbered():
    def program(code, name):
        return SimpleNamespace(code=code, name=name)

    labels = program_labels(
        [
            program("01", "PROGRAM A"),
            program("01", "PROGRAM B"),
            program("", "PROGRAM C"),
            program("", "PROGRAM C"),
            program("", "PROGRAM D"),
        ]
    )
    assert labels == [
        "01 (1) PROGRAM A",
        "01 (2) PROGRAM B",
        "(1) PROGRAM C",
        "(2) PROGRAM C",
        "PROGRAM D",
    ]


def _svgs(html: str) -> list[ET.Element]:
    return [
        ET.fromstring("<svg" + part.split("</svg>")[0] + "</svg>")
        for part in html.split("<svg")[1:]
    ]


def _at_risk_row(html: str, name: str) -> list[str]:
    """The texts of the cells after the indicator's name in its row of the at-risk table."""
    row = html.split(">{}</a>".format(name), 1)[1].split("</tr>", 1)[0]
    return re.findall(r"<td[^>]*>(.*?)</td>", row)


def test_the_dashboard_rounds_its_figures_and_labels_programs_distinctly(client, sample, planner):
    laporan = Indicator.objects.get(version=sample, name="Jumlah laporan monitoring evaluasi")
    quarters = {
        r.quarter: r.raw_text for r in Realization.objects.filter(indicator=laporan, year=2019)
    }
    assert quarters == {1: "0 laporan", 2: "1 laporan", 3: "0 laporan"}  # projected 1,3333
    client.force_login(planner)
    html = client.get("/versi/{}/dasbor/2019/".format(sample.pk)).content.decode()
    assert not re.search(r"\d,\d{3,}", html)  # no 1,3333 laporan, no 44,44%
    cells = _at_risk_row(html, laporan.name)
    assert cells == ["2 laporan", "1 laporan", "1 laporan", "66,7%"]
    assert "10,6667" not in html and ">11 pegawai<" in html

    achievement, _spread, budget, _years = _svgs(html)
    programs = evaluate(sample, 2019).programs
    expected = ["{} {}".format(p.item.code, p.item.name) for p in programs]
    rows = achievement.findall(".//{}g[@class='label']".format(SVG))
    assert [g.find(SVG + "title").text for g in rows] == expected  # the whole label on hover
    shown = [g.find(SVG + "text").text for g in rows]
    assert len(set(shown)) == len(shown)  # cut, but never to the same text
    for text, label in zip(shown, expected, strict=True):
        assert text == label or (text.endswith("…") and label.startswith(text[:-1]))
    assert {s[:3] for s in shown[:3]} == {"05 ", "16 ", "48 "}
    values = [t.text for t in achievement.findall(".//{}text[@class='value']".format(SVG))]
    assert "81,3%" in values and not any(re.search(r",\d\d", v) for v in values)
    categories = budget.findall(".//{}g[@class='category']".format(SVG))
    assert [g.find(SVG + "title").text for g in categories] == expected


def test_the_dashboard_pdf_rounds_as_the_page_does(client, sample, planner):
    client.force_login(planner)
    pdf = client.get("/versi/{}/dasbor/2019.pdf".format(sample.pk)).content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "1,3333" not in text and "44,44" not in text
    assert "1 laporan" in text and "66,7%" in text
