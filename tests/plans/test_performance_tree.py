"""The performance tree (pohon kinerja) of a version: BKPSDM's units down to eselon IV with their
indicators, the same SVG on the page and in the PDF, crosscutting links on both agencies'
trees, the tree and the cascading per unit as XLSX, and a query count that does not grow with
the plan."""

import html
import io
import re

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from pypdf import PdfReader

from renstra.interchange.region_demo import generate_region
from renstra.plans import tree_drawing
from renstra.plans.crosscutting import CrosscuttingLink, LinkEnd, create_link
from renstra.plans.models import Activity, Objective, PlanVersion, Program
from renstra.plans.performance_tree import build_tree
from renstra.plans.queries import version_with_plan
from renstra.plans.services import update_item
from tests.growth import grow, queries

SVG = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" class="performance-tree".*?</svg>', re.S)


def _words(svg: str) -> str:
    """The drawn text of an SVG, its wrapped lines joined by spaces."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", svg)).split())


def _nodes(tree, level):
    return [node for node, _depth in tree.walk() if node.level == level]


def _node(tree, level, code):
    (found,) = [node for node in _nodes(tree, level) if node.code == code]
    return found


def test_bkpsdm_tree_goes_down_to_eselon_iv_units_with_indicators(v2):
    tree = build_tree(version_with_plan(v2.pk))
    assert tree.counts() == {"sasaran": 1, "program": 10, "kegiatan": 69}
    (sasaran,) = tree.roots
    assert sasaran.name == "Meningkatnya profesionalitas ASN"
    assert (sasaran.unit_name, sasaran.eselon) == ("Kepala Badan", "II.b")
    assert sasaran.official == "Pejabat Contoh C, S.E., M.M."  # the head in office today
    assert [i.name for i in sasaran.indicators] == ["Indeks profesionalitas ASN"]
    assert "Belum ditautkan ke sasaran RPJMD." in sasaran.notes
    # Every program is held by an eselon III unit, every kegiatan by an eselon IV unit.
    assert {n.eselon for n in _nodes(tree, "program")} == {"III.a", "III.b"}
    assert {n.eselon for n in _nodes(tree, "kegiatan")} == {"IV.a"}
    program = _node(tree, "program", "16")
    assert (program.unit_name, program.official) == (
        "Bidang Pengembangan Aparatur",
        "Pejabat Contoh D, S.Kom.",
    )
    assert program.statement == "Meningkatnya kapasitas sumber daya aparatur"
    kegiatan = _node(tree, "kegiatan", "16.58")
    assert (kegiatan.unit_name, kegiatan.eselon) == ("Subbidang Pengembangan Kompetensi", "IV.a")
    assert kegiatan in program.children
    indicator = kegiatan.indicators[0]
    assert indicator.name == "Jumlah PNS yang mengikuti program tugas belajar"
    assert indicator.targets[0][0] == "2017" and indicator.targets[0][1]
    # The code 17.85 names two kegiatan: each has the unit assigned to its own name.
    units = {n.name: n.unit_name for n in _nodes(tree, "kegiatan") if n.code == "17.85"}
    assert units == {
        "Seleksi Penerimaan Calon ASN": "Subbidang Pengadaan dan Pemberhentian",
        "Monitoring dan evaluasi penilaian kinerja ASN": "Subbidang Penilaian Kinerja",
    }
    assert tree.has_example


def test_a_sasaran_linked_to_the_rpjmd_hangs_under_the_pemda_sasaran(draft):
    objective = Objective.objects.get(goal__version=draft)
    update_item(version=draft, kind="sasaran", item=objective, data={"rpjmd_refs": ["1.1", "1.2"]})
    tree = build_tree(version_with_plan(draft.pk))
    (pemda,) = tree.roots
    assert pemda.level == "pemda" and pemda.heading == "Sasaran RPJMD 1.1"
    assert pemda.name == "Meningkatnya profesionalitas aparatur sipil negara"
    assert pemda.unit_line == "Kepala Daerah — Kota Bontang"
    (sasaran,) = pemda.children
    assert sasaran.notes == ["Juga mendukung sasaran RPJMD 1.2."]
    # The draft is a review copy: the assignments (by code) hold for it too.
    assert _node(tree, "kegiatan", "16.58").unit_name == "Subbidang Pengembangan Kompetensi"


def test_the_page_and_the_pdf_show_the_same_svg(client, v2, monkeypatch):
    given = []
    original = tree_drawing.tree_pdf

    def spy(drawing, **kwargs):
        given.append(drawing.svg)
        return original(drawing, **kwargs)

    monkeypatch.setattr(tree_drawing, "tree_pdf", spy)
    page = client.get("/versi/{}/pohon/".format(v2.pk)).content.decode()
    (shown,) = SVG.findall(page)
    response = client.get("/versi/{}/pohon.pdf".format(v2.pk))
    assert response["Content-Type"] == "application/pdf"
    assert given == [shown]
    reader = PdfReader(io.BytesIO(response.content))
    texts = [p.extract_text() for p in reader.pages]
    assert len(texts) >= 5  # F4 landscape pages, cut between boxes
    whole = "\n".join(texts)
    for name in (
        "POHON KINERJA BKPSDM KOTA BONTANG 2016-2021",
        "Meningkatnya profesionalitas ASN",
        "Kepala Badan · eselon II.b · contoh",
        "Pemberian bantuan tugas belajar dan ikatan dinas",
        "Subbidang Pengembangan Kompetensi · eselon IV.a · contoh",
        "Review Renstra Perangkat Daerah",
    ):
        assert name in whole, name
    # Each page carries its own part of the drawing: the last kegiatan is on the last page only.
    assert [("Review Renstra Perangkat Daerah" in text) for text in texts].count(True) == 1
    assert "Review Renstra Perangkat Daerah" in texts[-1]


def test_the_page_offers_the_downloads_and_keeps_the_outline(client, v1, v2):
    page = client.get("/versi/{}/pohon/".format(v2.pk)).content.decode()
    for url in ("pohon.pdf", "pohon/pohon-kinerja.xlsx", "pohon/kaskade/"):
        assert "/versi/{}/{}".format(v2.pk, url) in page
    assert 'details class="node kegiatan"' in page
    assert "DATA CONTOH" in page
    assert "+ keterkaitan crosscutting" not in page  # the public reads only


@pytest.fixture
def partner(v2):
    """A second agency of Kota Bontang with an approved plan shaped like the demo's."""
    (version,) = generate_region(template=v2, agencies=1, realization=False).created
    return version_with_plan(version.pk)


