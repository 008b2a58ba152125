"""The plan checker: small named rules over one plan version, each yielding findings.

A rule is a function of the whole version read once through `renstra.plans.readmodel` (a
`VersionRead`, called `snapshot` in the rules) that yields `Finding`s. Rules never query the
database themselves, so a check costs the same handful of queries for any plan size and time
linear in it.
"""

from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.core.collector import collector_paused
from renstra.core.numbers import plain_number
from renstra.plans.levels import BY_KEY, Level
from renstra.plans.models import PlanVersion
from renstra.plans.readmodel import VersionRead, read_version, read_versions


class Severity(StrEnum):
    """Galat must be fixed; peringatan should be looked at; saran is advice."""

    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"

    @property
    def label(self) -> str:
        """The severity's name in the active language (Indonesian by default)."""
        return _(SEVERITY_LABELS[self.value])


SEVERITY_LABELS = {
    "error": gettext_noop("Galat"),
    "warning": gettext_noop("Peringatan"),
    "suggestion": gettext_noop("Saran"),
}


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.SUGGESTION: 2}


@dataclass(frozen=True)
class Location:
    """Where a finding is: the table of the document, the item (kind, id, code, name), a year."""

    table: str
    kind: str = ""  # a level's key (renstra.plans.levels: "kegiatan", "sub_kegiatan"), or "versi"
    item_id: int | None = None
    code: str = ""
    name: str = ""
    year: int | None = None
    indicator: str = ""

    def as_dict(self) -> dict:
        data = {"table": self.table, "kind": self.kind, "code": self.code, "name": self.name}
        if self.item_id is not None:
            data["item_id"] = self.item_id
        if self.year is not None:
            data["year"] = self.year
        if self.indicator:
            data["indicator"] = self.indicator
        return data


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    location: Location
    values: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        """A stable identity across runs, used to acknowledge a finding."""
        loc = self.location
        return "|".join(
            str(part)
            for part in (
                self.rule,
                loc.kind,
                loc.item_id or "",
                loc.year or "",
                loc.indicator or "",
            )
        )

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "location": self.location.as_dict(),
            "values": {k: _jsonable(v) for k, v in self.values.items()},
        }


def _jsonable(value):
    # Whole rupiah become JSON integers (exact); anything with decimals stays an exact string.
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else plain_number(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Rule:
    name: str
    severity: Severity
    title: str
    check: Callable[[VersionRead], Iterable[tuple[Location, str, dict]]]

    def run(self, snapshot: VersionRead) -> list[Finding]:
        return [
            Finding(self.name, self.severity, message, location, values)
            for location, message, values in self.check(snapshot)
        ]


RULES: dict[str, Rule] = {}


def rule(name: str, severity: Severity, title: str):
    """Register a rule: a generator of (location, Indonesian message, values)."""

    def register(func):
        RULES[name] = Rule(name, severity, title, func)
        return func

    return register


def all_rules() -> dict[str, Rule]:
    """Every registered rule by name (the rule modules register theirs when the checks app is
    ready; apps above checks register more from their own AppConfig.ready())."""
    return RULES


# What rules read beyond the version (the RPJMD in force of its region) once per run of the
# checker, however many versions it checks: run_memo() inside a rule, {} outside a run.
_RUN_MEMO: ContextVar[dict | None] = ContextVar("renstra_check_run_memo", default=None)


def run_memo() -> dict:
    """A dict shared by the rules for the current run_checks or check_many call."""
    memo = _RUN_MEMO.get()
    return memo if memo is not None else {}


@contextmanager
def _one_run():
    token = _RUN_MEMO.set({}) if _RUN_MEMO.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _RUN_MEMO.reset(token)


def run_checks(version: PlanVersion, rules: Iterable[str] | None = None) -> list[Finding]:
    """All findings of a version, ordered by severity, then rule, then document order."""
    with _one_run():
        return _findings(read_version(version), _selected(rules))


def check_many(
    versions: Iterable[PlanVersion], rules: Iterable[str] | None = None, batch: int = 25
) -> dict[int, list[Finding]]:
    """The findings of each of many versions (a region's plans), {version id: findings, ordered
    as run_checks orders them}. The versions are read `batch` at a time through
    `read_versions` (eleven queries a batch, not eleven a version), which keeps the plans held
    at once to a batch. The versions come with their plans (a rule prints the plan's years)."""
    _selected(rules)  # an unknown rule is refused before anything is read
    versions = list(versions)
    results: dict[int, list[Finding]] = {}
    with _one_run():
        for start in range(0, len(versions), batch):
            results.update(
                check_read(read_versions(versions[start : start + batch]).values(), rules)
            )
    return results


def check_read(
    snapshots: Iterable[VersionRead], rules: Iterable[str] | None = None
) -> dict[int, list[Finding]]:
    """The findings of versions read already, {version id: findings, ordered as run_checks
    orders them}: for a caller that reads the versions for more than the checker (the region's
    console evaluates the same reads). One run: what the rules read beyond a version (the
    RPJMD in force) is read once for all of them."""
    selected = _selected(rules)
    with _one_run(), collector_paused():
        return {snapshot.version.pk: _findings(snapshot, selected) for snapshot in snapshots}


def _selected(rules: Iterable[str] | None) -> list[Rule]:
    registry = all_rules()
    rules = list(rules or ())
    unknown = sorted(set(rules) - set(registry))
    if unknown:
        raise ValueError("Aturan tidak dikenal: {}.".format(", ".join(unknown)))
    return [registry[name] for name in rules] if rules else list(registry.values())


def _findings(snapshot: VersionRead, selected: list[Rule]) -> list[Finding]:
    findings: list[Finding] = []
    for current in selected:
        findings.extend(current.run(snapshot))
    findings.sort(key=lambda f: SEVERITY_ORDER[f.severity])
    return findings


def label(item) -> str:
    """'16.58 Pemberian bantuan …' or, without a code, the printed number and name."""
    ident = getattr(item, "code", "") or item.number
    return "{} {}".format(ident, item.name).strip() if ident else item.name


def kind_word(kind: str) -> str:
    """A level as a finding's message names it: 'kegiatan', 'sub kegiatan'. Messages are
    Indonesian text whatever the page's language, so this is the level's Indonesian label, not
    the translated `kind_label()`."""
    return BY_KEY[kind].label_source.lower()


def side_of(kind: str) -> Level:
    """The root level of a level's side of the cascade: tujuan for the goals side (Tabel 5.1),
    program for the programs side (Tabel 6.1/6.2)."""
    level = BY_KEY[kind]
    while level.parent is not None:
        level = BY_KEY[level.parent]
    return level
