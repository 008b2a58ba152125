"""The grid of targets and funding of one program: reading, saving a row, the optimistic lock,
the version lock and who may edit."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renstra.accounts.choices import Role
from renstra.accounts.models import Membership
from renstra.plans.models import Activity, Funding, Indicator, Program, Target
from renstra.plans.services import target_fields
from renstra.render.formats import render_table
from renstra.reports.export import build_table
from tests.growth import grow

YEARS = [2017, 2018, 2019, 2020, 2021]
TUGAS_BELAJAR = ["27 orang", "25 orang", "23 orang", "9 Orang", "15 Orang"]


# --- fixtures and helpers ----------------------------------------------------------------------


def _user(username: str, **membership):
    user = get_user_model().objects.create_user(username, password="rahasia-123")
    if membership:
        Membership.objects.create(user=user, **membership)
    return user


@pytest.fixture
def planner(draft):
    return _user("perencana", role=Role.PLANNER, agency=draft.plan.agency)


@pytest.fixture
def planner_client(client, planner):
    client.force_login(planner)
    return client


def _program_16(version) -> Program:
    return Program.objects.get(version=version, code="16")


def _indicator_1658(version) -> Indicator:
    return Indicator.objects.get(version=version, activity__code="16.58")


def _activity_1658(version) -> Activity:
    return Activity.objects.get(program__version=version, code="16.58")


def _grid_url(version, program) -> str:
    return "/versi/{}/program/{}/grid/".format(version.pk, program.pk)


def _save_url(version) -> str:
    return "/versi/{}/grid/baris/".format(version.pk)


def _row_html(page: str, dom_id: str) -> str:
    match = re.search(r'<tbody id="{}".*?</tbody>'.format(re.escape(dom_id)), page, re.S)
    assert match, dom_id
    return match.group(0)


def _inputs(row_html: str) -> dict[str, str]:
    return dict(re.findall(r'name="(nilai_\d{4}|asal_\d{4}|token)" value="([^"]*)"', row_html))


def _page_row(client, version, dom_id: str) -> dict[str, str]:
    """The row's inputs and token as the page shows them to the person about to edit."""
    response = client.get(_grid_url(version, _program_16(version)))
    assert response.status_code == 200
    return _inputs(_row_html(response.content.decode(), dom_id))


def _target_row_id(version) -> str:
    return "baris-target-indicator-{}".format(_indicator_1658(version).pk)


def _funding_row_id(version) -> str:
    return "baris-funding-activity-{}".format(_activity_1658(version).pk)


def _post_target_row(client, version, values: dict[str, str], token: str):
    data = {"kind": "target", "owner": "indicator", "id": _indicator_1658(version).pk}
    return client.post(_save_url(version), {**data, **values, "token": token})


def _post_funding_row(client, version, values: dict[str, str], token: str):
    data = {"kind": "funding", "owner": "activity", "id": _activity_1658(version).pk}
    return client.post(_save_url(version), {**data, **values, "token": token})


def _targets(version) -> dict[int, str]:
    return dict(
        Target.objects.filter(indicator=_indicator_1658(version)).values_list("year", "raw_text")
    )


def _funding(version) -> dict[int, tuple[str, Decimal]]:
    rows = Funding.objects.filter(activity=_activity_1658(version))
    return {f.year: (f.raw_text, f.amount) for f in rows}


def _with(row: dict[str, str], **years) -> dict[str, str]:
    """The row's year inputs as the browser sends them (typed values, and the values shown when
    the page was rendered), with some years changed: _with(row, y2018="26 orang")."""
    values = {k: v for k, v in row.items() if k != "token"}
    values.update({"nilai_" + k[1:]: v for k, v in years.items()})
    return values


# --- reading -----------------------------------------------------------------------------------


