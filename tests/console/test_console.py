"""Bappeda's console over a region (issue 18): the demo city of 40 generated agencies, each
figure of the console against the direct query or the single-plan function it stands for, the
same number of queries for 5 agencies as for 40, who may see it, drilling down, sorting, the
roll-up to the RPJMD's sasaran, what is kept in the cache, and the XLSX and PDF read back."""

import datetime
import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.cache import cache as django_cache
from django.db import connection
from openpyxl import load_workbook
from pypdf import PdfReader

from renstra.checks.engine import Severity
from renstra.checks.report import check_version
from renstra.checks.services import acknowledge_finding
from renstra.console.service import region_console
from renstra.core.achievement import aggregate
from renstra.interchange.region_demo import generate_region
from renstra.monitoring.evaluation import evaluate
from renstra.monitoring.models import Realization
from renstra.monitoring.services import save_realization
from renstra.plans.choices import PlanKind, VersionStatus
from renstra.plans.models import Agency, Indicator, Objective, PlanVersion, Target, Unit
from renstra.plans.rpjmd import rpjmd_in_force
from renstra.review.services import start_review
from renstra.sakip.agreements import create_agreement, sign_agreement
from renstra.sakip.services import create_renja
from tests.growth import queries, unfrozen

YEAR = 2019  # the example realization: 2017 and 2018 whole, 2019 up to the third quarter


def _in_force(region) -> dict[int, PlanVersion]:
    """{agency id: its approved Renstra}, straight from the database."""
    return {
        v.plan.agency_id: v
        for v in PlanVersion.objects.filter(
            plan__agency__region=region,
            plan__kind=PlanKind.RENSTRA,
            status=VersionStatus.APPROVED,
        ).select_related("plan__agency__region", "plan__regional_plan")
    }


def _filled(version, quarter: int) -> int:
    """Evaluated indicators (tujuan to kegiatan) with a figure of the quarter; the year's figure
    counts for the fourth."""
    quarters = [quarter, 0] if quarter == 4 else [quarter]
    return (
        Realization.objects.filter(
            indicator__version=version,
            indicator__sub_activity__isnull=True,
            year=YEAR,
            quarter__in=quarters,
        )
        .exclude(raw_text="")
        .values("indicator")
        .distinct()
        .count()
    )


def _share(part: int, whole: int) -> Decimal:
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _console_queries(region) -> int:
    return queries(region_console, region, YEAR)


def _page_queries(client, region) -> int:
    def get():
        assert client.get("/wilayah/{}/konsol/?tahun={}".format(region.pk, YEAR)).status_code == 200

    return queries(get)


@pytest.fixture
def verifier(make_user, v2):
    return make_user("bappeda_uji", "verifier", v2)


