"""The crosswalk of issue 17 (renstra.review.crosswalk): the demo's version 2 (Permendagri
13/2006 codes) to the 2020 edition of the Permendagri 90/2019 nomenclature, built, confirmed
and turned into a new draft; the comparison shows changed codes, not deletions; the approved
versions keep being checked by their own scheme; every refusal leaves everything as it was."""

from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from renstra.checks.engine import run_checks
from renstra.interchange.jsonio import export_version
from renstra.plans.models import Activity, PlanVersion, Program, SubActivity
from renstra.plans.readmodel import read_version
from renstra.review.crosswalk import (
    Choice,
    apply_crosswalk,
    build_crosswalk,
    confirm,
    confirm_confident,
    save_choices,
)
from renstra.review.diff import compare_versions
from renstra.review.models import Crosswalk
from renstra.review.services import change_status, start_review

NOMENCLATURE_RULES = {"nomenclature_unknown_code", "nomenclature_name_differs", "code_format"}


@pytest.fixture
def planner(make_user, v2):
    return make_user("perencana", "planner", v2)


@pytest.fixture
def crosswalk(v2, edition_2020, planner):
    return build_crosswalk(version=v2, edition=edition_2020, user=planner)


def _pair(crosswalk, name):
    return crosswalk.pairs.get(old_name=name)


def _confirm_all(crosswalk, user=None):
    """The confident suggestions in one click, then the best suggestion of every other pair."""
    confirm_confident(crosswalk=crosswalk, user=user)
    rest = {p.pk: Choice(p.suggested_code) for p in crosswalk.pairs.filter(confirmed=False)}
    save_choices(crosswalk=crosswalk, choices=rest, user=user)


def test_every_program_kegiatan_and_sub_kegiatan_gets_a_pair_in_document_order(v2, crosswalk):
    read = read_version(v2)
    pairs = list(crosswalk.pairs.order_by("order"))
    expected = [("program", p.pk) for p in read.programs]
    assert Counter(p.kind for p in pairs) == {
        "program": len(read.programs),
        "kegiatan": len(read.activities),
    }
    assert [(p.kind, p.item_id) for p in pairs if p.kind == "program"] == expected
    first = read.programs[0]
    assert [(p.kind, p.item_id) for p in pairs[: 1 + len(first.activity_list)]] == [
        ("program", first.pk),
        *(("kegiatan", a.pk) for a in first.activity_list),
    ]
    by_item = {(p.kind, p.item_id): p for p in pairs}
    for activity in read.activities:
        pair = by_item[("kegiatan", activity.pk)]
        assert pair.parent == by_item[("program", activity.program_id)]
        assert (pair.old_code, pair.old_name) == (activity.code, activity.name)
    assert crosswalk.bidang == "5.03"
    assert crosswalk.is_open and crosswalk.status == "terbuka"


def test_well_known_items_get_sensible_suggestions(crosswalk):
    atk = _pair(crosswalk, "Penyediaan Alat Tulis Kantor")
    assert atk.old_code == "01.10"
    assert atk.suggestions[0] == {
        "code": "5.03.01.2.03",
        "name": "Administrasi Barang Milik Daerah pada Perangkat Daerah",
        "score": 0.9,
        "via": "5.03.01.2.03.10 Penyediaan Alat Tulis Kantor",
    }
    surat = _pair(crosswalk, "Penyediaan Jasa Surat menyurat")
    assert surat.suggested_code == "5.03.01.2.08"
    assert surat.suggestions[0]["via"] == "5.03.01.2.08.01 Penyediaan Jasa Surat Menyurat"
    office = _pair(crosswalk, "PROGRAM PELAYANAN ADMINISTRASI PERKANTORAN")
    assert office.suggested_code == "5.03.01"  # the Program Penunjang, in the plan's bidang
    assert office.score >= 0.5
    staff = _pair(crosswalk, "PEMBINAAN DAN PENGEMBANGAN APARATUR")
    assert staff.suggestions[0]["name"] == "PROGRAM KEPEGAWAIAN DAERAH"
    rank = _pair(crosswalk, "Pengusulan dan penyerahan kenaikan pangkat PNS")
    assert rank.suggestions[0]["via"] == "5.03.02.2.02.02 Pengelolaan Kenaikan Pangkat ASN"
    # One kegiatan that matches border areas by two words does not make a confident program;
    # its kegiatan is looked for in the plan's own bidang instead.
    info = _pair(crosswalk, "PROGRAM PENYEBARLUASAN INFORMASI PEMBANGUNAN DAERAH")
    assert info.score < 0.5
    assert _pair(crosswalk, "Pelaksanaan Pameran Pembangunan").suggested_code.startswith("5.03.")


