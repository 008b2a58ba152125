"""The demo agency's organisation: units with their eselon and a few officials, all EXAMPLE
data (is_example, "contoh" on the pages).

The document the demo transcribes (chapters V-VIII of the reviewed Renstra of BKPSDM Kota
Bontang) names neither a unit nor an official, so nothing here comes from it: the units follow
the usual structure of a kota's BKPSDM after PP 18/2016 (a Sekretariat with three subbagian, four
bidang with two subbidang each) and the officials are invented placeholders ("Pejabat Contoh
..."), with a change of head (a Plt. between two definitive heads) so that the history and the
signature of documents dated before a change can be tried. Example officials are never printed
under a document (renstra.plans.signature).

Written through the same functions as the organisation page (renstra.plans.organization).
Loading again changes nothing: an agency that has example units or a Kepala unit already is
left as it is.
"""

import datetime

from django.db import transaction
from django.db.models import Q

from renstra.plans.choices import Acting, UnitKind
from renstra.plans.models import Agency, Unit
from renstra.plans.organization import record_official_change, save_unit

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
