"""The layout of the Renstra XLSX workbook: its sheets, their columns and the identity rows.

One definition serves the template, the export, the reader and the instructions sheet, so the
four cannot drift apart. Every column maps to a field of the plan document of
renstra.interchange.jsonio; the workbook is that document in rows.
"""

from dataclasses import dataclass

from django.utils import translation

from renstra.interchange.plan_checker import level_word
from renstra.interchange.plan_schema import INDICATOR_FIELDS
from renstra.plans.choices import (
    CodeScheme,
    IndicatorKind,
    PlanKind,
    Polarity,
    RegionKind,
    Rollup,
    ValueType,
    VersionStatus,
)
from renstra.plans.levels import LEVELS, Level

SHEET_GUIDE = "petunjuk"
SHEET_IDENTITY = "identitas"
SHEET_GOALS = "tujuan-sasaran"
SHEET_STRATEGIES = "strategi-kebijakan"
SHEET_PROGRAMS = "program-kegiatan-pendanaan"
SHEET_INDICATORS = "indikator-target"
DATA_SHEETS = (SHEET_IDENTITY, SHEET_GOALS, SHEET_STRATEGIES, SHEET_PROGRAMS, SHEET_INDICATORS)
SHEET_ORDER = {name: i for i, name in enumerate((SHEET_GUIDE, *DATA_SHEETS))}

# A row whose key starts so is an example: shown in the template, never imported.
EXAMPLE_PREFIX = "CONTOH"
YEAR_FUNDING = "Pagu {}"
YEAR_TARGET = "Target {}"
FORMAT_MARK = "renstra-plan 1"
YES, NO = "ya", "tidak"


def _labels(choices) -> dict[str, str]:
    """value -> Indonesian label, whatever language is active."""
    with translation.override("id"):
        return {value: str(label) for value, label in choices.choices}


@dataclass(frozen=True)
class Choice:
    """A closed list: what the workbook shows (labels) and what the document stores (values)."""

    labels: dict[str, str]  # value -> label shown

    def label(self, value: str) -> str:
        return self.labels.get(value, value)

    def value(self, text: str) -> str | None:
        """The value of a label or of a value, without regard to case and spacing."""
        wanted = " ".join(text.split()).casefold()
        for value, label in self.labels.items():
            if wanted in (value.casefold(), label.casefold()):
                return value
        return None

    @property
    def shown(self) -> list[str]:
        return list(self.labels.values())


def _plain(values) -> Choice:
    return Choice({v: v for v in values})


# The 'tingkat' column names a level by its word ('arah kebijakan', renstra.plans.levels).
LEVEL_BY_WORD: dict[str, Level] = {level_word(level.name): level for level in LEVELS}


@dataclass(frozen=True)
class LevelChoice(Choice):
    """The levels one item sheet holds, shown and read by their words."""

    def level(self, text: str) -> Level | None:
        word = self.value(text)
        return LEVEL_BY_WORD[word] if word is not None else None


def _levels(*keys: str) -> LevelChoice:
    return LevelChoice({word: word for word in (level_word(key) for key in keys)})


REGION_KIND = _plain(RegionKind.values)
CODE_SCHEME = _plain(CodeScheme.values)
PLAN_KIND = _plain(PlanKind.values)
INDICATOR_KIND = Choice(_labels(IndicatorKind))
POLARITY = Choice(_labels(Polarity))
VALUE_TYPE = Choice(_labels(ValueType))
ROLLUP = Choice(_labels(Rollup))
STATUS = Choice(_labels(VersionStatus))
PUBLIC = _plain((YES, NO))
GOAL_LEVELS = _levels("tujuan", "sasaran")
STRATEGY_LEVELS = _levels("strategi", "arah_kebijakan")
PROGRAM_LEVELS = _levels("program", "kegiatan", "sub_kegiatan")


@dataclass(frozen=True)
class Column:
    """One column of a sheet.

    kind: key (an item key), keys (several, separated by ';'), level, choice, text (free text),
    code (a kode rekening: must stay text), number (nomor), raw (a value kept as written: a
    target, an amount), json, years (the place of the year columns), notes (notes on the
    placement of years), info (shown, not read).
    """

    header: str
    field: str
    kind: str = "text"
    width: int = 18
    choice: Choice | None = None
    help: str = ""


