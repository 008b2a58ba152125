"""What the comparison page shows besides its table: the counts at the top (the same as
`renstra diff` prints), the filters by kind of change and by level, the differences level by
level, and the items a user may pair by hand. Unchanged items are listed only when asked for."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.plans.levels import kind_label
from renstra.plans.models import PlanVersion
from renstra.render.renderers.html import render_html_fragment
from renstra.review.diff import ADDED, CHANGED, MOVED, REMOVED, UNCHANGED, Comparison
from renstra.review.diff_table import (
    CHANGES,
    STATUS_LABELS,
    comparison_subtitle,
    table_of,
    totals_text,
)
from renstra.review.snapshot import KINDS, VersionSnapshot

# The filter by kind of change, as the URL says it (?perubahan=dihapus): the statuses it lists.
ALL = "semua"
FILTERS = {
    ALL: CHANGES,
    "ditambah": (ADDED,),
    "dihapus": (REMOVED,),
    "diubah": (CHANGED,),
    "dipindah": (MOVED,),
    "tetap": (UNCHANGED,),
}
STATUSES_SHOWN = (*CHANGES, UNCHANGED)
FILTER_OF_STATUS = {statuses[0]: name for name, statuses in FILTERS.items() if name != ALL}
ALL_LABEL = gettext_noop("Semua perubahan")
# Levels with at most this many rows are open when nothing was chosen; the default view is the
# counts and the levels, so that the page of a large review stays short.
OPEN_ROWS = 50


@dataclass
class Choice:
    """A filter as the page offers it: ?perubahan=NAME(&jenis=KIND)."""

    name: str
    kind: str = ""

    @classmethod
    def of(cls, query) -> "Choice":
        """The filter of a request's query; unknown words fall back to every difference."""
        name = query.get("perubahan", ALL)
        kind = query.get("jenis", "")
        return cls(name if name in FILTERS else ALL, kind if kind in KINDS else "")

    @property
    def statuses(self) -> tuple[str, ...]:
        return FILTERS[self.name]

    @property
    def kinds(self) -> tuple[str, ...] | None:
        return (self.kind,) if self.kind else None

    @property
    def chosen(self) -> bool:
        return self.name != ALL or bool(self.kind)

    def query(self, old: PlanVersion, new: PlanVersion) -> str:
        values = {"dari": old.pk, "ke": new.pk}
        if self.name != ALL:
            values["perubahan"] = self.name
        if self.kind:
            values["jenis"] = self.kind
        return urlencode(values)


@dataclass
class Link:
    label: str
    count: int
    query: str
    current: bool = False


@dataclass
class SummaryRow:
    label: str
    cells: list[Link] = field(default_factory=list)
    total: Link | None = None


@dataclass
class Section:
    """The listed entries of one level."""

    kind: str
    label: str
    rows: int
    counts: str  # 'Ditambah 5, Dihapus 20, …' of the statuses listed
    html: SafeString
    open: bool


def summary(comparison: Comparison, old: PlanVersion, new: PlanVersion) -> list[SummaryRow]:
    """Entries per level and kind of change, each a link to the list of those entries, and the
    totals row."""
    counts, totals = comparison.counts, comparison.totals
    rows = []
    for kind in KINDS:
        row = SummaryRow(kind_label(kind))
        for status in STATUSES_SHOWN:
            query = Choice(FILTER_OF_STATUS[status], kind).query(old, new)
            row.cells.append(Link(_(STATUS_LABELS[status]), counts[kind][status], query))
        changed = sum(counts[kind][s] for s in CHANGES)
        row.total = Link(_(ALL_LABEL), changed, Choice(ALL, kind).query(old, new))
        rows.append(row)
    total = SummaryRow(_("Seluruh tingkat"))
    for status in STATUSES_SHOWN:
        query = Choice(FILTER_OF_STATUS[status]).query(old, new)
        total.cells.append(Link(_(STATUS_LABELS[status]), totals[status], query))
    total.total = Link(_(ALL_LABEL), sum(totals[s] for s in CHANGES), Choice(ALL).query(old, new))
    return [*rows, total]


