"""Charts drawn on the server as SVG text: the same string goes inline into an HTML page and into
a WeasyPrint PDF. No JavaScript, no chart library, no external reference.

Every chart is an `<svg>` with role="img", a `<title>` (the chart's title, also drawn visibly) and
a `<desc>` that says the data in words, for screen readers and tests. Numbers are written the
Indonesian way (1.047.655.345; 93,5%); every label is XML-escaped. The same input gives the same
bytes: element ids are derived from the input, not counted or random.

- `bar_chart`: horizontal bars, one row per item ("capaian per program"), with an optional
  reference line (the 100% target); an item without a value says "tidak dapat dihitung".
- `grouped_bar_chart`: vertical grouped bars with a legend and a rounded y axis ("pagu vs
  realisasi anggaran per program / per tahun"); axis labels abbreviated (1,2 M; 350 jt; 5 rb).
- `distribution_chart`: one stacked bar of 100% with a legend of counts and shares ("sebaran
  predikat"); use `PREDICATE_COLORS` for the five predicates.

WeasyPrint (v70 checked) draws both an inline `<svg>` and `<img src="data:image/svg+xml;base64,...">`
(see `svg_data_uri`), and keeps the drawn text as real, extractable PDF text in both. Inline is
preferred: it keeps the title and description for screen readers on the HTML page.
"""

import base64
import hashlib
import re
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation
from xml.sax.saxutils import escape, quoteattr

from renstra.core.numbers import format_id_number

__all__ = [
    "NOT_COMPUTABLE",
    "NO_DATA",
    "PREDICATE_COLORS",
    "SERIES_COLORS",
    "abbreviate_amount",
    "bar_chart",
    "distribution_chart",
    "grouped_bar_chart",
    "nice_ticks",
    "svg_data_uri",
]

FONT_FAMILY = "DejaVu Sans, sans-serif"
NO_DATA = "Belum ada data"
NOT_COMPUTABLE = "tidak dapat dihitung"
NO_VALUE = "tidak ada nilai"

# Green (very high) to red (very low). The green end leans to blue-green and the two low
# predicates are hatched in the chart (see _HATCHES), so that the ends stay apart for
# red-green colour-blind readers and on a greyscale print, where dark green and dark red look alike.
PREDICATE_COLORS = {
    "sangat_tinggi": "#00876c",
    "tinggi": "#7cc288",
    "sedang": "#f7d154",
    "rendah": "#f0883e",
    "sangat_rendah": "#c0392b",
}

# Okabe-Ito: told apart with any colour vision; the first two (pagu, realisasi) also in grey.
SERIES_COLORS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442"]
BAR_COLOR = "#0072b2"
TEXT_COLOR = "#1f2328"
MUTED_COLOR = "#57606a"
GRID_COLOR = "#d8dee4"
AXIS_COLOR = "#57606a"
REFERENCE_COLOR = "#b42318"

_HATCHES = {
    PREDICATE_COLORS["rendah"]: "hatch",
    PREDICATE_COLORS["sangat_rendah"]: "cross",
}

PAD = 12
TITLE_SIZE = 14
TITLE_LINE = 18
LABEL_SIZE = 12
VALUE_SIZE = 11
SMALL_SIZE = 10

_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$|^[a-zA-Z]{3,20}$")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"\s+")

# Advance widths of DejaVu Sans in em, for estimating how much text fits. Generous rather than
# tight: a label cut a little early is better than one running into the bars.
_WIDTHS = {
    " ": 0.32,
    ".": 0.32,
    ",": 0.32,
    ":": 0.34,
    ";": 0.34,
    "'": 0.28,
    "|": 0.34,
    "!": 0.4,
    "(": 0.39,
    ")": 0.39,
    "[": 0.39,
    "]": 0.39,
    "-": 0.36,
    "/": 0.34,
    "%": 0.95,
    "…": 1.0,
    "i": 0.28,
    "j": 0.28,
    "l": 0.28,
    "f": 0.36,
    "t": 0.4,
    "r": 0.42,
    "s": 0.53,
    "c": 0.55,
    "z": 0.53,
    "m": 0.98,
    "w": 0.82,
    "I": 0.3,
    "J": 0.3,
    "M": 0.87,
    "W": 0.99,
}


