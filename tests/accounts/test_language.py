"""The interface in each user's language: Indonesian (the source) by default, English when the
user's profile says so; anonymous visitors get Indonesian."""

import pytest
from django.utils import translation

from renstra.accounts.models import Profile


@pytest.fixture
def english(client, v1, make_user):
    """A client signed in as a planner of the demo agency who chose English."""
    user = make_user("planner-en", "planner", v1)
    Profile.objects.create(user=user, language="en")
    client.force_login(user)
    return client


@pytest.fixture
def indonesian(client, v1, make_user):
    """A client signed in as a planner of the demo agency who chose Indonesian."""
    user = make_user("perencana-id", "planner", v1)
    Profile.objects.create(user=user, language="id")
    client.force_login(user)
    return client


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_plan_list_in_english(english, v1, v2):
    page = _page(english, "/")
    assert '<html lang="en">' in page
    assert "<title>Strategic Plans (Renstra) · Renstra</title>" in page
    assert "<h1>Strategic Plans (Renstra) of Regional Agencies</h1>" in page
    assert (
        "<th>Local government</th><th>Regional agency</th><th>Strategic Plan (Renstra)</th>"
        "<th>Period</th><th>Version</th><th>Status</th><th>Description</th>"
    ) in page
    assert '<a href="/versi/{}/">Version 2</a>'.format(v2.pk) in page
    assert '<span class="muted">(revises version 1)</span>' in page
    assert '<button type="submit">Sign out</button>' in page
    assert "Daftar Renstra" not in page
    assert "Keluar" not in page


def test_version_page_in_english(english, v1):
    page = _page(english, "/versi/{}/".format(v1.pk))
    assert '<span class="badge">Version 1</span>' in page
    assert '<span class="label">Goal 1</span>' in page
    assert '<span class="label">Objective 1.1</span>' in page
    assert '<span class="label">Strategy 1.1</span>' in page
    assert "<h2>Goals, Objectives, Strategies and Policy Directions</h2>" in page
    assert "<h2>Programs, Activities, Indicators, Targets and Funding</h2>" in page
    assert "<strong>Check findings</strong>" in page
    assert ">Performance tree</a>" in page
    assert ">History</a>" in page
    assert ">Table 6.1 Indicative Funding</a>" in page
    assert '<th colspan="5">Indicative funding (Rp)</th>' in page
    assert '<button type="submit">Sign out</button>' in page
    # Data stays as written: names, codes and the version's label are not translated.
    assert "Renstra 2016-2021 sebelum review" in page
    assert '<span class="label">Tujuan' not in page
    assert '<span class="label">Sasaran' not in page


def test_findings_page_in_english(english, v2):
    page = _page(english, "/versi/{}/temuan/".format(v2.pk))
    assert "<h1>Check findings</h1>" in page
    assert '<span class="badge sev-error">Error: 11</span>' in page
    # The RPJMD sasaran its one sasaran does not name is a warning (the RPJMD is in force).
    assert '<span class="badge sev-warning">Warning: 14</span>' in page
    assert '<span class="badge sev-suggestion">Suggestion: 1</span>' in page
    assert '<span class="badge sev-error">Error</span> Satu kode untuk dua butir berbeda' in page
    assert "— Table 6.2, code 16.61</span>" in page
    assert '<button type="submit">Filter</button>' in page
    assert ">view item</a>" in page
    assert "Galat" not in page


def test_login_page_is_indonesian_for_anonymous_visitors(client, db):
    page = _page(client, "/masuk/")
    assert '<html lang="id">' in page
    assert "<h1>Masuk</h1>" in page
    assert '<label for="id_username">Nama pengguna</label>' in page
    assert '<label for="id_password">Kata sandi</label>' in page
    assert '<button type="submit">Masuk</button>' in page
    assert "Sign in" not in page