def test_forty_agencies_every_count_as_the_direct_queries_in_as_many_queries_as_five(
    client, v2, verifier
):
    region = v2.plan.agency.region
    client.force_login(verifier)
    generate_region(template=v2, agencies=5, realization=True)
    five = (_console_queries(region), _page_queries(client, region))
    generate_region(template=v2, agencies=40, realization=True)
    assert (_console_queries(region), _page_queries(client, region)) == five

    console = region_console(region, YEAR)
    in_force = _in_force(region)
    agencies = Agency.objects.filter(region=region)
    # Every agency of the region is a row, the planning board (the RPJMD's author) too.
    assert sorted(r.agency.pk for r in console.rows) == sorted(
        agencies.values_list("pk", flat=True)
    )
    assert len(console.rows) == 41 and len(in_force) == 41  # 40 generated and the demo's BKPSDM
    total_errors = total_risk = total_indicators = 0
    every_achievement = []
    for row in console.rows:
        version = in_force[row.agency.pk]
        assert row.version == version and row.newer is None
        errors = [f for f in check_version(version).open if f.severity == Severity.ERROR]
        assert row.open_errors == len(errors)
        indicators = Indicator.objects.filter(version=version, sub_activity__isnull=True).count()
        assert row.figures.indicators == indicators
        assert row.filled_percent == [_share(_filled(version, q), indicators) for q in (1, 2, 3, 4)]
        evaluation = evaluate(version, YEAR)  # the single plan's dashboard
        assert row.average == evaluation.average.value
        assert row.predicate == evaluation.average_predicate
        assert row.at_risk == len(evaluation.at_risk)
        total_errors += len(errors)
        total_risk += row.at_risk
        total_indicators += indicators
        every_achievement += [r.achievement.value for r in evaluation.indicators]
    generated = [r for r in console.rows if r.agency.short_name != "BKPSDM"]
    # The example realization: three quarters of 2019 filled for most indicators, none the fourth.
    assert all(r.filled_percent[0] > 50 and r.filled_percent[3] == 0 for r in generated)
    assert all(r.average is not None and r.at_risk > 0 for r in generated)
    total = console.total
    assert (total.agencies, total.in_force, total.open_errors, total.at_risk) == (
        41,
        41,
        total_errors,
        total_risk,
    )
    assert total.indicators == total_indicators
    assert total.average == aggregate(every_achievement)
    assert total.filled_percent[0] == _share(
        sum(_filled(v, 1) for v in in_force.values()), total_indicators
    )

    # The roll-up: per RPJMD sasaran, the agencies whose sasaran name it and their indicators.
    rpjmd = rpjmd_in_force(v2.plan.regional_plan)
    assert [r.sasaran.number for r in console.rollup.rows] == list(rpjmd.sasaran)
    linked = Objective.objects.filter(goal__version__in=in_force.values()).values_list(
        "pk", "goal__version__plan__agency_id", "rpjmd_refs"
    )
    for item in console.rollup.rows:
        objectives = [pk for pk, _agency, refs in linked if item.sasaran.number in refs]
        supporters = {agency for _pk, agency, refs in linked if item.sasaran.number in refs}
        assert {a.pk for a in item.agencies} == supporters and len(supporters) == 8
        assert item.indicators == Indicator.objects.filter(objective__in=objectives).count()
        # The demo's sasaran indicator has no yearly target: nothing to average (see the next
        # test for a sasaran indicator with one).
        assert Target.objects.filter(indicator__objective__in=objectives).count() == 0
        assert (item.computable, item.achievement.value) == (0, None)
    assert console.rollup.unknown == {}


def _set_status(version, status: str) -> None:
    with unfrozen(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE plans_planversion SET status = %s WHERE id = %s", [status, version.pk]
        )


def _target(indicator, text: str) -> None:
    """A target of the year on an indicator of an approved version (as a fixture would: the
    version opened for the write and closed again)."""
    version = indicator.version
    _set_status(version, VersionStatus.DRAFT)
    Target.objects.create(indicator=indicator, year=YEAR, raw_text=text, kind="number", value=100)
    _set_status(version, VersionStatus.APPROVED)


@pytest.fixture
def city(v2, make_user):
    """Five generated agencies beside the demo, with their example realization."""
    return generate_region(template=v2, agencies=5, realization=True).versions


def test_the_roll_up_averages_the_linked_sasaran_indicators_capped_as_the_evaluation(
    v2, city, make_user
):
    planner = make_user("perencana_rollup", "planner", v2)
    region = v2.plan.agency.region
    # The demo's sasaran indicator has no yearly target: give two agencies' one a target and a
    # realization, one above its target (counted as 100%), one below.
    first, second = city[0], city[1]
    figures = []
    for version, realized in ((first, "130 indeks"), (second, "64 indeks")):
        indicator = Indicator.objects.get(version=version, objective__isnull=False)
        _target(indicator, "100 indeks")
        save_realization(indicator, YEAR, 0, realized, user=planner)
        refs = indicator.objective.rpjmd_refs
        figures.append((refs, evaluate(version, YEAR).by_indicator()[indicator.pk]))
    console = region_console(region, YEAR)
    rows = {row.sasaran.number: row for row in console.rollup.rows}
    for refs, _result in figures:
        for ref in refs:
            item = rows[ref]
            values = [r.achievement.value for refs2, r in figures if ref in refs2]
            assert item.achievement.value == aggregate(values).value
            assert item.computable == len(values)
    assert figures[0][1].achievement.value == Decimal("130.00")
    capped = [row for row in rows.values() if row.achievement.value == Decimal("100.00")]
    assert capped, "an achievement above 100% counts as 100% in the roll-up"
    assert "dibatasi paling tinggi 100%" in console.rollup.rule


