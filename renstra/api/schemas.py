"""What the API reads and writes. Field names are English (as in the code); texts the documents
printed stay as printed (`raw_text`) beside their parse. Decimal values travel as strings, exact
("81", "1047655345.00"); only achievement percentages are JSON numbers.
"""

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import field_validator

from renstra.core.numbers import plain_number
from renstra.monitoring.cells import figure_token
from renstra.plans.levels import FUNDED_FIELDS, OWNER_FIELDS

DECIMAL_PATTERN = r"^-?\d+(\.\d+)?$"


def number_text(value: Decimal | None) -> str | None:
    """A parsed value as an exact decimal string without trailing zeros ('81', '2.5')."""
    return plain_number(value) if value is not None else None


def money_text(value: Decimal | None) -> str | None:
    """Rupiah to the sen, exact: '1047655345.00'."""
    return "{:.2f}".format(value) if value is not None else None


# --- errors ------------------------------------------------------------------------------------


class ValidationIssue(Schema):
    loc: list[str | int] = Field(description="Letak isian: sumber (path, query, body) lalu nama.")
    msg: str
    type: str


class ErrorOut(Schema):
    detail: str = Field(
        description="Pesan dalam Bahasa Indonesia: apa yang salah, dan apa yang harus dilakukan."
    )
    errors: list[ValidationIssue] = Field(
        default_factory=list,
        description="Untuk 422 dari validasi permintaan: tiap isian yang salah.",
    )


# --- versions ----------------------------------------------------------------------------------


class VersionOut(Schema):
    """A plan version with its plan (the list of /plans and the head of /versions/{id})."""

    id: int
    plan_id: int
    title: str
    kind: Literal["renstra", "rpjmd"] = Field(
        description="renstra (Renstra Perangkat Daerah) atau rpjmd (RPJMD Pemda)."
    )
    region: str
    agency: str = Field(description="Singkatan Perangkat Daerah, mis. BKPSDM.")
    agency_name: str
    period_start: int
    period_end: int
    baseline_year: int
    number: int
    label: str
    status: Literal["draft", "submitted", "returned", "verified", "approved", "superseded"]
    status_label: str
    is_public: bool
    revises_id: int | None
    created_at: datetime

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.plan.title

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.plan.kind

    @staticmethod
    def resolve_region(obj) -> str:
        return obj.plan.agency.region.name

    @staticmethod
    def resolve_agency(obj) -> str:
        return obj.plan.agency.short_name

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.plan.agency.name

    @staticmethod
    def resolve_period_start(obj) -> int:
        return obj.plan.period_start

    @staticmethod
    def resolve_period_end(obj) -> int:
        return obj.plan.period_end

    @staticmethod
    def resolve_baseline_year(obj) -> int:
        return obj.plan.baseline_year

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())


class MissionOut(Schema):
    number: str
    text: str


class AllowedOut(Schema):
    """What the caller may do with this version (the same rules as the pages)."""

    edit: bool = Field(description="Mengubah target (PUT …/targets/{year}).")
    view_monitoring: bool = Field(description="Membaca realisasi dan evaluasi.")
    enter_realization: bool = Field(description="Mengisi realisasi (PUT …/realization/…).")


class VersionDetailOut(VersionOut):
    code_scheme: str
    target_years: list[int]
    revision_reason: str
    legal_basis: str
    rpjmd_note: str
    source: str
    missions: list[MissionOut]
    allowed: AllowedOut

    @staticmethod
    def resolve_code_scheme(obj) -> str:
        # The version's own: one approved before a crosswalk keeps the scheme of its codes.
        return obj.scheme.code_scheme

    @staticmethod
    def resolve_target_years(obj) -> list[int]:
        return obj.plan.target_years

    @staticmethod
    def resolve_missions(obj) -> list:
        return list(obj.missions.all())

    @staticmethod
    def resolve_allowed(obj, context) -> dict:
        user = context["request"].user
        return {
            "edit": user.has_perm("plans.edit_version", obj),
            "view_monitoring": user.has_perm("monitoring.view", obj),
            "enter_realization": user.has_perm("monitoring.enter", obj),
        }


# --- indicators and targets --------------------------------------------------------------------


class ComponentOut(Schema):
    """One part of a composite value ('11 unit roda dua dan 5 unit roda empat')."""

    value: str = Field(description="Nilai bagian, teks desimal.")
    unit: str


class TargetOut(Schema):
    year: int
    raw_text: str = Field(description="Target seperti tertulis di dokumen.")
    kind: Literal["number", "percent", "grade", "composite", "text", "nil"]
    value: str | None = Field(pattern=DECIMAL_PATTERN, description="Nilai hasil baca (desimal).")
    unit: str
    grade: str
    components: list[ComponentOut]

    @staticmethod
    def resolve_value(obj) -> str | None:
        return number_text(obj.value)


