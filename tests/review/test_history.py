"""The history page and its download read as people expect: Indonesian field names and choice
labels, values as the pages print them, no transcription internals, pages of 100 entries, and
the creation of a version with its items (a review copy, the demo's import) as one entry."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.utils import translation

from renstra.plans.choices import VersionStatus as S
from renstra.plans.models import Activity, Funding, Target
from renstra.plans.services import move_item, target_fields
from renstra.render.renderers import render_csv
from renstra.review.history import version_history
from renstra.review.history_table import history_table
from renstra.review.services import change_status

KURSUS = "Jumlah kursus singkat/pelatihan/sosialisasi/bimtek yang diikuti sesuai tupoksi"


@pytest.fixture
def signed_in(client, draft, make_user):
    client.force_login(make_user("perencana-uji", "planner", draft))
    return client


def _entries_of(page: str) -> list[str]:
    return re.findall(r'<tr class="entry">(.*?)</tr>', page, flags=re.S)


def _kursus_2018(version) -> Target:
    """'15 kali' in 2018, placed in its year by the transcription (an English note says how)."""
    return Target.objects.get(
        indicator__version=version,
        indicator__activity__code="05.01",
        indicator__name=KURSUS,
        year=2018,
    )


def _type_target(target: Target, text: str) -> None:
    """As the target grid saves a typed cell: parsed fields, the placement note cleared."""
    for name, value in target_fields(text).items():
        setattr(target, name, value)
    target.inferred_note = ""
    target.save()


def _texts(version) -> list[str]:
    return [entry.text() for entry in version_history(version)]


def test_a_status_change_names_the_states(draft):
    change_status(version=draft, to_status=S.SUBMITTED)
    newest = version_history(draft)[0]
    assert (newest.item, newest.action, newest.changes) == (
        "Versi 3",
        "Diubah",
        [("Status", "Draf", "Diajukan")],
    )
    assert newest.text() == "Status: Draf → Diajukan"


def test_a_target_change_reads_as_on_the_pages(draft, signed_in):
    target = _kursus_2018(draft)
    assert (target.raw_text, target.value, target.inferred_note[:9]) == (
        "15 kali",
        Decimal("15.0000"),
        "4 values;",
    )
    _type_target(target, "Sesuai kebutuhan")
    entry = version_history(draft)[0]
    assert entry.item == "Target: tahun 2018: Sesuai kebutuhan — " + KURSUS
    assert entry.text() == (
        "Target (teks asli): 15 kali → Sesuai kebutuhan; Bentuk: Angka → Teks; "
        "Nilai: 15 → (kosong); Satuan tertulis: kali → (kosong)"
    )
    page = signed_in.get("/versi/{}/riwayat/".format(draft.pk)).content.decode()
    assert "Bentuk: Angka → Teks<br>" in page
    assert "Nilai: 15 → (kosong)<br>" in page
    # no field names of the code, no raw decimals, no transcription notes
    for internal in ("kind:", "value:", "15.0000", "inferred_note", "4 values;", "Tabel 6.1"):
        assert internal not in page, internal


def test_a_number_change_drops_trailing_zeros(draft):
    target = _kursus_2018(draft)
    _type_target(target, "17,5 kali")
    assert version_history(draft)[0].text() == (
        "Target (teks asli): 15 kali → 17,5 kali; Nilai: 15 → 17,5"
    )


def test_funding_shows_rupiah_once(draft, signed_in):
    funding = Funding.objects.get(
        activity__program__version=draft, activity__code="16.58", year=2018
    )
    before = funding.amount
    funding.raw_text, funding.amount, funding.inferred_note = (
        "Rp 75.500.000,00",
        Decimal(75500000),
        "",
    )
    funding.save()
    entry = version_history(draft)[0]
    assert entry.item == (
        "Pendanaan: tahun 2018: Rp 75.500.000 — "
        "16.58 Pemberian bantuan tugas belajar dan ikatan dinas"
    )
    assert before != funding.amount
    assert entry.changes == [("Pagu", "Rp {}".format(_rupiah(before)), "Rp 75.500.000")]
    page = signed_in.get("/versi/{}/riwayat/".format(draft.pk)).content.decode()
    assert "Rp 75.500.000" in page
    assert "Rp Rp" not in page and "75.500.000,00" not in page


def _rupiah(amount: Decimal) -> str:
    return "{:,}".format(int(amount)).replace(",", ".")


def test_booleans_and_order(draft):
    draft.is_public = True
    draft.save()
    assert version_history(draft)[0].text() == "Terbuka untuk publik: tidak → ya"
    second = Activity.objects.filter(program__version=draft, program__code="16").order_by("order")[
        1
    ]
    assert move_item(version=draft, kind="kegiatan", item=second, up=True)
    moved = [e for e in version_history(draft) if e.item_id == second.pk and e.kind == "activity"]
    # the item a person moved up, and the one that went down in its place
    assert moved[0].text() == "Urutan: 2 → 1"
    assert any(e.text() == "Urutan: 1 → 2" for e in version_history(draft)[:2])


def test_a_save_that_changes_nothing_visible_is_no_entry(draft):
    before = len(version_history(draft))
    target = _kursus_2018(draft)
    target.inferred_note = "moved by hand"  # a transcription note only
    target.save()
    target.save()  # nothing at all
    assert len(version_history(draft)) == before


def test_a_review_start_is_one_entry_that_lists_the_copied_items(draft, signed_in):
    entries = version_history(draft)
    assert len(entries) == 1
    (copy,) = entries
    assert (copy.item, copy.action) == ("Versi 3", "Dibuat")
    assert copy.summary == "Versi 3 dibuat dari versi 2: 830 butir disalin"
    assert copy.counts == [
        ("Tujuan", 1),
        ("Sasaran", 1),
        ("Strategi", 11),
        ("Arah kebijakan", 11),
        ("Program", 10),
        ("Kegiatan", 69),
        ("Indikator", 93),
        ("Target", 336),
        ("Pendanaan", 298),
    ]
    assert len(copy.items) == 830
    assert "Target: tahun 2018: 15 kali — " + KURSUS in copy.items
    page = signed_in.get("/versi/{}/riwayat/".format(draft.pk)).content.decode()
    assert len(_entries_of(page)) == 1
    assert "<summary>Versi 3 dibuat dari versi 2: 830 butir disalin</summary>" in page
    assert page.count("<li>") >= 830  # the copied items, behind the summary
    assert "Dibuat</td>" in page and page.count("Dibuat</td>") == 1


def test_the_copy_stays_one_entry_among_later_changes(draft):
    _type_target(_kursus_2018(draft), "16 kali")
    change_status(version=draft, to_status=S.SUBMITTED)
    assert [e.action for e in version_history(draft)] == ["Diubah", "Diubah", "Dibuat"]
    # filtered by kind, the copy counts that kind
    targets = version_history(draft, kind="target")
    assert [e.summary for e in targets] == ["", "Versi 3 dibuat dari versi 2: 336 butir disalin"]
    # one item's history shows its own creation
    target = _kursus_2018(draft)
    own = version_history(draft, kind="target", item_id=target.pk)
    assert [(e.action, e.summary) for e in own] == [("Diubah", ""), ("Dibuat", "")]


def test_the_demos_import_is_one_entry_too(v1, v2):
    assert _texts(v2)[-1] == (
        "Versi 2 dibuat: 830 butir (Tujuan 1, Sasaran 1, Strategi 11, Arah kebijakan 11, "
        "Program 10, Kegiatan 69, Indikator 93, Target 336, Pendanaan 298)"
    )
    assert _texts(v1) == [
        "Status: Ditetapkan → Digantikan",
        "Status: Diverifikasi → Ditetapkan",
        "Status: Diajukan → Diverifikasi",
        "Status: Draf → Diajukan",
        "Versi 1 dibuat: 671 butir (Tujuan 6, Sasaran 8, Strategi 7, Arah kebijakan 5, "
        "Program 7, Kegiatan 84, Indikator 103, Target 451)",
    ]


def test_pages_of_one_hundred_entries_and_a_complete_download(draft, signed_in):
    targets = list(Target.objects.filter(indicator__version=draft).order_by("pk")[:150])
    for target in targets:
        _type_target(target, "99 kali")
    assert len(version_history(draft)) == 151  # 150 changes and the copy
    url = "/versi/{}/riwayat/".format(draft.pk)
    first = signed_in.get(url).content.decode()
    assert len(_entries_of(first)) == 100
    assert "151 catatan; halaman 1 dari 2 (catatan 1–100)." in first
    assert '<a href="?halaman=2" rel="next">' in first
    second = signed_in.get(url + "?halaman=2").content.decode()
    assert len(_entries_of(second)) == 51
    assert "Versi 3 dibuat dari versi 2: 830 butir disalin" in second
    assert '<a href="?halaman=1" rel="prev">' in second
    # filters stay in the page links
    filtered = signed_in.get(url + "?jenis=target").content.decode()
    assert '<a href="?jenis=target&amp;halaman=2" rel="next">' in filtered

    rows = list(csv.reader(io.StringIO(render_csv(history_table(draft)).decode("utf-8"))))
    assert rows[0] == ["waktu", "oleh", "jalur", "butir", "tindakan", "perubahan"]
    assert len(rows) == 1 + 151
    assert rows[-1][3:] == [
        "Versi 3",
        "Dibuat",
        "Versi 3 dibuat dari versi 2: 830 butir disalin (Tujuan 1, Sasaran 1, Strategi 11, "
        "Arah kebijakan 11, Program 10, Kegiatan 69, Indikator 93, Target 336, Pendanaan 298)",
    ]
    assert rows[1][4:] == ["Diubah", rows[1][5]]
    assert rows[1][5].startswith("Target (teks asli): ") and "→ 99 kali" in rows[1][5]


def test_the_download_reads_like_the_page(draft):
    change_status(version=draft, to_status=S.SUBMITTED)
    table = history_table(draft)
    assert [c.value for c in table.rows[0].cells[1:]] == [
        "sistem",
        "Sistem",
        "Versi 3",
        "Diubah",
        "Status: Draf → Diajukan",
    ]


def test_labels_follow_the_active_language(draft):
    _type_target(_kursus_2018(draft), "Sesuai kebutuhan")
    change_status(version=draft, to_status=S.SUBMITTED)
    with translation.override("en"):
        texts = _texts(draft)
    assert texts[0] == "Status: Draft → Submitted"
    assert texts[1].startswith(
        "Target (original text): 15 kali → Sesuai kebutuhan; Form: Number → Text"
    )