# ---------------------------------------------------------------------------------------------
# Numbers


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        result = value
    else:
        try:
            result = Decimal(str(value))
        except InvalidOperation as exc:
            raise ValueError("'{}' bukan angka.".format(value)) from exc
    if not result.is_finite():
        raise ValueError("'{}' bukan angka yang dapat digambar.".format(value))
    return result


def _plain(value: Decimal) -> Decimal:
    """A tick without exponent notation: Decimal('2.5E+8') -> Decimal('250000000')."""
    value = value.normalize()
    if value.as_tuple().exponent > 0:
        value = value.quantize(Decimal(1))
    return value


def _rounded(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _format(value: Decimal, places: int = 2) -> str:
    """93.456 -> '93,46'; 100 -> '100'; 1047655345 -> '1.047.655.345' (zeros not shown)."""
    return format_id_number(_rounded(value, places))


def _with_unit(text: str, unit: str) -> str:
    if not unit:
        return text
    return text + unit if unit == "%" else text + " " + unit


_NICE_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))


def nice_ticks(max_value, count: int = 5) -> list[Decimal]:
    """Round axis ticks from 0 up to at least max_value, about `count` steps of 1, 2, 2.5 or 5
    times a power of ten: 100 -> 0, 20, ... 100; 1.047.655.345 -> 0, 250 jt, ... 1,25 M.

    Nothing to show (None, 0 or less) gives [0, 1], so that an axis can still be drawn.
    """
    value = _decimal(max_value)
    if value is None or value <= 0:
        return [Decimal(0), Decimal(1)]
    raw = value / max(int(count), 1)
    magnitude = Decimal(1).scaleb(raw.adjusted())
    residual = raw / magnitude
    step = next(nice for nice in _NICE_STEPS if nice >= residual) * magnitude
    steps = max(int((value / step).to_integral_value(rounding=ROUND_CEILING)), 1)
    return [_plain(step * index) for index in range(steps + 1)]


def _axis_ticks(low: Decimal, high: Decimal) -> list[Decimal]:
    """Ticks covering low..high, where low <= 0 <= high, with one step on both sides of zero."""
    ticks = nice_ticks(max(high, -low))
    step = ticks[1]
    below = int((-low / step).to_integral_value(rounding=ROUND_CEILING))
    above = int((high / step).to_integral_value(rounding=ROUND_CEILING))
    if below == 0 and above == 0:
        above = 1
    return [_plain(step * index) for index in range(-below, above + 1)]


_SCALES = (
    (Decimal(10) ** 12, "T"),
    (Decimal(10) ** 9, "M"),
    (Decimal(10) ** 6, "jt"),
    (Decimal(10) ** 3, "rb"),
)


def abbreviate_amount(value) -> str:
    """A short amount for axes: 1.200.000.000 -> '1,2 M' (miliar), 350.000.000 -> '350 jt',
    5.000 -> '5 rb', 2.500.000.000.000 -> '2,5 T' (triliun); below a thousand as it is."""
    value = _decimal(value)
    size = abs(value)
    for index, (factor, suffix) in enumerate(_SCALES):
        if size >= factor:
            scaled = _rounded(value / factor, 2)
            if abs(scaled) >= 1000 and index > 0:  # 999,999 jt rounds to 1 M, not 1.000 jt
                bigger, suffix = _SCALES[index - 1]
                scaled = _rounded(value / bigger, 2)
            return format_id_number(scaled) + " " + suffix
    return _format(value)


# ---------------------------------------------------------------------------------------------
# Text and markup


def _clean(text) -> str:
    """One line of text that XML can carry: control characters dropped, whitespace collapsed."""
    return _SPACES.sub(" ", _NOT_XML.sub("", str(text))).strip()


def _text_width(text: str, size: float, bold: bool = False) -> float:
    em = 0.0
    for char in text:
        if char in _WIDTHS:
            em += _WIDTHS[char]
        elif char.isdigit():
            em += 0.64
        elif char.isupper():
            em += 0.72
        elif char.islower():
            em += 0.62
        else:
            em += 0.7
    return em * size * (1.1 if bold else 1.0)