def filters(comparison: Comparison, choice: Choice, old, new) -> list[Link]:
    """Semua perubahan (286) · Ditambah (66) · …, within the chosen level."""
    counts = comparison.counts
    kinds = choice.kinds or KINDS
    links = []
    for name, statuses in FILTERS.items():
        label = _(ALL_LABEL) if name == ALL else _(STATUS_LABELS[statuses[0]])
        count = sum(counts[kind][status] for kind in kinds for status in statuses)
        query = Choice(name, choice.kind).query(old, new)
        links.append(Link(label, count, query, current=name == choice.name))
    return links


def sections(comparison: Comparison, choice: Choice, old, new) -> list[Section]:
    """The entries of the chosen filter, one table per level (levels without any left out)."""
    counts = comparison.counts
    listed = sum(
        counts[kind][status] for kind in (choice.kinds or KINDS) for status in choice.statuses
    )
    result = []
    for kind in choice.kinds or KINDS:
        rows = sum(counts[kind][status] for status in choice.statuses)
        if not rows:
            continue
        table = table_of(comparison, old, new, statuses=choice.statuses, kinds=(kind,), notes=False)
        result.append(
            Section(
                kind=kind,
                label=kind_label(kind),
                rows=rows,
                counts=", ".join(
                    "{} {}".format(_(STATUS_LABELS[s]), counts[kind][s])
                    for s in choice.statuses
                    if counts[kind][s]
                ),
                html=render_html_fragment(table),
                open=choice.chosen or listed <= OPEN_ROWS,
            )
        )
    return result


def item_choices(snapshot: VersionSnapshot) -> list[tuple[str, str]]:
    """The items of a version for the correction form: ("program:12", "Program: 16 …")."""
    return [
        ("{}:{}".format(item.kind, item.id), "{}: {}".format(kind_label(item.kind), item.label))
        for item in snapshot.items.values()
    ]


def split_choice(value: str) -> tuple[str, int]:
    """'program:12' -> ('program', 12)."""
    kind, _sep, number = (value or "").partition(":")
    if kind not in KINDS or not number.isdigit():
        raise ValidationError(_("Pilih butir dari daftar."))
    return kind, int(number)


def correction(post) -> tuple[str, int, int | None]:
    """(kind, item of the older version, its partner in the newer one or None) from the form's
    two lists; scripts may send kind, old_id and new_id instead."""
    if post.get("lama"):
        kind, old_id = split_choice(post["lama"])
        if not post.get("baru"):
            return kind, old_id, None
        new_kind, new_id = split_choice(post["baru"])
        if new_kind != kind:
            raise ValidationError(
                _(
                    "Pasangan harus butir yang sejenis: {} tidak dapat dipasangkan dengan {}."
                ).format(kind_label(kind), kind_label(new_kind))
            )
        return kind, old_id, new_id
    target = post.get("new_id", "").strip()
    return post.get("kind", ""), int(post.get("old_id") or 0), int(target) if target else None


def page_context(comparison: Comparison, choice: Choice, old, new) -> dict:
    return {
        "title": _("Perbandingan Versi Renstra"),
        "subtitle": comparison_subtitle(old, new),
        "totals_text": totals_text(comparison),
        "summary": summary(comparison, old, new),
        "statuses": [_(STATUS_LABELS[s]) for s in STATUSES_SHOWN],
        "filters": filters(comparison, choice, old, new),
        "choice": choice,
        "chosen_kind": kind_label(choice.kind) if choice.kind else "",
        "without_kind": Choice(choice.name).query(old, new),
        "sections": sections(comparison, choice, old, new),
        "download_query": choice.query(old, new),
        "old_items": item_choices(comparison.old),
        "new_items": item_choices(comparison.new),
    }
