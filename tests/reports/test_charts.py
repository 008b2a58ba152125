"""SVG charts: well-formed, escaped, counted, deterministic, and drawn by WeasyPrint."""

import base64
import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from renstra.render.charts import (
    NO_DATA,
    NOT_COMPUTABLE,
    PREDICATE_COLORS,
    abbreviate_amount,
    bar_chart,
    distribution_chart,
    grouped_bar_chart,
    nice_ticks,
    svg_data_uri,
)

SVG = "{http://www.w3.org/2000/svg}"
EVIL = 'Program <script>&"'

CAPAIAN = [
    ("Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", Decimal("93.456")),
    ("Program Kepegawaian Daerah", Decimal("120")),
    ("Program Tanpa Target", None),
    ("Program Pengembangan Sumber Daya Manusia", Decimal("45.5")),
]
YEARS = ["2019", "2020", "2021"]
BUDGET = [
    ("Pagu", [Decimal("1047655345"), Decimal("1200000000"), None]),
    ("Realisasi", [Decimal("950000000.50"), Decimal("350000000"), Decimal("5000")]),
]
PREDICATES = [
    ("Sangat Tinggi", 12, PREDICATE_COLORS["sangat_tinggi"]),
    ("Tinggi", 8, PREDICATE_COLORS["tinggi"]),
    ("Sedang", 5, PREDICATE_COLORS["sedang"]),
    ("Rendah", 0, PREDICATE_COLORS["rendah"]),
    ("Sangat Rendah", 5, PREDICATE_COLORS["sangat_rendah"]),
]

CHARTS = {
    "bar": lambda: bar_chart(CAPAIAN, title="Capaian per Program"),
    "grouped-bar": lambda: grouped_bar_chart(YEARS, BUDGET, title="Pagu dan Realisasi"),
    "distribution": lambda: distribution_chart(PREDICATES, title="Sebaran Predikat"),
}
EMPTY_CHARTS = {
    "bar": lambda: bar_chart([], title="Capaian per Program"),
    "grouped-bar": lambda: grouped_bar_chart([], [], title="Pagu dan Realisasi"),
    "distribution": lambda: distribution_chart([], title="Sebaran Predikat"),
}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on anything not well-formed


def with_class(root: ET.Element, tag: str, css_class: str) -> list[ET.Element]:
    return [e for e in root.iter(SVG + tag) if css_class in (e.get("class") or "").split()]


def texts(root: ET.Element) -> list[str]:
    return ["".join(e.itertext()) for e in root.iter(SVG + "text")]


def tips(root: ET.Element) -> list[str]:
    return [e.text or "" for e in root.iter(SVG + "title")]


def desc(root: ET.Element) -> str:
    return root.find(SVG + "desc").text


@pytest.mark.parametrize("build", [*CHARTS.values(), *EMPTY_CHARTS.values()])
def test_every_chart_is_an_accessible_self_contained_svg(build):
    svg = build()
    root = parse(svg)
    assert root.tag == SVG + "svg"
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" ')
    assert root.get("role") == "img"
    assert root.get("font-family") == "DejaVu Sans, sans-serif"
    kind = root.get("class").split()
    assert kind[0] == "chart" and kind[1].startswith("chart-") and len(kind) == 2
    width, height = float(root.get("width")), float(root.get("height"))
    assert root.get("viewBox") == "0 0 {} {}".format(root.get("width"), root.get("height"))
    assert width == 640 and height > 40
    # The accessible name and description are the first children, found by their ids.
    title, description = root[0], root[1]
    assert (title.tag, description.tag) == (SVG + "title", SVG + "desc")
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == description.get("id")
    assert title.text and description.text
    # The title is also drawn, so that it prints.
    assert title.text in texts(root)
    # Nothing outside the SVG is referenced, nothing runs.
    assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "href" not in svg and "<script" not in svg and "<style" not in svg
    for element in root.iter():
        assert not any(name.startswith("on") for name in element.attrib)


