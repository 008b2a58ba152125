"""PDF: F4 landscape (A4 as an option), the table header repeated on every page, a running
title and "Halaman N dari M", rows kept whole, total rows bold under a rule, the signature
block kept whole after the table (Typst keeps the last item and the totals with it).

This module lays the page out; an engine prints it. `pieces` turns the tables into sections
(a table, or the rows of one page of one part of a table too wide for the page), each with
its column widths and font; Typst (renderers/pdf_typst.py, the default) or WeasyPrint (from
the same HTML as the page) prints them. settings.PDF_ENGINE picks; tests/bench/bench_pdf.py
measures both on the same pieces.

Words: a header breaks only between words (columns are made wide enough for its longest word,
measured with the font's own widths); a body word too long for its column is hyphenated the
Indonesian way (Pyphen's patterns) rather than cut anywhere: soft hyphens for WeasyPrint,
lines ending in a hyphen for Typst (hard_breaks).
"""

import functools
import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

import pyphen
from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from renstra.render.renderers import pdf_typst
from renstra.render.renderers.html import display, render_html_fragment
from renstra.render.table import CellKind, Table, column_slice, header_positions

PAPER = {"f4": "330mm 215mm", "a4": "297mm 210mm"}
# Widths are counted in digits of 7.5pt DejaVu Sans (1.7 mm, the width of a digit): this many fit
# across the printable width (the page less 18 mm of margins).
LINE_CHARS = {"f4": 312 / 1.7, "a4": 279 / 1.7}
PADDING_CHARS = 0.67  # 2 x 0.5 mm of cell padding and a border, in digit widths
BASE_FONT_PT = 7.5
MIN_FONT_PT = 5.5
BODY_WORD_CAP = 16  # a body word longer than this (digits) may break; a header word never does
SHORT_HEADER = 12  # a header up to this wide (digits) is kept on one line when there is room

# Advance widths of DejaVu Sans, the PDF's font, regular and bold, for the characters " " to "~"
# (font units, 2048 to the em; read from DejaVuSans.ttf and DejaVuSans-Bold.ttf). A header word
# is measured with them, so that its column is wide enough to hold it on one line.
_FIRST = 32
_REGULAR = (
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690,
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716,
    1087, 2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767,
    1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690,
    799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569,
    1995, 1298, 1253, 1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303,
    690, 1303, 1716,
)  # fmt: skip
_BOLD = (
    713, 934, 1067, 1716, 1425, 2052, 1786, 627, 936, 936, 1071, 1716, 778, 850, 778, 748,
    1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 819, 819, 1716, 1716, 1716,
    1188, 2048, 1585, 1561, 1503, 1700, 1399, 1399, 1681, 1714, 762, 762, 1587, 1305, 2038,
    1714, 1741, 1501, 1741, 1577, 1475, 1397, 1663, 1585, 2259, 1579, 1483, 1485, 936, 748,
    936, 1716, 1024, 1024, 1382, 1466, 1214, 1466, 1389, 891, 1466, 1458, 702, 702, 1362, 702,
    2134, 1458, 1407, 1466, 1466, 1010, 1219, 979, 1458, 1335, 1892, 1321, 1335, 1192, 1458,
    748, 1458, 1716,
)  # fmt: skip
_DIGIT = 1303  # the regular digit: the unit of LINE_CHARS
_OTHER = 2048  # a character outside the table (an en dash, an accented letter): an em, to be safe


@functools.lru_cache(maxsize=1 << 16)  # a plan repeats its words: measured once each
def text_width(text: str, bold: bool = False) -> float:
    """The width of `text` in DejaVu Sans, in digits of the regular face."""
    advances = _BOLD if bold else _REGULAR
    total = 0
    for char in text:
        index = ord(char) - _FIRST
        total += advances[index] if 0 <= index < len(advances) else _OTHER
    return total / _DIGIT


def _longest_word(text: str, bold: bool) -> float:
    """The widest unbreakable run of `text`. "Penanggung-jawab" is one: a header breaks only
    between words (hyphens: manual), so its hyphen is no break either."""
    return max([text_width(word, bold) for word in str(text).split()] + [0])