def _item_columns(levels: Choice, parent_help: str) -> tuple[Column, ...]:
    return (
        Column(
            "kunci",
            "key",
            "key",
            12,
            help="Kunci unik butir, mis. T1 (tujuan 1), T1.S2 (sasaran 2 tujuan 1). Dipakai kolom "
            "induk/pemilik untuk merujuk. Boleh kosong bila tidak dirujuk.",
        ),
        Column("tingkat", "level", "level", 14, levels, "Pilih dari daftar."),
        Column("induk", "parent", "key", 12, help=parent_help),
        Column("nomor", "number", "number", 9, help="Nomor seperti tercetak, mis. 1.1 (teks)."),
        Column("uraian", "name", "text", 60, help="Rumusan butir seperti di dokumen."),
        Column("catatan", "note", "text", 40, help="Catatan bebas."),
        Column("rujukan sumber", "source_ref", "text", 14, help="Mis. halaman atau baris sumber."),
        Column(
            "rumusan lain (JSON)",
            "other_wordings",
            "json",
            30,
            help='Rumusan butir yang sama di tabel lain, sebagai JSON: [{"where": "Bab VI", '
            '"text": "..."}]. Kosongkan bila tidak ada.',
        ),
    )


GOAL_COLUMNS = (
    *_item_columns(
        GOAL_LEVELS, "Untuk sasaran: kunci tujuannya (lembar ini). Kosong untuk tujuan."
    ),
    Column(
        "sasaran RPJMD",
        "rpjmd_refs",
        "text",
        14,
        help="Hanya untuk sasaran: nomor sasaran RPJMD yang didukung, dipisah titik koma, "
        "mis. 2.1; 2.3 (Tabel 7.1 disusun dari isian ini).",
    ),
)
STRATEGY_COLUMNS = _item_columns(
    STRATEGY_LEVELS,
    "Untuk strategi: kunci sasarannya (lembar tujuan-sasaran). Untuk arah kebijakan: kunci "
    "strateginya (lembar ini).",
)
PROGRAM_COLUMNS = (
    *_item_columns(
        PROGRAM_LEVELS,
        "Untuk kegiatan: kunci programnya. Untuk sub kegiatan: kunci kegiatannya. Kosong untuk "
        "program.",
    )[:3],
    Column("kode", "code", "code", 16, help="Kode rekening sebagai teks, mis. 05.01 atau 17.25."),
    Column(
        "kode (teks asli)",
        "code_raw",
        "code",
        16,
        help="Sel kode seperti tercetak bila berbeda, mis. 5|01|01|2,01.",
    ),
    Column("nomor", "number", "number", 9, help="Nomor seperti tercetak (teks)."),
    Column("uraian", "name", "text", 50, help="Nama program/kegiatan seperti di dokumen."),
    Column(
        "sasaran yang didukung",
        "objectives",
        "keys",
        16,
        help="Hanya program: kunci sasaran yang didukung, dipisah titik koma, mis. T1.S1; T1.S2.",
    ),
    Column(
        "indikator program yang didukung",
        "program_indicator",
        "key",
        16,
        help="Hanya kegiatan: kunci indikator program (lembar indikator-target) yang "
        "didukung kegiatan ini, bila program punya beberapa indikator.",
    ),
    Column("unit kerja", "unit", "text", 24, help="Unit kerja penanggung jawab."),
    Column("lokasi", "location", "text", 16, help="Hanya kegiatan dan sub kegiatan."),
    Column(
        "pagu akhir periode",
        "declared_total_raw",
        "raw",
        18,
        help="Jumlah Rp akhir periode seperti tertulis, mis. 1.047.655.345 atau Rp 711.827.200,00.",
    ),
    Column(
        YEAR_FUNDING,
        "funding",
        "years",
        16,
        help="Pagu indikatif per tahun seperti tertulis: 1.047.655.345, 711.827.200,00, "
        "Rp 1.500.000, atau '-' (nol). Kosong: tidak ada pagu tahun itu.",
    ),
    Column(
        "catatan tahun pendanaan",
        "funding_notes",
        "notes",
        24,
        help="Bila tahun pagu disimpulkan (sel kosong hilang di sumber): alasannya. Satu teks "
        'untuk semua tahun baris ini, atau JSON per tahun: {"2017": "..."}.',
    ),
    *_item_columns(PROGRAM_LEVELS, "")[5:],
)