def _fit(text: str, width: float, size: float, bold: bool = False) -> str:
    """The text, cut and ended with '…' where it is wider than `width`."""
    if _text_width(text, size, bold) <= width:
        return text
    for end in range(len(text) - 1, 0, -1):
        candidate = text[:end].rstrip() + "…"
        if _text_width(candidate, size, bold) <= width:
            return candidate
    return "…"


def _wrap(text: str, width: float, size: float, max_lines: int, bold: bool = False) -> list[str]:
    """Words in lines no wider than `width`; the last allowed line is cut with '…'."""
    if max_lines <= 1:
        return [_fit(text, width, size, bold)]
    words = text.split(" ")
    lines: list[str] = []
    current = ""
    for position, word in enumerate(words):
        candidate = (current + " " + word).strip()
        if not current or _text_width(candidate, size, bold) <= width:
            current = candidate
            continue
        lines.append(current)
        if len(lines) == max_lines - 1:
            current = " ".join(words[position:])
            break
        current = word
    lines.append(current)
    return [_fit(line, width, size, bold) for line in lines if line] or [""]


def _num(value: float) -> str:
    text = "{:.2f}".format(value).rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attrs(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, float | int) and not isinstance(value, bool):
            value = _num(value)
        parts.append(" {}={}".format(name, quoteattr(str(value))))
    return "".join(parts)


def _el(tag: str, attrs: dict | None = None, content: str | None = None) -> str:
    """An element; `content` is markup (already escaped), None for an empty element."""
    if content is None:
        return "<{}{}/>".format(tag, _attrs(attrs or {}))
    return "<{0}{1}>{2}</{0}>".format(tag, _attrs(attrs or {}), content)


def _text(text: str, **attrs) -> str:
    attrs = {key.rstrip("_").replace("_", "-"): value for key, value in attrs.items()}
    return _el("text", attrs, escape(text))


def _tip(text: str) -> str:
    """A <title> child: the tooltip (and accessible name) of the element it is in."""
    return _el("title", None, escape(text))


def _color(value: str) -> str:
    if not isinstance(value, str) or not _COLOR.match(value):
        raise ValueError(
            "Warna '{}' tidak dikenali. Tulis warna seperti #0072b2 atau nama warna.".format(value)
        )
    return value.lower()


def _luminance(color: str) -> float | None:
    if not color.startswith("#"):
        return None
    digits = color[1:]
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return (0.299 * red + 0.587 * green + 0.114 * blue) / 255


def _ink_on(color: str) -> str:
    """Text colour readable on a fill of `color`."""
    luminance = _luminance(color)
    return "#ffffff" if luminance is not None and luminance < 0.55 else TEXT_COLOR


def _chart_id(kind: str, *data) -> str:
    digest = hashlib.sha1(repr((kind, data)).encode("utf-8")).hexdigest()[:10]
    return "chart-{}-{}".format(kind, digest)


def _document(
    kind: str, ident: str, width: float, height: float, title: str, desc: str, body: list[str]
) -> str:
    head = (
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" id="{ident}"'
        ' viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img"'
        ' aria-labelledby="{ident}-title" aria-describedby="{ident}-desc"'
        ' font-family="{font}" font-size="{size}" fill="{ink}">'
    ).format(
        kind=kind,
        ident=ident,
        width=_num(width),
        height=_num(height),
        font=FONT_FAMILY,
        size=LABEL_SIZE,
        ink=TEXT_COLOR,
    )
    return "".join(
        [
            head,
            _el("title", {"id": ident + "-title"}, escape(title)),
            _el("desc", {"id": ident + "-desc"}, escape(desc)),
            *body,
            "</svg>",
        ]
    )


def _title_block(title: str, width: float) -> tuple[list[str], float]:
    """The visible title, wrapped to at most three lines; returns (elements, y below it)."""
    lines = _wrap(title, width - 2 * PAD, TITLE_SIZE, max_lines=3, bold=True)
    elements = [
        _text(
            line,
            class_="chart-title",
            x=PAD,
            y=PAD + TITLE_SIZE + index * TITLE_LINE,
            font_size=TITLE_SIZE,
            font_weight="bold",
        )
        for index, line in enumerate(lines)
    ]
    return elements, PAD + len(lines) * TITLE_LINE + 8