PRINT_CSS = """
@page {{
  size: {size};
  margin: 14mm 9mm 13mm 9mm;
  @top-center {{ content: "{running}"; font: bold 8pt "DejaVu Sans", sans-serif; color: #333; }}
  @bottom-right {{ content: "Halaman " counter(page) " dari " counter(pages); font: 8pt "DejaVu Sans", sans-serif; }}
  @bottom-left {{ content: "Dicetak {printed}"; font: 7pt "DejaVu Sans", sans-serif; color: #555; }}
}}
@page cover {{ @top-center {{ content: none; }} }}
body {{ font-family: "DejaVu Sans", "Liberation Sans", sans-serif; font-size: 7.5pt; color: #111; }}
h1 {{ font-size: 11pt; margin: 0 0 1mm; text-transform: uppercase; }}
p.subtitle {{ margin: 0 0 2mm; font-size: 8pt; }}
p.preamble {{ margin: 0 0 1mm; font-size: 8pt; }}
section.table {{ page-break-before: always; }}
section.table.first {{ page-break-before: auto; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
thead {{ display: table-header-group; }}
th, td {{ border: 0.4pt solid #333; padding: 0.5mm; vertical-align: top; overflow-wrap: anywhere; }}
th {{ background: #e4e7ec; text-align: center; hyphens: manual; word-break: normal; overflow-wrap: normal; }}
.colnum {{ background: #f1f2f4; font-weight: normal; font-size: 6.5pt; }}
tr {{ break-inside: avoid; }}
.num {{ text-align: right; white-space: nowrap; }}
.program {{ font-weight: bold; }}
tr.total td {{ font-weight: bold; border-top: 1.2pt solid #111; background: #f1f2f4; }}
table.signatures {{ width: 100%; margin-top: 6mm; break-inside: avoid; page-break-inside: avoid; }}
table.signatures td {{ border: none; padding: 0; text-align: center; font-size: 8.5pt; overflow-wrap: normal; }}
table.signatures p {{ margin: 0; }}
table.signatures p.sign-space {{ height: 17mm; }}
table.signatures p.name {{ font-weight: bold; text-decoration: underline; }}
.indent {{ padding-left: 3mm; }}
.marked {{ background: #fff1d6; }}
.empty {{ text-align: center; font-weight: bold; padding: 4mm; }}
ul.table-notes {{ font-size: 7pt; }}
.cover {{ page: cover; text-align: center; padding-top: 45mm; }}
.cover h1 {{ font-size: 20pt; text-transform: none; }}
.cover p {{ font-size: 12pt; margin: 3mm 0; }}
"""


def _css(running_title: str, paper: str) -> str:
    running = running_title.replace("\\", "").replace('"', "'")
    return PRINT_CSS.format(
        size=PAPER[paper], running=running, printed=date.today().strftime("%d-%m-%Y")
    )


def _header_spans(table: Table) -> list[tuple[int, int, str]]:
    """(first column, number of columns, label) of every header cell, rowspans resolved."""
    return [
        (first, header.colspan, header.label)
        for placed in header_positions(table)
        for first, header in placed
    ]


def _needs(table: Table) -> tuple[list[float], list[float], list[float]]:
    """Per column, in digits at the base font: what it must have (its longest header word, its
    widest number or code), what it should have (also its longest body word, up to
    BODY_WORD_CAP) and what it would like (room for its typical text)."""
    hard, soft, preferred = [], [], []
    for index, column in enumerate(table.columns):
        # A cell merged over several columns (a total row's label) is not one column's content.
        cells = [r.cells[index] for r in table.rows if not r.cells[index].covered]
        texts = [display(c) for c in cells if c.colspan == 1]
        if column.kind in (CellKind.MONEY, CellKind.NUMBER, CellKind.PERCENT, CellKind.CODE):
            # Measured bold: program and total rows are bold, and a number never breaks.
            need = max([text_width(t, bold=True) for t in texts] + [3]) + 0.5
            hard.append(need)
            soft.append(need)
            preferred.append(need)
            continue
        words = [_longest_word(t, bold=False) for t in texts] + [3]
        lengths = sorted(text_width(t) for t in texts) or [0]
        typical = lengths[max(0, int(len(lengths) * 0.9) - 1)]
        hard.append(3.5)
        soft.append(min(max(words), BODY_WORD_CAP) + 0.5)
        preferred.append(max(soft[-1], min(typical, 48) / 1.6))
    # Header words (bold, as th prints them) are hard: a one-column header's longest word fits
    # its column; a header over several columns spreads what its word lacks over them.
    # Where the page has room, a short header ("Kode Rek") would rather stay on one line.
    for first, span, label in sorted(_header_spans(table), key=lambda h: h[1]):
        need = _longest_word(label, bold=True) + 0.5
        have = sum(hard[first : first + span]) + PADDING_CHARS * (span - 1)
        for col in range(first, first + span):
            if need > have:
                hard[col] += (need - have) / span
            soft[col] = max(soft[col], hard[col])
            preferred[col] = max(preferred[col], soft[col])
        if span == 1:
            one_line = min(text_width(label, bold=True) + 0.5, SHORT_HEADER)
            preferred[first] = max(preferred[first], one_line)
    return hard, soft, preferred


