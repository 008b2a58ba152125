"""The safety checks of a workbook package, before openpyxl opens it.

A workbook is a zip archive of XML parts. It is refused, with one Indonesian message, when it is
too large, has too many parts or expands too much (zip bombs), holds macros (vbaProject.bin, a
macro-enabled content type), links to other workbooks, ActiveX controls or embedded objects, is
encrypted or an old .xls, or carries XML with a DTD (entity expansion). Merged ranges are read
here too, from a sheet's XML as a stream, since openpyxl's read-only mode does not expose them.
"""

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from xml.etree.ElementTree import iterparse

from openpyxl.utils.cell import range_boundaries

from renstra.core.errors import CellError, ImportRejected


@dataclass(frozen=True)
class Limits:
    """What a workbook may be. A Renstra of a large agency has a few thousand rows at most."""

    max_file_bytes: int = 10 * 1024 * 1024
    max_entries: int = 500
    max_uncompressed_bytes: int = 64 * 1024 * 1024
    max_ratio: int = 200  # uncompressed/compressed, for entries above 1 MB
    max_data_rows: int = 5000  # filled rows per sheet
    max_row_index: int = 10000  # nothing may stand below this row
    max_columns: int = 60
    max_merged_cells: int = 200_000


LIMITS = Limits()
MB = 1024 * 1024
LIMITS = Limits()
MB = 1024 * 1024


def refuse_file(source: str, reason: str) -> ImportRejected:
    return ImportRejected([CellError(source, 0, "", "", reason)])


def beyond_limits(sheet: str, row: int, reason: str) -> ImportRejected:
    """A sheet beyond the limits is refused at once, with that one error."""
    return ImportRejected([CellError(sheet, row, "", "", reason)])


_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FORBIDDEN = (
    ("xl/vbaproject.bin", "Berkas berisi makro (VBA); simpan ulang sebagai .xlsx tanpa makro."),
    ("xl/externallinks/", "Berkas bertaut ke buku kerja lain; salin nilainya lalu hapus tautan."),
    ("xl/activex/", "Berkas berisi kontrol ActiveX; simpan ulang tanpa kontrol itu."),
    ("xl/embeddings/", "Berkas berisi objek tersemat; hapus objeknya lalu simpan ulang."),
)


def check_package(data: bytes, source: str, limits: Limits = LIMITS) -> zipfile.ZipFile:
    """The workbook as a zip archive, or ImportRejected saying why it may not be opened."""
    if not isinstance(data, bytes | bytearray):
        raise refuse_file(source, "Isi berkas tidak terbaca.")
    if not data:
        raise refuse_file(source, "Berkas kosong.")
    if len(data) > limits.max_file_bytes:
        raise refuse_file(
            source,
            "Berkas {:.1f} MB, lebih besar dari batas {} MB.".format(
                len(data) / MB, limits.max_file_bytes // MB
            ),
        )
    suffix = PurePosixPath(source.replace("\\", "/")).suffix.lower()
    if suffix in (".xlsm", ".xltm", ".xlam"):
        raise refuse_file(
            source, "Berkas Excel bermakro (.xlsm) tidak diterima; simpan sebagai .xlsx."
        )
    if data.startswith(_CFB_MAGIC):
        raise refuse_file(
            source,
            "Berkas ini Excel lama (.xls) atau dilindungi kata sandi; simpan sebagai .xlsx tanpa "
            "kata sandi.",
        )
    unreadable = "Berkas bukan buku kerja .xlsx yang utuh (rusak, terpotong, atau jenis lain)."
    if not data.startswith(b"PK"):
        raise refuse_file(source, unreadable)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except Exception as exc:  # zipfile raises many kinds for broken archives
        raise refuse_file(source, unreadable) from exc
    if len(entries) > limits.max_entries:
        raise refuse_file(
            source,
            "Berkas berisi {} bagian, lebih dari batas {}.".format(
                len(entries), limits.max_entries
            ),
        )
    total = sum(e.file_size for e in entries)
    if total > limits.max_uncompressed_bytes:
        raise refuse_file(
            source,
            "Isi berkas setelah diurai {} MB, lebih dari batas {} MB.".format(
                total // MB, limits.max_uncompressed_bytes // MB
            ),
        )
    for entry in entries:
        if entry.file_size > MB and entry.file_size > limits.max_ratio * max(
            entry.compress_size, 1
        ):
            raise refuse_file(source, "Berkas dimampatkan secara tidak wajar (bom zip); ditolak.")
        if entry.flag_bits & 0x1:
            raise refuse_file(source, "Berkas terenkripsi; simpan ulang tanpa kata sandi.")
        name = entry.filename.lower()
        for prefix, reason in _FORBIDDEN:
            if name.startswith(prefix):
                raise refuse_file(source, reason)
    names = {e.filename for e in entries}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise refuse_file(source, unreadable)
    try:
        for entry in entries:
            if entry.filename.lower().endswith((".xml", ".rels", ".vml")):
                with archive.open(entry) as part:
                    head = part.read(4096)
                if _has_dtd(head):
                    raise refuse_file(
                        source, "Berkas berisi deklarasi DTD yang tidak wajar; ditolak."
                    )
        with archive.open("[Content_Types].xml") as part:
            if b"macroenabled" in part.read(limits.max_uncompressed_bytes).lower():
                raise refuse_file(
                    source, "Berkas Excel bermakro tidak diterima; simpan sebagai .xlsx."
                )
    except ImportRejected:
        raise
    except Exception as exc:
        raise refuse_file(source, unreadable) from exc
    return archive


def _has_dtd(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8", errors="ignore")
    text = text.lower()
    return "<!doctype" in text or "<!entity" in text


def merged_ranges(archive: zipfile.ZipFile, path: str) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of every merged range of one sheet, read from its
    XML as a stream (rows are dropped as soon as they are parsed)."""
    ranges = []
    parent = None
    with archive.open(path) as source:
        for event, element in iterparse(source, events=("start", "end")):
            tag = element.tag.rsplit("}", 1)[-1]
            if event == "start":
                if tag == "sheetData":
                    parent = element
                continue
            if tag == "row" and parent is not None:
                parent.clear()
            elif tag == "mergeCell":
                try:
                    bounds = range_boundaries(element.get("ref", ""))
                except (TypeError, ValueError):
                    continue
                if None not in bounds:
                    ranges.append(bounds)
                if len(ranges) > LIMITS.max_merged_cells:
                    break
    return ranges