def test_grid_of_the_draft_shows_the_16_58_row_with_an_input_per_year(planner_client, draft):
    response = planner_client.get(_grid_url(draft, _program_16(draft)))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Grid target dan pendanaan" in page
    row = _row_html(page, _target_row_id(draft))
    assert "16.58" in row
    assert "Pemberian bantuan tugas belajar dan ikatan dinas" in row
    assert "Jumlah PNS yang mengikuti program tugas belajar" in row
    inputs = _inputs(row)
    assert [inputs["nilai_{}".format(y)] for y in YEARS] == TUGAS_BELAJAR
    assert re.fullmatch(r"[0-9a-f]{20}", inputs["token"])
    funding = _inputs(_row_html(page, _funding_row_id(draft)))
    assert [funding["nilai_{}".format(y)] for y in YEARS] == [
        "1.047.655.345",
        "681.809.668",
        "1.314.000.000",
        "782.000.000",
        "1.000.000.000",
    ]
    declared = _inputs(_row_html(page, "baris-funding-program-{}".format(_program_16(draft).pk)))
    assert declared["nilai_2017"] == "1.047.655.345"
    assert "renstra/htmx.min.js" in page and "renstra/grid.js" in page
    assert "Hanya baca" not in page


def test_grid_query_count_does_not_grow_with_the_number_of_kegiatan(planner_client, draft):
    program = _program_16(draft)
    url = _grid_url(draft, program)
    rows = planner_client.get(url).content.decode().count('<tbody id="baris-')

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert planner_client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(4):
        activity = Activity.objects.create(
            program=program, code="16.9{}".format(n), name="Kegiatan uji", order=900 + n
        )
        Funding.objects.create(activity=activity, year=2018, raw_text="500", amount=Decimal(500))
        for i in range(2):
            indicator = Indicator.objects.create(
                version=draft, activity=activity, name="Jumlah uji {}".format(i), kind="output"
            )
            Target.objects.create(indicator=indicator, year=2019, **target_fields("1 dokumen"))
    grow(draft, programs=3, goals=1)  # the rest of the plan grows too
    after = count()
    assert before == after == GRID_QUERIES
    # Each new kegiatan brings its two indicator rows and its funding row.
    assert planner_client.get(url).content.decode().count('<tbody id="baris-') == rows + 4 * 3


# Pinned so that a new query on the page is a decision, not an accident: session, user and
# profile (3), the version with its missions (2), the user's memberships (1), the program with
# its indicators, targets, funding, objectives, kegiatan and theirs (9).
GRID_QUERIES = 15


# --- saving ------------------------------------------------------------------------------------


def test_saving_a_target_row_changes_the_target_and_tabel_6_2(planner_client, planner, draft, v2):
    row = _page_row(planner_client, draft, _target_row_id(draft))
    response = _post_target_row(planner_client, draft, _with(row, y2018="26 orang"), row["token"])
    assert response.status_code == 200
    saved = _inputs(response.content.decode())
    assert saved["nilai_2018"] == "26 orang"
    assert saved["token"] != row["token"]
    assert "Tersimpan." in response.content.decode()

    target = Target.objects.get(indicator=_indicator_1658(draft), year=2018)
    assert (target.raw_text, target.kind, target.value, target.unit) == (
        "26 orang",
        "number",
        Decimal(26),
        "orang",
    )
    record = target.history.first()
    assert (record.change_path, record.history_user) == ("halaman", planner)
    assert _targets(draft) == dict(
        zip(YEARS, ["27 orang", "26 orang", *TUGAS_BELAJAR[2:]], strict=True)
    )
    assert _targets(v2) == dict(
        zip(YEARS, TUGAS_BELAJAR, strict=True)
    )  # the approved version is untouched

    body = render_table(build_table(draft, "6.2"), "csv").decode("utf-8")
    rows = {(r["kode"], r["indikator"][:25]): r for r in csv.DictReader(io.StringIO(body))}
    tugas_belajar = rows[("16.58", "Jumlah PNS yang mengikuti")]
    assert [tugas_belajar[str(y)] for y in YEARS] == [
        "27 orang",
        "26 orang",
        *TUGAS_BELAJAR[2:],
    ]


