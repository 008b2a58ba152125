"""The crosswalk's pages for planners: the link on the version page, starting a crosswalk,
choosing codes (suggestions, a code of one's own, the confident ones in one click), refusals
said on the page, and the new draft with its comparison."""

import re

import pytest

from renstra.plans.models import PlanVersion
from renstra.review.models import Crosswalk


@pytest.fixture
def planner(client, make_user, v2):
    user = make_user("perencana", "planner", v2)
    client.force_login(user)
    return user


def _text(response) -> str:
    return response.content.decode()


def _start(client, v2, edition) -> Crosswalk:
    response = client.post("/versi/{}/pemetaan-kode/".format(v2.pk), {"edisi": edition.pk})
    made = Crosswalk.objects.get(source=v2)
    assert response.status_code == 302
    assert response["Location"] == "/pemetaan-kode/{}/".format(made.pk)
    return made


def test_the_version_page_links_to_the_crosswalk_for_those_who_may_review(client, v2, make_user):
    link = 'id="pemetaan-kode"'
    assert link not in _text(client.get("/versi/{}/".format(v2.pk)))  # the public
    client.force_login(make_user("bappeda", "verifier", v2))
    assert link not in _text(client.get("/versi/{}/".format(v2.pk)))
    client.force_login(make_user("perencana", "planner", v2))
    page = _text(client.get("/versi/{}/".format(v2.pk)))
    assert '<a href="/versi/{}/pemetaan-kode/" {}>'.format(v2.pk, link) in page
    # a version not approved (v1 is superseded) offers none
    v1 = PlanVersion.objects.get(plan=v2.plan, number=1)
    assert link not in _text(client.get("/versi/{}/".format(v1.pk)))


def test_a_planner_starts_a_crosswalk_and_sees_the_suggestions(client, v2, edition_2020, planner):
    page = _text(client.get("/versi/{}/pemetaan-kode/".format(v2.pk)))
    assert '<option value="{}" selected>2020</option>'.format(edition_2020.pk) in page
    crosswalk = _start(client, v2, edition_2020)
    # the start page leads to the open crosswalk from now on
    response = client.get("/versi/{}/pemetaan-kode/".format(v2.pk))
    assert response["Location"] == "/pemetaan-kode/{}/".format(crosswalk.pk)

    page = _text(client.get("/pemetaan-kode/{}/".format(crosswalk.pk)))
    atk = crosswalk.pairs.get(old_name="Penyediaan Alat Tulis Kantor")
    row = page[page.index('id="pasangan-{}"'.format(atk.pk)) :]
    row = row[: row.index("</tr>")]
    assert "<td>01.10</td>" in row
    assert (
        '<input type="radio" name="pilih-{}" value="5.03.01.2.03"> <strong>5.03.01.2.03</strong> '
        "Administrasi Barang Milik Daerah pada Perangkat Daerah".format(atk.pk)
    ) in row
    assert "lewat sub kegiatan 5.03.01.2.03.10 Penyediaan Alat Tulis Kantor" in row
    assert 'value="" checked> belum dipilih' in row
    # the free code asks the nomenclature search, under the program's code once chosen
    assert (
        'data-nomenclature="/nomenklatur/cari/?tingkat=kegiatan&amp;pemda=2&amp;edisi={}'.format(
            edition_2020.pk
        )
        in row
    )
    assert "0 dari 79 butir sudah dikonfirmasi." in page
    assert "Konfirmasi 45 usulan yang meyakinkan" in page
    # no inline script (Content-Security-Policy): the picker is a file of the site
    assert re.findall(r"<script[^>]*>", page)[-1] == (
        '<script src="/static/nomenclature/picker.js" defer>'
    )
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", page))


