"""Funding rules (Tabel 6.1 / T-C.27 Rp columns)."""

from decimal import Decimal

from renstra.checks.engine import Location, Severity, kind_word, label, rule
from renstra.core.funding import total_mismatches
from renstra.core.numbers import format_rupiah
from renstra.core.targets import TargetKind
from renstra.plans.levels import FUNDED

ZERO = Decimal(0)


def _amounts(item) -> dict[int, Decimal | None]:
    return {f.year: f.amount for f in item.funding_list}


def _mismatches(program) -> list[tuple[int, Decimal | None, Decimal]]:
    return total_mismatches(_amounts(program), (_amounts(a) for a in program.activity_list))


def _end_sum(program) -> Decimal | None:
    totals = [a.declared_total for a in program.activity_list if a.declared_total is not None]
    return sum(totals, ZERO) if totals else None


def _program_location(program, year=None) -> Location:
    return Location(
        "6.1", "program", program.pk, program.code or program.number, program.name, year
    )


@rule("program_total_differs", Severity.ERROR, "Total program tidak sama dengan jumlah kegiatannya")
def program_total_differs(snapshot):
    for program in snapshot.programs:
        if not program.activity_list:
            continue
        for year, stated, total in _mismatches(program):
            if stated is not None:
                yield (
                    _program_location(program, year),
                    "Program {} tahun {}: total tertulis Rp {} tetapi jumlah kegiatannya Rp {} "
                    "(selisih Rp {}). Periksa pagu kegiatan atau total program.".format(
                        label(program),
                        year,
                        format_rupiah(stated),
                        format_rupiah(total),
                        format_rupiah(stated - total),
                    ),
                    {"declared": stated, "activities_sum": total, "difference": stated - total},
                )
        end_sum = _end_sum(program)
        if (
            program.declared_total is not None
            and end_sum is not None
            and program.declared_total != end_sum
        ):
            yield (
                _program_location(program),
                "Program {} akhir periode: total tertulis Rp {} tetapi jumlah kegiatannya Rp {}.".format(
                    label(program), format_rupiah(program.declared_total), format_rupiah(end_sum)
                ),
                {"declared": program.declared_total, "activities_sum": end_sum, "year": "akhir"},
            )


@rule("program_total_blank", Severity.ERROR, "Pagu program kosong padahal kegiatannya didanai")
def program_total_blank(snapshot):
    for program in snapshot.programs:
        for year, stated, total in _mismatches(program):
            if stated is None:
                yield (
                    _program_location(program, year),
                    "Program {} tahun {}: kolom Rp program kosong, padahal kegiatannya berjumlah "
                    "Rp {}. Isi total program.".format(label(program), year, format_rupiah(total)),
                    {"declared": None, "activities_sum": total},
                )
        end_sum = _end_sum(program)
        if program.declared_total is None and end_sum:
            yield (
                _program_location(program),
                "Program {} akhir periode: kolom Rp kosong, padahal kegiatannya berjumlah Rp {}.".format(
                    label(program), format_rupiah(end_sum)
                ),
                {"declared": None, "activities_sum": end_sum, "year": "akhir"},
            )


@rule("end_total_differs", Severity.ERROR, "Rp akhir periode tidak sama dengan jumlah tahunannya")
def end_total_differs(snapshot):
    items = [(level.key, item) for level in FUNDED for item in snapshot.items(level.key)]
    for kind, item in items:
        if item.declared_total is None:
            continue
        yearly = sum((a for a in _amounts(item).values() if a is not None), ZERO)
        if yearly != item.declared_total:
            yield (
                Location("6.1", kind, item.pk, item.code or item.number, item.name),
                "{} {}: Rp akhir periode tertulis {} tetapi jumlah Rp tahunannya {}.".format(
                    kind_word(kind).capitalize(),
                    label(item),
                    format_rupiah(item.declared_total),
                    format_rupiah(yearly),
                ),
                {"declared": item.declared_total, "years_sum": yearly},
            )


def _real_target_years(activity) -> set[int]:
    """Years in which some indicator of the activity has a target that plans something."""
    years = set()
    for indicator in activity.indicator_list:
        for target in indicator.target_list:
            if target.kind == TargetKind.NIL:
                continue
            if target.kind in (TargetKind.NUMBER, TargetKind.PERCENT) and not target.value:
                continue
            years.add(target.year)
    return years


def _funded_years(activity) -> set[int]:
    return {year for year, amount in _amounts(activity).items() if amount}


@rule("funding_without_target", Severity.WARNING, "Kegiatan didanai tanpa target pada tahun itu")
def funding_without_target(snapshot):
    for activity in snapshot.activities:
        if not activity.indicator_list:
            continue  # reported by activity_without_output_indicator
        missing = sorted(_funded_years(activity) - _real_target_years(activity))
        if missing:
            yield (
                Location(
                    "6.1", "kegiatan", activity.pk, activity.code or activity.number, activity.name
                ),
                "Kegiatan {} didanai pada tahun {} tetapi tidak punya target pada tahun itu (Tabel 6.2). "
                "Tambahkan target atau pindahkan pagu ke tahun yang bertarget.".format(
                    label(activity), ", ".join(map(str, missing))
                ),
                {
                    "years": missing,
                    "funded_years": sorted(_funded_years(activity)),
                    "target_years": sorted(_real_target_years(activity)),
                },
            )


@rule(
    "target_without_funding", Severity.WARNING, "Kegiatan bertarget tanpa pendanaan pada tahun itu"
)
def target_without_funding(snapshot):
    if not snapshot.has_funding:
        return  # a version without a funding table (e.g. before review) is not judged on it
    for activity in snapshot.activities:
        missing = sorted(_real_target_years(activity) - _funded_years(activity))
        if missing:
            yield (
                Location(
                    "6.2", "kegiatan", activity.pk, activity.code or activity.number, activity.name
                ),
                "Kegiatan {} punya target pada tahun {} tetapi tidak ada pagu pada tahun itu (Tabel 6.1). "
                "Tambahkan pagu atau hapus targetnya.".format(
                    label(activity), ", ".join(map(str, missing))
                ),
                {
                    "years": missing,
                    "funded_years": sorted(_funded_years(activity)),
                    "target_years": sorted(_real_target_years(activity)),
                },
            )
