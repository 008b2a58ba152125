"""Wide tables scroll inside their frame, never the page (issue 14: at 1366 px the version page
was 1474 px wide, Tabel T-C.27 2485 px, and the evaluation table was cut off inside its frame).

At a 1366×768 screen each page is at most as wide as the screen; its table frame scrolls both
ways, and after scrolling the header row still stands at the frame's top and the first column at
its left edge, on top of the cells scrolled under them. A screenshot of each page after scrolling
is left in the test's tmp path."""

import pytest

from renstra.monitoring.sample import load_sample_realization
from renstra.plans.models import PlanVersion, Program
from tests.e2e.helpers import member, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH, HEIGHT = 1366, 768

# Where the frame's header row and first column stand after the frame scrolled to its far
# bottom right: the box of its first header row, and of the first-column cell of a body row in
# view (its visible part), with the element found on top at a point inside each.
_AFTER_SCROLL = """frame => {
    const table = frame.querySelector(':scope > table');
    const head = table.tHead.rows[0].getBoundingClientRect();
    const box = frame.getBoundingClientRect();
    const inner = {
        left: box.left + frame.clientLeft, top: box.top + frame.clientTop,
        right: box.left + frame.clientLeft + frame.clientWidth,
        bottom: box.top + frame.clientTop + frame.clientHeight,
    };
    const plain = frame.classList.contains('plain');
    const firsts = [...table.tBodies].flatMap(body => [...body.rows]).map(
        row => plain ? row.cells[0] : row.querySelector(':scope > .first-col')
    ).filter(Boolean);
    const below = table.tHead.getBoundingClientRect().bottom;
    const cell = firsts.find(c => {
        const r = c.getBoundingClientRect();
        return r.bottom > below + 4 && r.top < inner.bottom - 4;
    });
    const rect = cell.getBoundingClientRect();
    const y = (Math.max(rect.top, below) + Math.min(rect.bottom, inner.bottom)) / 2;
    const onCell = document.elementFromPoint(rect.left + 3, y);
    const onHead = document.elementFromPoint(inner.right - 20, head.top + head.height / 2);
    return {
        inner: inner,
        head: {top: head.top, bottom: head.bottom},
        cell: {left: rect.left, right: rect.right},
        cellOnTop: cell.contains(onCell),
        headOnTop: table.tHead.contains(onHead),
        scrolled: {top: frame.scrollTop, left: frame.scrollLeft},
        wide: frame.scrollWidth > frame.clientWidth,
    };
}"""


@pytest.fixture
def screen(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": WIDTH, "height": HEIGHT}
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def _check_page(page, path, shot, *, wide):
    response = page.goto(path)
    assert response.status == 200, path
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, path

    frame = page.locator(".table-frame").first
    # The frame is at most a screen high: brought to the top of the screen it is all in view.
    frame.evaluate("f => f.scrollIntoView({block: 'start'})")
    frame_box = frame.bounding_box()
    assert frame_box["x"] >= 0 and frame_box["x"] + frame_box["width"] <= WIDTH, path
    assert frame_box["y"] > -1 and frame_box["y"] + frame_box["height"] <= HEIGHT, path

    frame.evaluate("f => { f.scrollTop = f.scrollHeight; f.scrollLeft = f.scrollWidth; }")
    page.wait_for_timeout(100)
    seen = frame.evaluate(_AFTER_SCROLL)
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10000

    assert seen["scrolled"]["top"] > 0, path  # taller than the screen: it scrolled down …
    assert seen["wide"] is wide, path
    if wide:
        assert seen["scrolled"]["left"] > 0, path  # … and sideways
    inner = seen["inner"]
    # The header row still heads the frame, and nothing scrolled over it.
    assert abs(seen["head"]["top"] - inner["top"]) <= 1, (path, seen)
    assert seen["head"]["bottom"] < inner["bottom"], (path, seen)
    assert seen["headOnTop"], (path, seen)
    # The first column still stands at the frame's left edge, opaque over the cells under it.
    assert abs(seen["cell"]["left"] - inner["left"]) <= 1, (path, seen)
    assert seen["cell"]["right"] < inner["right"], (path, seen)
    assert seen["cellOnTop"], (path, seen)
    # A header cell (page-level box, as Playwright measures it) is inside the frame's box.
    head_box = frame.locator("thead tr").first.bounding_box()
    assert frame_box["y"] - 1 <= head_box["y"] <= frame_box["y"] + 2, path


def test_wide_tables_scroll_in_their_frame_with_header_and_first_column_in_view(
    screen, draft, tmp_path
):
    v2 = PlanVersion.objects.get(plan__agency__short_name="BKPSDM", number=2)
    load_sample_realization(v2)
    member("perencana", "planner", draft.plan.agency)
    sign_in(screen, "perencana")
    program = Program.objects.get(version=draft, code="16")

    pages = [
        ("versi", "/versi/{}/".format(draft.pk), True),
        ("tabel-t-c27", "/versi/{}/tabel/T-C.27/".format(v2.pk), True),
        ("evaluasi-2019", "/versi/{}/evaluasi/2019/".format(v2.pk), True),
        # The grid of one program fits the width at 1366 px; it scrolls down under its header.
        ("grid-program-16", "/versi/{}/program/{}/grid/".format(draft.pk, program.pk), False),
    ]
    for name, path, wide in pages:
        _check_page(screen, path, tmp_path / "{}.png".format(name), wide=wide)
    assert sorted(p.name for p in tmp_path.glob("*.png")) == sorted(
        "{}.png".format(name) for name, _path, _wide in pages
    )
