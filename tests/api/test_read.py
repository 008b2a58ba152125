"""Reading through the API: the same visibility as the pages for every role, the cascade,
indicators with targets, funding as exact decimal strings, findings, and pagination."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renstra.checks.report import check_version
from renstra.monitoring.services import save_realization
from renstra.plans.models import Funding, Goal, Indicator, Objective, PlanVersion, Program, Target
from tests.api.conftest import ROLES

READ = {
    "anonim": 404,
    "perencana": 200,
    "kepala": 200,
    "verifikator": 200,
    "auditor": 200,
    "admin": 200,
    "perencana_lain": 404,
}
# The approved, public version in force: everyone reads the plan, only the agency's readers
# (and Bappeda, Inspektorat, admin) its monitoring; the version itself is not hidden (403).
PUBLIC_READ = dict.fromkeys(ROLES, 200)
MONITOR = {**READ, "anonim": 403, "perencana_lain": 403}
PLAN_PATHS = ("", "/cascade", "/indicators", "/funding", "/findings")
MONITOR_PATHS = ("/realization?year=2018", "/evaluation?year=2018")


def _answers(api, tokens, path) -> dict[str, int]:
    return {role: api.get(path, tokens[role]).status_code for role in ROLES}


def _table(api, tokens, version, suffixes) -> dict[str, dict[str, int]]:
    """path -> role -> status (one draft for all paths: making it is the slow part)."""
    return {
        suffix: _answers(api, tokens, "/api/versions/{}{}".format(version.pk, suffix))
        for suffix in suffixes
    }


def test_a_draft_is_read_only_by_its_agency_bappeda_inspektorat_and_admin(api, tokens, draft):
    paths = PLAN_PATHS + MONITOR_PATHS
    assert _table(api, tokens, draft, paths) == dict.fromkeys(paths, READ)


def test_the_public_version_is_read_by_everyone_its_monitoring_by_its_readers(api, tokens, v2):
    assert _table(api, tokens, v2, PLAN_PATHS + MONITOR_PATHS) == {
        **dict.fromkeys(PLAN_PATHS, PUBLIC_READ),
        **dict.fromkeys(MONITOR_PATHS, MONITOR),
    }


def test_hidden_and_missing_versions_answer_alike_in_indonesian(api, tokens, draft):
    hidden = api.get("/api/versions/{}".format(draft.pk))
    missing = api.get("/api/versions/999999", tokens["admin"])
    assert hidden.json() == missing.json() == {"detail": "Versi Renstra tidak ditemukan."}


def test_monitoring_refused_to_the_public_says_why(api, v2):
    response = api.get("/api/versions/{}/evaluation".format(v2.pk))
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Pemantauan dan evaluasi hanya dapat dilihat oleh pengguna yang masuk dan "
        "berhak atas Renstra ini."
    }


def test_plans_lists_the_versions_each_caller_may_read(api, tokens, v1, v2, draft):
    rpjmd = PlanVersion.objects.get(plan__kind="rpjmd")  # the demo's example RPJMD, public

    def ids(role):
        body = api.get("/api/plans", tokens[role]).json()
        assert body["count"] == len(body["items"])
        found = [item["id"] for item in body["items"]]
        assert rpjmd.pk in found
        return [pk for pk in found if pk != rpjmd.pk]

    assert ids("anonim") == [v1.pk, v2.pk]
    assert ids("perencana_lain") == [v1.pk, v2.pk]
    assert ids("perencana") == [v1.pk, v2.pk, draft.pk]
    assert ids("verifikator") == [v1.pk, v2.pk, draft.pk]
    first = next(i for i in api.get("/api/plans").json()["items"] if i["id"] == v2.pk)
    assert first | {"created_at": None} == {
        "id": v2.pk,
        "plan_id": v2.plan_id,
        "title": v2.plan.title,
        "kind": "renstra",
        "region": "Kota Bontang",
        "agency": "BKPSDM",
        "agency_name": v2.plan.agency.name,
        "period_start": 2016,
        "period_end": 2021,
        "baseline_year": 2016,
        "number": 2,
        "label": v2.label,
        "status": "approved",
        "status_label": "Ditetapkan",
        "is_public": True,
        "revises_id": v1.pk,
        "created_at": None,
    }


def test_a_version_tells_what_the_caller_may_do(api, tokens, v2, draft):
    def allowed(role, version):
        return api.get("/api/versions/{}".format(version.pk), tokens[role]).json()["allowed"]

    assert allowed("perencana", draft) == {
        "edit": True,
        "view_monitoring": True,
        "enter_realization": False,
    }
    assert allowed("perencana", v2) == {
        "edit": False,
        "view_monitoring": True,
        "enter_realization": True,
    }
    assert allowed("anonim", v2) == {
        "edit": False,
        "view_monitoring": False,
        "enter_realization": False,
    }
    detail = api.get("/api/versions/{}".format(v2.pk)).json()
    assert detail["target_years"] == [2017, 2018, 2019, 2020, 2021]
    assert detail["code_scheme"] == "pmdn13"


def test_the_cascade_follows_the_document_with_codes_and_indicators(api, v2):
    body = api.get("/api/versions/{}/cascade".format(v2.pk)).json()
    goals = list(Goal.objects.filter(version=v2).order_by("order", "pk"))
    assert [g["id"] for g in body["goals"]] == [g.pk for g in goals]
    objectives = Objective.objects.filter(goal__version=v2).order_by("order", "pk")
    assert [o["id"] for g in body["goals"] for o in g["objectives"]] == [o.pk for o in objectives]
    programs = list(Program.objects.filter(version=v2).order_by("order", "pk"))
    assert [p["code"] for p in body["programs"]] == [p.code for p in programs]
    assert [p["code"] for p in body["programs"]][:4] == ["05", "16", "48", "17"]
    program_17 = next(p for p in body["programs"] if p["code"] == "17")
    activity = next(a for a in program_17["activities"] if a["code"] == "17.02")
    assert [(i["name"], i["unit"]) for i in activity["indicators"]] == [
        ("Jumlah peserta seleksi penerimaan CPNS", "orang")
    ]
    indicator = activity["indicators"][0]
    assert indicator["owner"] == {
        "kind": "activity",
        "id": activity["id"],
        "code": "17.02",
        "name": activity["name"],
    }
    assert [(t["year"], t["raw_text"], t["kind"], t["value"]) for t in indicator["targets"]] == [
        (2018, "1000 orang", "number", "1000")
    ]
    counted = sum(
        len(i)
        for i in (
            [x for g in body["goals"] for x in g["indicators"]],
            [x for g in body["goals"] for o in g["objectives"] for x in o["indicators"]],
            [x for p in body["programs"] for x in p["indicators"]],
            [x for p in body["programs"] for a in p["activities"] for x in a["indicators"]],
        )
    )
    assert counted == Indicator.objects.filter(version=v2).count()


def test_indicators_carry_targets_as_printed_and_as_exact_decimals(api, v2):
    body = api.get("/api/versions/{}/indicators?limit=500".format(v2.pk)).json()
    assert body["count"] == Indicator.objects.filter(version=v2).count() == len(body["items"])
    by_id = {i["id"]: i for i in body["items"]}
    for target in Target.objects.filter(indicator__version=v2, kind="percent")[:3]:
        shown = next(t for t in by_id[target.indicator_id]["targets"] if t["year"] == target.year)
        assert shown["raw_text"] == target.raw_text
        assert Decimal(shown["value"]) == target.value
        assert shown["kind"] == "percent"
    composite = Target.objects.filter(
        indicator__version=v2, raw_text="11 unit kendaraan roda dua dan 5 unit kendaraan roda empat"
    ).first()
    shown = next(t for t in by_id[composite.indicator_id]["targets"] if t["year"] == composite.year)
    assert shown["components"] == [
        {"value": "11", "unit": "unit kendaraan roda dua"},
        {"value": "5", "unit": "unit kendaraan roda empat"},
    ]
    assert shown["value"] is None


def test_funding_amounts_are_exact_strings_beside_the_printed_text(api, v2):
    body = api.get("/api/versions/{}/funding?limit=500".format(v2.pk)).json()
    rows = (
        Funding.objects.filter(program__version=v2).count()
        + Funding.objects.filter(activity__program__version=v2).count()
    )
    assert body["count"] == rows == len(body["items"])
    row = next(
        f
        for f in body["items"]
        if f["owner"]["code"] == "17.02" and f["owner"]["kind"] == "activity"
    )
    assert (row["year"], row["raw_text"], row["amount"]) == (2018, "364.540.000", "364540000.00")
    assert all(isinstance(f["amount"], str | None) for f in body["items"])


def test_pagination_pages_through_with_limit_and_offset(api, v2):
    url = "/api/versions/{}/indicators".format(v2.pk)
    everything = [i["id"] for i in api.get(url + "?limit=500").json()["items"]]
    total = len(everything)
    assert api.get(url).json()["count"] == total
    assert len(api.get(url).json()["items"]) == 50  # the default page
    pages = []
    for offset in range(0, total, 20):
        page = api.get(url + "?limit=20&offset={}".format(offset)).json()
        assert page["count"] == total
        pages += [i["id"] for i in page["items"]]
    assert pages == everything
    assert api.get(url + "?offset={}".format(total)).json() == {"items": [], "count": total}


def test_a_page_larger_than_allowed_is_refused_in_indonesian(api, v2):
    response = api.get("/api/versions/{}/indicators?limit=501".format(v2.pk))
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Permintaan tidak valid: limit: paling besar 500."
    assert body["errors"] == [
        {"loc": ["query", "limit"], "msg": "paling besar 500", "type": "less_than_equal"}
    ]


def test_findings_are_the_checkers_with_their_place(api, v2):
    checked = check_version(v2)
    body = api.get("/api/versions/{}/findings".format(v2.pk)).json()
    assert (body["count"], body["open"]) == (len(checked.findings), len(checked.open))
    assert [f["key"] for f in body["findings"]] == [f.key for f in checked.findings]
    first, finding = body["findings"][0], checked.findings[0]
    assert (first["rule"], first["severity"], first["message"]) == (
        finding.rule,
        finding.severity.value,
        finding.message,
    )
    assert first["location"]["table"] == finding.location.table
    assert first["acknowledged"] is None


def test_realization_and_evaluation_read_back_what_was_entered(api, tokens, users, v2):
    indicator = Indicator.objects.get(version=v2, activity__code="17.02")
    save_realization(indicator, 2018, 1, "200 orang", user=users["perencana"])
    save_realization(indicator, 2018, 2, "250", user=users["perencana"])
    body = api.get("/api/versions/{}/realization?year=2018".format(v2.pk), tokens["auditor"]).json()
    assert body["count"] == 2
    assert [
        (r["indicator_id"], r["quarter"], r["raw_text"], r["value"], r["entered_by"])
        for r in body["items"]
    ] == [
        (indicator.pk, 1, "200 orang", "200", "perencana"),
        (indicator.pk, 2, "250", "250", "perencana"),
    ]
    other_year = api.get("/api/versions/{}/realization?year=2019".format(v2.pk), tokens["kepala"])
    assert other_year.json() == {"items": [], "count": 0}

    evaluation = api.get("/api/versions/{}/evaluation?year=2018".format(v2.pk), tokens["kepala"])
    record = next(r for r in evaluation.json()["indicators"] if r["indikator_id"] == indicator.pk)
    assert (record["target"], record["realisasi_triwulan"], record["realisasi"]) == (
        "1000 orang",
        {"1": "200 orang", "2": "250"},
        "450 orang",
    )
    assert record["capaian"] == 45.0


def test_a_year_outside_the_plan_is_refused_in_indonesian(api, tokens, v2):
    response = api.get("/api/versions/{}/evaluation?year=2030".format(v2.pk), tokens["auditor"])
    assert response.status_code == 422
    assert response.json() == {"detail": "Tahun 2030 di luar tahun target Renstra (2017–2021)."}


def test_the_spec_and_its_documentation_are_served(client):
    spec = client.get("/api/openapi.json")
    assert spec.status_code == 200
    schema = spec.json()
    assert schema["info"]["title"] == "Renstra API"
    assert schema["components"]["securitySchemes"] == {
        "TokenAuth": {"type": "http", "scheme": "bearer"}
    }
    operations = {
        (method.upper(), path) for path, item in schema["paths"].items() for method in item
    }
    assert operations == {
        ("GET", "/api/plans"),
        ("GET", "/api/versions/{version_id}"),
        ("GET", "/api/versions/{version_id}/cascade"),
        ("GET", "/api/versions/{version_id}/indicators"),
        ("GET", "/api/versions/{version_id}/funding"),
        ("GET", "/api/versions/{version_id}/findings"),
        ("GET", "/api/versions/{version_id}/realization"),
        ("GET", "/api/versions/{version_id}/evaluation"),
        ("PUT", "/api/versions/{version_id}/indicators/{indicator_id}/targets/{year}"),
        (
            "PUT",
            "/api/versions/{version_id}/indicators/{indicator_id}/realization/{year}/{quarter}",
        ),
        ("GET", "/api/agreements/{agreement_id}"),
        ("PUT", "/api/agreements/{agreement_id}/targets/{target_id}"),
        ("PUT", "/api/agreements/{agreement_id}/budgets/{budget_id}"),
        ("GET", "/api/agencies/{agency_id}/organization"),
    }
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert b"/static/ninja/swagger-ui-bundle.js" in docs.content  # served locally, no CDN


@pytest.mark.parametrize("suffix", ["/cascade", "/indicators?limit=500", "/funding?limit=500", ""])
def test_reads_cost_the_same_queries_for_a_small_and_a_large_version(api, v1, v2, suffix):
    """Version 1 has 103 indicators and no funding, version 2 has 93 indicators and 298 funding
    rows: the number of queries follows neither."""

    def queries(version):
        with CaptureQueriesContext(connection) as captured:
            response = api.get("/api/versions/{}{}".format(version.pk, suffix))
        assert response.status_code == 200
        return len(captured)

    assert queries(v1) == queries(v2)