class OwnerOut(Schema):
    """The item an indicator or a funding row belongs to."""

    # The levels an indicator can belong to, by their English names (the model's fields).
    kind: Literal[OWNER_FIELDS]
    id: int
    code: str = Field(description="Kode rekening (program, kegiatan) atau nomor (tujuan, sasaran).")
    name: str


def owner_of(obj, fields=OWNER_FIELDS) -> dict:
    for kind in fields:
        if getattr(obj, kind + "_id", None) is not None:
            item = getattr(obj, kind)
            return {
                "kind": kind,
                "id": item.pk,
                "code": getattr(item, "code", "") or item.number,
                "name": item.name,
            }
    raise ValueError("no owner")  # excluded by the models' check constraints


class IndicatorOut(Schema):
    id: int
    owner: OwnerOut
    number: str
    name: str
    kind: Literal["input", "output", "outcome", "benefit", "impact"]
    unit: str
    polarity: Literal["higher_is_better", "lower_is_better"]
    value_type: Literal["number", "percent", "index", "grade", "composite", "text"]
    target_group: str
    baseline_raw: str
    end_target_raw: str
    targets: list[TargetOut]

    @staticmethod
    def resolve_owner(obj) -> dict:
        return owner_of(obj)

    @staticmethod
    def resolve_targets(obj) -> list:
        return sorted(obj.targets.all(), key=lambda t: t.year)


# --- the cascade -------------------------------------------------------------------------------


class ItemOut(Schema):
    id: int
    number: str
    name: str


class StrategyOut(ItemOut):
    policy_directions: list[ItemOut]

    @staticmethod
    def resolve_policy_directions(obj) -> list:
        return list(obj.policy_directions.all())


class ObjectiveOut(ItemOut):
    indicators: list[IndicatorOut]
    strategies: list[StrategyOut]

    @staticmethod
    def resolve_indicators(obj) -> list:
        return list(obj.indicators.all())

    @staticmethod
    def resolve_strategies(obj) -> list:
        return list(obj.strategies.all())


class GoalOut(ItemOut):
    indicators: list[IndicatorOut]
    objectives: list[ObjectiveOut]

    @staticmethod
    def resolve_indicators(obj) -> list:
        return list(obj.indicators.all())

    @staticmethod
    def resolve_objectives(obj) -> list:
        return list(obj.objectives.all())


class ActivityOut(ItemOut):
    code: str
    indicators: list[IndicatorOut]

    @staticmethod
    def resolve_indicators(obj) -> list:
        return list(obj.indicators.all())


class ProgramOut(ItemOut):
    code: str
    objective_ids: list[int] = Field(description="Sasaran yang didukung program ini.")
    indicators: list[IndicatorOut]
    activities: list[ActivityOut]

    @staticmethod
    def resolve_objective_ids(obj) -> list[int]:
        return [o.pk for o in obj.objectives.all()]

    @staticmethod
    def resolve_indicators(obj) -> list:
        return list(obj.indicators.all())

    @staticmethod
    def resolve_activities(obj) -> list:
        return list(obj.activities.all())


class CascadeOut(Schema):
    version_id: int
    goals: list[GoalOut]
    programs: list[ProgramOut]


# --- funding -----------------------------------------------------------------------------------


class FundingOut(Schema):
    id: int
    owner: OwnerOut
    year: int
    raw_text: str = Field(description="Pagu seperti tertulis di dokumen.")
    amount: str | None = Field(pattern=DECIMAL_PATTERN, description="Rupiah, tepat sampai sen.")

    @staticmethod
    def resolve_owner(obj) -> dict:
        return owner_of(obj, FUNDED_FIELDS)

    @staticmethod
    def resolve_amount(obj) -> str | None:
        return money_text(obj.amount)


# --- findings ----------------------------------------------------------------------------------


class LocationOut(Schema):
    table: str
    kind: str
    item_id: int | None
    code: str
    name: str
    year: int | None
    indicator: str


class AcknowledgementOut(Schema):
    by: str
    at: datetime
    reason: str


class FindingOut(Schema):
    key: str = Field(description="Identitas temuan yang tetap antar-pemeriksaan.")
    rule: str
    rule_title: str
    severity: Literal["error", "warning", "suggestion"]
    severity_label: str
    message: str
    location: LocationOut
    values: dict[str, Any]
    acknowledged: AcknowledgementOut | None


