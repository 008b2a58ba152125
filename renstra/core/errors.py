"""Import errors: every bad cell is reported (sheet/file, row, column, value, reason), and an
import with any error writes nothing.

What an error quotes is bounded, whatever the file held: a value is shown in at most 200
characters, a reason in at most 1,000, and a rejection lists at most MAX_REPORTED errors (with
a last line saying how many more were found), so that a file of a million bad cells still gets
a readable answer rather than a page or a message of gigabytes.
"""

from dataclasses import dataclass

MAX_REPORTED = 1000
# Readers stop collecting errors past this many (they are not shown anyway), so that memory
# stays bounded too.
MAX_COLLECTED = 10 * MAX_REPORTED
_MAX_VALUE = 200
_MAX_TEXT = 1000


def _bounded(value, limit: int) -> str:
    if not isinstance(value, str):
        try:
            value = "" if value is None else str(value)
        except (ValueError, RecursionError):
            # An int past Python's 4,300 digits, or a structure holding one, has no text.
            value = "(nilai terlalu besar untuk ditampilkan)"
    return value if len(value) <= limit else value[: limit - 3] + "..."


@dataclass(frozen=True)
class CellError:
    """One problem in one cell, described in Indonesian for the person who must fix it."""

    source: str
    row: int
    column: str
    value: str
    reason: str

    def __post_init__(self):
        object.__setattr__(self, "column", _bounded(self.column, _MAX_VALUE))
        object.__setattr__(self, "value", _bounded(self.value, _MAX_VALUE))
        object.__setattr__(self, "reason", _bounded(self.reason, _MAX_TEXT))

    def __str__(self) -> str:
        return "{} baris {} kolom '{}' (nilai '{}'): {}".format(
            self.source, self.row, self.column, self.value, self.reason
        )


class ImportRejected(Exception):
    """Raised with the full list of errors (at most MAX_REPORTED of them, then one line saying
    how many more there are); nothing has been written."""

    def __init__(self, errors: list[CellError]):
        errors = list(errors)
        total = len(errors)
        if total > MAX_REPORTED:
            more = len(errors) - MAX_REPORTED
            errors = errors[:MAX_REPORTED] + [
                CellError(
                    errors[MAX_REPORTED].source,
                    0,
                    "",
                    "",
                    "... dan sedikitnya {} kesalahan lain yang tidak ditampilkan; perbaiki "
                    "kesalahan di atas lalu impor ulang.".format(more),
                )
            ]
        self.errors = errors
        super().__init__(
            "Impor ditolak: {}{} kesalahan. Tidak ada data yang disimpan.\n{}".format(
                "sedikitnya " if total >= MAX_COLLECTED else "",
                total,
                "\n".join(str(e) for e in errors),
            )
        )


def refused_while_writing(source: str, error: Exception, what: str) -> ImportRejected:
    """The rejection an importer raises when the database (or a service) refuses a write that
    every check before it let through: the last guard, not the way errors are meant to be found.
    `what` opens the sentence ("Basis data menolak data ini"); a validation error's messages,
    or else the error's text, follow in brackets."""
    messages = getattr(error, "messages", None)
    message = "; ".join(messages) if isinstance(messages, list) else str(error)
    return ImportRejected(
        [CellError(source, 0, "", "", "{} ({}); tidak ada yang disimpan.".format(what, message))]
    )