def _empty(kind: str, title: str, width: float) -> str:
    ident = _chart_id(kind, title, width, "empty")
    elements, top = _title_block(title, width)
    elements.append(
        _text(
            NO_DATA,
            class_="no-data",
            x=width / 2,
            y=top + 24,
            text_anchor="middle",
            fill=MUTED_COLOR,
            font_style="italic",
        )
    )
    return _document(kind, ident, width, top + 24 + PAD + 12, title, NO_DATA + ".", elements)


def _width(width) -> int:
    return max(int(width), 240)


# ---------------------------------------------------------------------------------------------
# Horizontal bars


ROW_HEIGHT = 26
BAR_HEIGHT = 16


def bar_chart(
    items: list[tuple[str, Decimal | None]],
    *,
    title: str,
    unit: str = "%",
    reference: Decimal | None = Decimal(100),
    colors: list[str] | None = None,
    width: int = 640,
) -> str:
    """Horizontal bars, one row per (label, value), the value written at the bar's end.

    A label too long for the left column is cut with '…' (the whole label is the row's <title>).
    `reference` draws a dashed vertical line (the target, 100% by default; None for none).
    `colors` colour the bars in turn. An item whose value is None gets the words
    "tidak dapat dihitung" instead of a bar. The chart grows one row height per item.
    """
    title = _clean(title)
    unit = _clean(unit)
    width = _width(width)
    if not items:
        return _empty("bar", title, width)
    palette = [_color(c) for c in colors] if colors else [BAR_COLOR]
    labels = [_clean(label) for label, _ in items]
    values = [_decimal(value) for _, value in items]
    reference = _decimal(reference)
    # Drawn at the bar's end: amounts from a million up abbreviated (1,05 M); the bar's tooltip
    # and the description carry the whole number.
    texts = [None if v is None else _with_unit(_short(v), unit) for v in values]
    fulls = [None if v is None else _with_unit(_format(v), unit) for v in values]
    ident = _chart_id("bar", title, unit, reference, palette, width, labels, values)

    known = [v for v in values if v is not None] + ([reference] if reference is not None else [])
    ticks = _axis_ticks(min([Decimal(0), *known]), max([Decimal(0), *known]))
    tick_texts = [_with_unit(_short(t), unit) for t in ticks]

    elements, top = _title_block(title, width)
    rows_top = top + (18 if reference is not None else 4)
    rows_bottom = rows_top + ROW_HEIGHT * len(items)

    value_width = max([_text_width(t, VALUE_SIZE) for t in texts if t] + [0]) + 8
    label_width = min(max(_text_width(label, LABEL_SIZE) for label in labels), width * 0.38)
    label_width = max(label_width, 40)
    x0 = PAD + label_width + 8
    x1 = width - PAD - max(value_width, _text_width(tick_texts[-1], SMALL_SIZE) / 2)
    if x1 - x0 < width * 0.3:  # a narrow chart: the labels give way to the bars
        x0 = max(PAD + 48, x1 - width * 0.3)
        label_width = x0 - 8 - PAD
    low, high = ticks[0], ticks[-1]

    def x(value: Decimal) -> float:
        return x0 + float((value - low) / (high - low)) * (x1 - x0)

    zero = x(Decimal(0))

    shown_until = float("-inf")  # right end of the last tick label drawn
    for tick, tick_text in zip(ticks, tick_texts, strict=True):
        at = x(tick)
        elements.append(
            _el(
                "line",
                {
                    "class": "grid",
                    "x1": at,
                    "y1": rows_top,
                    "x2": at,
                    "y2": rows_bottom,
                    "stroke": GRID_COLOR,
                    "stroke-width": 1,
                },
            )
        )
        half = _text_width(tick_text, SMALL_SIZE) / 2
        if at - half < shown_until + 4:  # would run into the previous label: leave it out
            continue
        shown_until = at + half
        elements.append(
            _text(
                tick_text,
                class_="tick",
                x=at,
                y=rows_bottom + 14,
                text_anchor="middle",
                font_size=SMALL_SIZE,
                fill=MUTED_COLOR,
            )
        )

    summary = []
    for index, (label, value, text, full) in enumerate(
        zip(labels, values, texts, fulls, strict=True)
    ):
        row_top = rows_top + index * ROW_HEIGHT
        baseline = row_top + ROW_HEIGHT / 2 + 4
        elements.append(
            _el(
                "g",
                {"class": "label"},
                _tip(label)
                + _text(
                    _fit(label, label_width, LABEL_SIZE),
                    x=x0 - 8,
                    y=baseline,
                    text_anchor="end",
                ),
            )
        )
        if value is None:
            summary.append("{}: {}".format(label, NOT_COMPUTABLE))
            elements.append(
                _text(
                    NOT_COMPUTABLE,
                    class_="no-value",
                    x=zero + 4,
                    y=baseline - 1,
                    font_size=VALUE_SIZE,
                    font_style="italic",
                    fill=MUTED_COLOR,
                )
            )
            continue
        summary.append("{}: {}".format(label, full))
        end = x(value)
        elements.append(
            _el(
                "rect",
                {
                    "class": "bar",
                    "x": min(zero, end),
                    "y": row_top + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                    "width": abs(end - zero),
                    "height": BAR_HEIGHT,
                    "fill": palette[index % len(palette)],
                },
                _tip("{}: {}".format(label, full)),
            )
        )
        elements.append(
            _text(
                text,
                class_="value",
                x=(end if value >= 0 else zero) + 4,
                y=baseline - 1,
                font_size=VALUE_SIZE,
            )
        )

    elements.append(
        _el(
            "line",
            {
                "class": "axis",
                "x1": zero,
                "y1": rows_top,
                "x2": zero,
                "y2": rows_bottom,
                "stroke": AXIS_COLOR,
                "stroke-width": 1,
            },
        )
    )
    desc = "; ".join(summary) + "."
    if reference is not None:
        reference_text = "Target " + _with_unit(_format(reference), unit)
        at = x(reference)
        half = _text_width(reference_text, SMALL_SIZE) / 2
        elements.append(
            _el(
                "line",
                {
                    "class": "reference",
                    "x1": at,
                    "y1": rows_top - 4,
                    "x2": at,
                    "y2": rows_bottom,
                    "stroke": REFERENCE_COLOR,
                    "stroke-width": 1.5,
                    "stroke-dasharray": "5 3",
                },
            )
        )
        elements.append(
            _text(
                reference_text,
                class_="reference-label",
                x=min(max(at, PAD + half), width - PAD - half),
                y=rows_top - 7,
                text_anchor="middle",
                font_size=SMALL_SIZE,
                fill=REFERENCE_COLOR,
            )
        )
        desc += " Garis acuan: {}.".format(reference_text)
    return _document("bar", ident, width, rows_bottom + 20 + PAD, title, desc, elements)