@pytest.mark.parametrize("kind", list(EMPTY_CHARTS))
def test_empty_data_says_belum_ada_data(kind):
    root = parse(EMPTY_CHARTS[kind]())
    assert root.get("class") == "chart chart-" + kind
    assert NO_DATA in texts(root)
    assert desc(root) == NO_DATA + "."
    assert not root.findall(".//" + SVG + "rect")


def test_grouped_and_distribution_without_any_value_are_empty_too():
    assert NO_DATA in texts(parse(grouped_bar_chart(YEARS, [("Pagu", [None] * 3)], title="T")))
    zero = distribution_chart([("Tinggi", 0, "#7cc288")], title="T")
    assert NO_DATA in texts(parse(zero))


@pytest.mark.parametrize("kind", list(CHARTS))
def test_same_input_gives_the_same_bytes(kind):
    assert CHARTS[kind]() == CHARTS[kind]()


def test_ids_follow_the_data_so_two_charts_on_one_page_do_not_clash():
    one = parse(bar_chart(CAPAIAN, title="Capaian 2023"))
    two = parse(bar_chart(CAPAIAN[:2], title="Capaian 2024"))
    assert one.get("id") != two.get("id")
    assert one.get("aria-labelledby") != two.get("aria-labelledby")


# ---------------------------------------------------------------------------------------------
# bar_chart


def test_bar_chart_has_one_bar_per_value_and_words_for_none():
    root = parse(bar_chart(CAPAIAN, title="Capaian per Program"))
    assert len(with_class(root, "rect", "bar")) == 3
    assert len(with_class(root, "g", "label")) == 4
    assert [t.text for t in with_class(root, "text", "no-value")] == [NOT_COMPUTABLE]
    values = [t.text for t in with_class(root, "text", "value")]
    assert values == ["93,46%", "120%", "45,5%"]
    assert desc(root) == (
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota: 93,46%; "
        "Program Kepegawaian Daerah: 120%; Program Tanpa Target: tidak dapat dihitung; "
        "Program Pengembangan Sumber Daya Manusia: 45,5%. Garis acuan: Target 100%."
    )


def test_bar_lengths_follow_the_values_and_the_reference_line_sits_at_100():
    root = parse(bar_chart([("A", Decimal(50)), ("B", Decimal(100))], title="T"))
    a, b = (float(r.get("width")) for r in with_class(root, "rect", "bar"))
    assert b == pytest.approx(2 * a, abs=0.02)
    (line,) = with_class(root, "line", "reference")
    left = float(with_class(root, "rect", "bar")[1].get("x"))
    assert float(line.get("x1")) == pytest.approx(left + b, abs=0.02)
    assert "Target 100%" in texts(root)


def test_bar_chart_without_reference_and_with_another_unit():
    root = parse(
        bar_chart([("ASN dilatih", Decimal(1250))], title="T", unit="orang", reference=None)
    )
    assert not with_class(root, "line", "reference")
    assert [t.text for t in with_class(root, "text", "value")] == ["1.250 orang"]
    assert "Garis acuan" not in desc(root)


def test_bar_chart_abbreviates_large_values_but_describes_them_whole():
    root = parse(
        bar_chart(
            [("Belanja Pegawai Daerah", Decimal("1047655345")), ("Sisa", Decimal("5000000"))],
            title="T",
            unit="",
            reference=None,
            width=320,
        )
    )
    assert [t.text for t in with_class(root, "text", "value")] == ["1,05 M", "5 jt"]
    assert desc(root) == "Belanja Pegawai Daerah: 1.047.655.345; Sisa: 5.000.000."
    assert "Belanja Pegawai Daerah: 1.047.655.345" in tips(root)
    # In a narrow chart, tick labels that would collide are left out; the grid lines stay.
    ticks = with_class(root, "text", "tick")
    assert len(with_class(root, "line", "grid")) == 6 and 2 <= len(ticks) < 6
    centers = [float(t.get("x")) for t in ticks]
    assert centers == sorted(centers)


