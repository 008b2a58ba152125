"""Two people entering the same figure: the optimistic lock of renstra.monitoring.cells. A save
from a figure someone has changed since is never written; it answers with both values and the
typed one still in its cell. Of two saves from the same token exactly one is written."""

import re
import threading
import time

import pytest
from django.db import OperationalError, connection
from django.test import Client

from renstra.interchange.demo import load_demo
from renstra.monitoring import services
from renstra.monitoring.cells import CONFLICT, SAVED, UNCHANGED, cell_token, figure_token
from renstra.monitoring.choices import YEARLY
from renstra.monitoring.models import BudgetRealization, Realization
from renstra.plans.models import Activity, Indicator, PlanVersion
from tests.monitoring.rows import row_fields

YEAR = 2018
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def peserta(v2):
    """'Jumlah peserta seleksi penerimaan CPNS' (kegiatan 17.02): 1000 orang in 2018."""
    return Indicator.objects.get(
        version=v2, activity__code="17.02", name__istartswith="Jumlah peserta seleksi"
    )


@pytest.fixture
def editors(v2, planner, make_user):
    """Two planners of the agency, each signed in with a browser of their own."""
    first, second = Client(), Client()
    first.force_login(planner)
    second.force_login(make_user("perencana_kedua", "planner", v2))
    return first, second


def _grid_row(client, version, indicator) -> dict[str, str]:
    html = client.get("/versi/{}/pemantauan/{}/".format(version.pk, YEAR)).content.decode()
    return row_fields(html, "ind-{}".format(indicator.pk))


def _save_url(version, indicator) -> str:
    return "/versi/{}/pemantauan/{}/indikator/{}/simpan/".format(version.pk, YEAR, indicator.pk)


def _stored(indicator, quarter):
    entry = Realization.objects.filter(indicator=indicator, year=YEAR, quarter=quarter).first()
    return entry.raw_text if entry else ""


def test_two_editors_save_one_cell_from_one_token_the_second_sees_both_values(
    v2, peserta, editors, planner
):
    first, second = editors
    services.save_realization(peserta, YEAR, 1, "200 orang", user=planner)
    seen_by_first = _grid_row(first, v2, peserta)
    seen_by_second = _grid_row(second, v2, peserta)
    assert seen_by_first == seen_by_second and seen_by_first["q1"] == "200 orang"
    url = _save_url(v2, peserta)

    answer = first.post(url, {**seen_by_first, "q1": "300 orang"}, **HX)
    assert answer.status_code == 200
    assert row_fields(answer.content.decode(), "ind-{}".format(peserta.pk))["q1"] == "300 orang"

    answer = second.post(url, {**seen_by_second, "q1": "350 orang"}, **HX)
    assert answer.status_code == 409
    html = answer.content.decode()
    assert html.startswith('<tr id="ind-{}"'.format(peserta.pk))
    # Both values: theirs, by whom, and the one typed here, which stays in its cell.
    assert "«300 orang»" in html and planner.username in html and "«350 orang»" in html
    assert 'data-outcome="conflict"' in html
    again = row_fields(html, "ind-{}".format(peserta.pk))
    assert again["q1"] == "350 orang"
    assert again["a1"] == "300 orang" and again["t1"] != seen_by_second["t1"]
    assert _stored(peserta, 1) == "300 orang"  # the first, acknowledged write stands

    # Having seen both, the second editor saves again: now a knowing overwrite.
    answer = second.post(url, again, **HX)
    assert answer.status_code == 200 and _stored(peserta, 1) == "350 orang"
    history = Realization.objects.get(indicator=peserta, year=YEAR, quarter=1).history
    assert [h.raw_text for h in history.order_by("history_id")] == [
        "200 orang",
        "300 orang",
        "350 orang",
    ]