class FindingsOut(Schema):
    version_id: int
    count: int
    open: int
    findings: list[FindingOut]


# --- monitoring --------------------------------------------------------------------------------


class RealizationOut(Schema):
    id: int
    indicator_id: int
    year: int
    quarter: int = Field(ge=0, le=4, description="1–4, atau 0 untuk nilai tahunan.")
    raw_text: str
    kind: Literal["number", "percent", "grade", "composite", "text", "nil"]
    value: str | None = Field(pattern=DECIMAL_PATTERN)
    unit: str
    grade: str
    components: list[ComponentOut]
    status: Literal["draft", "submitted", "returned", "approved"]
    note: str
    deviation_cause: str
    follow_up: str
    is_example: bool = Field(description="Data contoh dari `renstra demo`, bukan data nyata.")
    entered_by: str | None
    updated_at: datetime
    token: str = Field(
        description="Sidik angka ini: kirim kembali sebagai header If-Match pada PUT agar "
        "perubahan orang lain sejak Anda membaca tidak tertimpa (412)."
    )

    @staticmethod
    def resolve_value(obj) -> str | None:
        return number_text(obj.value)

    @staticmethod
    def resolve_entered_by(obj) -> str | None:
        return obj.entered_by.get_username() if obj.entered_by_id else None

    @staticmethod
    def resolve_token(obj) -> str:
        return figure_token(obj)


class EvaluationRecordOut(Schema):
    """One indicator's evaluation for a year (the shape of `renstra evaluate --format json`)."""

    kode: str
    indikator: str
    indikator_id: int
    tingkat: str
    uraian: str
    tahun: int
    satuan: str
    polaritas: str
    rekap_triwulan: str
    target: str | None
    realisasi_triwulan: dict[str, str]
    realisasi_tahunan: str | None
    realisasi: str | None
    capaian: float | None = Field(description="Capaian (%), angka.")
    capaian_keterangan: str
    predikat: str | None
    proyeksi_akhir_tahun: str | None
    capaian_proyeksi: float | None
    berisiko: bool
    realisasi_sd_tahun_ini: str | None
    target_akhir_periode: str | None
    capaian_renstra: float | None
    status: str | None
    uraian_deviasi: str
    tindak_lanjut: str
    belum_diisi: list[str]
    unit_kerja: str
    penanggung_jawab: str
    data_contoh: bool


class EvaluationOut(Schema):
    version_id: int
    year: int
    average: float | None = Field(description="Rata-rata capaian kinerja (%).")
    predicate: str | None
    indicators: list[EvaluationRecordOut]


# --- writes ------------------------------------------------------------------------------------


def _storable(value: str | None) -> str | None:
    """Texts the database can store: no NUL character, valid Unicode."""
    if value is None:
        return value
    if "\x00" in value:
        raise ValueError(_("Teks tidak boleh memuat karakter NUL."))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(_("Teks bukan Unicode yang sah.")) from exc
    return value


class TargetIn(Schema):
    raw_text: str = Field(
        max_length=300,
        description=(
            "Target seperti akan tertulis, mis. '81 %', '2500 orang', 'BB', '11 unit roda dua dan "
            "5 unit roda empat', '-'. Kosong menghapus target tahun itu."
        ),
    )

    _check_text = field_validator("raw_text")(_storable)


class TargetWriteOut(Schema):
    indicator_id: int
    year: int
    outcome: Literal["saved", "unchanged"]
    message: str
    target: TargetOut | None = Field(description="Target yang kini tersimpan; null bila dihapus.")


class RealizationIn(Schema):
    value: str = Field(
        max_length=300,
        description="Realisasi seperti ditulis, mis. '45', '81 %', '1.250 orang', 'BB'. Kosong menghapus.",
    )
    note: str | None = Field(None, max_length=5000, description="Catatan; null: tidak diubah.")

    _check_text = field_validator("value", "note")(_storable)


class RealizationWriteOut(Schema):
    indicator_id: int
    year: int
    quarter: int
    realization: RealizationOut | None = Field(description="Null bila realisasi dikosongkan.")
    token: str = Field(description="Sidik sel sesudah perubahan (untuk If-Match berikutnya).")
    achievement: float | None = Field(description="Capaian tahun itu (%) sesudah perubahan.")
    predicate: str | None
    achievement_note: str


class ConflictOut(Schema):
    """412: the figure changed since the caller read it (If-Match); nothing was written."""

    detail: str = Field(description="Siapa mengubah angka ini, kapan, dan apa isinya sekarang.")
    current: RealizationOut | None = Field(description="Angka yang tersimpan sekarang.")
    token: str = Field(description="Sidik angka yang tersimpan sekarang.")
