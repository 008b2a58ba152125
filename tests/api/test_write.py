"""Writing through the API: a target on the draft through the grid's service (parsing, history,
the version lock), a realization on the version in force through the monitoring service; who
may, and what a refusal says."""

from decimal import Decimal

import pytest

from renstra.monitoring.models import Realization
from renstra.plans.models import Indicator, PlanVersion, Target
from tests.api.conftest import ROLES

TUGAS_BELAJAR = {2017: "27 orang", 2018: "25 orang", 2019: "23 orang", 2020: "9 Orang"}
EDIT = {
    "anonim": 404,
    "perencana": 200,
    "kepala": 403,
    "verifikator": 403,
    "auditor": 403,
    "admin": 200,
    "perencana_lain": 404,
}
ENTER = {
    "anonim": 403,
    "perencana": 200,
    "kepala": 200,
    "verifikator": 403,
    "auditor": 403,
    "admin": 200,
    "perencana_lain": 403,
}


def _tugas_belajar(version) -> Indicator:
    return Indicator.objects.get(version=version, activity__code="16.58")


def _target_url(version, indicator, year) -> str:
    return "/api/versions/{}/indicators/{}/targets/{}".format(version.pk, indicator.pk, year)


def _realization_url(version, indicator, year, quarter) -> str:
    return "/api/versions/{}/indicators/{}/realization/{}/{}".format(
        version.pk, indicator.pk, year, quarter
    )


def _targets(indicator) -> dict[int, str]:
    return dict(Target.objects.filter(indicator=indicator).values_list("year", "raw_text"))


# --- targets -----------------------------------------------------------------------------------


def test_a_planner_writes_a_target_on_the_draft_and_reads_it_back(api, tokens, users, draft, v2):
    indicator = _tugas_belajar(draft)
    response = api.put(
        _target_url(draft, indicator, 2018), {"raw_text": "26 orang"}, tokens["perencana"]
    )
    assert response.status_code == 200
    assert response.json() == {
        "indicator_id": indicator.pk,
        "year": 2018,
        "outcome": "saved",
        "message": "Tersimpan.",
        "target": {
            "year": 2018,
            "raw_text": "26 orang",
            "kind": "number",
            "value": "26",
            "unit": "orang",
            "grade": "",
            "components": [],
        },
    }
    target = Target.objects.get(indicator=indicator, year=2018)
    assert (target.value, target.unit) == (Decimal(26), "orang")
    record = target.history.first()
    assert (record.change_path, record.history_user) == ("api", users["perencana"])
    assert _targets(_tugas_belajar(v2))[2018] == "25 orang"  # the approved version is untouched

    listed = api.get(
        "/api/versions/{}/indicators?limit=500".format(draft.pk), tokens["perencana"]
    ).json()
    shown = next(i for i in listed["items"] if i["id"] == indicator.pk)
    assert {t["year"]: t["raw_text"] for t in shown["targets"]} == {
        **TUGAS_BELAJAR,
        2018: "26 orang",
        2021: "15 Orang",
    }


def test_the_same_value_again_is_unchanged_and_an_empty_text_deletes_the_year(api, tokens, draft):
    indicator = _tugas_belajar(draft)
    url = _target_url(draft, indicator, 2019)
    again = api.put(url, {"raw_text": " 23 orang "}, tokens["perencana"]).json()
    assert (again["outcome"], again["message"]) == ("unchanged", "Tidak ada perubahan.")
    deleted = api.put(url, {"raw_text": ""}, tokens["admin"]).json()
    assert (deleted["outcome"], deleted["target"]) == ("saved", None)
    assert 2019 not in _targets(indicator)


def test_who_may_write_a_target_on_the_draft(api, tokens, draft):
    indicator = _tugas_belajar(draft)
    before = _targets(indicator)
    answers = {}
    for role in ROLES:
        response = api.put(
            _target_url(draft, indicator, 2020), {"raw_text": "10 orang"}, tokens[role]
        )
        answers[role] = response.status_code
        Target.objects.filter(indicator=indicator, year=2020).update(raw_text="9 Orang")
    assert answers == EDIT
    assert _targets(indicator) == before