def test_the_crosswalk_of_version_2_becomes_a_draft_with_the_new_codes(v1, v2, crosswalk, planner):
    before_v2 = {f.key for f in run_checks(v2)}
    before_v1 = {f.key for f in run_checks(v1)}
    assert confirm_confident(crosswalk=crosswalk, user=planner) == 45
    _confirm_all(crosswalk, planner)
    pairs = list(crosswalk.pairs.all())
    assert all(p.confirmed and p.confirmed_by == planner for p in pairs)

    draft = apply_crosswalk(crosswalk=crosswalk, user=planner)

    assert (draft.number, draft.status, draft.revises) == (3, "draft", v2)
    assert draft.label == "Kode Permendagri 90/2019 edisi 2020"
    plan = PlanVersion.objects.get(pk=draft.pk).plan
    assert (plan.code_scheme, plan.nomenclature_edition) == ("pmdn90", crosswalk.edition)
    assert plan.earlier_code_schemes == [
        {"to_version": 2, "code_scheme": "pmdn13", "nomenclature_edition": None}
    ]
    v1, v2 = (PlanVersion.objects.get(pk=v.pk) for v in (v1, v2))
    assert [v.scheme.code_scheme for v in (v1, v2, draft)] == ["pmdn13", "pmdn13", "pmdn90"]
    crosswalk.refresh_from_db()
    assert (crosswalk.result, crosswalk.status, crosswalk.applied_by) == (
        draft,
        "diterapkan",
        planner,
    )
    # every item carries its confirmed code and keeps its name
    atk = Activity.objects.get(program__version=draft, name="Penyediaan Alat Tulis Kantor")
    assert (atk.code, atk.code_raw) == ("5.03.01.2.03", "")
    assert atk.copied_from.code == "01.10"
    codes = {(p.kind, p.item_id): p.chosen_code for p in pairs}
    for program in Program.objects.filter(version=draft):
        assert program.code == codes[("program", program.copied_from_id)]
    # the history has the change, through the usual records
    record = atk.history.order_by("-history_id").first()
    assert (record.history_type, record.code, record.history_change_reason) == (
        "~",
        "5.03.01.2.03",
        "pemetaan-kode",
    )
    assert "Pemetaan kode" in draft.status_changes.get().note

    # The comparison: every code change of a copied item, nothing deleted or added.
    comparison = compare_versions(v2, draft)
    assert comparison.totals["added"] == comparison.totals["removed"] == 0
    assert comparison.totals["changed"] + comparison.totals["moved"] == len(pairs)
    entry = comparison.find("kegiatan", new_id=atk.pk)
    assert (entry.status, entry.method, entry.fields) == ("changed", "salinan", ["code"])
    assert entry.change_of("code") == ("code", "01.10", "5.03.01.2.03")

    # The approved versions are checked as before: no new finding, none of the nomenclature.
    assert {f.key for f in run_checks(v2)} == before_v2
    assert {f.key for f in run_checks(v1)} == before_v1
    assert not {f.rule for f in run_checks(v2)} & NOMENCLATURE_RULES
    # The draft is checked against the 2020 edition: its names differ (kept), its codes exist.
    rules = Counter(f.rule for f in run_checks(draft))
    assert rules["code_format"] == rules["nomenclature_unknown_code"] == 0
    assert rules["nomenclature_name_differs"] == len(pairs)


def test_the_documents_of_the_versions_carry_their_own_scheme(v2, crosswalk):
    _confirm_all(crosswalk)
    draft = apply_crosswalk(crosswalk=crosswalk)
    old, new = export_version(PlanVersion.objects.get(pk=v2.pk)), export_version(draft)
    assert (old["plan"]["code_scheme"], old["plan"]["nomenclature_edition"]) == ("pmdn13", None)
    assert (new["plan"]["code_scheme"], new["plan"]["nomenclature_edition"]) == ("pmdn90", "2020")


