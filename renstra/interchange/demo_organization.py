"""The demo agency's organisation: units with their eselon and a few officials, all EXAMPLE
data (is_example, "contoh" on the pages).

The document the demo transcribes (chapters V-VIII of the reviewed Renstra of BKPSDM Kota
Bontang) names neither a unit nor an official, so nothing here comes from it: the units follow
the usual structure of a kota's BKPSDM after PP 18/2016 (a Sekretariat with three subbagian, four
bidang with two subbidang each) and the officials are invented placeholders ("Pejabat Contoh
..."), with a change of head (a Plt. between two definitive heads) so that the history and the
signature of documents dated before a change can be tried. Example officials are never printed
under a document (renstra.plans.signature).

The programs and kegiatan of the reviewed version are assigned to these units (EXAMPLE data
too: the document does not say who holds what) by the subject of their names: programs to the
sekretariat or a bidang (eselon III), kegiatan to a subbagian or subbidang (eselon IV); a
kegiatan whose name says nothing of its subject goes to the subbidang its program's subject
points to. Assignments name items by code and name (renstra.plans.assignments), so version 1
gets the units of the items it shares by name.

Written through the same functions as the organisation page (renstra.plans.organization,
renstra.plans.assignments). Loading again changes nothing: an agency that has example units or
a Kepala unit already is left as it is, and one that has assignments keeps them.
"""

import datetime
import re

from django.db import transaction
from django.db.models import Q

from renstra.plans.assignments import ASSIGNED_LEVELS, UnitAssignment, save_assignments
from renstra.plans.choices import Acting, UnitKind
from renstra.plans.models import Agency, Plan, Unit
from renstra.plans.organization import record_official_change, save_unit
from renstra.plans.readmodel import read_version

K = UnitKind
# (name, kind, eselon, units under it)
UNITS = (
    (
        "Sekretariat",
        K.SECRETARIAT,
        "III.a",
        (
            ("Subbagian Umum dan Kepegawaian", K.SUBDIVISION, "IV.a", ()),
            ("Subbagian Keuangan", K.SUBDIVISION, "IV.a", ()),
            ("Subbagian Perencanaan", K.SUBDIVISION, "IV.a", ()),
        ),
    ),
    (
        "Bidang Pengadaan, Pemberhentian dan Informasi",
        K.DIVISION,
        "III.b",
        (
            ("Subbidang Pengadaan dan Pemberhentian", K.SUB_FIELD, "IV.a", ()),
            ("Subbidang Data dan Informasi Kepegawaian", K.SUB_FIELD, "IV.a", ()),
        ),
    ),
    (
        "Bidang Mutasi dan Promosi",
        K.DIVISION,
        "III.b",
        (
            ("Subbidang Mutasi", K.SUB_FIELD, "IV.a", ()),
            ("Subbidang Promosi dan Kepangkatan", K.SUB_FIELD, "IV.a", ()),
        ),
    ),
    (
        "Bidang Pengembangan Aparatur",
        K.DIVISION,
        "III.b",
        (
            ("Subbidang Pendidikan dan Pelatihan", K.SUB_FIELD, "IV.a", ()),
            ("Subbidang Pengembangan Kompetensi", K.SUB_FIELD, "IV.a", ()),
        ),
    ),
    (
        "Bidang Penilaian Kinerja dan Penghargaan",
        K.DIVISION,
        "III.b",
        (
            ("Subbidang Penilaian Kinerja", K.SUB_FIELD, "IV.a", ()),
            ("Subbidang Penghargaan dan Disiplin", K.SUB_FIELD, "IV.a", ()),
        ),
    ),
)
HEAD_UNIT = "Kepala Badan"
HEAD_POSITION = "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Bontang"
D = datetime.date
# unit name -> [(name, NIP, rank, position, acting, start)], oldest first; invented.
OFFICIALS = {
    HEAD_UNIT: [
        (
            "Pejabat Contoh A, S.Sos., M.Si.",
            "196805121990031004",
            "Pembina Utama Muda (IV/c)",
            HEAD_POSITION,
            Acting.DEFINITIVE,
            D(2016, 1, 4),
        ),
        (
            "Pejabat Contoh B, S.H., M.H.",
            "197203141996032002",
            "Pembina Tingkat I (IV/b)",
            HEAD_POSITION,
            Acting.ACTING,
            D(2019, 1, 2),
        ),
        (
            "Pejabat Contoh C, S.E., M.M.",
            "197106201995031001",
            "Pembina Utama Muda (IV/c)",
            HEAD_POSITION,
            Acting.DEFINITIVE,
            D(2019, 4, 1),
        ),
    ],
    "Sekretariat": [
        (
            "Pejabat Contoh B, S.H., M.H.",
            "197203141996032002",
            "Pembina Tingkat I (IV/b)",
            "Sekretaris Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Bontang",
            Acting.DEFINITIVE,
            D(2016, 1, 4),
        )
    ],
    "Bidang Pengembangan Aparatur": [
        (
            "Pejabat Contoh D, S.Kom.",
            "197809092003121003",
            "Pembina (IV/a)",
            "Kepala Bidang Pengembangan Aparatur",
            Acting.DEFINITIVE,
            D(2017, 1, 2),
        )
    ],
}


