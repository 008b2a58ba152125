"""The comparison page for people: the counts at the top (the same as `renstra diff` prints),
filters by kind of change and level, unchanged items only when asked for, no internal ids, a
short default view, and corrections picked from lists."""

import csv
import io
import re

import pytest
from django.core.management import call_command

from renstra.plans.models import Program
from renstra.review.diff import compare_versions
from renstra.review.models import MatchOverride

ROW = re.compile(r'<tr class="(added|removed|changed|moved|unchanged) level-\d+"')


def _page(client, old, new, query="") -> str:
    response = client.get("/perbandingan/?dari={}&ke={}{}".format(old.pk, new.pk, query))
    assert response.status_code == 200
    return response.content.decode()


def _cli_totals(old, new) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("diff", "--from", str(old.pk), "--to", str(new.pk), stdout=out, stderr=err)
    return err.getvalue().strip()


def test_the_counts_at_the_top_are_those_of_the_cli(client, v1, v2):
    totals = _cli_totals(v1, v2)
    assert totals == "Ditambah 66, Dihapus 90, Diubah 128, Dipindah 2, Tetap 0"
    page = _page(client, v1, v2)
    top = page.index('<p class="totals"><strong>{}</strong></p>'.format(totals))
    assert top < page.index('<table class="report"')
    # per level, each count a link to its list; the totals row last
    summary = page[top : page.index("</section>", top)]
    assert re.findall(r"<tr><th>([^<]+)</th>", summary) == [
        "Tingkat",
        "Tujuan",
        "Sasaran",
        "Strategi",
        "Arah kebijakan",
        "Program",
        "Kegiatan",
        "Indikator",
        "Seluruh tingkat",
    ]
    assert (
        '<a href="?dari={}&amp;ke={}&amp;perubahan=dihapus&amp;jenis=kegiatan">20</a>'.format(
            v1.pk, v2.pk
        )
        in summary
    )
    jumlah = summary[summary.index("<tr><th>Seluruh tingkat</th>") :]
    assert re.findall(r">(\d+)<", jumlah) == ["66", "90", "128", "2", "0", "286"]


def test_the_default_view_is_short(client, v1, v2, make_user):
    client.force_login(make_user("perencana-uji", "planner", v2))
    page = _page(client, v1, v2)
    # every difference is there, one level at a time and closed: 286 rows, none unchanged
    assert [m.group(1) for m in ROW.finditer(page)].count("removed") == 90
    assert len(ROW.findall(page)) == 286
    assert page.count('<details class="comparison-level">') == 7
    assert '<details class="comparison-level" open>' not in page
    assert "Tujuan</strong> — Ditambah 1, Dihapus 6</summary>" in page
    # the correction form is closed too
    assert '<details class="correction"><summary><strong>Koreksi pasangan' in page


@pytest.mark.parametrize(
    ("word", "status", "count"),
    [("ditambah", "added", 66), ("dihapus", "removed", 90), ("diubah", "changed", 128)]
    + [("dipindah", "moved", 2)],
)
def test_a_filter_lists_only_that_kind_of_change(client, v1, v2, word, status, count):
    page = _page(client, v1, v2, "&perubahan=" + word)
    assert ROW.findall(page) == [status] * count
    assert '<details class="comparison-level" open>' in page  # what was asked for is open
    assert 'class="current" aria-current="page">' in page
    csv_rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    "/perbandingan.csv?dari={}&ke={}&perubahan={}".format(v1.pk, v2.pk, word)
                ).content.decode("utf-8")
            )
        )
    )
    assert len(csv_rows) == 1 + count


def test_a_level_filter(client, v1, v2):
    page = _page(client, v1, v2, "&perubahan=dihapus&jenis=kegiatan")
    assert ROW.findall(page) == ["removed"] * 20
    assert "Tingkat: Kegiatan" in page
    assert page.count('<details class="comparison-level" open>') == 1


def test_unchanged_items_only_when_asked_for(client, v2, draft, make_user):
    client.force_login(make_user("perencana-uji", "planner", draft))
    page = _page(client, v2, draft)
    assert ROW.findall(page) == []
    assert "Tidak ada butir dengan perubahan yang dipilih." in page
    assert "Tetap (196)" in page
    assert ROW.findall(_page(client, v2, draft, "&perubahan=tetap")) == ["unchanged"] * 196


def test_no_internal_ids(client, v1, v2, make_user):
    client.force_login(make_user("perencana-uji", "planner", v2))
    page = _page(client, v1, v2)
    for text in ("id lama", "id baru", "id_lama", "id_baru", "id di versi"):
        assert text not in page
    download = client.get("/perbandingan.csv?dari={}&ke={}".format(v1.pk, v2.pk))
    header = next(csv.reader(io.StringIO(download.content.decode("utf-8"))))
    assert header == [
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
    assert "id lama" not in client.get(
        "/perbandingan.html?dari={}&ke={}".format(v1.pk, v2.pk)
    ).content.decode("utf-8")


def test_a_correction_is_picked_from_the_lists(client, v1, v2, make_user):
    client.force_login(make_user("perencana-uji", "planner", v2))
    admin = Program.objects.get(version=v1, number="3")
    korpri = Program.objects.get(version=v2, code="25")
    page = _page(client, v1, v2)
    assert '<option value="program:{}">Program: 3 PROGRAM PELAYANAN'.format(admin.pk) in page
    assert '<option value="program:{}">Program: 25 '.format(korpri.pk) in page
    url = "/perbandingan/koreksi/"
    form = {"dari": v1.pk, "ke": v2.pk, "lama": "program:{}".format(admin.pk)}
    client.post(url, {**form, "baru": "program:{}".format(korpri.pk)})
    entry = compare_versions(v1, v2).find("program", old_id=admin.pk)
    assert (entry.new.id, entry.method) == (korpri.pk, "koreksi")
    # no partner at all
    client.post(url, {**form, "baru": ""})
    assert MatchOverride.objects.get(from_item_id=admin.pk).to_item_id is None
    # two kinds of item do not pair
    activity = "kegiatan:{}".format(compare_versions(v1, v2).of("kegiatan")[0].item.id)
    response = client.post(url, {**form, "baru": activity}, follow=True)
    assert "Pasangan harus butir yang sejenis" in response.content.decode()