def test_a_refused_head_is_told_why_in_indonesian(api, tokens, draft):
    response = api.put(
        _target_url(draft, _tugas_belajar(draft), 2018), {"raw_text": "1"}, tokens["kepala"]
    )
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Anda tidak berhak mengubah versi ini: hanya perencana Perangkat Daerahnya yang "
        "dapat mengubah versi berstatus Draf atau Dikembalikan."
    }


def test_the_approved_version_refuses_a_target_and_says_it_is_locked(api, tokens, v2):
    indicator = _tugas_belajar(v2)
    response = api.put(_target_url(v2, indicator, 2018), {"raw_text": "1 orang"}, tokens["admin"])
    assert response.status_code == 403
    assert response.json()["detail"].startswith(
        "Versi ini berstatus 'Ditetapkan' sehingga target dan pendanaannya hanya dapat dibaca."
    )
    assert _targets(indicator)[2018] == "25 orang"


def test_a_version_locked_while_writing_is_a_409_and_nothing_is_written(
    api, tokens, draft, monkeypatch
):
    """The permission was checked on the version as read; the version was submitted before the
    write: the lock in the service refuses it."""
    import renstra.api.plans as api_plans

    stale = PlanVersion.objects.get(pk=draft.pk)
    PlanVersion.objects.filter(pk=draft.pk).update(status="submitted")
    monkeypatch.setattr(api_plans, "version_for", lambda request, version_id, action: stale)
    indicator = _tugas_belajar(draft)
    response = api.put(_target_url(draft, indicator, 2018), {"raw_text": "1"}, tokens["perencana"])
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Versi Renstra ini berstatus 'Diajukan'")
    assert _targets(indicator)[2018] == "25 orang"


def test_a_row_changed_meanwhile_is_a_409_conflict(api, tokens, draft, monkeypatch):
    from renstra.plans import grid

    rows = grid.program_rows

    def stale_rows(program, years):
        shown = rows(program, years)
        for row in shown:
            row.token = "usang"
        return shown

    monkeypatch.setattr(grid, "program_rows", stale_rows)
    indicator = _tugas_belajar(draft)
    response = api.put(_target_url(draft, indicator, 2018), {"raw_text": "1"}, tokens["perencana"])
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Baris ini sudah diubah orang lain: tahun 2018")
    assert _targets(indicator)[2018] == "25 orang"


