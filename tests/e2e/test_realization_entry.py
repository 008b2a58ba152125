"""Realization entry in a real browser (Playwright driving Debian's /usr/bin/chromium): two
planners type into the same cell; the second sees both values, keeps what they typed, and
decides. A refused value stays in its cell with its reason until it is corrected."""

import re

import pytest
from playwright.sync_api import expect

from renstra.interchange.demo import load_demo
from renstra.monitoring.models import Realization
from renstra.monitoring.services import save_realization
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


def test_a_refused_value_stays_in_its_cell_with_its_reason_until_corrected(page, tmp_path):
    """A value the service refuses is not replaced by the figure stored: it stays typed in its
    cell, marked (aria-invalid) and described by the reason under it, while the rest of the row
    is saved around it, until the planner corrects it."""
    load_demo()
    v2 = PlanVersion.objects.get(plan__agency__short_name="BKPSDM", number=2)
    target = (
        Target.objects.filter(indicator__version=v2, year=YEAR, kind="number", value__gt=1)
        .exclude(unit="")
        .order_by("indicator_id")[1]
    )
    indicator, unit = target.indicator, target.unit
    planner = member("perencana-teliti", "planner", v2.plan.agency)
    save_realization(indicator, YEAR, 1, "2 {}".format(unit), user=planner)
    sign_in(page, "perencana-teliti")
    page.goto("/versi/{}/pemantauan/{}/".format(v2.pk, YEAR))
    row = "#ind-{}".format(indicator.pk)
    first, second = page.locator(row + " input[name=q1]"), page.locator(row + " input[name=q2]")
    expect(first).to_have_value("2 {}".format(unit))

    negative = "-3 {}".format(unit)
    first.fill(negative)
    first.press("Tab")
    cell = page.locator(row + " td[data-quarter='1']")
    expect(cell).to_have_attribute("data-outcome", "refused")
    expect(first).to_have_value(negative)  # not the stored "2 …"
    expect(first).to_have_attribute("aria-invalid", "true")
    reason = cell.locator(".cell-error")
    expect(reason).to_be_visible()
    expect(reason).to_have_text("Realisasi tidak boleh negatif: '{}'.".format(negative))
    expect(first).to_have_attribute("aria-describedby", reason.get_attribute("id"))
    expect(page.locator(row)).to_have_class(re.compile(r"\bhas-unsaved\b"))
    page.screenshot(path=str(tmp_path / "realisasi-ditolak.png"))
    assert Realization.objects.get(indicator=indicator, year=YEAR, quarter=1).raw_text == (
        "2 {}".format(unit)
    )

    # Another cell of the row is saved; the refused one keeps its value and its reason.
    second.fill("1 {}".format(unit))
    second.press("Tab")
    expect(page.locator(row + " td[data-quarter='2']")).to_have_attribute("data-outcome", "saved")
    expect(first).to_have_value(negative)
    expect(first).to_have_attribute("aria-invalid", "true")
    expect(cell.locator(".cell-error")).to_have_text(
        "Realisasi tidak boleh negatif: '{}'.".format(negative)
    )

    # Corrected, it is saved and no longer marked.
    first.fill("4 {}".format(unit))
    first.press("Tab")
    expect(cell).to_have_attribute("data-outcome", "saved")
    expect(first).to_have_value("4 {}".format(unit))
    expect(first).not_to_have_attribute("aria-invalid", "true")
    expect(first).not_to_have_attribute("aria-describedby", re.compile(".*"))
    expect(page.locator(row + " .cell-error")).to_have_count(0)
    expect(page.locator(row)).not_to_have_class(re.compile(r"\bhas-unsaved\b"))
    stored = {r.quarter: r.raw_text for r in indicator.realizations.filter(year=YEAR)}
    assert stored == {1: "4 {}".format(unit), 2: "1 {}".format(unit)}
