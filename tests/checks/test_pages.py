"""The findings page, its filters, its export and acknowledging a finding."""

import csv
import io

from renstra.checks.models import Acknowledgement
from renstra.render.formats import render_table
from renstra.reports.export import build_table


def test_findings_page_groups_by_severity_and_rule(client, v2):
    page = client.get("/versi/{}/temuan/".format(v2.pk)).content.decode()
    assert "Satu kode untuk dua butir berbeda" in page
    assert "Kode 17.85 dipakai untuk 2 kegiatan berbeda" in page
    assert page.index("Galat</span> Satu kode") < page.index(
        "Peringatan</span> Tujuan tanpa indikator"
    )
    assert 'href="/versi/{}/#kegiatan-'.format(v2.pk) in page  # each finding links to its item


def test_filters_by_severity_rule_and_table(client, v2):
    errors = client.get("/versi/{}/temuan/?tingkat=error".format(v2.pk)).content.decode()
    assert errors.count("<li data-rule=") == 11
    assert "Peringatan</span> Tujuan tanpa indikator" not in errors
    duplicates = client.get(
        "/versi/{}/temuan/?aturan=duplicate_code".format(v2.pk)
    ).content.decode()
    assert duplicates.count("<li data-rule=") == 2
    in_51 = client.get("/versi/{}/temuan/?tabel=5.1".format(v2.pk)).content.decode()
    assert in_51.count("<li data-rule=") == 2


def test_findings_table_exports_every_finding(v2):
    rows = list(
        csv.DictReader(io.StringIO(render_table(build_table(v2, "temuan"), "csv").decode()))
    )
    assert [r["tingkat"] for r in rows[:11]] == ["Galat"] * 11
    assert {r["status"] for r in rows} == {"Terbuka"}
    assert rows[0]["aturan"] == "Satu kode untuk dua butir berbeda"


def test_anonymous_cannot_acknowledge(client, v2):
    response = client.post("/versi/{}/temuan/akui/".format(v2.pk), {"key": "x", "reason": "y"})
    assert response.status_code == 403
    assert Acknowledgement.objects.count() == 0


def test_verifier_acknowledges_with_a_reason_and_it_stays_listed_apart(client, v2, make_user):
    planner = make_user("perencana-uji", "planner", v2)
    client.force_login(planner)
    assert (
        client.post("/versi/{}/temuan/akui/".format(v2.pk), {"key": "x", "reason": "y"}).status_code
        == 403
    )
    user = make_user("verifikator", "verifier", v2)
    client.force_login(user)
    page = client.get("/versi/{}/temuan/?aturan=duplicate_code".format(v2.pk)).content.decode()
    key = page.split('name="key" value="')[1].split('"')[0]

    empty = client.post(
        "/versi/{}/temuan/akui/".format(v2.pk), {"key": key, "reason": "  "}, follow=True
    )
    assert "Tuliskan alasan" in empty.content.decode()
    assert Acknowledgement.objects.count() == 0

    client.post(
        "/versi/{}/temuan/akui/".format(v2.pk),
        {"key": key, "reason": "Kode lama, diganti di Renja 2019"},
    )
    ack = Acknowledgement.objects.get()
    assert (ack.rule, ack.acknowledged_by, ack.reason) == (
        "duplicate_code",
        user,
        "Kode lama, diganti di Renja 2019",
    )
    page = client.get("/versi/{}/temuan/?aturan=duplicate_code".format(v2.pk)).content.decode()
    assert page.count("<li data-rule=") == 1
    assert "Sudah diakui (1)" in page
    assert "Kode lama, diganti di Renja 2019" in page
    rows = list(
        csv.DictReader(io.StringIO(render_table(build_table(v2, "temuan"), "csv").decode()))
    )
    assert sum(1 for r in rows if r["status"].startswith("Diakui oleh verifikator")) == 1