def test_indonesian_user_sees_indonesian(indonesian, v1, v2):
    page = _page(indonesian, "/")
    assert '<html lang="id">' in page
    assert "<h1>Daftar Renstra Perangkat Daerah</h1>" in page
    assert '<a href="/versi/{}/">Versi 2</a>'.format(v2.pk) in page
    assert '<button type="submit">Keluar</button>' in page
    page = _page(indonesian, "/versi/{}/".format(v1.pk))
    assert '<span class="label">Tujuan 1</span>' in page
    assert '<span class="label">Sasaran 1.1</span>' in page
    assert "<strong>Temuan pemeriksaan</strong>" in page
    assert "Sign out" not in page
    page = _page(indonesian, "/versi/{}/temuan/".format(v2.pk))
    assert '<span class="badge sev-error">Galat: 11</span>' in page
    assert "<h1>Temuan pemeriksaan</h1>" in page


def test_messages_and_errors_follow_the_users_language(english, draft, v2):
    response = english.post(
        "/versi/{}/komentar/".format(draft.pk), {"text": "Please check goal 1."}, follow=True
    )
    assert '<li class="success">Comment saved.</li>' in response.content.decode()
    refused = english.post("/versi/{}/grid/baris/".format(v2.pk), {"kind": "target"})
    assert refused.status_code == 403
    assert refused.content.decode() == (
        '<p class="grid-error" role="alert">You may not change this version: only planners of '
        "its regional agency can change a version whose status is Draft or Returned.</p>"
    )


def test_the_users_language_does_not_outlive_the_request(english, v1):
    with translation.override("id"):
        assert _page(english, "/").count("Strategic Plans (Renstra)") >= 1
        assert translation.get_language() == "id"
        assert translation.gettext("Tujuan") == "Tujuan"


def _english_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="planner-en")


def test_renja_list_in_english(english, v2, make_user):
    from renstra.sakip.services import create_renja

    agency = v2.plan.agency
    url = "/perangkat-daerah/{}/renja/".format(agency.pk)
    page = _page(english, url)
    assert "<title>Renja BKPSDM · Renstra</title>" in page
    assert '<h1>Annual work plans (Renja) <span class="badge">BKPSDM</span></h1>' in page
    assert "<p>No Renja for this regional agency yet.</p>" in page
    create_renja(version=v2, year=2019, user=make_user("perencana-renja", "planner", v2))
    page = _page(english, url)
    assert ">+ Renja from a Renstra year</a>" in page
    assert ">Performance agreements (PK) per year</a>" in page
    assert (
        "<th>Year</th><th>Annual work plan (Renja)</th><th>Status</th>"
        "<th>Source Renstra</th><th>Created</th>"
    ) in page
    assert ">Original Renja</a>" in page
    assert '<span class="badge">Draft</span>' in page
    assert "Renstra BKPSDM Kota Bontang 2016-2021 version 2" in page
    assert ">Key performance indicators (IKU)</a>" in page
    assert '<button type="submit">Sign out</button>' in page
    assert "Rencana Kerja" not in page
    assert "Renja murni" not in page


def test_pk_list_in_english(english, v2, make_user):
    import datetime

    from renstra.plans.choices import UnitKind
    from renstra.plans.models import Unit
    from renstra.sakip.agreements import create_agreement
    from renstra.sakip.models import RegionHead
    from renstra.sakip.services import create_renja

    agency = v2.plan.agency
    url = "/perangkat-daerah/{}/pk/?tahun=2019".format(agency.pk)
    page = _page(english, url)
    assert "<title>Performance agreements (PK) BKPSDM 2019 · Renstra</title>" in page
    assert '<h1>Performance agreements (PK) for 2019 <span class="badge">BKPSDM</span></h1>' in page
    assert "No Renja for 2019 yet: a PK is drawn up from that year's Renja." in page
    assert (
        "The head of region of Kota Bontang for this year has not been recorded: the PK of the "
        "head of the regional agency cannot be made without the second party."
    ) in page
    assert ">Kepala Daerah admin page</a>" in page

    planner = make_user("perencana-pk", "planner", v2)
    create_renja(version=v2, year=2019, user=planner)
    RegionHead.objects.create(
        region=agency.region,
        name="Wali Kota Contoh",
        position="Wali Kota Bontang",
        start_date=datetime.date(2016, 2, 17),
    )
    create_agreement(
        unit=Unit.objects.get(agency=agency, kind=UnitKind.HEAD),
        year=2019,
        user=planner,
        day=datetime.date(2019, 4, 15),
    )
    page = _page(english, url)
    assert "<h2>Head of regional agency</h2>" in page
    assert "<h2>Administrator official (echelon III)</h2>" in page
    assert "<h2>Supervisory official (echelon IV)</h2>" in page
    assert (
        "<th>Work unit</th><th>First party</th><th>Second party</th><th>PK</th>"
        "<th>Status</th><th>Budget (Rp)</th><th>Links</th>"
    ) in page
    assert ">Original PK</a>" in page
    assert ">Open</a>" in page
    assert ">Action plan</a>" in page
    assert "<p>No PK for this year yet:</p>" in page
    assert ">+ Create PK</a>" in page
    assert "(echelon III.a)" in page
    assert "No Renja for 2019 yet" not in page
    assert "Perjanjian Kinerja" not in page
    assert "Pihak pertama" not in page


