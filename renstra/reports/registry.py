"""Every report table by the key users type (`renstra export --table 6.1`), in document order."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from renstra.plans.models import PlanVersion
from renstra.reports.table import Table
from renstra.reports.tables import table_6_1, table_6_2
from renstra.reports.tables_plan import PLAN_TABLES


@dataclass(frozen=True)
class TableDefinition:
    key: str
    title: str | Promise  # lazy: shown in the active language (Indonesian by default)
    build: Callable[[PlanVersion], Table]


def findings(version: PlanVersion) -> Table:
    """Temuan pemeriksaan (renstra.checks) as a report table."""
    from renstra.checks.report import findings_table

    return findings_table(version)


def history(version: PlanVersion) -> Table:
    """Riwayat perubahan (renstra.review) as a report table."""
    from renstra.review.history_table import history_table

    return history_table(version)


def _plan_table(key: str) -> "TableDefinition":
    title, build = PLAN_TABLES[key]
    return TableDefinition(key, gettext_lazy(title), build)


TABLES: dict[str, TableDefinition] = {
    "5.1": _plan_table("5.1"),
    "indikator": _plan_table("indikator"),
    "6.1": TableDefinition("6.1", gettext_lazy("Tabel 6.1 Pendanaan Indikatif"), table_6_1),
    "6.2": TableDefinition(
        "6.2",
        gettext_lazy("Tabel 6.2 Indikator Kinerja Program, Kegiatan dan Kelompok Sasaran"),
        table_6_2,
    ),
    "7.1": _plan_table("7.1"),
    "T-C.27": _plan_table("T-C.27"),
    "temuan": TableDefinition("temuan", gettext_lazy("Temuan Pemeriksaan Renstra"), findings),
    "riwayat": TableDefinition("riwayat", gettext_lazy("Riwayat Perubahan Renstra"), history),
}