def _short(value: Decimal) -> str:
    """An axis number: abbreviated from a million up, written out below."""
    return abbreviate_amount(value) if abs(value) >= 10**6 else _format(value)


# ---------------------------------------------------------------------------------------------
# Grouped vertical bars


PLOT_HEIGHT = 220
SWATCH = 12


def _legend(
    entries: list[tuple[str, str]], top: float, width: float, ident: str
) -> tuple[list[str], float]:
    """Swatches and names flowing in lines; returns (elements, y below the legend)."""
    elements = []
    x, y = PAD, top
    for name, color in entries:
        shown = _fit(name, width - 2 * PAD - SWATCH - 6, VALUE_SIZE)
        item_width = SWATCH + 6 + _text_width(shown, VALUE_SIZE) + 18
        if x > PAD and x + item_width > width - PAD:
            x, y = PAD, y + 18
        elements.append(
            _el(
                "g",
                {"class": "legend-item"},
                _tip(name)
                + _el(
                    "rect",
                    {
                        "class": "legend-swatch",
                        "x": x,
                        "y": y,
                        "width": SWATCH,
                        "height": SWATCH,
                        "fill": color,
                    },
                )
                + _hatch(color, x, y, SWATCH, SWATCH, ident)
                + _text(shown, x=x + SWATCH + 6, y=y + 10, font_size=VALUE_SIZE),
            )
        )
        x += item_width
    return elements, y + 18