def test_a_crosscutting_link_appears_on_both_agencies_trees(client, v2, draft, partner, make_user):
    client.force_login(make_user("perencana-uji", "planner", v2))
    formasi = Activity.objects.get(program__version=v2, code="17.23")
    program = Program.objects.filter(version=partner).order_by("order", "pk").first()
    url = "/versi/{}/pohon/crosscutting/baru/".format(v2.pk)
    step = client.get(url + "?ke={}".format(partner.plan.agency_id)).content.decode()
    assert program.name in step  # the partner's items are offered once it is chosen
    response = client.post(
        url,
        {
            "source": "kegiatan-{}".format(formasi.pk),
            "to_agency": partner.plan.agency_id,
            "target": "program-{}".format(program.pk),
            "note": "formasi guru",
        },
    )
    assert response.status_code == 302
    link = CrosscuttingLink.objects.get()
    assert (link.from_code, link.to_code) == ("17.23", program.code)

    ours = client.get("/versi/{}/pohon/".format(v2.pk)).content.decode()
    short = partner.plan.agency.short_name
    expected = "→ ke {}: Program {} {} (usulan, belum diterima) (formasi guru)".format(
        short, program.code, program.name
    )
    assert expected in _words(SVG.findall(ours)[0])
    assert "/versi/{}/pohon/".format(partner.pk) in ours  # the list links to their tree
    theirs = client.get("/versi/{}/pohon/".format(partner.pk)).content.decode()
    expected = (
        "← dari BKPSDM: Kegiatan 17.23 Asistensi dan Penyusunan formasi pegawai (usulan, belum "
        "diterima) (formasi guru)"
    )
    assert expected in _words(SVG.findall(theirs)[0])
    # Named by code: the review copy of BKPSDM's plan has the link too.
    draft_tree = build_tree(version_with_plan(draft.pk))
    assert [link.text for link in _node(draft_tree, "kegiatan", "17.23").links] == [
        "ke {}: Program {} {} (usulan, belum diterima) (formasi guru)".format(
            short, program.code, program.name
        )
    ]


def test_the_receiving_agency_accepts_or_rejects_a_link(client, v2, partner, make_user):
    formasi = Activity.objects.get(program__version=v2, code="17.23")
    program = Program.objects.filter(version=partner).order_by("order", "pk").first()
    link = create_link(
        from_agency=v2.plan.agency,
        source=LinkEnd("kegiatan", formasi),
        to_agency=partner.plan.agency,
        target=LinkEnd("program", program),
    )
    decide = "/versi/{}/pohon/crosscutting/{}/keputusan/".format(partner.pk, link.pk)
    # The proposing agency cannot decide for the other: the link does not come in to it.
    client.force_login(make_user("perencana-bkpsdm", "planner", v2))
    own = "/versi/{}/pohon/crosscutting/{}/keputusan/".format(v2.pk, link.pk)
    assert client.post(own, {"keputusan": "terima"}).status_code == 404
    client.force_login(make_user("perencana-mitra", "planner", partner))
    assert client.post(decide, {"keputusan": "tolak"}).status_code == 302
    link.refresh_from_db()
    assert link.status == "proposed"  # a rejection needs its reason
    client.post(decide, {"keputusan": "terima"})
    link.refresh_from_db()
    assert link.status == "accepted" and link.decided_by is not None
    drawn = _words(
        SVG.findall(client.get("/versi/{}/pohon/".format(partner.pk)).content.decode())[0]
    )
    assert "← dari BKPSDM: Kegiatan 17.23" in drawn and "belum diterima" not in drawn
    client.post(decide, {"keputusan": "tolak", "note": "bukan tugas kami"})
    link.refresh_from_db()
    assert (link.status, link.decision_note) == ("rejected", "bukan tugas kami")
    for version in (v2, partner):
        page = client.get("/versi/{}/pohon/".format(version.pk)).content.decode()
        assert "dari BKPSDM: Kegiatan 17.23" not in _words(SVG.findall(page)[0])
        assert "alasan: bukan tugas kami" in page  # listed with the reason on both


