"""The comparison of two versions (renstra.review.diff), its table and `renstra diff`: on the demo
plan (version 1 before review against version 2 after it; version 2 against its review copy) and
on small hand-built snapshots."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renstra.plans.models import Indicator, Plan, PlanVersion, Program, Target
from renstra.plans.services import target_fields
from renstra.render.renderers import render_csv
from renstra.review.diff import FieldChange, compare, compare_versions, set_match
from renstra.review.diff_table import comparison_table, describe
from renstra.review.models import MatchOverride
from renstra.review.names import normalise, similarity
from renstra.review.snapshot import Item, VersionSnapshot

# v1 program name -> v2 program code it is paired with, read from the two versions' names:
# v2 drops the leading "PROGRAM " of two names; "PENINGKATAN KAPASITAS SUMBER DAYA APARATUR" is the
# name of three v2 programs (05, 16, 48): v1's program goes to 16, which took over most of its
# activities (prajabatan, struktural, sertifikasi PBJ, purna tugas, ...); 05 got "Pendidikan dan
# pelatihan formal" and "character building" (paired as moved activities), 48 one new activity.
V1_TO_V2_PROGRAMS = {
    "PROGRAM PEMBINAAN DAN PENGEMBANGAN APARATUR": "17",
    "PROGRAM PENINGKATAN KAPASITAS SUMBER DAYA APARATUR": "16",
    "PROGRAM PELAYANAN ADMINISTRASI PERKANTORAN": "01",
    "PROGRAM PENINGKATAN SARANA DAN PRASARANA APARATUR": "02",
    "PROGRAM PENINGKATAN DISIPLIN APARATUR": "03",
    "PROGRAM PENYEBARLUASAN INFORMASI PEMBANGUNAN DAERAH": "10",
    "PROGRAM PENINGKATAN PENGEMBANGAN SISTEM PELAPORAN CAPAIAN KINERJA DAN KEUANGAN": "06",
}
V1_GOALS = [
    "Terwujudnya pegawai yang kompeten dan kompetitif untuk menyukseskan pembangunan nasional",
    "Terwujudnya peningkatan kompetensi ASN melalui diklat",
    "Terwujudnya penyelenggaraan administrasi perkantoran yang efektif dan efisien",
    "Terwujudnya penyelenggaraan pemerintahan dalam peningkatan kinerja aparatur",
    "Meningkatnya urusan/informasi kepegawaian",
    "Terwujudnya laporan keuangan yang transparan, akuntabel dan partisipatif",
]
V1_OBJECTIVE_INDICATORS = [
    "Persentase PD yang sudah mengusulkan formasi kebutuhan pegawai",
    "Persentase penempatan pegawai yang didasarkan pada kualifikasi dan kompetensi",
    "Persentase kelengkapan tata naskah pegawai",
    "Persentase disiplin pegawai",
    "Persentase kelulusan peserta diklat",
    "Persentase Tata Arsip Dokumen Perkantoran yang Dikelola",
    "Persentase sarana prasarana sesuai standar operasional yang berlaku",
    "Skor IKM",
    "Nilai akuntabilitas kinerja",
]
ADMIN = "PROGRAM PELAYANAN ADMINISTRASI PERKANTORAN"


@pytest.fixture
def v1_v2(v1, v2):
    return compare_versions(v1, v2)


def _program(version, code="", name=""):
    query = Program.objects.filter(version=version)
    return query.get(code=code) if code else query.get(name=name)


# --- v1 -> v2 on the demo --------------------------------------------------------------------


def test_v1_v2_counts(v1_v2):
    assert v1_v2.totals == {"added": 66, "removed": 90, "changed": 128, "moved": 2, "unchanged": 0}
    assert v1_v2.counts == {
        "tujuan": {"added": 1, "removed": 6, "changed": 0, "moved": 0, "unchanged": 0},
        "sasaran": {"added": 1, "removed": 8, "changed": 0, "moved": 0, "unchanged": 0},
        "strategi": {"added": 11, "removed": 7, "changed": 0, "moved": 0, "unchanged": 0},
        "arah_kebijakan": {"added": 11, "removed": 5, "changed": 0, "moved": 0, "unchanged": 0},
        "program": {"added": 3, "removed": 0, "changed": 7, "moved": 0, "unchanged": 0},
        "kegiatan": {"added": 5, "removed": 20, "changed": 62, "moved": 2, "unchanged": 0},
        "indikator": {"added": 34, "removed": 44, "changed": 59, "moved": 0, "unchanged": 0},
    }
    # every item of both versions is in exactly one entry
    assert len(v1_v2.entries) == len(v1_v2.old.items) + 3 + 11 + 11 + 1 + 1 + 5 + 34
    assert len(v1_v2.old.items) == 220 and len(v1_v2.new.items) == 196


def test_v1_goals_are_removed_and_the_one_v2_goal_added(v1_v2):
    assert [e.old.name for e in v1_v2.of("tujuan", "removed")] == V1_GOALS
    assert [e.new.name for e in v1_v2.of("tujuan", "added")] == ["Meningkatnya profesionalitas ASN"]
    assert v1_v2.pairs("tujuan") == [] and v1_v2.pairs("sasaran") == []


def test_objective_indicators_are_replaced_by_the_professionalism_index(v1_v2):
    def of_objectives(status):
        return [e.item.name for e in v1_v2.of("indikator", status) if e.item.parent[0] == "sasaran"]

    assert of_objectives("added") == ["Indeks profesionalitas ASN"]
    assert of_objectives("removed") == V1_OBJECTIVE_INDICATORS
    # "Persentase kelulusan peserta diklat" is also the name of the outcome indicators of v2's
    # programs 05, 16 and 48: indicators are paired only within one level.
    assert [(o.name, n.name) for o, n in v1_v2.pairs("indikator") if o.parent[0] == "sasaran"] == []


def test_programs_are_paired_by_name_across_the_renumbering(v1_v2):
    pairs = {o.name: n.code for o, n in v1_v2.pairs("program")}
    assert pairs == V1_TO_V2_PROGRAMS
    assert {e.method for e in v1_v2.of("program") if e.old} == {"nama"}
    assert [e.new.code for e in v1_v2.of("program", "added")] == ["05", "48", "25"]


def test_administration_program_records_its_code_change(v1, v2, v1_v2):
    old = _program(v1, name=ADMIN)
    entry = v1_v2.find("program", old_id=old.pk)
    assert entry.new.id == _program(v2, code="01").pk
    assert (entry.status, entry.method, entry.similarity) == ("changed", "nama", 1.0)
    assert (old.code, old.number) == ("", "3")
    assert entry.change_of("code") == FieldChange("code", "", "01")
    assert entry.change_of("number") == FieldChange("number", "3", "")
    assert entry.change_of("name") is None
    assert entry.change_of("pagu_2017") == FieldChange("pagu_2017", None, Decimal("1003557286.00"))
    assert entry.fields == [
        "code",
        "number",
        "pagu_2017",
        "pagu_2018",
        "pagu_2019",
        "pagu_2020",
        "pagu_2021",
        "objectives",
    ]
    assert entry.change_of("objectives") == FieldChange(
        "objectives",
        ["Sasaran 3 Meningkatkan tertib administrasi perkantoran"],
        ["Sasaran Meningkatnya profesionalitas ASN"],
    )
    assert describe(entry).startswith("kode 3 → 01; pagu 2017: - → 1.003.557.286; pagu 2018:")


def test_renamed_program_records_its_new_name(v1_v2):
    entry = next(
        e
        for e in v1_v2.of("program")
        if e.old and e.old.name == "PROGRAM PEMBINAAN DAN PENGEMBANGAN APARATUR"
    )
    assert entry.change_of("name") == FieldChange(
        "name", "PROGRAM PEMBINAAN DAN PENGEMBANGAN APARATUR", "PEMBINAAN DAN PENGEMBANGAN APARATUR"
    )
    assert entry.similarity == 1.0  # the leading "PROGRAM " is not part of the comparison


def test_activities_that_went_to_program_05_are_moved(v1_v2):
    moved = [(e.old.name, e.new.code, e.change_of("parent")) for e in v1_v2.of("kegiatan", "moved")]
    old_parent = "Program 2 PROGRAM PENINGKATAN KAPASITAS SUMBER DAYA APARATUR"
    new_parent = "Program 05 PENINGKATAN KAPASITAS SUMBER DAYA APARATUR"
    assert moved == [
        (
            "Pendidikan dan Pelatihan Formal",
            "05.01",
            FieldChange("parent", old_parent, new_parent),
        ),
        (
            "Pendidikan dan Pelatihan Character Building",
            "05.21",
            FieldChange("parent", old_parent, new_parent),
        ),
    ]
    # an activity that stays under the partner of its program is changed, not moved
    seleksi = next(
        e for e in v1_v2.of("kegiatan") if e.old and e.old.name == "Seleksi Penerimaan Calon PNS"
    )
    assert (seleksi.status, seleksi.new.code, seleksi.change_of("parent")) == (
        "changed",
        "17.02",
        None,
    )


def test_generic_indicator_names_do_not_move_to_another_activity(v1_v2):
    # "Jumlah kegiatan" of v1's "Rapat Koordinasi Kepegawaian" stays with that activity's partner
    # (17.45, "Jumlah pelaksanaan kegiatan"); an identically named indicator of 25.09 is not taken.
    entry = next(e for e in v1_v2.of("indikator") if e.old and e.old.name == "Jumlah kegiatan")
    assert entry.new.name == "Jumlah pelaksanaan kegiatan"
    assert entry.status == "changed"
    assert v1_v2.of("indikator", "moved") == []


def test_entries_follow_the_documents_order(v1_v2):
    kinds = [(e.kind, e.status) for e in v1_v2.entries]
    first_program = kinds.index(("program", "changed"))
    added_goal = kinds.index(("tujuan", "added"))
    # the old cascade of goals, then the new goal with its subtree, then the programs
    assert kinds[0] == ("tujuan", "removed")
    assert all(status == "removed" for _kind, status in kinds[:added_goal])
    assert all(status == "added" for _kind, status in kinds[added_goal:first_program])
    assert [e.item.name for e in v1_v2.entries[added_goal : added_goal + 4]] == [
        "Meningkatnya profesionalitas ASN",
        "Meningkatnya profesionalitas ASN",
        "Indeks profesionalitas ASN",
        "Peningkatan kompetensi ASN",
    ]
    # added programs come last, each followed by its own (added) activities and indicators
    tail = [(e.kind, e.status, e.item.code or e.item.name) for e in v1_v2.entries[-10:]]
    assert tail == [
        ("program", "added", "05"),
        ("indikator", "added", "Persentase kelulusan peserta diklat"),
        ("program", "added", "48"),
        ("indikator", "added", "Persentase kelulusan peserta diklat"),
        ("kegiatan", "added", "48.02"),
        ("indikator", "added", "Jumlah peserta Diklat Struktural bagi PNS Daerah"),
        ("program", "added", "25"),
        ("indikator", "added", "Persentase keikutsertaan ASN dalam kegiatan HUT Korpri"),
        ("kegiatan", "added", "25.09"),
        ("indikator", "added", "Jumlah kegiatan"),
    ]
    # under a paired program: its indicators (old ones, then the added ones of its partner), then
    # its activities
    start = next(
        i
        for i, e in enumerate(v1_v2.entries)
        if e.old and e.old.name == "PROGRAM PEMBINAAN DAN PENGEMBANGAN APARATUR"
    )
    assert [(e.kind, e.status) for e in v1_v2.entries[start : start + 13]] == [
        ("program", "changed"),
        ("indikator", "changed"),
        ("indikator", "removed"),
        ("indikator", "changed"),
        ("indikator", "changed"),
    ] + [("indikator", "added")] * 7 + [("kegiatan", "changed")]


def test_as_dict_is_json(v1_v2):
    data = json.loads(json.dumps(v1_v2.as_dict()))
    assert data["totals"] == v1_v2.totals
    assert len(data["entries"]) == len(v1_v2.entries)
    admin = next(
        e
        for e in data["entries"]
        if e["kind"] == "program" and e["old"] and e["old"]["name"] == ADMIN
    )
    assert admin["new"]["code"] == "01"
    assert {"field": "pagu_2017", "old": None, "new": 1003557286} in admin["changes"]


# --- v2 -> its review copy --------------------------------------------------------------------


def test_review_copy_is_matched_by_copy_without_changes(v2, draft):
    comparison = compare_versions(v2, draft)
    assert len(comparison.entries) == len(comparison.old.items) == len(comparison.new.items) == 196
    assert {(e.status, e.method) for e in comparison.entries} == {("unchanged", "salinan")}
    assert comparison.differences == []
    assert all(e.new.copied_from == e.old.id for e in comparison.entries)


def test_one_changed_target_of_the_copy_is_the_only_difference(v2, draft):
    copied = Indicator.objects.get(version=draft, activity__code="16.58")
    target = Target.objects.get(indicator=copied, year=2018)
    assert target.raw_text == "25 orang"
    for name, value in target_fields("26 orang").items():
        setattr(target, name, value)
    target.save()

    comparison = compare_versions(v2, draft)
    [entry] = comparison.differences
    original = Indicator.objects.get(version=v2, activity__code="16.58")
    assert (entry.kind, entry.status, entry.method) == ("indikator", "changed", "salinan")
    assert (entry.old.id, entry.new.id) == (original.pk, copied.pk)
    assert entry.changes == [FieldChange("target_2018", "25 orang", "26 orang")]
    assert describe(entry) == "target 2018: 25 orang → 26 orang"
    assert Target.objects.get(indicator=original, year=2018).raw_text == "25 orang"


# --- users' corrections ----------------------------------------------------------------------


def test_a_correction_pairs_other_programs_and_is_kept(v1, v2):
    admin = _program(v1, name=ADMIN)
    facilities = _program(v1, name="PROGRAM PENINGKATAN SARANA DAN PRASARANA APARATUR")
    p01, p02 = _program(v2, code="01"), _program(v2, code="02")

    override = set_match(
        old_version=v1, new_version=v2, kind="program", old_id=admin.pk, new_id_or_None=p02.pk
    )
    assert (override.plan_id, override.to_item_id) == (v1.plan_id, p02.pk)

    comparison = compare_versions(v1, v2)
    entry = comparison.find("program", old_id=admin.pk)
    assert (entry.new.id, entry.method) == (p02.pk, "koreksi")
    assert entry.change_of("name") == FieldChange(
        "name", ADMIN, "PROGRAM PENINGKATAN SARANA DAN PRASARANA APARATUR"
    )
    assert comparison.find("program", old_id=facilities.pk).status == "removed"
    assert comparison.find("program", new_id=p01.pk).status == "added"
    assert comparison.counts["program"] == {
        "added": 4,
        "removed": 1,
        "changed": 6,
        "moved": 0,
        "unchanged": 0,
    }


def test_a_correction_to_none_removes_and_adds(v1, v2):
    admin = _program(v1, name=ADMIN)
    p01 = _program(v2, code="01")
    set_match(
        old_version=v1, new_version=v2, kind="program", old_id=admin.pk, new_id_or_None=p01.pk
    )
    set_match(old_version=v1, new_version=v2, kind="program", old_id=admin.pk, new_id_or_None=None)
    assert list(
        MatchOverride.objects.filter(from_version=v1, to_version=v2).values_list(
            "kind", "from_item_id", "to_item_id"
        )
    ) == [("program", admin.pk, None)]

    comparison = compare_versions(v1, v2)
    assert comparison.find("program", old_id=admin.pk).status == "removed"
    assert comparison.find("program", new_id=p01.pk).status == "added"
    # the other programs keep their partners
    assert {o.name: n.code for o, n in comparison.pairs("program")} == {
        name: code for name, code in V1_TO_V2_PROGRAMS.items() if name != ADMIN
    }
    # the reverse comparison has no corrections of its own
    assert compare_versions(v2, v1).find("program", old_id=p01.pk).new.id == admin.pk


def test_corrections_are_checked(v1, v2):
    admin = _program(v1, name=ADMIN)
    p01, p02 = _program(v2, code="01"), _program(v2, code="02")
    other_plan = Plan.objects.create(
        agency=v1.plan.agency,
        title="Renstra lain",
        period_start=2021,
        period_end=2026,
        baseline_year=2021,
    )
    other = PlanVersion.objects.create(plan=other_plan, number=1, label="lain")

    def error(**changes):
        arguments = {
            "old_version": v1,
            "new_version": v2,
            "kind": "program",
            "old_id": admin.pk,
            "new_id_or_None": p01.pk,
        }
        arguments.update(changes)
        with pytest.raises(ValidationError) as info:
            set_match(**arguments)
        return " ".join(info.value.messages)

    assert "bukan versi dari Renstra yang sama" in error(new_version=other)
    assert error(new_version=v1) == "Pilih dua versi yang berbeda untuk dibandingkan."
    assert error(kind="bidang").startswith("Jenis butir 'bidang' tidak dikenal.")
    assert error(old_id=p01.pk) == "Program dengan id {} tidak ada di versi 1.".format(p01.pk)
    assert error(new_id_or_None=admin.pk) == "Program dengan id {} tidak ada di versi 2.".format(
        admin.pk
    )
    facilities = _program(v1, name="PROGRAM PENINGKATAN SARANA DAN PRASARANA APARATUR")
    set_match(
        old_version=v1, new_version=v2, kind="program", old_id=facilities.pk, new_id_or_None=p02.pk
    )
    assert "sudah dipasangkan" in error(new_id_or_None=p02.pk)
    assert MatchOverride.objects.filter(from_version=v1).count() == 1


# --- hand-built snapshots --------------------------------------------------------------------


def _snapshot(version_id, *items):
    return VersionSnapshot(version_id, "versi {}".format(version_id), {i.key: i for i in items})


def _item(kind, id, name, parent=None, code="", copied_from=None, order=0):
    return Item(kind, id, parent, copied_from, code, "", name, order)


def test_names_are_normalised():
    assert normalise("PROGRAM Pelayanan  Administrasi/Perkantoran.") == (
        "pelayanan administrasi perkantoran"
    )
    assert normalise("Kegiatan Rapat-rapat  koordinasi") == "rapat rapat koordinasi"
    assert normalise("Programmer  lokal") == "programmer lokal"
    assert similarity("PROGRAM X Y", "x, y") == 1.0


def test_same_code_pairs_half_alike_names_only():
    alike = (
        "Penyediaan jasa komunikasi, air dan listrik",
        "Penyediaan jasa listrik dan telepon kantor",
    )
    unlike = ("Penyediaan jasa surat menyurat", "Rapat koordinasi keluar daerah")
    assert 0.5 <= similarity(*alike) < 0.75 and similarity(*unlike) < 0.5
    old = _snapshot(
        1,
        _item("program", 1, "Pelayanan administrasi perkantoran", code="01"),
        _item("kegiatan", 1, alike[0], ("program", 1), code="01.02"),
        _item("kegiatan", 2, unlike[0], ("program", 1), code="01.01", order=1),
    )
    new = _snapshot(
        2,
        _item("program", 11, "Pelayanan administrasi perkantoran", code="01"),
        _item("kegiatan", 11, alike[1], ("program", 11), code="01.02"),
        _item("kegiatan", 12, unlike[1], ("program", 11), code="01.01", order=1),
    )
    comparison = compare(old, new)
    assert [(e.kind, e.status, e.method) for e in comparison.entries] == [
        ("program", "unchanged", "kode"),
        ("kegiatan", "changed", "kode"),
        ("kegiatan", "removed", ""),
        ("kegiatan", "added", ""),
    ]


def test_a_code_change_of_the_same_item_is_recognised():
    old = _snapshot(1, _item("program", 1, "Peningkatan disiplin aparatur", code="03"))
    new = _snapshot(2, _item("program", 2, "PROGRAM PENINGKATAN DISIPLIN APARATUR", code="04"))
    [entry] = compare(old, new).entries
    assert (entry.status, entry.method) == ("changed", "nama")
    assert entry.changes[0] == FieldChange("code", "03", "04")
    assert describe(entry) == "kode 03 → 04; uraian diubah"


def test_a_correction_beats_the_copy_link():
    old = _snapshot(1, _item("tujuan", 1, "A"), _item("tujuan", 2, "B"))
    new = _snapshot(
        2, _item("tujuan", 11, "A", copied_from=1), _item("tujuan", 12, "B", copied_from=2)
    )
    comparison = compare(old, new, {("tujuan", 1): 12, ("tujuan", 2): None})
    assert [
        (e.status, e.method, e.old and e.old.id, e.new and e.new.id) for e in comparison.entries
    ] == [
        ("changed", "koreksi", 1, 12),
        ("removed", "", 2, None),
        ("added", "", None, 11),
    ]
    # corrections naming items that no longer exist are ignored
    comparison = compare(old, new, {("tujuan", 99): 11, ("tujuan", 1): 98})
    assert {e.method for e in comparison.entries} == {"salinan"}


def test_equal_names_go_to_the_program_that_has_the_activities():
    name = "Peningkatan kapasitas sumber daya aparatur"
    old = _snapshot(
        1,
        _item("program", 1, name),
        _item("kegiatan", 1, "Diklat prajabatan", ("program", 1)),
        _item("kegiatan", 2, "Diklat struktural", ("program", 1), order=1),
    )
    new = _snapshot(
        2,
        _item("program", 11, name),
        _item("program", 12, name, order=1),
        _item("kegiatan", 11, "Perayaan HUT Korpri", ("program", 11)),
        _item("kegiatan", 12, "Diklat prajabatan", ("program", 12)),
        _item("kegiatan", 13, "Diklat struktural", ("program", 12), order=1),
    )
    comparison = compare(old, new)
    assert [(o.id, n.id) for o, n in comparison.pairs("program")] == [(1, 12)]
    assert [(o.id, n.id) for o, n in comparison.pairs("kegiatan")] == [(1, 12), (2, 13)]
    assert comparison.differences == [comparison.find("program", new_id=11)] + [
        comparison.find("kegiatan", new_id=11)
    ]


def test_a_child_prefers_its_parents_partner_and_may_move():
    old = _snapshot(
        1,
        _item("program", 1, "Satu"),
        _item("program", 2, "Dua", order=1),
        _item("kegiatan", 1, "Rapat koordinasi kepegawaian daerah", ("program", 1)),
        _item("kegiatan", 2, "Penyusunan laporan keuangan akhir tahun", ("program", 1), order=1),
    )
    new = _snapshot(
        2,
        _item("program", 11, "Satu"),
        _item("program", 12, "Dua", order=1),
        # the same name under the other program, a slight rewording under the partner of its
        # program: the partner's wins
        _item("kegiatan", 11, "Rapat-rapat koordinasi kepegawaian daerah", ("program", 11)),
        _item("kegiatan", 12, "Rapat koordinasi kepegawaian daerah", ("program", 12)),
        # only under the other program: moved
        _item("kegiatan", 13, "Penyusunan laporan keuangan akhir tahun", ("program", 12), order=1),
    )
    comparison = compare(old, new)
    assert [
        (e.status, e.old and e.old.id, e.new and e.new.id) for e in comparison.of("kegiatan")
    ] == [
        ("changed", 1, 11),
        ("moved", 2, 13),
        ("added", None, 12),
    ]
    assert comparison.find("kegiatan", old_id=2).change_of("parent") == FieldChange(
        "parent", "Program Satu", "Program Dua"
    )


# --- table and command -----------------------------------------------------------------------


def test_table_lists_the_differences(v1, v2, v1_v2):
    table = comparison_table(v1, v2)
    assert (table.key, table.title) == ("perbandingan", "Perbandingan Versi Renstra")
    assert "versi 1 (Renstra 2016-2021 sebelum review)" in table.subtitle
    assert "versi 2 (Review Renstra 2016-2021 (setelah review))" in table.subtitle
    assert [c.key for c in table.columns] == [
        "status",
        "jenis",
        "kode_lama",
        "uraian_lama",
        "kode_baru",
        "uraian_baru",
        "perubahan",
        "cara_padanan",
        "induk",
    ]
    assert len(table.rows) == len(v1_v2.differences) == 286
    assert {r.style for r in table.rows} == {"added", "removed", "changed", "moved"}

    rows = list(csv.reader(io.StringIO(render_csv(table).decode("utf-8"))))
    assert rows[0] == [c.key for c in table.columns]
    admin = next(r for r in rows if r[1] == "Program" and r[3] == ADMIN)
    assert admin[:6] == ["Diubah", "Program", "3", ADMIN, "01", ADMIN]
    assert admin[6].startswith("kode 3 → 01; pagu 2017: - → 1.003.557.286;")
    assert admin[7] == "nama mirip 100%"
    assert rows[1][:4] == ["Dihapus", "Tujuan", "1", V1_GOALS[0]]
    moved = next(r for r in rows if r[0] == "Dipindah")
    assert moved[1:6] == [
        "Kegiatan",
        "1",
        "Pendidikan dan Pelatihan Formal",
        "05.01",
        "Pendidikan dan pelatihan formal",
    ]


def test_table_of_an_unchanged_copy(v2, draft):
    assert comparison_table(v2, draft).rows == []
    table = comparison_table(v2, draft, include_unchanged=True)
    assert len(table.rows) == 196
    assert {(r.style, r.cells[0].value, r.cells[7].value) for r in table.rows} == {
        ("unchanged", "Tetap", "salinan review")
    }


def test_diff_command_json(v1, v2):
    out = io.StringIO()
    call_command("diff", "--from", str(v1.pk), "--to", str(v2.pk), "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert (data["from"]["version_id"], data["to"]["version_id"]) == (v1.pk, v2.pk)
    assert data["totals"]["moved"] == 2
    assert len(data["entries"]) == 286


def test_diff_command_csv_and_text(v2, draft):
    target = Target.objects.get(
        indicator__version=draft, indicator__activity__code="16.58", year=2018
    )
    for name, value in target_fields("26 orang").items():
        setattr(target, name, value)
    target.save()

    out = io.StringIO()
    call_command("diff", "--from", str(v2.pk), "--to", str(draft.pk), "--format", "csv", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows == [
        [
            "status",
            "jenis",
            "kode_lama",
            "uraian_lama",
            "kode_baru",
            "uraian_baru",
            "perubahan",
            "cara_padanan",
            "induk",
        ],
        [
            "Diubah",
            "Indikator",
            "",
            "Jumlah PNS yang mengikuti program tugas belajar",
            "",
            "Jumlah PNS yang mengikuti program tugas belajar",
            "target 2018: 25 orang → 26 orang",
            "salinan review",
            "Kegiatan: 16.58 Pemberian bantuan tugas belajar dan ikatan dinas",
        ],
    ]

    out, err = io.StringIO(), io.StringIO()
    call_command("diff", from_id=v2.pk, to_id=draft.pk, stdout=out, stderr=err)
    assert out.getvalue().splitlines() == [
        "[Diubah] Indikator: Jumlah PNS yang mengikuti program tugas belajar — "
        "target 2018: 25 orang → 26 orang (salinan review)"
    ]
    assert err.getvalue().strip() == "Ditambah 0, Dihapus 0, Diubah 1, Dipindah 0, Tetap 195"

    out = io.StringIO()
    call_command("diff", from_id=v2.pk, to_id=draft.pk, all=True, stdout=out, stderr=io.StringIO())
    assert len(out.getvalue().splitlines()) == 196


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ("--from 999999 --to {v2}", "Versi Renstra dengan id 999999 tidak ada"),
        ("--from {v1}", "Sebutkan --from ID dan --to ID"),
        ("--from {v1} --to {v2} --format xml", "Format 'xml' tidak dikenal"),
        ("--from {v1} --to {other}", "bukan versi dari Renstra yang sama"),
        ("--from {v1} --to {v1}", "Pilih dua versi yang berbeda"),
    ],
)
def test_diff_command_errors(v1, v2, arguments, message):
    plan = Plan.objects.create(
        agency=v1.plan.agency, title="Lain", period_start=2021, period_end=2026, baseline_year=2021
    )
    other = PlanVersion.objects.create(plan=plan, number=1, label="lain")
    argv = arguments.format(v1=v1.pk, v2=v2.pk, other=other.pk).split()
    with pytest.raises(CommandError, match=message):
        call_command("diff", *argv, stdout=io.StringIO())


# --- cost ------------------------------------------------------------------------------------


def test_comparison_takes_a_constant_number_of_queries(v1, v2, draft):
    def queries(old_id, new_id):
        old, new = PlanVersion.objects.get(pk=old_id), PlanVersion.objects.get(pk=new_id)
        with CaptureQueriesContext(connection) as ctx:
            compare_versions(old, new)
        return len(ctx.captured_queries)

    small = queries(v2.pk, draft.pk)
    assert queries(v1.pk, v2.pk) == small
    admin = _program(v1, name=ADMIN)
    set_match(old_version=v1, new_version=v2, kind="program", old_id=admin.pk, new_id_or_None=None)
    assert queries(v1.pk, v2.pk) == small
    assert small <= 25


def test_comparison_page_downloads_and_correction(client, v1, v2, make_user):
    page = client.get("/perbandingan/?dari={}&ke={}".format(v1.pk, v2.pk)).content.decode()
    assert "Perbandingan Versi Renstra" in page
    assert "Meningkatnya profesionalitas ASN" in page
    assert "Indeks profesionalitas ASN" in page
    for fmt in ("csv", "xlsx", "pdf", "html"):
        response = client.get("/perbandingan.{}?dari={}&ke={}".format(fmt, v1.pk, v2.pk))
        assert response.status_code == 200, fmt
    assert client.get("/perbandingan/?dari={}&ke={}".format(v1.pk, v1.pk)).status_code == 404
    admin = Program.objects.get(version=v1, number="3")
    korpri = Program.objects.get(version=v2, code="25")
    anonymous = client.post(
        "/perbandingan/koreksi/",
        {"dari": v1.pk, "ke": v2.pk, "kind": "program", "old_id": admin.pk, "new_id": korpri.pk},
    )
    assert anonymous.status_code == 403
    client.force_login(make_user("perencana-uji", "planner", v2))
    client.post(
        "/perbandingan/koreksi/",
        {"dari": v1.pk, "ke": v2.pk, "kind": "program", "old_id": admin.pk, "new_id": korpri.pk},
    )
    entry = next(
        e
        for e in compare_versions(v1, v2).entries
        if e.kind == "program" and e.old and e.old.id == admin.pk
    )
    assert entry.new.id == korpri.pk