def grouped_bar_chart(
    categories: list[str],
    series: list[tuple[str, list[Decimal | None]]],
    *,
    title: str,
    width: int = 640,
) -> str:
    """Vertical bars grouped by category, one bar per series (in SERIES_COLORS), with a legend
    and a y axis of round ticks abbreviated for rupiah (1,2 M; 350 jt; 5 rb).

    Each series has one value per category; None is drawn as '–' (no value). Values are written
    above their bars where they fit; each bar's <title> and the <desc> carry the full amounts.
    No categories, no series or no value at all gives the "Belum ada data" chart.
    """
    title = _clean(title)
    width = _width(width)
    names = [_clean(name) for name, _ in series]
    labels = [_clean(category) for category in categories]
    table = []
    for name, values in series:
        if len(values) != len(categories):
            raise ValueError(
                "Seri '{}' memuat {} nilai untuk {} kategori.".format(
                    _clean(name), len(values), len(categories)
                )
            )
        table.append([_decimal(value) for value in values])
    known = [value for values in table for value in values if value is not None]
    if not labels or not names or not known:
        return _empty("grouped-bar", title, width)
    ident = _chart_id("grouped-bar", title, width, labels, names, table)
    colors = [SERIES_COLORS[index % len(SERIES_COLORS)] for index in range(len(names))]

    ticks = _axis_ticks(min([Decimal(0), *known]), max([Decimal(0), *known]))
    tick_texts = [abbreviate_amount(t) for t in ticks]
    elements, top = _title_block(title, width)
    legend, top = _legend(list(zip(names, colors, strict=True)), top, width, ident)
    elements += legend

    plot_top = top + 10
    plot_bottom = plot_top + PLOT_HEIGHT
    x0 = PAD + max(_text_width(t, SMALL_SIZE) for t in tick_texts) + 8
    x1 = width - PAD
    low, high = ticks[0], ticks[-1]

    def y(value: Decimal) -> float:
        return plot_bottom - float((value - low) / (high - low)) * PLOT_HEIGHT

    zero = y(Decimal(0))
    for tick, tick_text in zip(ticks, tick_texts, strict=True):
        at = y(tick)
        elements.append(
            _el(
                "line",
                {
                    "class": "grid",
                    "x1": x0,
                    "y1": at,
                    "x2": x1,
                    "y2": at,
                    "stroke": GRID_COLOR,
                    "stroke-width": 1,
                },
            )
        )
        elements.append(
            _text(
                tick_text,
                class_="tick",
                x=x0 - 6,
                y=at + 3.5,
                text_anchor="end",
                font_size=SMALL_SIZE,
                fill=MUTED_COLOR,
            )
        )

    group_width = (x1 - x0) / len(labels)
    bar_width = min(group_width * 0.8 / len(names), 56)
    label_lines = 1
    summary = []
    for column, category in enumerate(labels):
        group_left = x0 + column * group_width
        first = group_left + (group_width - bar_width * len(names)) / 2
        parts = []
        for row, name in enumerate(names):
            value = table[row][column]
            left = first + row * bar_width
            center = left + bar_width / 2
            if value is None:
                parts.append("{} {}".format(name, NO_VALUE))
                elements.append(
                    _el(
                        "g",
                        {"class": "no-value"},
                        _tip("{} – {}: {}".format(category, name, NO_VALUE))
                        + _text("–", x=center, y=zero - 3, text_anchor="middle", fill=MUTED_COLOR),
                    )
                )
                continue
            full = _format(value)
            parts.append("{} {}".format(name, full))
            top_y = y(value)
            elements.append(
                _el(
                    "rect",
                    {
                        "class": "bar",
                        "x": left + 0.5,
                        "y": min(top_y, zero),
                        "width": max(bar_width - 1, 0.5),
                        "height": abs(zero - top_y),
                        "fill": colors[row],
                    },
                    _tip("{} – {}: {}".format(category, name, full)),
                )
            )
            short = abbreviate_amount(value)
            if _text_width(short, SMALL_SIZE - 1) <= bar_width:
                elements.append(
                    _text(
                        short,
                        class_="value",
                        x=center,
                        y=top_y - 3 if value >= 0 else top_y + SMALL_SIZE,
                        text_anchor="middle",
                        font_size=SMALL_SIZE - 1,
                    )
                )
        summary.append("{}: {}".format(category, ", ".join(parts)))
        lines = _wrap(category, group_width - 4, VALUE_SIZE, max_lines=2)
        label_lines = max(label_lines, len(lines))
        elements.append(
            _el(
                "g",
                {"class": "category"},
                _tip(category)
                + "".join(
                    _text(
                        line,
                        x=group_left + group_width / 2,
                        y=plot_bottom + 15 + index * 13,
                        text_anchor="middle",
                        font_size=VALUE_SIZE,
                    )
                    for index, line in enumerate(lines)
                ),
            )
        )
    elements.append(
        _el(
            "line",
            {
                "class": "axis",
                "x1": x0,
                "y1": zero,
                "x2": x1,
                "y2": zero,
                "stroke": AXIS_COLOR,
                "stroke-width": 1,
            },
        )
    )
    desc = "; ".join(summary) + "."
    height = plot_bottom + 6 + 13 * label_lines + PAD
    return _document("grouped-bar", ident, width, height, title, desc, elements)