def test_organization_page_in_english(english, v2):
    page = _page(english, "/perangkat-daerah/{}/organisasi/".format(v2.plan.agency.pk))
    assert "<title>Organisation structure of BKPSDM Kota Bontang · Renstra</title>" in page
    assert '<h1>Organisation structure <span class="badge">BKPSDM</span></h1>' in page
    assert " · programs and activities according to <a " in page
    assert (
        '<p class="notice example">SAMPLE DATA: work units and officials marked «example» are '
        "not real data (the sample Renstra document does not contain an organisation "
        "structure).</p>"
    ) in page
    assert ">+ work unit</a>" in page
    assert (
        '<span class="label">Head (leader of the regional agency)</span> '
        "<strong>Kepala Badan</strong>"
    ) in page
    assert '<span class="badge">echelon II.b</span>' in page
    assert '<span class="muted">Primary high leadership position (JPT Pratama)</span>' in page
    assert '<span class="label">Secretariat</span>' in page
    assert ">change official</a>" in page
    assert '<summary class="small">officials\' history (3)</summary>' in page
    assert "No official recorded yet, or the position is vacant." in page
    assert '<h2 id="penugasan">Assignment of programs and activities</h2>' in page
    assert ">Change the assignment of programs and activities</a>" in page
    # Names of units and officials are data: not translated.
    assert "<strong>Sekretariat</strong>" in page
    assert "Susunan organisasi" not in page
    assert "ganti pejabat" not in page


def test_performance_tree_in_english(english, v2):
    page = _page(english, "/versi/{}/pohon/".format(v2.pk))
    assert "<h1>Performance tree</h1>" in page
    assert (
        "SAMPLE DATA: work units, officials and assignments marked «example» are not real data"
    ) in page
    assert ">Performance tree XLSX</a>" in page
    assert ">Performance cascade per work unit</a>" in page
    assert ">Cascade XLSX</a>" in page
    assert ">+ crosscutting link</a>" in page
    assert ">Assignment of programs and activities to work units</a>" in page
    assert '<h2 id="crosscutting">Crosscutting</h2>' in page
    assert "No crosscutting links with other regional agencies yet." in page
    assert "<h2>Performance tree details</h2>" in page
    assert '<button type="button" data-details="open">Expand all</button>' in page
    assert '<span class="label">Objective</span> Meningkatnya profesionalitas ASN' in page
    assert '<span class="label">Activity 05.01</span>' in page
    assert "Not yet linked to an RPJMD objective." in page
    assert "<em>Performance: Meningkatnya kapasitas sumber daya aparatur</em>" in page
    assert "Kepala Badan · echelon II.b · example" in page
    assert "Rincian pohon kinerja" not in page
    assert "Belum ditautkan" not in page