def test_an_acknowledged_error_and_a_draft_on_its_way_show(v2, city, verifier):
    region = v2.plan.agency.region
    version = city[0]
    before = {r.agency.pk: r for r in region_console(region, YEAR).rows}[version.plan.agency_id]
    error = next(f for f in check_version(version).open if f.severity == Severity.ERROR)
    acknowledge_finding(version=version, finding=error, reason="diterima (uji)", user=verifier)
    draft = start_review(version=version, reason="perubahan (uji)")
    after = {r.agency.pk: r for r in region_console(region, YEAR).rows}[version.plan.agency_id]
    assert after.open_errors == before.open_errors - 1
    assert (after.version, after.newer) == (version, draft)


def test_the_page_drills_down_sorts_and_offers_the_files(client, v2, city, verifier):
    region = v2.plan.agency.region
    client.force_login(verifier)
    page = client.get("/wilayah/{}/konsol/?tahun={}&urut=-capaian".format(region.pk, YEAR))
    html = page.content.decode()
    console = region_console(region, YEAR)
    # The planning board has the RPJMD only (its Renstra comes with the sixth agency).
    bappeda = next(r for r in console.rows if r.version is None)
    assert bappeda.agency.short_name == "Bappelitbang" and bappeda.plan is None
    for row in (r for r in console.rows if r.version is not None):
        v = row.version
        assert '<a href="/versi/{}/">Versi {}</a>'.format(v.pk, v.number) in html
        assert (
            '<a href="/versi/{}/temuan/?tingkat=error">{}</a>'.format(v.pk, row.open_errors) in html
        )
        assert '<a href="/versi/{}/dasbor/{}/">dasbor</a>'.format(v.pk, YEAR) in html
    # Sorted by average achievement, highest first; without one (the demo's BKPSDM, no
    # realization loaded) last.
    order = [html.index('id="pd-{}"'.format(r.agency.pk)) for r in console.rows]
    by_average = sorted(
        console.rows,
        key=lambda r: (r.average is None, -(r.average or 0), r.agency.short_name.casefold()),
    )
    assert [html.index('id="pd-{}"'.format(r.agency.pk)) for r in by_average] == sorted(order)
    assert 'href="?tahun={}&amp;urut=capaian">Rata-rata capaian</a> ▼'.format(YEAR) in html
    assert '<option value="{}" selected>{}</option>'.format(YEAR, YEAR) in html
    assert "/wilayah/{}/konsol.xlsx?tahun={}&amp;urut=-capaian".format(region.pk, YEAR) in html
    assert "Aturan:" in html and "rata-rata hitung capaian" in html
    assert "disetujui atau belum" in html  # which realization counts as filled
    assert client.get("/wilayah/{}/konsol/?tahun=1990".format(region.pk)).status_code == 404


def test_the_xlsx_and_pdf_carry_both_tables(client, v2, city, verifier):
    region = v2.plan.agency.region
    client.force_login(verifier)
    console = region_console(region, YEAR)
    response = client.get("/wilayah/{}/konsol.xlsx?tahun={}".format(region.pk, YEAR))
    assert response["Content-Disposition"] == (
        'attachment; filename="konsol-kota-bontang-{}.xlsx"'.format(YEAR)
    )
    book = load_workbook(io.BytesIO(response.content))
    agencies, rollup = book.worksheets
    cells = [[c.value for c in row] for row in agencies.iter_rows()]
    names = {row.agency.short_name: row for row in console.rows}
    found = {}
    for line in cells:
        for short in names:
            if isinstance(line[1], str) and line[1].startswith(short + " — "):
                found[short] = line
    assert set(found) == set(names)
    for short, line in found.items():
        row = names[short]
        assert line[5] == row.open_errors
        expected = [float(p / 100) if p is not None else None for p in row.filled_percent]
        assert line[6:10] == expected
        assert line[10] == (float(row.average / 100) if row.average is not None else None)
        assert line[12] == row.at_risk
    total = next(line for line in cells if line[0] == "Pemda")
    assert total[5] == console.total.open_errors and total[12] == console.total.at_risk
    sasaran = [[c.value for c in row] for row in rollup.iter_rows()]
    labels = [line[1] for line in sasaran]
    for item in console.rollup.rows:
        assert item.sasaran.label in labels
    assert agencies.page_setup.paperSize == 14  # Folio/F4
    assert agencies.page_setup.orientation == "landscape"

    pdf = client.get("/wilayah/{}/konsol.pdf?tahun={}".format(region.pk, YEAR))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Konsol Bappeda Kota Bontang Tahun {}".format(YEAR).upper() in text.upper()
    assert "Capaian per Sasaran RPJMD".upper() in text.upper()
    for item in console.rollup.rows:
        assert item.sasaran.number in text