def test_choices_are_saved_and_a_wrong_code_is_said_on_its_row(client, v2, edition_2020, planner):
    crosswalk = _start(client, v2, edition_2020)
    atk = crosswalk.pairs.get(old_name="Penyediaan Alat Tulis Kantor")
    surat = crosswalk.pairs.get(old_name="Penyediaan Jasa Surat menyurat")
    response = client.post(
        "/pemetaan-kode/{}/".format(crosswalk.pk),
        {"pilih-{}".format(atk.pk): "5.03.01.2.03", "lain-{}".format(surat.pk): "5.03.99.2.01"},
    )
    assert response.status_code == 200
    page = _text(response)
    assert "Tidak ada yang disimpan: 1 kode tidak dapat dipakai (lihat barisnya)." in page
    row = page[page.index('id="pasangan-{}"'.format(surat.pk)) :]
    assert (
        'value="5.03.99.2.01"' in row[: row.index("</tr>")]
        and "Kode 5.03.99.2.01 tidak ada dalam nomenklatur Permendagri 90/2019 edisi 2020" in row
    )
    assert crosswalk.pairs.filter(confirmed=True).count() == 0

    response = client.post(
        "/pemetaan-kode/{}/".format(crosswalk.pk),
        {
            "pilih-{}".format(atk.pk): "5.03.01.2.03",
            "nama-{}".format(atk.pk): "on",
            "lain-{}".format(surat.pk): "x.xx.01.2.08",
        },
        follow=True,
    )
    assert "Pilihan disimpan: 2 dari 79 butir sudah dikonfirmasi." in _text(response)
    atk.refresh_from_db()
    surat.refresh_from_db()
    assert (atk.chosen_code, atk.use_listed_name, atk.confirmed_by) == (
        "5.03.01.2.03",
        True,
        planner,
    )
    assert (surat.chosen_code, surat.chosen_name) == (
        "5.03.01.2.08",
        "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
    )


def test_from_suggestions_to_a_new_draft_on_the_pages(client, v2, edition_2020, planner):
    crosswalk = _start(client, v2, edition_2020)
    response = client.post("/pemetaan-kode/{}/terapkan/".format(crosswalk.pk), follow=True)
    assert "79 butir belum dikonfirmasi kodenya" in _text(response)

    response = client.post("/pemetaan-kode/{}/yakin/".format(crosswalk.pk), follow=True)
    assert "45 usulan yang meyakinkan dikonfirmasi; periksa sisanya." in _text(response)
    rest = {
        "pilih-{}".format(p.pk): p.suggested_code for p in crosswalk.pairs.filter(confirmed=False)
    }
    client.post("/pemetaan-kode/{}/".format(crosswalk.pk), rest)
    response = client.post(
        "/pemetaan-kode/{}/terapkan/".format(crosswalk.pk),
        {"reason": "kode baru (uji)"},
        follow=True,
    )
    draft = PlanVersion.objects.get(plan=v2.plan, number=3)
    page = _text(response)
    assert "Versi 3 (draf) dibuat dengan kode Permendagri 90/2019" in page
    assert '<a href="/perbandingan/?dari={}&amp;ke={}">'.format(v2.pk, draft.pk) in page
    assert draft.revision_reason == "kode baru (uji)"

    comparison = _text(client.get("/perbandingan/?dari={}&ke={}".format(v2.pk, draft.pk)))
    assert "Ditambah 0, Dihapus 0, Diubah 79, Dipindah 0, Tetap 117" in comparison
    assert (
        '<td class="code">01.10</td><td class="text">Penyediaan Alat Tulis Kantor</td>'
        '<td class="code">5.03.01.2.03</td><td class="text">Penyediaan Alat Tulis Kantor</td>'
        '<td class="text">kode 01.10 → 5.03.01.2.03</td><td class="text">salinan review</td>'
    ) in comparison
    # the plan is on Permendagri 90/2019 now: no more crosswalk link on version 2
    assert 'id="pemetaan-kode"' not in _text(client.get("/versi/{}/".format(v2.pk)))


def test_an_open_draft_is_named_before_the_planner_starts(client, draft, edition_2020, planner):
    v2 = draft.revises
    page = _text(client.get("/versi/{}/pemetaan-kode/".format(v2.pk)))
    assert "Renstra ini punya draf terbuka: versi 3" in page
    crosswalk = _start(client, v2, edition_2020)
    page = _text(client.get("/pemetaan-kode/{}/".format(crosswalk.pk)))
    assert 'id="draf-terbuka"' in page


def test_the_page_reads_the_same_few_queries_for_any_number_of_items(
    client, v2, edition_2020, planner, django_assert_num_queries
):
    crosswalk = _start(client, v2, edition_2020)
    client.get("/pemetaan-kode/{}/".format(crosswalk.pk))
    # session, user, profile; crosswalk, version (+ missions), memberships; pairs; plan's versions
    with django_assert_num_queries(9):
        assert client.get("/pemetaan-kode/{}/".format(crosswalk.pk)).status_code == 200