def test_a_target_the_database_cannot_hold_is_422_and_writes_nothing(api, tokens, draft):
    indicator = _tugas_belajar(draft)
    response = api.put(
        _target_url(draft, indicator, 2018), {"raw_text": "1" * 25}, tokens["perencana"]
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Target tahun 2018 belum disimpan: Nilai: ")
    assert _targets(indicator)[2018] == "25 orang"


@pytest.mark.parametrize(
    ("year", "body", "detail"),
    [
        (2030, {"raw_text": "1"}, "Tahun 2030 di luar tahun target Renstra (2017–2021)."),
        (
            2018,
            {"raw_text": "x" * 301},
            "Permintaan tidak valid: raw_text: terlalu panjang (paling banyak 300 karakter).",
        ),
        (2018, {}, "Permintaan tidak valid: raw_text: wajib diisi."),
        (
            2018,
            {"raw_text": "1\x00"},
            "Permintaan tidak valid: raw_text: Teks tidak boleh memuat karakter NUL.",
        ),
    ],
)
def test_an_invalid_target_request_is_422_in_indonesian(api, tokens, draft, year, body, detail):
    indicator = _tugas_belajar(draft)
    response = api.put(_target_url(draft, indicator, year), body, tokens["perencana"])
    assert (response.status_code, response.json()["detail"]) == (422, detail)
    assert _targets(indicator)[2018] == "25 orang"


def test_goal_indicator_targets_are_not_written_through_the_api(api, tokens, draft):
    indicator = Indicator.objects.filter(version=draft, goal__isnull=False).first()
    indicator = (
        indicator or Indicator.objects.filter(version=draft, objective__isnull=False).first()
    )
    response = api.put(_target_url(draft, indicator, 2018), {"raw_text": "1"}, tokens["admin"])
    assert response.status_code == 422
    assert response.json()["detail"].startswith(
        "Target indikator tujuan, sasaran atau sub kegiatan"
    )


def test_an_indicator_of_another_version_is_not_found(api, tokens, draft, v2):
    response = api.put(
        _target_url(draft, _tugas_belajar(v2), 2018), {"raw_text": "1"}, tokens["perencana"]
    )
    assert response.status_code == 404
    assert response.json() == {"detail": "Indikator tidak ditemukan pada versi ini."}


def test_a_body_that_is_not_json_is_400_in_indonesian(api, tokens, draft):
    url = _target_url(draft, _tugas_belajar(draft), 2018)
    response = api.client.put(
        url,
        "{bukan json",
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer " + tokens["perencana"],
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Isi permintaan tidak dapat dibaca: kirim JSON yang sah."}


# --- realization -------------------------------------------------------------------------------


def _cpns(version) -> Indicator:
    return Indicator.objects.get(version=version, activity__code="17.02")


def test_a_planner_enters_realization_on_the_version_in_force_and_reads_it_back(
    api, tokens, users, v2
):
    indicator = _cpns(v2)
    response = api.put(
        _realization_url(v2, indicator, 2018, 1),
        {"value": "200 orang", "note": "dari BKN"},
        tokens["perencana"],
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["indicator_id"], body["year"], body["quarter"]) == (indicator.pk, 2018, 1)
    assert {k: body["realization"][k] for k in ("raw_text", "value", "unit", "status", "note")} == {
        "raw_text": "200 orang",
        "value": "200",
        "unit": "orang",
        "status": "draft",
        "note": "dari BKN",
    }
    assert body["realization"]["entered_by"] == "perencana"
    assert body["achievement"] == 20.0  # 200 of 1000 orang so far
    assert body["predicate"] == "Sangat Rendah"
    entry = Realization.objects.get(indicator=indicator, year=2018, quarter=1)
    assert entry.history.first().history_user == users["perencana"]

    listed = api.get(
        "/api/versions/{}/realization?year=2018".format(v2.pk), tokens["verifikator"]
    ).json()
    assert [(r["indicator_id"], r["quarter"], r["raw_text"]) for r in listed["items"]] == [
        (indicator.pk, 1, "200 orang")
    ]
    evaluation = api.get(
        "/api/versions/{}/evaluation?year=2018".format(v2.pk), tokens["auditor"]
    ).json()
    record = next(r for r in evaluation["indicators"] if r["indikator_id"] == indicator.pk)
    assert (record["realisasi_triwulan"], record["capaian"]) == ({"1": "200 orang"}, 20.0)


def test_an_empty_value_clears_the_realization(api, tokens, v2):
    indicator = _cpns(v2)
    url = _realization_url(v2, indicator, 2018, 0)
    assert api.put(url, {"value": "900"}, tokens["kepala"]).status_code == 200
    cleared = api.put(url, {"value": ""}, tokens["kepala"]).json()
    assert (cleared["realization"], cleared["achievement"]) == (None, None)
    assert not Realization.objects.filter(indicator=indicator).exists()


def test_who_may_enter_realization(api, tokens, v2):
    indicator = _cpns(v2)
    answers = {}
    for role in ROLES:
        response = api.put(_realization_url(v2, indicator, 2018, 2), {"value": "5"}, tokens[role])
        answers[role] = response.status_code
        Realization.objects.filter(indicator=indicator).delete()
    assert answers == ENTER


def test_realization_is_not_entered_on_a_draft(api, tokens, draft):
    response = api.put(
        _realization_url(draft, _cpns(draft), 2018, 1), {"value": "5"}, tokens["perencana"]
    )
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Realisasi hanya dapat diisi oleh perencana")


@pytest.mark.parametrize(
    ("year", "quarter", "value", "status", "detail"),
    [
        (
            2018,
            1,
            "-",
            422,
            "'-' bukan nilai realisasi. Kosongkan sel bila belum ada realisasi.",
        ),
        (2018, 1, "banyak", 422, "'banyak' tidak dapat dibaca sebagai angka."),
        (2030, 1, "5", 422, "Tahun 2030 di luar tahun target Renstra (2017–2021)."),
        (
            2018,
            1,
            "1" * 21,
            422,
            "Realisasi '{}' terlalu besar untuk disimpan: paling banyak 20 angka sebelum "
            "koma.".format("1" * 21),
        ),
        (
            2018,
            1,
            "5 " + "x" * 101,
            422,
            "Satuan pada realisasi '5 {}' terlalu panjang (paling banyak 100 karakter).".format(
                "x" * 101
            ),
        ),
        (2018, 5, "5", 422, "Permintaan tidak valid: quarter: paling besar 4."),
    ],
)
def test_refused_realization_is_422_with_the_services_message(
    api, tokens, v2, year, quarter, value, status, detail
):
    indicator = _cpns(v2)
    response = api.put(
        _realization_url(v2, indicator, year, quarter), {"value": value}, tokens["perencana"]
    )
    assert response.status_code == status
    assert response.json()["detail"].startswith(detail)
    assert not Realization.objects.filter(indicator=indicator).exists()


def test_an_approved_figure_cannot_be_changed_through_the_api(api, tokens, users, v2):
    from renstra.monitoring.services import decide, save_realization, submit

    indicator = _cpns(v2)
    entry = save_realization(indicator, 2018, 0, "1000 orang", user=users["perencana"])
    submit([entry], user=users["perencana"])
    decide(entry, user=users["kepala"], approve=True)
    response = api.put(_realization_url(v2, indicator, 2018, 0), {"value": "1"}, tokens["admin"])
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Realisasi Tahunan 2018 sudah disetujui: tidak dapat diubah lagi."
    }
    assert Realization.objects.get(pk=entry.pk).raw_text == "1000 orang"


def test_a_token_needs_no_csrf_token(users, tokens, v2):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.put(
        _realization_url(v2, _cpns(v2), 2018, 3),
        '{"value": "300 orang"}',
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer " + tokens["kepala"],
    )
    assert response.status_code == 200
    assert response.json()["realization"]["entered_by"] == "kepala"


def test_if_match_stops_a_stale_realization_save_with_both_values(api, tokens, v2):
    indicator = _cpns(v2)
    url = _realization_url(v2, indicator, 2018, 1)
    first = api.put(url, {"value": "100 orang"}, tokens["perencana"])
    token = first.json()["token"]
    assert first["ETag"] == '"{}"'.format(token)
    listed = api.get("/api/versions/{}/realization?year=2018".format(v2.pk), tokens["kepala"])
    assert listed.json()["items"][0]["token"] == token  # what a reader sends back

    # Two clients read the same figure; the first to save wins ...
    won = api.put(url, {"value": "150 orang"}, tokens["kepala"], HTTP_IF_MATCH='"{}"'.format(token))
    assert won.status_code == 200 and won.json()["realization"]["raw_text"] == "150 orang"
    # ... the second gets 412 with the figure stored now, and its own value is not written.
    lost = api.put(url, {"value": "120 orang"}, tokens["perencana"], HTTP_IF_MATCH=token)
    assert lost.status_code == 412
    body = lost.json()
    assert "sudah diubah orang lain" in body["detail"] and "150 orang" in body["detail"]
    assert body["current"]["raw_text"] == "150 orang"
    assert body["token"] == won.json()["token"] == lost["ETag"].strip('"')
    assert (
        Realization.objects.get(indicator=indicator, year=2018, quarter=1).raw_text == "150 orang"
    )
    # With the new token (or without If-Match) the save goes through.
    again = api.put(url, {"value": "120 orang"}, tokens["perencana"], HTTP_IF_MATCH=body["token"])
    assert again.status_code == 200
    # A cell that is still empty has a token too: a stale one against a stored figure is refused.
    empty = api.put(
        _realization_url(v2, indicator, 2018, 2),
        {"value": "1"},
        tokens["perencana"],
        HTTP_IF_MATCH='W/"{}"'.format(token),
    )
    assert empty.status_code == 412 and empty.json()["current"] is None