def test_who_may_see_the_console(client, v2, make_user):
    region = v2.plan.agency.region
    url = "/wilayah/{}/konsol/?tahun={}".format(region.pk, YEAR)
    assert client.get(url).status_code == 302  # signed in only: to the login page
    for name, role in (("p", "planner"), ("k", "head")):
        client.force_login(make_user(name, role, v2))
        assert client.get(url).status_code == 404
        assert "Konsol Bappeda" not in client.get("/").content.decode()
    for name, role in (("v", "verifier"), ("a", "auditor"), ("adm", "admin")):
        client.force_login(make_user(name, role, v2))
        assert client.get(url).status_code == 200
        assert (
            '<a href="/wilayah/{}/konsol/">Konsol Bappeda Kota Bontang'.format(region.pk)
            in client.get("/").content.decode()
        )


def test_what_is_kept_is_used_and_a_new_figure_is_seen(v2, city, settings, make_user):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    django_cache.clear()
    region = v2.plan.agency.region
    cold_queries = _console_queries(region)
    cold = region_console(region, YEAR)
    warm_queries = _console_queries(region)
    warm = region_console(region, YEAR)
    assert warm_queries < cold_queries
    assert [(r.open_errors, r.filled_percent, r.average, r.at_risk) for r in warm.rows] == [
        (r.open_errors, r.filled_percent, r.average, r.at_risk) for r in cold.rows
    ]
    # A figure entered for the fourth quarter: that agency's figures are made again.
    version = city[0]
    indicator = Indicator.objects.filter(version=version, activity__isnull=False).first()
    save_realization(indicator, YEAR, 4, "1 orang", user=make_user("p4", "planner", version))
    again = region_console(region, YEAR)
    assert (warm.computed, again.computed) == (0, 1)  # that version alone
    row = {r.agency.pk: r for r in again.rows}[version.plan.agency_id]
    assert row.figures.filled[3] == 1
    django_cache.clear()


def test_the_sakip_documents_of_the_year_per_agency(client, v2, verifier):
    """Each agency's Renja, PK (units with one, signed) and LKjIP of the year, as the pages of
    the agency have them; signing a PK shows on the next request."""
    region = v2.plan.agency.region
    row = next(r for r in region_console(region, YEAR).rows if r.agency == v2.plan.agency)
    assert (row.documents.renja, row.documents.pk_units, row.documents.lkjip) == (None, 0, None)
    renja = create_renja(version=v2, year=YEAR, user=verifier)
    unit = Unit.objects.get(agency=v2.plan.agency, name="Bidang Pengembangan Aparatur")
    day = datetime.date(2019, 4, 15)
    agreement = create_agreement(unit=unit, year=YEAR, day=day)
    client.force_login(verifier)
    page = client.get("/wilayah/{}/konsol/?tahun={}".format(region.pk, YEAR)).content.decode()
    assert "/renja/{}/".format(renja.pk) in page and "0/1 ditandatangani" in page
    sign_agreement(agreement=agreement, user=verifier)
    page = client.get("/wilayah/{}/konsol/?tahun={}".format(region.pk, YEAR)).content.decode()
    assert "1/1 ditandatangani" in page
    others = [r for r in region_console(region, YEAR).rows if r.agency != v2.plan.agency]
    assert all(r.documents.pk_units == 0 and r.documents.renja is None for r in others)