# ---------------------------------------------------------------------------------------------
# Distribution (one stacked bar)


STACK_HEIGHT = 28
LEGEND_ROW = 18


def _hatch(color: str, x: float, y: float, width: float, height: float, ident: str) -> str:
    """A hatched overlay for the colours in _HATCHES ('' for the others)."""
    kind = _HATCHES.get(color)
    if kind is None:
        return ""
    return _el(
        "rect",
        {
            "class": "hatch",
            "x": x,
            "y": y,
            "width": width,
            "height": height,
            "fill": "url(#{}-{})".format(ident, kind),
        },
    )


def _patterns(ident: str, kinds: set[str]) -> str:
    patterns = []
    for kind in sorted(kinds):
        lines = _el(
            "line", {"x1": 0, "y1": 0, "x2": 0, "y2": 6, "stroke": "#1f2328", "stroke-width": 1.2}
        )
        if kind == "cross":
            lines += _el(
                "line",
                {"x1": 0, "y1": 3, "x2": 6, "y2": 3, "stroke": "#1f2328", "stroke-width": 1.2},
            )
        patterns.append(
            _el(
                "pattern",
                {
                    "id": "{}-{}".format(ident, kind),
                    "patternUnits": "userSpaceOnUse",
                    "width": 6,
                    "height": 6,
                    "patternTransform": "rotate(45)",
                },
                lines,
            )
        )
    return _el("defs", None, "".join(patterns)) if patterns else ""