@transaction.atomic
def load_demo_organization(agency: Agency) -> int:
    """The example units and officials of `agency`; returns how many units were made (0 when
    the agency has its organisation, example or not, already)."""
    if (
        Unit.objects.filter(agency=agency)
        .filter(Q(is_example=True) | Q(kind=UnitKind.HEAD))
        .exists()
    ):
        return 0
    head = save_unit(
        unit=Unit(agency=agency, name=HEAD_UNIT, kind=UnitKind.HEAD, eselon="II.b", is_example=True)
    )
    made = [head]
    _units(agency, head, UNITS, made)
    by_name = {unit.name: unit for unit in made}
    for unit_name, officials in OFFICIALS.items():
        for name, nip, rank, position, acting, start in officials:
            record_official_change(
                unit=by_name[unit_name],
                name=name,
                nip=nip,
                rank=rank,
                position=position,
                acting=acting,
                start_date=start,
                is_example=True,
            )
    return len(made)


def _units(agency: Agency, parent: Unit, specs, made: list[Unit]) -> None:
    for order, (name, kind, eselon, below) in enumerate(specs, start=1):
        unit = save_unit(
            unit=Unit(
                agency=agency,
                parent=parent,
                name=name,
                kind=kind,
                eselon=eselon,
                order=order,
                is_example=True,
            )
        )
        made.append(unit)
        _units(agency, unit, below, made)


# --- who holds which program and kegiatan (example) ----------------------------------------

ASSIGNED_VERSION = 2  # the reviewed version: its codes are the ones plans carry on
SECRETARIAT = "Sekretariat"
# (words of a program's name, its unit); the sekretariat holds the rest (office services,
# facilities, uniforms, KORPRI, reporting).
PROGRAM_SUBJECTS = (
    (("kapasitas sumber daya aparatur",), "Bidang Pengembangan Aparatur"),
    (("pembinaan dan pengembangan aparatur",), "Bidang Mutasi dan Promosi"),
    (("penyebarluasan informasi",), "Bidang Pengadaan, Pemberhentian dan Informasi"),
)
# (words of a kegiatan's name, its unit), the first that matches; the specific before the
# general ("analisa kebutuhan diklat" before "diklat", a diklat on finance before finance).
KEGIATAN_SUBJECTS = (
    (
        (
            "kajian kebutuhan pendidikan",
            "analisa kebutuhan diklat",
            "tugas belajar",
            "assesment",
            "assesmen",
            "pola karier",
            "standar kompetensi",
        ),
        "Subbidang Pengembangan Kompetensi",
    ),
    (
        ("diklat", "pendidikan dan pelatihan", "bimtek", "sosialisasi"),
        "Subbidang Pendidikan dan Pelatihan",
    ),
    (("laporan keuangan", "prognosis"), "Subbagian Keuangan"),
    (("renja", "renstra", "laporan kinerja", "capaian kinerja"), "Subbagian Perencanaan"),
    (
        ("seleksi", "formasi", "sumpah", "nip", "pemberhentian", "cpns"),
        "Subbidang Pengadaan dan Pemberhentian",
    ),
    (
        ("mutasi", "pengangkatan dan pemindahan", "rapat koordinasi kepegawaian", "cuti"),
        "Subbidang Mutasi",
    ),
    (
        ("kenaikan pangkat", "penyesuaian ijazah", "ujian dinas", "kenaikan gaji"),
        "Subbidang Promosi dan Kepangkatan",
    ),
    (
        (
            "sistem informasi",
            "informasi kepegawaian",
            "informasi pegawai",
            "database",
            "sapk",
            "e-absensi",
            "kartu status",
            "rekonsiliasi data",
            "pameran",
        ),
        "Subbidang Data dan Informasi Kepegawaian",
    ),
    (
        ("penilaian kinerja", "peningkatan kinerja", "tunjangan kinerja"),
        "Subbidang Penilaian Kinerja",
    ),
    (("disiplin", "satya", "kesejahteraan", "penghargaan"), "Subbidang Penghargaan dan Disiplin"),
)
# A kegiatan that names no subject: by its program's unit.
KEGIATAN_OF_PROGRAM_UNIT = {
    "Bidang Pengembangan Aparatur": "Subbidang Pendidikan dan Pelatihan",
    "Bidang Mutasi dan Promosi": "Subbidang Penilaian Kinerja",
    "Bidang Pengadaan, Pemberhentian dan Informasi": "Subbidang Data dan Informasi Kepegawaian",
    SECRETARIAT: "Subbagian Umum dan Kepegawaian",
}


def _subject(name: str, subjects, default: str) -> str:
    text = name.casefold()
    for words, unit in subjects:
        if any(re.search(r"\b{}\b".format(re.escape(word)), text) for word in words):
            return unit
    return default


@transaction.atomic
def load_demo_assignments(plan: Plan) -> int:
    """Assign the programs and kegiatan of the plan's version 2 to the example units; returns
    how many were assigned (0 when the agency has assignments already, or lacks the units)."""
    agency = plan.agency
    version = plan.versions.filter(number=ASSIGNED_VERSION).first()
    if version is None or UnitAssignment.objects.filter(agency=agency).exists():
        return 0
    units = {unit.name: unit for unit in Unit.objects.filter(agency=agency, is_example=True)}
    if SECRETARIAT not in units:
        return 0
    read = read_version(version)
    chosen = []
    for program in read.programs:
        program_unit = _subject(program.name, PROGRAM_SUBJECTS, SECRETARIAT)
        chosen.append(("program", program, units[program_unit]))
        fallback = KEGIATAN_OF_PROGRAM_UNIT[program_unit]
        for activity in program.activity_list:
            unit = _subject(activity.name, KEGIATAN_SUBJECTS, fallback)
            chosen.append(("kegiatan", activity, units[unit]))
    items = {level: read.items(level) for level in ASSIGNED_LEVELS}
    return save_assignments(agency=agency, items_by_level=items, chosen=chosen, is_example=True)