_INDICATOR_COLUMNS = (
    Column(
        "kunci",
        "key",
        "key",
        14,
        help="Kunci unik indikator, mis. T1.S1.I1. Dirujuk kolom 'indikator program yang "
        "didukung'. Boleh kosong bila tidak dirujuk.",
    ),
    Column(
        "pemilik",
        "owner",
        "key",
        12,
        help="Kunci tujuan, sasaran, program, kegiatan atau sub kegiatan pemilik indikator. "
        "Boleh digabung (merge) ke bawah untuk beberapa indikator.",
    ),
    Column(
        "uraian pemilik (hanya info)",
        "",
        "info",
        30,
        help="Hanya untuk dibaca; tidak diimpor.",
    ),
    Column("nomor", "number", "number", 9, help="Nomor indikator seperti tercetak (teks)."),
    Column("indikator", "name", "text", 50, help="Rumusan indikator kinerja. Wajib."),
    Column("jenis", "kind", "choice", 12, INDICATOR_KIND, "Masukan, Keluaran, Hasil, ..."),
    Column("satuan", "unit", "text", 12, help="Mis. %, orang, dokumen."),
    Column("polaritas", "polarity", "choice", 26, POLARITY, "Arah kinerja yang baik."),
    Column(
        "rekap triwulan",
        "rollup",
        "choice",
        20,
        ROLLUP,
        "Cara empat triwulan menjadi nilai setahun; kosong: ditentukan dari satuan.",
    ),
    Column("jenis nilai", "value_type", "choice", 16, VALUE_TYPE, "Angka, Persen, ..."),
    Column(
        "sasaran program/kegiatan",
        "intended_result",
        "text",
        30,
        help="Rumusan hasil yang hendak dicapai.",
    ),
    Column("kelompok sasaran", "target_group", "text", 20, help="Mis. PNS Kota Bontang."),
    Column("kondisi awal", "baseline_raw", "raw", 14, help="Seperti tertulis, mis. 81 %."),
    Column(
        YEAR_TARGET,
        "targets",
        "years",
        14,
        help="Target per tahun seperti tertulis: 81 %, 2.500 orang, BB, '-' (tanpa target), "
        "atau '11 unit ... dan 5 unit ...'. Kosong: tidak ada target tahun itu.",
    ),
    Column("kondisi akhir periode", "end_target_raw", "raw", 14, help="Seperti tertulis."),
    Column(
        "catatan tahun target",
        "target_notes",
        "notes",
        24,
        help="Bila tahun target disimpulkan: alasannya (satu teks, atau JSON per tahun).",
    ),
    Column("definisi operasional", "definition", "text", 30),
    Column("sumber data", "data_source", "text", 20),
    Column("catatan", "note", "text", 30),
    Column("rujukan sumber", "source_ref", "text", 14),
)
# The rollup column exists only where the model has the field.
INDICATOR_COLUMNS = tuple(
    c for c in _INDICATOR_COLUMNS if c.field != "rollup" or "rollup" in INDICATOR_FIELDS
)

SHEET_COLUMNS = {
    SHEET_GOALS: GOAL_COLUMNS,
    SHEET_STRATEGIES: STRATEGY_COLUMNS,
    SHEET_PROGRAMS: PROGRAM_COLUMNS,
    SHEET_INDICATORS: INDICATOR_COLUMNS,
}


@dataclass(frozen=True)
class IdentityRow:
    """One row of the identitas sheet: key, explanation, document path, kind, example.

    kind: text, code, year, int, choice, bool, list (one row per item), mission (number in the
    value column, text in the next), json (one row per item), info (shown, not read), format.
    """

    key: str
    help: str
    path: tuple
    kind: str = "text"
    choice: Choice | None = None
    example: str = ""
    # An empty value cell means the field's default (rows added after templates were in use).
    blank_is_default: bool = False