def test_all_none_still_lists_every_item():
    root = parse(bar_chart([("A", None), ("B", None)], title="T"))
    assert not with_class(root, "rect", "bar")
    assert len(with_class(root, "text", "no-value")) == 2


def test_negative_value_draws_left_of_zero():
    root = parse(bar_chart([("A", Decimal(-20)), ("B", Decimal(80))], title="T"))
    (axis,) = with_class(root, "line", "axis")
    negative, positive = with_class(root, "rect", "bar")
    zero = float(axis.get("x1"))
    assert float(negative.get("x")) + float(negative.get("width")) == pytest.approx(zero)
    assert float(positive.get("x")) == pytest.approx(zero)
    assert "-20%" in texts(root)


def test_height_grows_with_the_number_of_items():
    heights = [
        float(parse(bar_chart([("P", Decimal(1))] * n, title="T")).get("height"))
        for n in (1, 2, 10)
    ]
    assert heights[0] < heights[1] < heights[2]
    assert heights[2] - heights[1] == pytest.approx(8 * (heights[1] - heights[0]))


def test_long_label_is_cut_with_an_ellipsis_and_kept_whole_in_a_title():
    long = "Program Peningkatan Kapasitas Sumber Daya Aparatur Sipil Negara Daerah Kabupaten"
    root = parse(bar_chart([(long, Decimal(80)), ("Pendek", Decimal(90))], title="T"))
    (first, second) = with_class(root, "g", "label")
    shown = first.find(SVG + "text").text
    assert shown.endswith("…") and long.startswith(shown[:-1].rstrip())
    assert first.find(SVG + "title").text == long
    assert second.find(SVG + "text").text == "Pendek"


def test_bar_colours_are_used_in_turn_and_checked():
    root = parse(
        bar_chart(
            [("A", Decimal(1)), ("B", Decimal(2)), ("C", Decimal(3))],
            title="T",
            colors=["#112233", "#445566"],
        )
    )
    fills = [r.get("fill") for r in with_class(root, "rect", "bar")]
    assert fills == ["#112233", "#445566", "#112233"]
    with pytest.raises(ValueError, match="Warna"):
        bar_chart([("A", Decimal(1))], title="T", colors=["url(http://example.com/x)"])


# ---------------------------------------------------------------------------------------------
# Escaping


def test_labels_are_escaped_everywhere():
    charts = [
        bar_chart([(EVIL, Decimal(50)), ("B", None)], title=EVIL),
        grouped_bar_chart([EVIL, "2020"], [(EVIL, [Decimal(1), Decimal(2)])], title=EVIL),
        distribution_chart([(EVIL, 3, "#00876c")], title=EVIL),
    ]
    for svg in charts:
        assert "<script" not in svg
        assert "&lt;script&gt;&amp;" in svg
        root = parse(svg)
        assert not list(root.iter(SVG + "script")) and not list(root.iter("script"))
        assert root[0].text == EVIL  # the chart title, read back exactly
        assert EVIL in texts(root)  # drawn
        assert any(EVIL in tip for tip in tips(root)[1:])  # and in an element's tooltip
        assert EVIL in desc(root)


def test_control_characters_and_newlines_do_not_break_the_xml():
    root = parse(bar_chart([("Baris\nkedua\x00\x1b", Decimal(1))], title="Judul\tsatu"))
    assert root[0].text == "Judul satu"
    assert "Baris kedua" in texts(root)


# ---------------------------------------------------------------------------------------------
# nice_ticks and abbreviations


def _d(*values):
    return [Decimal(str(v)) for v in values]


