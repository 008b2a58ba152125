"""Realization entry in a real browser (Playwright driving Debian's /usr/bin/chromium): two
planners type into the same cell; the second sees both values, keeps what they typed, and
decides."""

import pytest
from playwright.sync_api import expect

from renstra.interchange.demo import load_demo
from renstra.monitoring.models import Realization
from renstra.plans.models import PlanVersion, Target
from tests.e2e.helpers import member, sign_in

YEAR = 2020  # targets and no realization in the demo

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_planners_type_into_one_cell_and_the_second_sees_both_values(open_page):
    load_demo()
    v2 = PlanVersion.objects.get(plan__agency__short_name="BKPSDM", number=2)
    target = (
        Target.objects.filter(indicator__version=v2, year=YEAR, kind="number", value__gt=1)
        .exclude(unit="")
        .order_by("indicator_id")
        .first()
    )
    indicator = target.indicator
    first, second = open_page(), open_page()
    for page, name in ((first, "perencana-satu"), (second, "perencana-dua")):
        member(name, "planner", v2.plan.agency)
        sign_in(page, name)
        page.goto("/versi/{}/pemantauan/{}/".format(v2.pk, YEAR))
    row = "#ind-{}".format(indicator.pk)
    mine, theirs = "2 {}".format(target.unit), "3 {}".format(target.unit)

    cell = first.locator(row + " input[name=q1]")
    cell.fill(mine)
    cell.press("Tab")  # leaving the cell saves the row
    expect(first.locator(row + " td[data-quarter='1']")).to_have_attribute("data-outcome", "saved")

    cell = second.locator(row + " input[name=q1]")  # still shows the empty cell it opened
    cell.fill(theirs)
    cell.press("Tab")
    message = second.locator(row + " .field-error")
    expect(message).to_contain_text("«{}»".format(mine))
    expect(message).to_contain_text("perencana-satu")
    expect(message).to_contain_text("«{}»".format(theirs))
    expect(second.locator(row + " input[name=q1]")).to_have_value(theirs)  # nothing lost
    assert Realization.objects.get(indicator=indicator, year=YEAR, quarter=1).raw_text == mine

    # Having seen both, the second planner saves again: a knowing overwrite.
    second.locator(row + " button[type=submit]").click()
    expect(second.locator(row + " input[name=q1]")).to_have_value(theirs)
    expect(second.locator(row + " .field-error")).to_have_count(0)
    assert Realization.objects.get(indicator=indicator, year=YEAR, quarter=1).raw_text == theirs


def test_what_is_typed_while_a_row_is_saving_is_saved_after_it(open_page):
    """The answer to a row's save replaces the row; a cell typed into meanwhile keeps its value
    and is saved next (the second save, queued on the replaced row, would be dropped)."""
    load_demo()
    v2 = PlanVersion.objects.get(plan__agency__short_name="BKPSDM", number=2)
    target = (
        Target.objects.filter(indicator__version=v2, year=YEAR, kind="number", value__gt=1)
        .exclude(unit="")
        .order_by("-indicator_id")
        .first()
    )
    indicator = target.indicator
    page = open_page()
    member("perencana-cepat", "planner", v2.plan.agency)
    sign_in(page, "perencana-cepat")
    page.goto("/versi/{}/pemantauan/{}/".format(v2.pk, YEAR))
    held = []
    page.route("**/simpan/", lambda route: held.append(route))  # answers wait for the test
    row = "#ind-{}".format(indicator.pk)
    first, second = "4 {}".format(target.unit), "5 {}".format(target.unit)

    page.locator(row + " input[name=q1]").fill(first)
    page.locator(row + " input[name=q1]").press("Tab")
    page.wait_for_timeout(300)
    assert len(held) == 1
    page.locator(row + " input[name=q2]").fill(second)  # while the first save is on its way
    page.locator(row + " input[name=q2]").press("Tab")
    page.wait_for_timeout(300)
    assert len(held) == 1  # htmx queues the second save behind the first
    held[0].continue_()
    expect(page.locator(row + " td[data-quarter='1']")).to_have_attribute("data-outcome", "saved")
    page.wait_for_timeout(300)
    assert len(held) == 2  # the value typed meanwhile is sent again, from the new row
    held[1].continue_()
    expect(page.locator(row + " td[data-quarter='2']")).to_have_attribute("data-outcome", "saved")
    stored = {r.quarter: r.raw_text for r in indicator.realizations.filter(year=YEAR)}
    assert stored == {1: first, 2: second}