def test_a_cell_left_alone_keeps_what_someone_else_stored_meanwhile(v2, peserta, editors):
    first, second = editors
    seen_by_first = _grid_row(first, v2, peserta)
    seen_by_second = _grid_row(second, v2, peserta)
    url = _save_url(v2, peserta)
    assert first.post(url, {**seen_by_first, "q1": "200 orang"}, **HX).status_code == 200
    # The second editor's row still shows an empty first quarter; they type the second.
    answer = second.post(url, {**seen_by_second, "q2": "250 orang"}, **HX)
    assert answer.status_code == 200
    assert _stored(peserta, 1) == "200 orang" and _stored(peserta, 2) == "250 orang"
    fields = row_fields(answer.content.decode(), "ind-{}".format(peserta.pk))
    assert fields["q1"] == "200 orang"  # the answer shows what the first one stored


def test_the_same_value_typed_by_both_is_no_conflict(v2, peserta, editors):
    first, second = editors
    seen = _grid_row(first, v2, peserta)
    url = _save_url(v2, peserta)
    assert first.post(url, {**seen, "q3": "300 orang"}, **HX).status_code == 200
    assert second.post(url, {**seen, "q3": "300 orang"}, **HX).status_code == 200
    assert _stored(peserta, 3) == "300 orang"


def test_a_save_without_tokens_overwrites_nothing(v2, peserta, editors, planner):
    first, _second = editors
    services.save_realization(peserta, YEAR, 1, "200 orang", user=planner)
    answer = first.post(_save_url(v2, peserta), {"q1": "999 orang"}, **HX)
    assert answer.status_code == 409 and _stored(peserta, 1) == "200 orang"


def test_without_htmx_a_conflict_shows_the_page_with_the_typed_value_kept(
    v2, peserta, editors, planner
):
    first, second = editors
    seen = _grid_row(second, v2, peserta)
    services.save_realization(peserta, YEAR, 4, "900 orang", user=planner)
    answer = second.post(_save_url(v2, peserta), {**seen, "q4": "950 orang"})
    assert answer.status_code == 409
    html = answer.content.decode()
    assert "«900 orang»" in html and "«950 orang»" in html
    assert row_fields(html, "ind-{}".format(peserta.pk))["q4"] == "950 orang"
    assert _stored(peserta, 4) == "900 orang"


def test_service_of_two_row_saves_from_one_token_exactly_one_is_written(peserta, planner):
    tokens = {q: cell_token(None) for q in (1, 2, 3, 4, YEARLY)}
    first = services.save_realization_row(
        indicator=peserta, year=YEAR, cells={2: "10 orang"}, tokens=tokens, user=planner
    )
    second = services.save_realization_row(
        indicator=peserta, year=YEAR, cells={2: "20 orang"}, tokens=tokens, user=planner
    )
    assert first.cells[2].outcome == SAVED and second.cells[2].outcome == CONFLICT
    assert _stored(peserta, 2) == "10 orang"


def test_the_api_path_may_name_the_figure_it_read(peserta, planner):
    """save_realization keeps last-writer semantics, unless the caller names (If-Match) the
    figure it read: then a figure changed since is refused."""
    entry = services.save_realization(peserta, YEAR, 1, "200 orang", user=planner)
    token = figure_token(entry)
    services.save_realization(peserta, YEAR, 1, "210 orang", user=planner, expected_token=token)
    with pytest.raises(services.CellChanged) as refused:
        services.save_realization(peserta, YEAR, 1, "220 orang", user=planner, expected_token=token)
    assert refused.value.entry.raw_text == "210 orang"
    assert _stored(peserta, 1) == "210 orang"


def test_the_indicator_page_keeps_a_form_made_over_a_changed_figure(v2, peserta, editors, planner):
    """Its form writes the figure with its notes: a note changed by someone else since the
    page was opened is not overwritten unseen either."""
    first, second = editors
    services.save_realization(peserta, YEAR, 2, "250 orang", user=planner, note="awal")
    page = "/versi/{}/pemantauan/{}/indikator/{}/".format(v2.pk, YEAR, peserta.pk)
    html = second.get(page).content.decode()
    token = re.search(
        r'name="quarter" value="2"><input type="hidden" name="token" value="(\w+)"', html
    ).group(1)
    services.save_realization(peserta, YEAR, 2, "250 orang", user=planner, note="dari rapat")
    form = {"action": "save", "quarter": "2", "token": token, "raw": "260 orang", "note": "awal"}
    answer = second.post(page, form)
    assert answer.status_code == 409
    html = answer.content.decode()
    assert "«250 orang»" in html and planner.username in html
    assert 'value="260 orang"' in html  # what was typed stays in the form
    stored = Realization.objects.get(indicator=peserta, year=YEAR, quarter=2)
    assert (stored.raw_text, stored.note) == ("250 orang", "dari rapat")
    fresh = re.search(
        r'name="quarter" value="2"><input type="hidden" name="token" value="(\w+)"', html
    ).group(1)
    assert second.post(page, {**form, "token": fresh}).status_code == 302
    stored.refresh_from_db()
    assert stored.raw_text == "260 orang"