def _between(low: list[float], high: list[float], room: float) -> list[float]:
    """`low` grown towards `high` in proportion to what each lacks, to fill `room`."""
    spare = room - sum(low)
    wish = sum(h - lo for h, lo in zip(high, low, strict=True)) or 1
    share = min(1, spare / wish)
    return [lo + (h - lo) * share for h, lo in zip(high, low, strict=True)]


def column_layout(table: Table, paper: str) -> tuple[list[float], float]:
    """Column widths (percent) and the font size (pt) of `table` on `paper` (see _layout)."""
    widths, font, _rooms = _layout(table, paper)
    return widths, font


def _layout(table: Table, paper: str) -> tuple[list[float], float, list[float]]:
    """Column widths (percent) and a font size (pt) such that every number and every header
    word fits on one line (a header never breaks inside a word), and every body word up to
    BODY_WORD_CAP digits does as far as the page allows: nothing is clipped.

    At the base font the columns get their preferred widths, or at least what they should have
    (the longest body word too). When even that does not fit, the font shrinks, down to
    MIN_FONT_PT; at that size the columns get what they must have and share the rest, so a
    long body word may break. Only when the headers' words and the numbers alone do not fit at
    MIN_FONT_PT does the font shrink further, until they do.

    Returns the widths (percent), the font (pt) and each column's room for text, in digits of
    that font.
    """
    hard, soft, preferred = _needs(table)
    # Content widths scale with the font; the padding (in mm) does not.
    room = LINE_CHARS[paper] - PADDING_CHARS * len(table.columns)
    if sum(soft) <= room:
        font, widths = BASE_FONT_PT, _between(soft, preferred, room)
    elif sum(soft) * MIN_FONT_PT / BASE_FONT_PT <= room:
        font, widths = BASE_FONT_PT * room / sum(soft), soft
    else:
        font = min(MIN_FONT_PT, BASE_FONT_PT * room / sum(hard))
        widths = _between(hard, soft, room * BASE_FONT_PT / font)
    scaled = [w * font / BASE_FONT_PT for w in widths]
    # A column's share of the table counts its padding and borders too.
    boxes = [w + PADDING_CHARS for w in scaled]
    total = sum(boxes)
    # Rounded down, so that a rounding never takes a column below what it measured.
    percents = [int(10000 * b / total) / 100 for b in boxes]
    return percents, int(font * 100) / 100, widths


_HYPHENATOR = pyphen.Pyphen(lang="id_ID")
_SOFT_HYPHEN = "\u00ad"
_WORDS = re.compile(r"(\s+)")
_PARTS = re.compile(r"([/-])")  # a line may break after these already
INDENT_MM = 2.5  # .indent's padding beyond the cell's own (3 mm less 0.5 mm)
DIGIT_MM = 1.7  # a digit at BASE_FONT_PT


def _fitted(text: str, room: float, bold: bool) -> str:
    """`text` with soft hyphens at the Indonesian syllable breaks of each word (or part of a
    word between '/' and '-') wider than `room`; the other words are left alone."""

    def fit(part: str) -> str:
        if text_width(part, bold) <= room:
            return part
        return _HYPHENATOR.inserted(part, hyphen=_SOFT_HYPHEN)

    return "".join(
        "".join(fit(part) for part in _PARTS.split(word)) if text_width(word, bold) > room else word
        for word in _WORDS.split(text)
    )