def test_a_stale_token_is_a_conflict_showing_both_values_and_writes_nothing(planner_client, draft):
    row = _page_row(planner_client, draft, _target_row_id(draft))
    # Someone else saves the row after the page was shown.
    other = Target.objects.get(indicator=_indicator_1658(draft), year=2018)
    for name, value in target_fields("24 orang").items():
        setattr(other, name, value)
    other.save()
    history = Target.history.filter(indicator_id=_indicator_1658(draft).pk).count()

    typed = _with(row, y2017="30 orang", y2018="26 orang")
    response = _post_target_row(planner_client, draft, typed, row["token"])
    page = response.content.decode()
    assert response.status_code == 409
    # Only the year the other person changed is named; 2017 is this person's own change.
    assert (
        "Baris ini sudah diubah orang lain: tahun 2018 tersimpan 24 orang, isian Anda 26 orang; "
        "muat ulang baris atau simpan ulang." in page
    )
    assert _targets(draft)[2018] == "24 orang"
    assert Target.history.filter(indicator_id=_indicator_1658(draft).pk).count() == history
    # The row keeps what was typed, carries the current token (so "simpan ulang" can overwrite
    # on purpose) and what is stored (so "muat ulang baris" can take it).
    conflict = _inputs(page)
    assert conflict["nilai_2018"] == "26 orang"
    assert conflict["token"] == _page_row(planner_client, draft, _target_row_id(draft))["token"]
    assert 'data-stored="24 orang"' in page
    assert "is-dirty" in page

    assert _targets(draft)[2017] == "27 orang"

    again = _post_target_row(planner_client, draft, typed, conflict["token"])  # "simpan ulang"
    assert again.status_code == 200
    assert (_targets(draft)[2017], _targets(draft)[2018]) == ("30 orang", "26 orang")


def test_amounts_are_parsed_exactly_and_kept_as_typed(planner_client, draft):
    row = _page_row(planner_client, draft, _funding_row_id(draft))
    response = _post_funding_row(
        planner_client,
        draft,
        _with(row, y2018="1.047.655.345", y2019="711.827.200,00"),
        row["token"],
    )
    assert response.status_code == 200
    funding = _funding(draft)
    assert funding[2018] == ("1.047.655.345", Decimal("1047655345.00"))
    assert funding[2019] == ("711.827.200,00", Decimal("711827200.00"))
    assert funding[2017] == ("1.047.655.345", Decimal("1047655345"))  # untouched
    shown = _inputs(response.content.decode())
    assert (shown["nilai_2018"], shown["nilai_2019"]) == ("1.047.655.345", "711.827.200")


def test_an_amount_that_does_not_parse_is_a_cell_error_and_writes_nothing(planner_client, draft):
    before = _funding(draft)
    row = _page_row(planner_client, draft, _funding_row_id(draft))
    response = _post_funding_row(
        planner_client, draft, _with(row, y2018="5.000.000", y2019="12a"), row["token"]
    )
    page = response.content.decode()
    assert response.status_code == 422
    cell = re.search(r'<td class="cell num has-error">.*?</td>', page, re.S).group(0)
    assert 'name="nilai_2019" value="12a"' in cell
    assert "&#x27;12a&#x27; bukan angka yang dikenali" in cell
    assert "Baris belum disimpan: perbaiki sel yang ditandai." in page
    assert _funding(draft) == before


def test_an_empty_cell_deletes_the_target_of_that_year(planner_client, draft):
    row = _page_row(planner_client, draft, _target_row_id(draft))
    response = _post_target_row(planner_client, draft, _with(row, y2021=""), row["token"])
    assert response.status_code == 200
    assert _targets(draft) == dict(zip(YEARS[:4], TUGAS_BELAJAR[:4], strict=True))
    assert not Target.objects.filter(indicator=_indicator_1658(draft), year=2021).exists()