# --- budget ------------------------------------------------------------------------------------


def test_two_editors_save_one_budget_cell_from_one_token_one_wins(v2, editors, planner):
    first, second = editors
    activity = Activity.objects.get(program__version=v2, code="17.02")
    page = "/versi/{}/pemantauan/{}/anggaran/".format(v2.pk, YEAR)
    url = "/versi/{}/pemantauan/{}/anggaran/{}/simpan/".format(v2.pk, YEAR, activity.pk)
    row = "keg-{}".format(activity.pk)
    seen_by_first = row_fields(first.get(page).content.decode(), row)
    seen_by_second = row_fields(second.get(page).content.decode(), row)
    assert seen_by_first == seen_by_second and "t2" in seen_by_first

    assert first.post(url, {**seen_by_first, "q2": "125.000.000"}).status_code == 302
    answer = second.post(url, {**seen_by_second, "q2": "130.000.000"})
    assert answer.status_code == 409
    html = answer.content.decode()
    assert "«125.000.000»" in html and planner.username in html and "«130.000.000»" in html
    again = row_fields(html, row)
    assert again["q2"] == "130.000.000"
    stored = BudgetRealization.objects.get(activity=activity, year=YEAR, quarter=2)
    assert stored.raw_text == "125.000.000"

    assert second.post(url, again).status_code == 302  # seen both: overwrite knowingly
    stored.refresh_from_db()
    assert stored.raw_text == "130.000.000"


# --- at the same time --------------------------------------------------------------------------


def _waiting_for_sqlite(save):
    """Run `save`; on the in-memory SQLite of the tests, again while the other connection holds
    the database. Its shared cache answers 'table is locked' at once where a database file
    waits (busy timeout): the failed attempt rolled back whole, so running it again is what the
    file's wait would have done. PostgreSQL waits on the row lock by itself."""
    for _attempt in range(200):
        try:
            return save()
        except OperationalError as exc:
            if connection.vendor != "sqlite" or "locked" not in str(exc):
                raise
            time.sleep(0.02)
    raise AssertionError("the database stayed locked")


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_once_from_one_token_exactly_one_is_written(make_user):
    """Two threads, each with its own database connection, save the same empty cell from the
    same token at once: the row's lock lets one write; the other meets its figure."""
    if not PlanVersion.objects.filter(plan__agency__short_name="BKPSDM", number=2).exists():
        load_demo()  # a transactional test before this one emptied the database
    version = PlanVersion.objects.get(plan__agency__short_name="BKPSDM", number=2)
    user = make_user("perencana_serentak", "planner", version)
    indicator = Indicator.objects.get(
        version=version, activity__code="17.02", name__istartswith="Jumlah peserta seleksi"
    )
    indicator.version = version
    tokens = {3: cell_token(None)}
    start = threading.Barrier(2)
    results, errors = {}, []

    def save(text):
        try:
            start.wait(timeout=10)
            results[text] = _waiting_for_sqlite(
                lambda: services.save_realization_row(
                    indicator=indicator, year=YEAR, cells={3: text}, tokens=tokens, user=user
                )
            ).cells[3]
        except Exception as exc:  # reported below: a crash is a failure, not a conflict
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(t,)) for t in ("30 orang", "40 orang")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    outcomes = sorted(r.outcome for r in results.values())
    assert outcomes == [CONFLICT, SAVED]
    winner = next(text for text, r in results.items() if r.outcome == SAVED)
    assert _stored(indicator, 3) == winner
    assert UNCHANGED not in outcomes