def hard_breaks(text: str, room: float, bold: bool) -> str:
    """`text` with each word (or part of a word between '/' and '-') wider than `room` broken
    into lines that end in a hyphen, at its Indonesian syllable breaks, as many syllables to a
    line as fit (a syllable wider than the column is cut where it must). For an engine that
    takes no soft hyphens (pdf_typst); the other words are left for the engine to wrap."""
    hyphen = text_width("-", bold)

    def pieces(part: str) -> list[str]:
        syllables = _HYPHENATOR.inserted(part, hyphen=_SOFT_HYPHEN).split(_SOFT_HYPHEN)
        out = []
        for syllable in syllables:
            while text_width(syllable, bold) + hyphen > room and len(syllable) > 1:
                cut = len(syllable) - 1
                while cut > 1 and text_width(syllable[:cut], bold) + hyphen > room:
                    cut -= 1
                out.append(syllable[:cut])
                syllable = syllable[cut:]
            out.append(syllable)
        return out

    def fit(part: str) -> str:
        if text_width(part, bold) <= room:
            return part
        lines, line = [], ""
        for piece in pieces(part):
            if line and text_width(line + piece, bold) + hyphen > room:
                lines.append(line + "-")
                line = piece
            else:
                line += piece
        return "\n".join(lines + [line])

    return "".join(
        "".join(fit(part) for part in _PARTS.split(word)) if text_width(word, bold) > room else word
        for word in _WORDS.split(text)
    )


def _hyphenated(table: Table, rooms: list[float], font: float, fit=_fitted) -> Table:
    """A copy of `table` whose body words too wide for their column may break (see _fitted)."""
    indent = INDENT_MM / (DIGIT_MM * font / BASE_FONT_PT)  # in digits of `font`
    rows = []
    for row in table.rows:
        bold = row.style == "program" or row.total
        cells, changed = [], False
        for index, (cell, room) in enumerate(zip(row.cells, rooms, strict=True)):
            if isinstance(cell.value, str) and cell.kind == CellKind.TEXT and cell.colspan == 1:
                # The renderer indents the second column of rows below the top level.
                room -= indent if row.level and index == 1 else 0
                value = fit(cell.value, room, bold)
                if value != cell.value:  # most words fit: their cells are kept as they are
                    cell, changed = replace(cell, value=value), True
            cells.append(cell)
        rows.append(replace(row, cells=cells) if changed else row)
    return replace(table, rows=rows)


@dataclass
class Piece:
    """What one engine prints as one section: a table (or the rows of one page of a part of
    a wide table) from a new page, at its widths (percent) and font (pt), the title, subtitle
    lines below it, and each column's room for text (digits of the font) for breaking words."""

    table: Table
    widths: list[float]
    font: float
    rooms: list[float]
    subtitle: list[str]
    first: bool


def pieces(tables: list[Table], paper: str, cover: bool = False) -> Iterator[Piece]:
    """The sections of a PDF of `tables`, each table laid out for `paper` (see _layout); a
    table with print parts as one piece per page and part (see _parts)."""
    for index, table in enumerate(tables):
        first = index == 0 and not cover
        if table.print_parts:
            yield from _parts(table, first, paper)
            continue
        widths, font, rooms = _layout(table, paper)
        yield Piece(table, widths, font, rooms, [table.subtitle], first)


def _html_section(piece: Piece):
    table = _hyphenated(piece.table, piece.rooms, piece.font)
    return format_html(
        '<section class="table{}" style="font-size:{}pt"><h1>{}</h1><p class="subtitle">{}</p>{}</section>',
        " first" if piece.first else "",
        piece.font,
        table.title,
        format_html_join(mark_safe("<br>"), "{}", ((line,) for line in piece.subtitle)),
        render_html_fragment(table, piece.widths),
    )


# Printable height of a page (the page less its top and bottom margins), the title and
# subtitle above a table, and a cell's padding with its borders, in mm.
PAGE_HEIGHT_MM = {"f4": 215 - 27, "a4": 210 - 27}
TITLE_MM = 14.0
CELL_EXTRA_MM = 1.4
LINE_HEIGHT = 1.17  # DejaVu Sans: ascent + descent, in ems
FILL = 0.92  # the share of a page the estimate may fill: room for its error