def test_the_nomenclature_name_is_taken_only_where_the_planner_asks(crosswalk):
    atk = _pair(crosswalk, "Penyediaan Alat Tulis Kantor")
    _confirm_all(crosswalk)
    confirm(pair=atk, code="5.03.01.2.03", use_listed_name=True)
    draft = apply_crosswalk(crosswalk=crosswalk)
    names = set(
        Activity.objects.filter(program__version=draft, copied_from_id=atk.item_id).values_list(
            "name", flat=True
        )
    )
    assert names == {"Administrasi Barang Milik Daerah pada Perangkat Daerah"}
    assert Activity.objects.filter(
        program__version=draft, name="Penyediaan Jasa Surat menyurat"
    ).exists()


def _unchanged(v2, count):
    plan = PlanVersion.objects.get(pk=v2.pk).plan
    assert PlanVersion.objects.filter(plan=plan).count() == count
    assert (plan.code_scheme, plan.earlier_code_schemes) == ("pmdn13", [])


def test_unconfirmed_items_are_refused_and_nothing_changes(v2, crosswalk):
    confirm_confident(crosswalk=crosswalk)
    with pytest.raises(ValidationError) as refused:
        apply_crosswalk(crosswalk=crosswalk)
    assert refused.value.messages[0].startswith("34 butir belum dikonfirmasi kodenya: ")
    assert (
        "Konfirmasi kode setiap program, kegiatan dan sub kegiatan dulu"
        in (refused.value.messages[0])
    )
    _unchanged(v2, 2)
    crosswalk.refresh_from_db()
    assert crosswalk.is_open


@pytest.mark.parametrize(
    ("name", "code", "message"),
    [
        (
            "Penyediaan Alat Tulis Kantor",
            "9.99.99.2.01",
            "Kode 9.99.99.2.01 tidak ada dalam nomenklatur Permendagri 90/2019 edisi 2020 untuk "
            "kabupaten/kota. Pilih kode dari nomenklatur.",
        ),
        (
            "Penyediaan Alat Tulis Kantor",
            "5.03.02.1.02",
            "Kode 5.03.02.1.02 tidak ada dalam nomenklatur Permendagri 90/2019 edisi 2020 untuk "
            "kabupaten/kota. Kode itu hanya ada untuk provinsi. Pilih kode dari nomenklatur.",
        ),
        (
            "Penyediaan Alat Tulis Kantor",
            "01.10",
            "Kode '01.10' bukan kode kegiatan Permendagri 90/2019: tulis U.BB.PP.K.KK, mis. "
            "5.01.01.2.01.",
        ),
        (
            "PROGRAM PELAYANAN ADMINISTRASI PERKANTORAN",
            "",
            "Tulis atau pilih kode program.",
        ),
    ],
)
def test_a_wrong_code_is_refused_with_the_reason(crosswalk, name, code, message):
    pair = _pair(crosswalk, name)
    with pytest.raises(ValidationError) as refused:
        confirm(pair=pair, code=code)
    assert refused.value.messages == [message]
    pair.refresh_from_db()
    assert (pair.confirmed, pair.chosen_code) == (False, "")


def test_the_program_penunjang_is_written_with_the_plans_bidang(crosswalk):
    pair = _pair(crosswalk, "PROGRAM PELAYANAN ADMINISTRASI PERKANTORAN")
    confirm(pair=pair, code="X.XX.01")
    assert (pair.chosen_code, pair.chosen_name) == (
        "5.03.01",
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH",
    )


def test_saving_choices_is_all_or_nothing(crosswalk):
    atk = _pair(crosswalk, "Penyediaan Alat Tulis Kantor")
    surat = _pair(crosswalk, "Penyediaan Jasa Surat menyurat")
    with pytest.raises(ValidationError) as refused:
        save_choices(
            crosswalk=crosswalk,
            choices={atk.pk: Choice("5.03.01.2.03"), surat.pk: Choice("5.03.01")},
        )
    assert refused.value.message_dict == {
        str(surat.pk): [
            "Kode '5.03.01' bukan kode kegiatan Permendagri 90/2019: tulis U.BB.PP.K.KK, mis. "
            "5.01.01.2.01."
        ]
    }
    assert crosswalk.pairs.filter(confirmed=True).count() == 0