def test_only_the_agencys_planners_link_and_never_to_themselves(client, v2, partner, make_user):
    client.force_login(make_user("kepala-uji", "head", v2))
    url = "/versi/{}/pohon/crosscutting/baru/".format(v2.pk)
    assert client.get(url).status_code == 403
    objective = Objective.objects.get(goal__version=v2)
    with pytest.raises(ValidationError, match="dua Perangkat Daerah yang berbeda"):
        create_link(
            from_agency=v2.plan.agency,
            source=LinkEnd("sasaran", objective),
            to_agency=v2.plan.agency,
            target=LinkEnd("sasaran", objective),
        )
    assert CrosscuttingLink.objects.count() == 0


def test_the_tree_and_the_cascade_as_xlsx(client, v2):
    response = client.get("/versi/{}/pohon/pohon-kinerja.xlsx".format(v2.pk))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(row for row in rows if row[0] == "Tingkat")
    years = [str(y) for y in range(2017, 2022)]
    assert [v for v in rows[rows.index(header) + 1] if v] == years  # 'Target' over the years
    (row,) = [r for r in rows if r[1] == "16.58"]
    column = dict(zip(header, row, strict=False))
    assert column["Tingkat"] == "Kegiatan (eselon IV)"
    assert column["Uraian"] == "Pemberian bantuan tugas belajar dan ikatan dinas"
    assert column["Indikator kinerja"] == "Jumlah PNS yang mengikuti program tugas belajar"
    assert column["Unit kerja penanggung jawab"] == "Subbidang Pengembangan Kompetensi"
    assert column["Eselon"] == "IV.a"
    target_columns = [i for i, v in enumerate(rows[rows.index(header) + 1]) if v in years]
    assert [row[i] for i in target_columns][0]  # the 2017 target is a value
    # Program 17's ten indicators: ten rows, its own cells merged down over them.
    assert len([r for r in rows if r[1] == "17"]) == 1
    merged = [str(m) for m in sheet.merged_cells.ranges]
    assert any(m.startswith("B") and ":B" in m for m in merged)

    response = client.get("/versi/{}/pohon/kaskade-kinerja.xlsx".format(v2.pk))
    rows = [
        [c.value for c in r] for r in load_workbook(io.BytesIO(response.content)).active.iter_rows()
    ]
    heading = [r[0] for r in rows].index("Subbidang Pengembangan Kompetensi · eselon IV.a")
    below = [r[1] for r in rows[heading + 1 : heading + 6]]
    assert below == ["16.28", "16.58", None, "17.44", "17.56"]  # None: the one without a code
    # Units in the organisation's order: the head, the sekretariat and its subbagian, ...
    units = [r[0].split(" · ")[0] for r in rows if r[0] and " · eselon " in r[0]]
    assert units[:6] == [
        "Kepala Badan",
        "Sekretariat",
        "Subbagian Umum dan Kepegawaian",
        "Subbagian Keuangan",
        "Subbagian Perencanaan",
        "Bidang Pengadaan, Pemberhentian dan Informasi",
    ]
    assert (
        rows[
            [r[0] for r in rows].index("Kepala Badan · eselon II.b · Pejabat Contoh C, S.E., M.M.")
            + 1
        ][2]
        == "Meningkatnya profesionalitas ASN"
    )


def test_the_tree_reads_in_the_same_number_of_queries_however_big_the_plan(draft):
    version = version_with_plan(draft.pk)
    before = queries(build_tree, version)
    grow(draft, programs=5, goals=2)
    version = version_with_plan(draft.pk)
    assert queries(build_tree, version) == before == 18
    assert build_tree(version).counts()["program"] == 15


def test_an_unknown_version_or_format_is_404(client, v2):
    assert client.get("/versi/{}/pohon/pohon-kinerja.docx".format(v2.pk)).status_code == 404
    assert client.get("/versi/{}/pohon/lain.xlsx".format(v2.pk)).status_code == 404
    missing = PlanVersion.objects.order_by("-pk").first().pk + 1
    assert client.get("/versi/{}/pohon.pdf".format(missing)).status_code == 404
