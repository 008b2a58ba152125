"""Import errors: every bad cell is reported (sheet/file, row, column, value, reason), and an
import with any error writes nothing."""

from dataclasses import dataclass


@dataclass(frozen=True)
class CellError:
    """One problem in one cell, described in Indonesian for the person who must fix it."""

    source: str
    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        return "{} baris {} kolom '{}' (nilai '{}'): {}".format(
            self.source, self.row, self.column, self.value, self.reason
        )


class ImportRejected(Exception):
    """Raised with the full list of errors; nothing has been written."""

    def __init__(self, errors: list[CellError]):
        self.errors = errors
        super().__init__(
            "Impor ditolak: {} kesalahan. Tidak ada data yang disimpan.\n{}".format(
                len(errors), "\n".join(str(e) for e in errors)
            )
        )