def _lines(text: str, room: float, bold: bool) -> int:
    """Lines `text` takes in a column `room` digits wide (greedy, as the browser wraps)."""
    lines = 0
    for paragraph in str(text).split("\n"):
        used, lines = None, lines + 1
        for word in paragraph.split():
            width = text_width(word, bold)
            if width > room:  # hyphenated or broken: as many lines as it needs
                lines += int(width // max(room, 1)) + (0 if used is None else 1)
                used = width % max(room, 1)
                continue
            space = text_width(" ", bold)
            if used is None:
                used = width
            elif used + space + width <= room:
                used += space + width
            else:
                lines, used = lines + 1, width
    return lines


def _row_heights(table: Table, rooms: list[float], font: float) -> tuple[list[float], float]:
    """The estimated height (mm) of each body row, and of the header, of `table` as laid out."""
    line = font * 0.3528 * LINE_HEIGHT
    heights = []
    for row in table.rows:
        bold = row.style == "program" or row.total
        tallest = 1
        for index, cell in enumerate(row.cells):
            if cell.covered or cell.rowspan > 1:
                continue
            room = sum(rooms[index : index + cell.colspan])
            tallest = max(tallest, _lines(display(cell), room, bold))
        heights.append(tallest * line + CELL_EXTRA_MM)
    header = 0.0
    for placed in header_positions(table):
        tallest = 1
        for first, cell in placed:
            if cell.rowspan == 1:
                room = sum(rooms[first : first + cell.colspan])
                tallest = max(tallest, _lines(cell.label, room, True))
        header += tallest * line + CELL_EXTRA_MM
    if table.numbered:
        header += 6.5 * 0.3528 * LINE_HEIGHT + CELL_EXTRA_MM
    return heights, header


def _blocks(table: Table) -> list[range]:
    """Runs of rows that stay together: an item's rows merged down by a rowspan."""
    blocks, start = [], 0
    for index in range(1, len(table.rows) + 1):
        if index == len(table.rows):
            blocks.append(range(start, index))
        elif not any(c.covered and c.colspan == 1 for c in table.rows[index].cells) or (
            table.rows[index].total
        ):
            blocks.append(range(start, index))
            start = index
    return [b for b in blocks if len(b)]


TAIL_ROWS = 6  # the most rows of the last item that move with the signature block


def _tail_start(table: Table) -> int | None:
    """The first row that goes with the signature block: the total rows at the end and the
    item before them (when it has at most TAIL_ROWS rows; else the totals alone). None when
    nothing is signed or nothing would be left above."""
    if not table.signatories or not table.rows:
        return None
    blocks = _blocks(table)
    last = len(blocks) - 1
    while last > 0 and all(table.rows[i].total for i in blocks[last]):
        last -= 1
    start = blocks[last].start
    if len(blocks[last]) > TAIL_ROWS or table.rows[start].total:
        start = blocks[last].stop
    return start if 0 < start < len(table.rows) else None


def _page_groups(parts: list[Table], layouts, paper: str) -> list[list[int]]:
    """Rows grouped into pages such that each group fits one page in every part, so that the
    parts' pages of one group show the same rows and can be laid side by side."""
    estimates = [
        _row_heights(part, rooms, font)
        for part, (_w, font, rooms) in zip(parts, layouts, strict=True)
    ]
    capacity = [PAGE_HEIGHT_MM[paper] * FILL - TITLE_MM - header for _heights, header in estimates]
    groups, current, used = [], [], [0.0] * len(parts)
    for block in _blocks(parts[0]):
        needs = [sum(heights[i] for i in block) for heights, _header in estimates]
        if current and any(u + n > c for u, n, c in zip(used, needs, capacity, strict=True)):
            groups.append(current)
            current, used = [], [0.0] * len(parts)
        current += list(block)
        used = [u + n for u, n in zip(used, needs, strict=True)]
    if current:
        groups.append(current)
    return groups


def _ranges(numbers: list[str]) -> str:
    """ "1, 3, 5, 12–21" for the column numbers 1 3 5 12 13 ... 21."""
    runs: list[list[int]] = []
    for number in (int(n) for n in numbers):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(
        str(run[0]) if len(run) < 3 else "{}–{}".format(run[0], run[-1]) for run in runs
    )


def _parts(table: Table, first: bool, paper: str) -> Iterator[Piece]:
    """A table too wide for the page printed in parts (Table.print_parts), each repeating its
    key columns, page by page: the parts of the same rows follow each other, so that a reader
    lays them side by side and reads a row across. Notes and signatures follow the last part."""
    count = len(table.print_parts)
    parts = [column_slice(table, keep) for keep in table.print_parts]
    layouts = [_layout(part, paper) for part in parts]
    groups = _page_groups(parts, layouts, paper)
    for number, rows in enumerate(groups, start=1):
        last_group = number == len(groups)
        for index, (part, (widths, font, rooms)) in enumerate(zip(parts, layouts, strict=True)):
            last = last_group and index == count - 1
            piece = replace(
                part,
                rows=[part.rows[i] for i in rows],
                notes=part.notes if last else [],
                signatories=part.signatories if last else [],
            )
            where = _("Halaman {} dari {}, bagian {} dari {}: kolom {}").format(
                number,
                len(groups),
                index + 1,
                count,
                _ranges(part.column_numbers),
            )
            yield Piece(
                piece,
                widths,
                font,
                rooms,
                [table.subtitle, where],
                first and number == 1 and index == 0,
            )


def render_pdf_document(
    tables: list[Table], *, running_title: str, cover=None, paper: str = "f4", engine: str = ""
) -> bytes:
    """One PDF with the tables in order, each from a new page, after an optional cover page
    (its lines: the title first). `engine`: "typst" or "weasyprint"; by default the one
    settings.PDF_ENGINE names (Typst unless set otherwise)."""
    if paper not in PAPER:
        raise ValueError("Ukuran kertas '{}' tidak dikenal. Pilih f4 atau a4.".format(paper))
    engine = engine or getattr(settings, "PDF_ENGINE", "typst")
    if engine == "typst":
        return _typst_pdf(tables, running_title=running_title, cover=cover, paper=paper)
    if engine == "weasyprint":
        return _weasyprint_pdf(tables, running_title=running_title, cover=cover, paper=paper)
    raise ValueError("Mesin PDF '{}' tidak dikenal. Pilih typst atau weasyprint.".format(engine))


def _typst_pdf(tables: list[Table], *, running_title: str, cover, paper: str) -> bytes:
    sections = [
        pdf_typst.section(
            _hyphenated(piece.table, piece.rooms, piece.font, fit=hard_breaks),
            piece.widths,
            piece.font,
            piece.subtitle,
            piece.first,
            tail_from=_tail_start(piece.table),
        )
        for piece in pieces(tables, paper, cover=bool(cover))
    ]
    source = pdf_typst.document(sections, running_title=running_title, cover=cover, paper=paper)
    return pdf_typst.compile_pdf(source)


def _weasyprint_pdf(tables: list[Table], *, running_title: str, cover, paper: str) -> bytes:
    from weasyprint import HTML  # imported late: loading Pango takes a moment

    sections = mark_safe(
        "".join(_html_section(piece) for piece in pieces(tables, paper, cover=bool(cover)))
    )
    cover_html = (
        format_html(
            '<div class="cover"><h1>{}</h1>{}</div>',
            cover[0],
            format_html_join("", "<p>{}</p>", ((line,) for line in cover[1:])),
        )
        if cover
        else ""
    )
    document = format_html(
        '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{}</title><style>{}</style></head>'
        "<body>{}{}</body></html>",
        running_title,
        mark_safe(_css(running_title, paper)),
        cover_html,
        sections,
    )
    # WeasyPrint builds millions of short-lived objects; the cyclic garbage collector walking
    # them costs a quarter of the time and frees nothing that reference counting would not.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return HTML(string=str(document)).write_pdf()
    finally:
        if collecting:
            gc.enable()


def render_pdf(table: Table, *, paper: str = "f4") -> bytes:
    return render_pdf_document(
        [table], running_title=table.running_title or table.title, paper=paper
    )