def distribution_chart(counts: list[tuple[str, int, str]], *, title: str, width: int = 640) -> str:
    """One bar of 100% split into (label, count, color) segments, with a legend of label, count
    and share. Segments in PREDICATE_COLORS' 'rendah' and 'sangat_rendah' colours are hatched,
    so that the low end stays distinct from the high end in greyscale. Nothing counted gives the
    "Belum ada data" chart.
    """
    title = _clean(title)
    width = _width(width)
    entries = []
    for label, count, color in counts:
        count = int(count)
        if count < 0:
            raise ValueError("Jumlah '{}' tidak boleh negatif.".format(_clean(label)))
        entries.append((_clean(label), count, _color(color)))
    total = sum(count for _, count, _ in entries)
    if total == 0:
        return _empty("distribution", title, width)
    ident = _chart_id("distribution", title, width, entries)
    shares = [_format(Decimal(count) * 100 / total, 1) + "%" for _, count, _ in entries]

    elements, top = _title_block(title, width)
    elements.insert(0, _patterns(ident, {_HATCHES[c] for _, _, c in entries if c in _HATCHES}))
    bar_width = width - 2 * PAD
    running = 0
    for (label, count, color), share in zip(entries, shares, strict=True):
        if count == 0:
            continue
        left = PAD + bar_width * running / total
        running += count
        right = PAD + bar_width * running / total
        segment = _el(
            "rect",
            {
                "class": "segment",
                "x": left,
                "y": top,
                "width": right - left,
                "height": STACK_HEIGHT,
                "fill": color,
                "stroke": "#ffffff",
                "stroke-width": 1,
            },
            _tip("{}: {} ({})".format(label, format_id_number(count), share)),
        )
        elements.append(segment + _hatch(color, left, top, right - left, STACK_HEIGHT, ident))
        text_width = _text_width(share, VALUE_SIZE, bold=True)
        if text_width + 6 <= right - left:
            center = (left + right) / 2
            if color in _HATCHES:  # a plain plate under the share, for reading over the hatching
                elements.append(
                    _el(
                        "rect",
                        {
                            "class": "label-plate",
                            "x": center - text_width / 2 - 2,
                            "y": top + STACK_HEIGHT / 2 - 7,
                            "width": text_width + 4,
                            "height": 14,
                            "fill": color,
                        },
                    )
                )
            elements.append(
                _text(
                    share,
                    class_="segment-label",
                    x=center,
                    y=top + STACK_HEIGHT / 2 + 4,
                    text_anchor="middle",
                    font_size=VALUE_SIZE,
                    font_weight="bold",
                    fill=_ink_on(color),
                )
            )

    # Legend: one row per entry, count and share in right-aligned columns.
    label_column = max(_text_width(label, LABEL_SIZE) for label, _, _ in entries)
    count_width = max(_text_width(format_id_number(total), LABEL_SIZE), 30)
    share_width = _text_width("100%", LABEL_SIZE)
    label_column = min(label_column, width - 2 * PAD - SWATCH - 8 - count_width - share_width - 32)
    count_right = PAD + SWATCH + 8 + label_column + 16 + count_width
    share_right = count_right + 16 + share_width
    y = top + STACK_HEIGHT + 14
    summary = []
    for (label, count, color), share in zip(entries, shares, strict=True):
        summary.append("{}: {} ({})".format(label, format_id_number(count), share))
        elements.append(
            _el(
                "g",
                {"class": "legend-item"},
                _tip(label)
                + _el(
                    "rect",
                    {
                        "class": "legend-swatch",
                        "x": PAD,
                        "y": y,
                        "width": SWATCH,
                        "height": SWATCH,
                        "fill": color,
                    },
                )
                + _hatch(color, PAD, y, SWATCH, SWATCH, ident)
                + _text(_fit(label, label_column, LABEL_SIZE), x=PAD + SWATCH + 8, y=y + 10.5)
                + _text(format_id_number(count), x=count_right, y=y + 10.5, text_anchor="end")
                + _text(share, x=share_right, y=y + 10.5, text_anchor="end", fill=MUTED_COLOR),
            )
        )
        y += LEGEND_ROW
    total_text = format_id_number(total)
    elements.append(
        _el(
            "line",
            {
                "class": "legend-rule",
                "x1": PAD,
                "y1": y + 1,
                "x2": share_right,
                "y2": y + 1,
                "stroke": GRID_COLOR,
                "stroke-width": 1,
            },
        )
    )
    elements.append(
        _el(
            "g",
            {"class": "legend-total", "font-weight": "bold"},
            _text("Jumlah", x=PAD + SWATCH + 8, y=y + 15)
            + _text(total_text, x=count_right, y=y + 15, text_anchor="end")
            + _text("100%", x=share_right, y=y + 15, text_anchor="end"),
        )
    )
    desc = "; ".join(summary) + ". Jumlah: {}.".format(total_text)
    height = y + 15 + PAD + 4
    return _document("distribution", ident, width, height, title, desc, elements)


# ---------------------------------------------------------------------------------------------


def svg_data_uri(svg: str) -> str:
    """The chart as a data: URI, for <img src="..."> (give the img an alt text: an image loses
    the SVG's title and description for screen readers). WeasyPrint draws this form as well as
    an inline <svg>; inline is preferred where it can be used."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