def test_a_row_of_another_version_is_not_found(planner_client, draft, v2):
    response = planner_client.post(
        _save_url(draft),
        {
            "kind": "target",
            "owner": "indicator",
            "id": _indicator_1658(v2).pk,
            "nilai_2018": "26 orang",
            "token": "x",
        },
    )
    assert response.status_code == 404
    assert _targets(v2)[2018] == "25 orang"
    assert planner_client.get(_grid_url(draft, _program_16(v2))).status_code == 404


# --- who may edit ------------------------------------------------------------------------------


def test_the_approved_version_is_read_only_and_refuses_saves(planner_client, v2):
    page = planner_client.get(_grid_url(v2, _program_16(v2))).content.decode()
    assert "Hanya baca" in page
    assert "berstatus &#x27;Ditetapkan&#x27;" in page
    assert 'class="grid-cell' not in page
    assert "27 orang" in page

    response = _post_target_row(planner_client, v2, {"nilai_2018": "26 orang"}, "x")
    assert response.status_code == 403
    assert "Anda tidak berhak mengubah versi ini" in response.content.decode()
    assert response["HX-Retarget"] == "#grid-message"
    assert _targets(v2) == dict(zip(YEARS, TUGAS_BELAJAR, strict=True))


def test_even_a_superuser_cannot_write_into_the_approved_version(client, v2):
    client.force_login(
        get_user_model().objects.create_superuser("admin-uji", password="rahasia-123")
    )
    row = {"nilai_{}".format(y): v for y, v in zip(YEARS, TUGAS_BELAJAR, strict=True)}
    response = _post_target_row(client, v2, {**row, "nilai_2018": "26 orang"}, "x")
    assert response.status_code == 403
    assert (
        "berstatus &#x27;Ditetapkan&#x27; sehingga tidak dapat diubah" in response.content.decode()
    )
    assert _targets(v2) == dict(zip(YEARS, TUGAS_BELAJAR, strict=True))


def test_an_anonymous_user_does_not_see_a_non_public_draft(client, draft):
    assert not draft.is_public
    assert client.get(_grid_url(draft, _program_16(draft))).status_code == 404
    response = _post_target_row(client, draft, {"nilai_2018": "26 orang"}, "x")
    assert response.status_code == 404
    assert _targets(draft)[2018] == "25 orang"


def test_a_user_without_membership_cannot_edit(client, draft, v2):
    client.force_login(_user("tamu"))
    assert client.get(_grid_url(draft, _program_16(draft))).status_code == 404
    assert _post_target_row(client, draft, {"nilai_2018": "26 orang"}, "x").status_code == 404
    public = client.get(_grid_url(v2, _program_16(v2))).content.decode()
    assert "Hanya baca" in public and 'class="grid-cell' not in public
    assert _post_target_row(client, v2, {"nilai_2018": "26 orang"}, "x").status_code == 403
    assert _targets(draft)[2018] == _targets(v2)[2018] == "25 orang"


def test_a_verifier_reads_the_draft_but_cannot_edit_it(client, draft):
    client.force_login(_user("verifikator", role=Role.VERIFIER, region=draft.plan.agency.region))
    page = client.get(_grid_url(draft, _program_16(draft))).content.decode()
    assert "Hanya baca: Anda tidak berhak mengubah versi ini" in page
    assert 'class="grid-cell' not in page
    response = _post_target_row(client, draft, {"nilai_2018": "26 orang"}, "x")
    assert response.status_code == 403
    assert _targets(draft)[2018] == "25 orang"


def test_a_planner_of_another_agency_cannot_edit(client, draft):
    other = type(draft.plan.agency).objects.create(
        region=draft.plan.agency.region, name="Dinas Uji", short_name="DU"
    )
    client.force_login(_user("perencana-lain", role=Role.PLANNER, agency=other))
    assert client.get(_grid_url(draft, _program_16(draft))).status_code == 404
    assert _post_target_row(client, draft, {"nilai_2018": "26 orang"}, "x").status_code == 404
    assert _targets(draft)[2018] == "25 orang"