def test_the_suggestions_follow_the_program_the_planner_chose(crosswalk):
    staff = _pair(crosswalk, "PEMBINAAN DAN PENGEMBANGAN APARATUR")
    rank = _pair(crosswalk, "Pengusulan dan penyerahan kenaikan pangkat PNS")
    save_choices(crosswalk=crosswalk, choices={staff.pk: Choice("5.03.01")})
    rank.refresh_from_db()
    assert rank.suggested_code.startswith("5.03.01.")
    assert all(s["code"].startswith("5.03.01.") for s in rank.suggestions)


def test_an_open_draft_is_refused(v2, crosswalk):
    _confirm_all(crosswalk)
    start_review(version=v2, reason="draf lain (uji)")
    with pytest.raises(ValidationError) as refused:
        apply_crosswalk(crosswalk=crosswalk)
    assert refused.value.messages[0].startswith("Renstra ini sudah punya draf terbuka: versi 3")
    _unchanged(v2, 3)


def test_a_plan_on_permendagri_90_is_not_crosswalked_again(v2, crosswalk, edition_2020):
    _confirm_all(crosswalk)
    draft = apply_crosswalk(crosswalk=crosswalk)
    for version in (PlanVersion.objects.get(pk=v2.pk), draft):
        with pytest.raises(ValidationError) as refused:
            build_crosswalk(version=version, edition=edition_2020)
        assert refused.value.messages[0].startswith("Renstra ini sudah berkode Permendagri 90/2019")
    with pytest.raises(ValidationError, match="sudah diterapkan menjadi versi 3"):
        confirm(pair=crosswalk.pairs.first(), code="5.03.01")
    with pytest.raises(ValidationError, match="sudah diterapkan menjadi versi 3"):
        apply_crosswalk(crosswalk=crosswalk)
    assert Crosswalk.objects.count() == 1


def test_one_open_crosswalk_per_version(v2, crosswalk, edition_2020):
    with pytest.raises(ValidationError, match="sudah punya pemetaan kode yang belum diterapkan"):
        build_crosswalk(version=v2, edition=edition_2020)


def test_only_an_approved_version_is_crosswalked(v1, edition_2020):
    with pytest.raises(ValidationError) as refused:
        build_crosswalk(version=v1, edition=edition_2020)
    assert "versi ini berstatus 'Digantikan'" in refused.value.messages[0]


@pytest.mark.parametrize("one_by_one", [True, False], ids=["model", "queryset"])
def test_deleting_the_new_draft_puts_the_plan_back_on_its_codes(v2, crosswalk, one_by_one):
    """A later review would copy version 2's old codes again: the plan may not stay on the
    scheme of a draft that is gone (the admin deletes a draft one way or the other)."""
    _confirm_all(crosswalk)
    draft = apply_crosswalk(crosswalk=crosswalk)
    if one_by_one:
        draft.delete()
    else:
        PlanVersion.objects.filter(pk=draft.pk).delete()
    _unchanged(v2, 2)
    crosswalk.refresh_from_db()
    assert crosswalk.is_open  # its choices kept: it can be applied again
    again = apply_crosswalk(crosswalk=crosswalk)
    assert (again.number, again.plan.code_scheme) == (3, "pmdn90")


def test_sub_kegiatan_are_crosswalked_under_their_kegiatan(draft, edition_2020):
    atk = Activity.objects.get(program__version=draft, name="Penyediaan Alat Tulis Kantor")
    SubActivity.objects.create(activity=atk, name="Belanja alat tulis kantor")
    for status in ("submitted", "verified", "approved"):
        change_status(version=draft, to_status=status)
    crosswalk = build_crosswalk(version=draft, edition=edition_2020)
    sub = crosswalk.pairs.get(kind="sub_kegiatan")
    assert (sub.parent.old_name, sub.parent.suggested_code) == (atk.name, "5.03.01.2.03")
    assert (sub.suggested_code, sub.suggestions[0]["name"]) == (
        "5.03.01.2.03.10",
        "Penyediaan Alat Tulis Kantor",
    )
    _confirm_all(crosswalk)
    new = apply_crosswalk(crosswalk=crosswalk)
    assert SubActivity.objects.get(activity__program__version=new).code == "5.03.01.2.03.10"
    assert new.plan.earlier_code_schemes == [
        {"to_version": 3, "code_scheme": "pmdn13", "nomenclature_edition": None}
    ]
