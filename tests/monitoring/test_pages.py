"""Monitoring pages as their users use them."""

import xml.etree.ElementTree as ET

from renstra.monitoring.models import Realization
from renstra.plans.models import Indicator


def _peserta(version):
    return Indicator.objects.get(version=version, name="Jumlah peserta seleksi penerimaan CPNS")


def test_saving_a_row_recomputes_it_in_place(client, v2, planner):
    client.force_login(planner)
    indicator = _peserta(v2)
    url = "/versi/{}/pemantauan/2018/indikator/{}/simpan/".format(v2.pk, indicator.pk)
    response = client.post(url, {"q1": "450 orang", "q2": "", "q0": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<tr id="ind-{}"'.format(indicator.pk))
    assert "45,00%" in html  # 450 of 1000 orang
    response = client.post(url, {"q1": "lima ratus"}, HTTP_HX_REQUEST="true")
    assert "tidak dapat dibaca sebagai angka" in response.content.decode()
    assert Realization.objects.get(indicator=indicator, quarter=1).raw_text == "450 orang"


def test_the_dashboard_draws_its_charts_and_says_the_data_is_an_example(client, sample, planner):
    client.force_login(planner)
    html = client.get("/versi/{}/dasbor/2018/".format(sample.pk)).content.decode()
    assert "DATA CONTOH" in html
    svgs = [part.split("</svg>")[0] for part in html.split("<svg")[1:]]
    assert len(svgs) == 4
    for svg in svgs:
        root = ET.fromstring("<svg" + svg + "</svg>")
        assert root.find("{http://www.w3.org/2000/svg}desc").text
    pdf = client.get("/versi/{}/dasbor/2018.pdf".format(sample.pk))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_superseded_version_is_read_only(client, v1, make_user):
    client.force_login(make_user("perencana_v1", "planner", v1))
    html = client.get("/versi/{}/pemantauan/2018/".format(v1.pk)).content.decode()
    assert "hanya dapat dibaca" in html and 'name="q1"' not in html
    indicator = Indicator.objects.filter(version=v1).first()
    url = "/versi/{}/pemantauan/2018/indikator/{}/simpan/".format(v1.pk, indicator.pk)
    assert client.post(url, {"q1": "5"}).status_code == 403


def test_a_bad_csv_upload_lists_its_errors_and_writes_nothing(client, v2, planner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(planner)
    upload = SimpleUploadedFile(
        "realisasi.csv",
        b"kode,indikator,tahun,triwulan,nilai\n17.02,Tidak ada,2018,1,5\n",
        content_type="text/csv",
    )
    response = client.post(
        "/versi/{}/pemantauan/impor/".format(v2.pk), {"berkas": upload, "tahun": "2018"}
    )
    assert response.status_code == 400
    assert "Tidak ada indikator bernama ini" in response.content.decode()
    assert not Realization.objects.filter(indicator__version=v2).exists()


def test_evidence_downloads_under_its_own_name_for_readers_only(client, v2, planner, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from renstra.monitoring.services import add_evidence, save_realization

    entry = save_realization(_peserta(v2), 2018, 1, "5", user=planner)
    evidence = add_evidence(entry, SimpleUploadedFile("daftar hadir.pdf", b"%PDF-1"), user=planner)
    client.force_login(make_user("auditor_uji", "auditor"))
    response = client.get("/bukti/{}/".format(evidence.pk))
    assert response.status_code == 200
    assert 'filename="daftar hadir.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1"
    client.logout()
    assert client.get("/bukti/{}/".format(evidence.pk)).status_code == 403


def test_the_due_list_groups_what_is_missing_by_owner(client, sample, planner):
    client.force_login(planner)
    html = client.get("/versi/{}/pemantauan/2019/tunggakan/".format(sample.pk)).content.decode()
    # 2019 of the sample stops after the third quarter: every quarterly indicator misses TW IV.
    assert "perencana" in html and "TW IV" in html
