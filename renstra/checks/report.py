"""Findings of a version, split into open and acknowledged, and as a neutral report table."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from renstra.checks.engine import Finding, all_rules, run_checks
from renstra.checks.models import Acknowledgement
from renstra.render.table import Cell, CellKind, Column, HeaderCell, Row, Table


@dataclass
class CheckedVersion:
    findings: list[Finding]
    acknowledged: list[tuple[Finding, Acknowledgement]]

    @property
    def open(self) -> list[Finding]:
        done = {finding.key for finding, _ in self.acknowledged}
        return [f for f in self.findings if f.key not in done]


def check_version(version) -> CheckedVersion:
    findings = run_checks(version)
    acks = {
        a.finding_key: a
        for a in Acknowledgement.objects.filter(version=version).select_related("acknowledged_by")
    }
    return CheckedVersion(findings, [(f, acks[f.key]) for f in findings if f.key in acks])


def findings_table(version) -> Table:
    """Daftar temuan pemeriksaan: every finding with its place and status."""
    checked = check_version(version)
    rules = all_rules()
    acknowledged = {f.key: a for f, a in checked.acknowledged}
    columns = [
        Column("no", _("No.")),
        Column("tingkat", _("Tingkat")),
        Column("aturan", _("Aturan")),
        Column("tabel", _("Tabel")),
        Column("kode", _("Kode"), CellKind.CODE),
        Column("butir", _("Butir")),
        Column("tahun", _("Tahun")),
        Column("pesan", _("Uraian temuan")),
        Column("status", _("Status")),
    ]
    rows = []
    for number, finding in enumerate(checked.findings, start=1):
        ack = acknowledged.get(finding.key)
        status = (
            _("Diakui oleh {} ({}): {}").format(
                ack.acknowledged_by.get_username(), ack.acknowledged_at.date(), ack.reason
            )
            if ack
            else _("Terbuka")
        )
        loc = finding.location
        rows.append(
            Row(
                [
                    Cell(str(number)),
                    Cell(finding.severity.label),
                    Cell(rules[finding.rule].title),
                    Cell(loc.table),
                    Cell(loc.code, CellKind.CODE),
                    Cell(loc.name),
                    Cell(str(loc.year) if loc.year else ""),
                    Cell(finding.message),
                    Cell(status),
                ],
                style=finding.severity.value,
            )
        )
    plan = version.plan
    return Table(
        key="temuan",
        title=_("Temuan Pemeriksaan Renstra"),
        subtitle=_("{} — {} (versi {}: {})").format(
            plan.agency.name, plan.period, version.number, version.label
        ),
        columns=columns,
        header_rows=[[HeaderCell(c.label) for c in columns]],
        rows=rows,
    )
