"""The SAKIP year in a real browser (Playwright driving Debian's /usr/bin/chromium), as the
planner and the head of the agency walk it (issue 19): the Renja 2019 made from the approved
Renstra, the PK of a bidang drawn from it, signed by the head, its quarterly Rencana Aksi
filled to make the PK's target, and a quarter's realization entered by the planner, approved by
the head and read back on the Rencana Aksi with its achievement against the quarter's target."""

from decimal import ROUND_DOWN, Decimal

import pytest
from playwright.sync_api import expect

from renstra.core.numbers import format_id_number
from renstra.core.targets import TargetKind, parse_target
from renstra.interchange.demo import load_demo
from renstra.monitoring.models import Realization
from renstra.plans.models import PlanVersion
from renstra.sakip.models import ActionTarget, PerformanceAgreement, Renja
from tests.e2e.helpers import member, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
BIDANG = "Bidang Pengembangan Aparatur"


def _quarters(target) -> list[str]:
    """Four quarter targets that make the PK target by the row's rule."""
    parsed = parse_target(target.target_raw)
    suffix = "%" if parsed.kind == TargetKind.PERCENT else (" " + parsed.unit).rstrip()
    if target.rollup != "sum":
        return [target.target_raw] * 4
    share = (parsed.value / 4).quantize(Decimal(1), rounding=ROUND_DOWN)
    parts = [share, share, share, parsed.value - 3 * share]
    return [format_id_number(part) + suffix for part in parts]


def test_renja_pk_renaksi_and_a_quarters_realization(open_page):
    load_demo()
    v2 = PlanVersion.objects.get(plan__agency__short_name="BKPSDM", number=2)
    agency = v2.plan.agency
    member("perencana-sakip", "planner", agency)
    member("kepala-sakip", "head", agency)
    planner, head = open_page(), open_page()
    sign_in(planner, "perencana-sakip")
    sign_in(head, "kepala-sakip")

    # The planner makes the Renja 2019 from the approved Renstra and makes it final.
    planner.goto("/perangkat-daerah/{}/renja/baru/".format(agency.pk))
    planner.select_option("#id_source", "{}-2019".format(v2.pk))
    planner.get_by_role("button", name="Buat Renja").click()
    expect(planner.locator("h1")).to_contain_text("2019")
    renja = Renja.objects.get(agency=agency, year=2019)
    planner.get_by_role("button", name="Jadikan final").click()
    renja.refresh_from_db()
    assert renja.is_final

    # From the Renja to the year's PKs; the bidang's PK is drawn from the Renja.
    planner.get_by_role("link", name="Perjanjian Kinerja").first.click()
    expect(planner.locator("h1")).to_contain_text("Perjanjian Kinerja (PK) tahun 2019")
    planner.locator("li", has_text=BIDANG).get_by_role("link", name="+ Buat PK").click()
    planner.fill("#id_day", "2019-04-15")
    planner.get_by_role("button", name="Buat PK").click()
    agreement = PerformanceAgreement.objects.get(agency=agency, year=2019, unit__name=BIDANG)
    expect(planner.locator("h1")).to_contain_text(BIDANG)
    expect(planner.locator("body")).to_contain_text(agreement.first_name)
    expect(planner.locator("body")).to_contain_text(agreement.second_name)  # the head

    # The head signs it; from then on the planner has nothing to change on it.
    head.goto("/pk/{}/".format(agreement.pk))
    head.locator("#id_confirm").check()
    head.get_by_role("button", name="Tandai ditandatangani").click()
    expect(head.locator("h1")).to_contain_text("Ditandatangani")
    agreement.refresh_from_db()
    assert agreement.is_signed
    planner.reload()
    expect(planner.get_by_role("button", name="Tandai ditandatangani")).to_have_count(0)
    expect(planner.locator("input[name=target]")).to_have_count(0)

    # The quarterly Rencana Aksi of the first row with a number target and a Renstra indicator.
    row = (
        agreement.targets.filter(target_value__isnull=False, source_indicator_id__isnull=False)
        .order_by("order", "pk")
        .first()
    )
    assert row is not None, "the bidang's PK has a number target"
    planner.get_by_role("link", name="Rencana Aksi").first.click()
    planner.get_by_role("button", name="Buat Rencana Aksi").click()
    quarters = _quarters(row)
    for period, text in enumerate(quarters, start=1):
        planner.fill("input[name=t_{}_{}]".format(row.pk, period), text)
        planner.fill(
            "textarea[name=a_{}_{}]".format(row.pk, period), "Aksi triwulan {}".format(period)
        )
    planner.get_by_role("button", name="Simpan Rencana Aksi").click()
    block = planner.locator("tbody[data-target='{}']".format(row.pk))
    expect(block.locator(".badge.sev-error")).to_have_count(0)  # the quarters make the target
    assert [
        t.target_raw for t in ActionTarget.objects.filter(target=row).order_by("period")
    ] == quarters

    # A quarter's realization: entered from the Rencana Aksi, submitted, approved by the head.
    block.locator("tr[data-quarter='1']").get_by_role("link", name="isi realisasi").click()
    section = planner.locator("#tw-1")
    section.locator("input[name=raw]").fill(quarters[0])
    section.get_by_role("button", name="Simpan").click()
    planner.locator("#tw-1").get_by_role("button", name="Ajukan").click()
    indicator_page = planner.url
    head.goto(indicator_page)
    head.locator("#tw-1").get_by_role("button", name="Setujui dan kunci").click()
    entry = Realization.objects.get(indicator_id=row.source_indicator_id, year=2019, quarter=1)
    assert (entry.raw_text, entry.status) == (quarters[0], "approved")

    planner.goto("/pk/{}/rencana-aksi/".format(agreement.pk))
    first = planner.locator("tbody[data-target='{}'] tr[data-quarter='1']".format(row.pk))
    expect(first).to_contain_text(quarters[0])
    expect(first).to_contain_text("Disetujui")
    expect(first).to_contain_text("100")  # the quarter's realization equals its target
