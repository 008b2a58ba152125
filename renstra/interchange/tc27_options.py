"""What a T-C.27 table does not say about itself (whose it is, its period, the calendar year of
its year columns), as the command's options and the import page's fields give it: texts by
field name, read into a Tc27Source with every mistake reported (one CellError per field, in
Indonesian, naming the option or field as its caller labels it).

Fields (all texts; empty means not given):
    region         Pemda, e.g. "Kabupaten Sumedang"
    region_kind    provinsi | kabupaten | kota (empty: from the first word of `region`)
    agency         the agency's name, e.g. "Badan Perencanaan ... Daerah"
    agency_short   its short name, e.g. "Bappelitbangda" (how the system finds an agency again)
    title          the plan's title (empty: "Renstra <singkatan> <Pemda> <periode>")
    period         "2019-2023"
    baseline_year  the year of the baseline (empty: the year before the period)
    years          calendar year of each year column, "2021,2022,2023", for a table that prints
                   only some years of its period (empty: the plan's target years in order)
    code_scheme    pmdn13 | pmdn90 | ... (empty: chosen from the codes)
    label          the version's label (empty: "Impor tabel T-C.27")

A new draft of an existing plan (`revises`) takes region, agency, title, period, baseline year
and code scheme from that plan: giving any of them then is a mistake, not a silent override.
The shared/real-plans transcriptions carry a .meta.json beside each CSV; its fields are prose for
people (the agency's name runs on into notes), so it is not read: its `year_columns` are what
`years` says.
"""

import re

from django.utils.translation import gettext_lazy as _

from renstra.core.errors import CellError, ImportRejected
from renstra.interchange.tc27 import DEFAULT_LABEL, Tc27Source, source_of_version
from renstra.plans.choices import CodeScheme, RegionKind
from renstra.plans.models import PlanVersion

FIELDS = (
    "region",
    "region_kind",
    "agency",
    "agency_short",
    "title",
    "period",
    "baseline_year",
    "years",
    "code_scheme",
    "label",
)
# The fields as the import page labels them (the command names its options instead).
FIELD_LABELS = {
    "region": _("Pemda"),
    "region_kind": _("Jenis Pemda"),
    "agency": _("Perangkat Daerah"),
    "agency_short": _("Singkatan Perangkat Daerah"),
    "title": _("Judul Renstra"),
    "period": _("Periode"),
    "baseline_year": _("Tahun kondisi awal"),
    "years": _("Tahun kolom y1, y2, …"),
    "code_scheme": _("Skema kode"),
    "label": _("Label versi"),
}
IDENTITY_FIELDS = ("region", "region_kind", "agency", "agency_short", "title", "period")
PLAN_FIELDS = ("baseline_year", "code_scheme")
_PERIOD = re.compile(r"^\s*(\d{4})\s*[-–/]\s*(\d{4})\s*$")
_YEAR = re.compile(r"^\d{4}$")
_KIND_WORDS = {
    "provinsi": RegionKind.PROVINCE,
    "kabupaten": RegionKind.REGENCY,
    "kab.": RegionKind.REGENCY,
    "kota": RegionKind.CITY,
}
# The longest period a Renstra has: five years, six where it counts its baseline year.
MAX_PERIOD_YEARS = 10


def clean_fields(values: dict) -> dict[str, str]:
    """The fields given, as stripped texts (None and absent become "")."""
    return {name: " ".join(str(values.get(name) or "").split()) for name in FIELDS}


def has_any(fields: dict) -> bool:
    return any(clean_fields(fields).values())