@pytest.mark.parametrize(
    ("maximum", "expected"),
    [
        (Decimal(100), _d(0, 20, 40, 60, 80, 100)),
        (Decimal("93.5"), _d(0, 20, 40, 60, 80, 100)),
        (Decimal(120), _d(0, 25, 50, 75, 100, 125)),
        (Decimal(7), _d(0, 2, 4, 6, 8)),
        (Decimal(1), _d(0, "0.2", "0.4", "0.6", "0.8", 1)),
        (Decimal("0.03"), _d(0, "0.01", "0.02", "0.03")),
        (
            Decimal("1047655345"),
            _d(0, 250000000, 500000000, 750000000, 1000000000, 1250000000),
        ),
        (Decimal(0), _d(0, 1)),
        (Decimal(-5), _d(0, 1)),
        (None, _d(0, 1)),
    ],
)
def test_nice_ticks(maximum, expected):
    assert nice_ticks(maximum) == expected


def test_nice_ticks_have_no_exponent_notation():
    assert [str(t) for t in nice_ticks(Decimal("1047655345"))][-1] == "1250000000"
    assert [str(t) for t in nice_ticks(Decimal(1))] == ["0", "0.2", "0.4", "0.6", "0.8", "1"]


@given(
    st.decimals(
        min_value=Decimal("0.0001"),
        max_value=Decimal("1e15"),
        allow_nan=False,
        allow_infinity=False,
        places=4,
    )
)
def test_nice_ticks_cover_the_maximum_in_a_few_round_steps(maximum):
    ticks = nice_ticks(maximum)
    assert ticks[0] == 0 and ticks[-1] >= maximum
    assert ticks[-2] < maximum  # no empty step on top
    assert 3 <= len(ticks) <= 7
    step = ticks[1]
    assert all(b - a == step for a, b in zip(ticks, ticks[1:], strict=False))
    mantissa = step.scaleb(-step.adjusted()).normalize()
    assert mantissa in {Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5)}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1200000000"), "1,2 M"),
        (Decimal("1047655345"), "1,05 M"),
        (Decimal("350000000"), "350 jt"),
        (Decimal("999999999"), "1 M"),
        (Decimal("2500000000000"), "2,5 T"),
        (Decimal("5000"), "5 rb"),
        (Decimal("750"), "750"),
        (Decimal("0"), "0"),
        (Decimal("-1500000"), "-1,5 jt"),
    ],
)
def test_abbreviate_amount(value, expected):
    assert abbreviate_amount(value) == expected


# ---------------------------------------------------------------------------------------------
# grouped_bar_chart


def test_grouped_bars_one_per_value_with_a_legend_per_series():
    root = parse(grouped_bar_chart(YEARS, BUDGET, title="Pagu dan Realisasi"))
    bars = with_class(root, "rect", "bar")
    assert len(bars) == 5
    assert len(with_class(root, "rect", "legend-swatch")) == 2
    assert len(with_class(root, "g", "no-value")) == 1
    assert [b.get("fill") for b in bars] == ["#0072b2", "#e69f00", "#0072b2", "#e69f00", "#e69f00"]
    assert [g.find(SVG + "title").text for g in with_class(root, "g", "category")] == YEARS
    assert "2019 – Pagu: 1.047.655.345" in tips(root)


def test_grouped_axis_is_abbreviated_and_desc_has_full_amounts():
    root = parse(grouped_bar_chart(YEARS, BUDGET, title="Pagu dan Realisasi"))
    ticks = [t.text for t in with_class(root, "text", "tick")]
    assert ticks == ["0", "250 jt", "500 jt", "750 jt", "1 M", "1,25 M"]
    assert not any("." in t for t in ticks)
    assert desc(root) == (
        "2019: Pagu 1.047.655.345, Realisasi 950.000.000,5; "
        "2020: Pagu 1.200.000.000, Realisasi 350.000.000; "
        "2021: Pagu tidak ada nilai, Realisasi 5.000."
    )


def test_grouped_bar_heights_follow_the_values():
    root = parse(grouped_bar_chart(["A"], [("X", [Decimal(100)]), ("Y", [Decimal(25)])], title="T"))
    big, small = (float(r.get("height")) for r in with_class(root, "rect", "bar"))
    assert big == pytest.approx(4 * small, abs=0.02)


