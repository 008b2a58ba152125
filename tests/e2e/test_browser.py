"""End-to-end in a real browser (Playwright for Python driving Debian's /usr/bin/chromium)
against the app served by pytest-django's live server."""

import pytest
from playwright.sync_api import expect

from renstra.interchange.demo import load_demo
from renstra.plans.models import Agency, Indicator, PlanVersion, Program, Target
from tests.e2e.helpers import member, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _target_row(draft):
    indicator = Indicator.objects.get(version=draft, activity__code="16.58")
    return indicator, "#baris-target-indicator-{}".format(indicator.pk)


def test_planner_edits_targets_by_keyboard_and_paste_and_sees_them_in_tabel_6_2(page, draft):
    member("perencana", "planner", draft.plan.agency)
    sign_in(page, "perencana")
    program = Program.objects.get(version=draft, code="16")
    page.goto("/versi/{}/program/{}/grid/".format(draft.pk, program.pk))
    indicator, row = _target_row(draft)

    # keyboard: type into 2018, Enter saves the row
    cell = page.locator("{}-2018".format(row))
    cell.click()
    cell.press("Control+a")
    cell.type("26 orang")
    cell.press("Enter")
    page.wait_for_function(
        "id => !document.querySelector(id).classList.contains('is-dirty')", arg=row
    )
    assert Target.objects.get(indicator=indicator, year=2018).raw_text == "26 orang"

    # arrows: from 2018, ArrowRight (caret at the end) moves to 2019
    cell = page.locator("{}-2018".format(row))
    cell.click()
    cell.press("End")
    cell.press("ArrowRight")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "{}-2019".format(row.lstrip("#"))

    # paste a row of five values copied from Excel into 2017
    first = page.locator("{}-2017".format(row))
    first.click()
    page.evaluate(
        """id => {
            const input = document.querySelector(id);
            const data = new DataTransfer();
            data.setData('text/plain', '30 orang\\t31 orang\\t32 orang\\t33 orang\\t34 orang\\r\\n');
            input.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        "{}-2017".format(row),
    )
    expect(page.locator("{}-2021".format(row))).to_have_value("34 orang")
    page.locator("{} .grid-save".format(row)).click()
    page.wait_for_function(
        "id => !document.querySelector(id).classList.contains('is-dirty')", arg=row
    )
    stored = dict(Target.objects.filter(indicator=indicator).values_list("year", "raw_text"))
    assert stored == {
        2017: "30 orang",
        2018: "31 orang",
        2019: "32 orang",
        2020: "33 orang",
        2021: "34 orang",
    }

    page.goto("/versi/{}/tabel/6.2/".format(draft.pk))
    row_6_2 = page.locator(
        "table.report tr", has_text="Jumlah PNS yang mengikuti program tugas belajar"
    )
    expect(row_6_2).to_contain_text("30 orang")
    expect(row_6_2).to_contain_text("34 orang")


def test_auditor_finds_no_edit_control_and_gets_403_on_an_edit_url(page, draft):
    member("inspektorat", "auditor")
    sign_in(page, "inspektorat")
    page.goto("/versi/{}/".format(draft.pk))
    expect(page.locator("h1")).to_contain_text("Renstra BKPSDM Kota Bontang 2016-2021")
    assert page.locator(".edit-links").count() == 0
    program = Program.objects.get(version=draft, code="16")
    page.goto("/versi/{}/program/{}/grid/".format(draft.pk, program.pk))
    assert page.locator("input.grid-cell").count() == 0
    response = page.goto("/versi/{}/butir/program/{}/ubah/".format(draft.pk, program.pk))
    assert response.status == 403


def test_planner_of_another_agency_cannot_reach_this_agencys_items(page, draft):
    other = Agency.objects.create(
        region=draft.plan.agency.region, short_name="DISKOMINFO", name="Dinas Kominfo"
    )
    member("perencana-kominfo", "planner", other)
    sign_in(page, "perencana-kominfo")
    program = Program.objects.get(version=draft, code="16")
    assert page.goto("/versi/{}/".format(draft.pk)).status == 404
    assert page.goto("/versi/{}/butir/program/{}/ubah/".format(draft.pk, program.pk)).status == 404
    assert page.goto("/versi/{}/program/{}/grid/".format(draft.pk, program.pk)).status == 404


def test_planner_enters_realization_and_sees_achievement_and_dashboard_change(page, tmp_path):
    """Monitoring: with the sample realization, the dashboard shows its SVG charts; typing a
    quarter's realization recomputes the row's achievement in place, and the dashboard at once."""
    from renstra.monitoring.sample import load_sample_realization

    load_demo()
    v2 = PlanVersion.objects.get(plan__agency__short_name="BKPSDM", number=2)
    load_sample_realization(v2)
    member("perencana-m", "planner", v2.plan.agency)
    sign_in(page, "perencana-m")

    page.goto("/versi/{}/dasbor/2019/".format(v2.pk))
    expect(page.locator(".notice.example")).to_contain_text("DATA CONTOH")
    charts = page.locator("figure svg.chart")
    expect(charts).to_have_count(4)
    for kind in ("chart-bar", "chart-distribution", "chart-grouped-bar"):
        assert page.locator("svg.{}".format(kind)).count() >= 1
    page.screenshot(path=str(tmp_path / "dasbor.png"), full_page=True)
    assert (tmp_path / "dasbor.png").stat().st_size > 10000
    page.goto("/versi/{}/dasbor/2020/".format(v2.pk))
    before = page.locator("svg.chart-bar desc").first.text_content()

    # 2020 has targets and no realization yet: enter the first quarter of one indicator.
    target = (
        Target.objects.filter(indicator__version=v2, year=2020, kind="number", value__gt=1)
        .exclude(unit="")
        .order_by("indicator_id")
        .first()
    )
    indicator = target.indicator
    page.goto("/versi/{}/pemantauan/2020/".format(v2.pk))
    row = page.locator("#ind-{}".format(indicator.pk))
    expect(row).to_contain_text(target.raw_text)
    cell = row.locator("input[name=q1]")
    half = target.value / 2
    typed = "{} {}".format(int(half) if half == int(half) else half, target.unit)
    cell.fill(typed)
    cell.press("Tab")  # leaving the cell saves the row (HTMX) and redraws it
    row = page.locator("#ind-{}".format(indicator.pk))
    expected = "50,00%"
    expect(row.locator("td.num").first).to_contain_text(expected)
    assert indicator.realizations.get(year=2020, quarter=1).raw_text == typed

    page.goto("/versi/{}/dasbor/2020/".format(v2.pk))
    after = page.locator("svg.chart-bar desc").first.text_content()
    assert after != before