def source_from_fields(
    values: dict,
    *,
    labels: dict[str, str],
    file_name: str,
    revises: PlanVersion | None = None,
) -> Tc27Source:
    """The source the fields describe, or ImportRejected with a CellError per wrong field (its
    column: the field's label, e.g. '--period' or 'Periode')."""
    fields = clean_fields(values)
    errors: list[CellError] = []

    def wrong(name: str, reason: str) -> None:
        errors.append(CellError(file_name, 0, str(labels.get(name, name)), fields[name], reason))

    years = _years(fields, wrong)
    if revises is not None:
        for name in (*IDENTITY_FIELDS, *PLAN_FIELDS):
            if fields[name]:
                wrong(
                    name,
                    "Draf baru Renstra yang ada memakai identitas, periode dan skema kode "
                    "Renstra itu; kosongkan isian ini atau impor sebagai Renstra baru.",
                )
        if errors:
            raise ImportRejected(errors)
        source = source_of_version(revises, years=years)
        _years_in_period(source, wrong)
        if errors:
            raise ImportRejected(errors)
        return source
    region_kind = _region_kind(fields, wrong)
    for name, reason in (
        ("region", "Isi nama Pemda, mis. Kabupaten Sumedang."),
        ("agency", "Isi nama Perangkat Daerah seperti tertulis di dokumennya."),
        ("agency_short", "Isi singkatan Perangkat Daerah, mis. BKPSDM."),
    ):
        if not fields[name]:
            wrong(name, reason)
    period = _period(fields, years, wrong)
    baseline = _baseline(fields, period, wrong)
    if fields["code_scheme"] and fields["code_scheme"] not in CodeScheme.values:
        wrong(
            "code_scheme",
            "Skema kode harus salah satu dari: {} (kosong: ditentukan dari kodenya).".format(
                ", ".join(CodeScheme.values)
            ),
        )
    if errors:
        raise ImportRejected(errors)
    title = fields["title"] or "Renstra {} {} {}-{}".format(
        fields["agency_short"], fields["region"], *period
    )
    source = Tc27Source(
        region=fields["region"],
        region_kind=region_kind,
        agency_name=fields["agency"],
        agency_short_name=fields["agency_short"],
        title=title,
        years=years,
        code_scheme=fields["code_scheme"],
        label=fields["label"] or DEFAULT_LABEL,
        period=period,
        baseline_year=baseline,
    )
    _years_in_period(source, wrong)
    if errors:
        raise ImportRejected(errors)
    return source


def _region_kind(fields: dict, wrong) -> str:
    kind = fields["region_kind"].lower()
    if kind:
        if kind not in RegionKind.values:
            wrong(
                "region_kind",
                "Jenis Pemda harus salah satu dari: {}.".format(", ".join(RegionKind.values)),
            )
        return kind
    first = fields["region"].split(" ", 1)[0].lower()
    if first in _KIND_WORDS:
        return str(_KIND_WORDS[first])
    if fields["region"]:
        wrong(
            "region_kind",
            "Nama Pemda tidak diawali Provinsi, Kabupaten atau Kota; isi jenis Pemda ({}).".format(
                ", ".join(RegionKind.values)
            ),
        )
    return ""


def _years(fields: dict, wrong) -> dict[str, int] | None:
    text = fields["years"]
    if not text:
        return None
    parts = [p.strip() for p in re.split(r"[,;\s]+", text) if p.strip()]
    if not parts or not all(_YEAR.match(p) for p in parts):
        wrong(
            "years",
            "Tulis tahun setiap kolom tahun berurutan dari kolom pertama (y1), dipisah koma, "
            "mis. 2021,2022,2023.",
        )
        return None
    values = [int(p) for p in parts]
    if len(set(values)) != len(values):
        wrong("years", "Satu tahun disebut dua kali; setiap kolom tahun punya tahunnya sendiri.")
        return None
    return {"y{}".format(i): year for i, year in enumerate(values, start=1)}


def _period(fields: dict, years: dict | None, wrong) -> tuple[int, int]:
    text = fields["period"]
    if not text:
        if years:
            return min(years.values()), max(years.values())
        wrong("period", "Isi periode Renstra, mis. 2019-2023.")
        return 0, 0
    match = _PERIOD.match(text)
    if not match:
        wrong("period", "Tulis periode sebagai tahun awal-tahun akhir, mis. 2019-2023.")
        return 0, 0
    start, end = int(match.group(1)), int(match.group(2))
    if not 0 < end - start <= MAX_PERIOD_YEARS:
        wrong(
            "period",
            "Tahun akhir periode harus sesudah tahun awal, paling lama {} tahun.".format(
                MAX_PERIOD_YEARS
            ),
        )
    return start, end


def _baseline(fields: dict, period: tuple[int, int], wrong) -> int | None:
    text = fields["baseline_year"]
    if not text:
        return None
    if not _YEAR.match(text):
        wrong("baseline_year", "Tulis tahun kondisi awal sebagai tahun, mis. 2018.")
        return None
    year = int(text)
    start, end = period
    if start and not start - 1 <= year < end:
        wrong(
            "baseline_year",
            "Tahun kondisi awal harus tahun awal periode ({}) atau setahun sebelumnya ({}).".format(
                start, start - 1
            ),
        )
    return year


def _years_in_period(source: Tc27Source, wrong) -> None:
    if not source.years:
        return
    start, end = source.period_years
    outside = [y for y in source.years.values() if not start <= y <= end]
    if outside:
        wrong(
            "years",
            "Tahun {} di luar periode Renstra {}-{}.".format(
                ", ".join(str(y) for y in outside), start, end
            ),
        )