IDENTITY_COLUMNS = ("kunci", "keterangan", "nilai", "uraian misi", "contoh (hanya info)")
IDENTITY_ROWS = (
    IdentityRow("format", "Format berkas; jangan diubah.", (), "format", example=FORMAT_MARK),
    IdentityRow(
        "pemda.nama", "Nama Pemerintah Daerah.", ("region", "name"), example="Kota Bontang"
    ),
    IdentityRow(
        "pemda.jenis",
        "provinsi, kabupaten atau kota.",
        ("region", "kind"),
        "choice",
        REGION_KIND,
        "kota",
    ),
    IdentityRow(
        "pd.nama",
        "Nama Perangkat Daerah.",
        ("agency", "name"),
        example="Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Bontang",
    ),
    IdentityRow("pd.singkatan", "Singkatan PD.", ("agency", "short_name"), example="BKPSDM"),
    IdentityRow("pd.kode", "Kode unit organisasi (teks).", ("agency", "code"), "code"),
    IdentityRow(
        "pd.nama_terdahulu",
        "Nama PD sebelumnya; satu baris per nama.",
        ("agency", "former_names"),
        "list",
        example="BKPP",
    ),
    IdentityRow(
        "rpjmd.nama",
        "Nama RPJMD; kosongkan semua isian rpjmd bila Renstra tidak dikaitkan ke RPJMD.",
        ("regional_plan", "name"),
        example="RPJMD Kota Bontang 2016-2021",
    ),
    IdentityRow(
        "rpjmd.tahun_awal",
        "Tahun awal RPJMD.",
        ("regional_plan", "period_start"),
        "year",
        example="2016",
    ),
    IdentityRow(
        "rpjmd.tahun_akhir",
        "Tahun akhir RPJMD.",
        ("regional_plan", "period_end"),
        "year",
        example="2021",
    ),
    IdentityRow("rpjmd.visi", "Visi RPJMD.", ("regional_plan", "vision")),
    IdentityRow(
        "rpjmd.tujuan",
        "Tujuan RPJMD; satu baris per tujuan.",
        ("regional_plan", "goals_text"),
        "list",
    ),
    IdentityRow(
        "rpjmd.misi",
        "Misi RPJMD: nomor di kolom nilai, rumusan di kolom uraian misi; satu baris per misi.",
        ("regional_plan", "missions"),
        "mission",
        example="I",
    ),
    IdentityRow(
        "renstra.judul",
        "Judul Renstra.",
        ("plan", "title"),
        example="Renstra BKPSDM Kota Bontang 2016-2021",
    ),
    IdentityRow(
        "renstra.tahun_awal",
        "Tahun awal periode.",
        ("plan", "period_start"),
        "year",
        example="2016",
    ),
    IdentityRow(
        "renstra.tahun_akhir",
        "Tahun akhir periode.",
        ("plan", "period_end"),
        "year",
        example="2021",
    ),
    IdentityRow(
        "renstra.tahun_kondisi_awal",
        "Tahun kondisi awal: tahun awal periode atau setahun sebelumnya.",
        ("plan", "baseline_year"),
        "year",
        example="2016",
    ),
    IdentityRow(
        "renstra.skema_kode",
        "pmdn13 (Permendagri 13/2006, mis. 17.25), pmdn90 (Permendagri 90/2019) atau lokal "
        "(kode sendiri, hanya diperiksa keunikannya).",
        ("plan", "code_scheme"),
        "choice",
        CODE_SCHEME,
        "pmdn13",
    ),
    IdentityRow(
        "versi.nomor",
        "Nomor versi (impor ke Renstra yang ada memberi nomor berikutnya).",
        ("version", "number"),
        "int",
        example="1",
    ),
    IdentityRow("versi.label", "Nama versi.", ("version", "label"), example="Renstra 2016-2021"),
    IdentityRow(
        "versi.status",
        "Hanya info: versi hasil impor selalu berstatus Draf.",
        ("version", "status"),
        "info",
        STATUS,
    ),
    IdentityRow(
        "versi.publik",
        "ya atau tidak: terbuka untuk publik setelah ditetapkan.",
        ("version", "is_public"),
        "bool",
        PUBLIC,
        "tidak",
    ),
    IdentityRow(
        "versi.merevisi",
        "Nomor versi yang direvisi (kosong bila bukan review).",
        ("version", "revises"),
        "int",
    ),
    IdentityRow(
        "versi.alasan_perubahan", "Alasan perubahan (review).", ("version", "revision_reason")
    ),
    IdentityRow("versi.dasar_hukum", "Dasar hukum.", ("version", "legal_basis")),
    IdentityRow(
        "versi.catatan_rpjmd", "Catatan keterkaitan RPJMD (Tabel 7.1).", ("version", "rpjmd_note")
    ),
    IdentityRow("versi.sumber", "Sumber data versi ini.", ("version", "source")),
    IdentityRow(
        "versi.misi",
        "Nomor misi RPJMD yang didukung; satu baris per misi.",
        ("version", "missions"),
        "list",
        example="I",
    ),
    IdentityRow(
        "versi.baris_tanpa_tempat",
        "Baris dokumen sumber tanpa tempat di model, sebagai JSON; satu baris per baris sumber.",
        ("version", "unplaced_rows"),
        "json",
    ),
    # Last, so that the rows of the template before it keep their numbers.
    IdentityRow(
        "renstra.edisi_nomenklatur",
        "Hanya untuk pmdn90: edisi nomenklatur yang diikuti kode (mis. 2020); kosong: edisi "
        "terbaru yang dimuat.",
        ("plan", "nomenclature_edition"),
        example="2020",
    ),
    IdentityRow(
        "renstra.jenis",
        "renstra (Renstra Perangkat Daerah) atau rpjmd (RPJMD Pemda, disusun Bappeda).",
        ("plan", "kind"),
        "choice",
        PLAN_KIND,
        "renstra",
        blank_is_default=True,
    ),
)
IDENTITY_BY_KEY = {row.key: row for row in IDENTITY_ROWS}