def test_grouped_series_must_match_the_categories():
    with pytest.raises(ValueError, match="Seri 'Pagu' memuat 1 nilai untuk 3 kategori"):
        grouped_bar_chart(YEARS, [("Pagu", [Decimal(1)])], title="T")


# ---------------------------------------------------------------------------------------------
# distribution_chart


def test_distribution_segments_and_legend():
    root = parse(distribution_chart(PREDICATES, title="Sebaran Predikat"))
    segments = with_class(root, "rect", "segment")
    assert len(segments) == 4  # 'Rendah' counts 0: listed, not drawn
    assert [s.get("fill") for s in segments] == [
        PREDICATE_COLORS[k] for k in ("sangat_tinggi", "tinggi", "sedang", "sangat_rendah")
    ]
    widths = [float(s.get("width")) for s in segments]
    assert sum(widths) == pytest.approx(640 - 24, abs=0.05)
    assert widths[0] == pytest.approx(widths[1] * 12 / 8, abs=0.05)
    legend = [[t.text for t in g.iter(SVG + "text")] for g in with_class(root, "g", "legend-item")]
    assert legend == [
        ["Sangat Tinggi", "12", "40%"],
        ["Tinggi", "8", "26,7%"],
        ["Sedang", "5", "16,7%"],
        ["Rendah", "0", "0%"],
        ["Sangat Rendah", "5", "16,7%"],
    ]
    assert desc(root) == (
        "Sangat Tinggi: 12 (40%); Tinggi: 8 (26,7%); Sedang: 5 (16,7%); Rendah: 0 (0%); "
        "Sangat Rendah: 5 (16,7%). Jumlah: 30."
    )


def test_low_predicates_are_hatched_for_greyscale_print():
    root = parse(distribution_chart(PREDICATES, title="T"))
    hatches = with_class(root, "rect", "hatch")
    # 'Sangat Rendah' segment and swatch, 'Rendah' swatch (its segment is empty).
    assert len(hatches) == 3
    ids = {p.get("id") for p in root.iter(SVG + "pattern")}
    assert {h.get("fill")[len("url(#") : -1] for h in hatches} <= ids


def test_predicate_colours():
    assert list(PREDICATE_COLORS) == [
        "sangat_tinggi",
        "tinggi",
        "sedang",
        "rendah",
        "sangat_rendah",
    ]
    assert len(set(PREDICATE_COLORS.values())) == 5
    assert all(c.startswith("#") and len(c) == 7 for c in PREDICATE_COLORS.values())


def test_distribution_rejects_negative_counts():
    with pytest.raises(ValueError, match="negatif"):
        distribution_chart([("Tinggi", -1, "#7cc288")], title="T")


# ---------------------------------------------------------------------------------------------
# WeasyPrint


def _pdf_text(html: str) -> tuple[int, str]:
    from pypdf import PdfReader
    from weasyprint import HTML

    reader = PdfReader(io.BytesIO(HTML(string=html).write_pdf()))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_weasyprint_draws_an_inline_svg_chart_with_extractable_text():
    svg = bar_chart(CAPAIAN, title="Capaian Kinerja per Program Tahun 2024")
    html = '<!doctype html><html lang="id"><body><h1>Laporan</h1>{}</body></html>'.format(svg)
    pages, text = _pdf_text(html)
    assert pages == 1
    assert "Capaian Kinerja per Program Tahun 2024" in text
    assert "93,46%" in text and NOT_COMPUTABLE in text and "Target 100%" in text


def test_weasyprint_draws_the_data_uri_form_too():
    svg = distribution_chart(PREDICATES, title="Sebaran Predikat Capaian")
    uri = svg_data_uri(svg)
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]).decode("utf-8") == svg
    pages, text = _pdf_text('<html><body><img alt="Sebaran" src="{}"></body></html>'.format(uri))
    assert pages == 1
    assert "Sebaran Predikat Capaian" in text