def test_bappeda_console_in_english(english, v2):
    from renstra.accounts.models import Membership

    region = v2.plan.agency.region
    # The console is Bappeda's: the English planner is made a verifier of the demo's region too.
    Membership.objects.create(user=_english_user(), role="verifier", region=region)
    page = _page(english, "/wilayah/{}/konsol/?tahun=2019".format(region.pk))
    assert "<title>Bappeda console Kota Bontang 2019 · Renstra</title>" in page
    assert "<h1>Bappeda console Kota Bontang</h1>" in page
    assert '<button type="submit">Show</button>' in page
    assert "<h2>Regional agencies in 2019</h2>" in page
    assert "Click a column heading to sort; click again to reverse the order." in page
    assert '<th rowspan="2">Renstra in force</th>' in page
    assert '<th rowspan="2">New version in progress</th>' in page
    assert '<th colspan="4">Realization filled in 2019 (% of indicators)</th>' in page
    assert ">Average achievement</a>" in page
    assert ">Indicators at risk</a>" in page
    assert '<th rowspan="2">Details</th>' in page
    assert '<span class="muted">No Renstra for this year</span>' in page
    assert '<a href="/versi/{}/">Version 2</a>'.format(v2.pk) in page
    assert '">findings</a> · <a href="/versi/{}/dasbor/2019/">dashboard</a>'.format(v2.pk) in page
    assert "regional agencies, 1 with a Renstra in force" in page
    assert "<h2>Achievement per RPJMD objective in 2019</h2>" in page
    assert "<strong>Rules:</strong> Achievement of an RPJMD objective in 2019 = " in page
    assert (
        "<th>No.</th><th>RPJMD objective</th><th>Supporting regional agencies</th>"
        "<th>Number of agencies</th><th>Number of agency objective indicators</th>"
        "<th>Indicators with achievement</th><th>Average achievement</th>"
    ) in page
    assert '<span class="muted">none yet</span>' in page
    assert "Konsol Bappeda" not in page
    assert "Rata-rata capaian" not in page
    assert "Renstra berlaku" not in page


def test_lkjip_list_in_english(english, v1):
    agency = v1.plan.agency
    page = _page(english, "/perangkat-daerah/{}/lkjip/".format(agency.pk))
    assert "<title>LKjIP BKPSDM · Renstra</title>" in page
    assert (
        '<a href="/perangkat-daerah/{}/lkjip/">Government agency performance report (LKjIP)</a>'
    ).format(agency.pk) in page
    assert (
        '<h1>Government Agency Performance Report (LKjIP) <span class="badge">BKPSDM</span></h1>'
    ) in page
    assert '<p class="muted">No LKjIP yet.</p>' in page
    assert "<h2>New LKjIP</h2>" in page
    assert '<label for="id_year">Year</label>' in page
    assert '<button type="submit">Create LKjIP</button>' in page
    assert (
        "The LKjIP's figures are calculated from the evaluation of that year's realizations on "
        "the approved Renstra; the narrative of each chapter is written on the report page."
    ) in page
    assert "Laporan Kinerja Instansi Pemerintah" not in page
    assert "Buat LKjIP" not in page
    assert "Belum ada LKjIP" not in page


def test_document_register_in_english(english, v1):
    agency = v1.plan.agency
    page = _page(english, "/perangkat-daerah/{}/register/?tahun=2019".format(agency.pk))
    assert "<title>Document register BKPSDM 2019 · Renstra</title>" in page
    assert '<h1>SAKIP document register 2019 <span class="badge">BKPSDM</span></h1>' in page
    assert (
        "<thead><tr><th>Document</th><th>Status</th><th>Deadline</th><th>Uploaded file</th>"
        "<th>Verifier's note</th></tr></thead>"
    ) in page
    assert "<td>Evaluation report</td>" in page
    assert '<span class="badge status-belum">None yet</span>' in page
    # 2019's deadlines are past: the evaluation report (31 January of the year after) is overdue.
    assert '<strong class="field-error">31 January 2020 — overdue</strong>' in page
    assert (
        "<h2>Upload a document (a signed scan or a document from outside the system)</h2>"
    ) in page
    assert '<label for="id_document_type">Document type:</label>' in page
    assert '<label for="id_unit">Work unit (PK and action plan):</label>' in page
    assert '<label for="id_file">File (PDF, JPG or PNG, at most 20 MB):</label>' in page
    assert '<button type="submit">Upload</button>' in page
    assert "Register dokumen" not in page
    assert "Tenggat" not in page
    assert "lewat tenggat" not in page
    assert "Laporan evaluasi" not in page
    assert "Belum ada" not in page
