"""The signature follows the officials: a document prints the head of the agency on its date
(the block's fixed date, else the day of printing), "Plt. ..." when acting, the block's own
name and NIP when no official is recorded, never the demo's example officials; in the same
number of queries however many officials there are."""

import datetime
import io

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renstra.plans.choices import UnitKind
from renstra.plans.models import AgencySignature, Unit
from renstra.plans.organization import record_official_change, save_unit
from renstra.plans.signature import signatories
from renstra.reports import views
from renstra.reports.export import build_table

D = datetime.date
POSITION = "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Bontang"
BLOCK_NAME = "Nama Di Blok, S.H."
OLD = ("Drs. Budi Santoso, M.Si.", "19700101 199503 1 001", "Pembina Utama Muda (IV/c)")
NEW = ("Siti Aminah, S.E., M.M.", "19750505 200003 2 002", "Pembina Tingkat I (IV/b)")
CHANGE = D(2019, 7, 1)


def _block(agency, date=None) -> AgencySignature:
    block = AgencySignature(
        agency=agency,
        place="Bontang",
        date=date,
        position="Kepala Badan (blok)",
        name=BLOCK_NAME,
        nip="19600101 198503 1 009",
    )
    block.full_clean()
    block.save()
    return block


@pytest.fixture
def head_unit(v2):
    """The demo agency with a real organisation instead of the example one: its Kepala unit,
    headed by OLD, then from CHANGE by NEW acting (Plt.)."""
    agency = v2.plan.agency
    Unit.objects.filter(agency=agency).delete()
    unit = save_unit(unit=Unit(agency=agency, name="Kepala Badan", kind=UnitKind.HEAD))
    for (name, nip, rank), start, acting in ((OLD, D(2016, 1, 4), ""), (NEW, CHANGE, "Plt.")):
        record_official_change(
            unit=unit,
            name=name,
            nip=nip,
            rank=rank,
            position=POSITION,
            start_date=start,
            acting=acting,
        )
    return unit


def _printed(people):
    assert len(people) == 1
    p = people[0]
    return (p.place_date, p.position, p.name, p.rank, p.nip)


def test_a_document_dated_before_the_change_prints_the_old_official(v2, head_unit):
    agency = v2.plan.agency
    _block(agency, date=CHANGE - datetime.timedelta(days=1))
    assert _printed(signatories(agency)) == (
        "Bontang, 30 Juni 2019",
        POSITION,
        OLD[0],
        OLD[2],
        OLD[1],
    )


def test_a_document_dated_on_the_change_prints_the_acting_official(v2, head_unit):
    agency = v2.plan.agency
    _block(agency, date=CHANGE)
    assert _printed(signatories(agency)) == (
        "Bontang, 1 Juli 2019",
        "Plt. " + POSITION,
        NEW[0],
        NEW[2],
        NEW[1],
    )


def test_without_a_fixed_date_the_day_of_printing_decides(v2, head_unit):
    agency = v2.plan.agency
    _block(agency)
    assert signatories(agency, today=D(2018, 3, 1))[0].name == OLD[0]
    assert signatories(agency, today=D(2020, 3, 1))[0].name == NEW[0]
    assert signatories(agency)[0].name == NEW[0]  # today: still in office


def test_every_table_of_the_plan_prints_the_official_of_its_date(client, v2, head_unit):
    _block(v2.plan.agency, date=D(2018, 12, 7))
    people = build_table(v2, "6.1").signatories
    assert [(p.position, p.name, p.nip) for p in people] == [(POSITION, OLD[0], OLD[1])]
    page = client.get("/versi/{}/tabel/6.1/".format(v2.pk)).content.decode()
    block = page[page.index('<table class="signatures">') :]
    for text in ("Bontang, 7 Desember 2018", POSITION, OLD[0], "NIP. " + OLD[1]):
        assert text in block
    assert NEW[0] not in block and BLOCK_NAME not in block


def test_the_block_signs_where_no_official_is_recorded(v2, head_unit):
    agency = v2.plan.agency
    _block(agency, date=D(2015, 12, 31))  # before the first official
    assert _printed(signatories(agency))[1:] == (
        "Kepala Badan (blok)",
        BLOCK_NAME,
        "",
        "19600101 198503 1 009",
    )


def test_example_officials_never_sign(v2):
    """The demo's officials are invented: the block signs in their place."""
    agency = v2.plan.agency
    _block(agency, date=D(2020, 1, 1))
    assert signatories(agency)[0].name == BLOCK_NAME


def test_the_signature_costs_two_queries_however_many_officials(v2, head_unit):
    agency = v2.plan.agency
    _block(agency, date=D(2025, 6, 1))
    with CaptureQueriesContext(connection) as few:
        assert signatories(agency)[0].name == NEW[0]
    for year in range(2020, 2030):
        record_official_change(
            unit=head_unit,
            name="Pejabat {}".format(year),
            nip=OLD[1],
            position=POSITION,
            start_date=D(year, 1, 1),
        )
    with CaptureQueriesContext(connection) as many:
        assert signatories(agency)[0].name == "Pejabat 2025"
    assert len(few.captured_queries) == len(many.captured_queries) == 2


def test_a_cached_file_of_a_frozen_version_follows_a_change_of_official(
    client, v2, head_unit, settings, monkeypatch
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    built = []
    render = views.render_table
    monkeypatch.setattr(views, "render_table", lambda *a, **k: built.append(1) or render(*a, **k))
    _block(v2.plan.agency)  # no fixed date: today's head signs
    url = "/versi/{}/tabel/6.1.xlsx".format(v2.pk)
    first = client.get(url).content
    assert client.get(url).content == first and len(built) == 1  # from the cache
    record_official_change(
        unit=head_unit,
        name="Kepala Baru, S.T.",
        nip=OLD[1],
        position=POSITION,
        start_date=D.today(),
    )
    ws = openpyxl.load_workbook(io.BytesIO(client.get(url).content)).active
    assert len(built) == 2
    assert "Kepala Baru, S.T." in {c.value for row in ws.iter_rows() for c in row}
    cache.clear()
