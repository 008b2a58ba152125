"""The picker: the JSON answer to what a planner types (a code prefix or words of a name), and the
editor's code field that asks it on plans coded by Permendagri 90/2019."""

from renstra.plans.models import Program
from tests.checks.builders import build_plan, clean_version_data

URL = "/nomenklatur/cari/"


def ask(client, **params) -> dict:
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def codes(answer) -> list[str]:
    return [entry["code"] for entry in answer["results"]]


def test_matches_by_code_prefix_within_the_program(client, edition_2020):
    answer = ask(client, tingkat="kegiatan", pemda="2", induk="5.03.01", q="5.03.01.2.0")
    assert answer["edition"] == "2020"
    assert codes(answer) == ["5.03.01.2.0{}".format(n) for n in range(1, 10)]
    assert answer["results"][4] == {
        "code": "5.03.01.2.05",
        "name": "Administrasi Kepegawaian Perangkat Daerah",
        "level": "kegiatan",
    }


def test_matches_by_words_of_the_name_in_any_order(client, edition_2020):
    answer = ask(client, tingkat="kegiatan", pemda="2", induk="5.03.01", q="kepegawaian ADMIN")
    assert codes(answer) == ["5.03.01.2.05"]
    # Without a program: every kegiatan of regencies/cities with both words, by code.
    answer = ask(client, tingkat="kegiatan", pemda="2", q="kepegawaian asn")
    assert codes(answer) == ["5.03.02.2.01"]
    assert answer["results"][0]["name"].startswith("Pengadaan, Pemberhentian dan Informasi")


def test_the_program_penunjang_is_offered_for_the_plans_bidang(client, edition_2020):
    answer = ask(client, tingkat="program", pemda="2", q="penunjang urusan", bidang=["5.03"])
    assert answer["results"] == [
        {
            "code": "5.03.01",
            "name": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH",
            "level": "program",
        }
    ]
    province = ask(client, tingkat="program", pemda="1", q="penunjang urusan")
    assert province["results"][0]["name"].endswith("PROVINSI")
    assert codes(province) == ["X.XX.01"]  # no bidang given: as the list writes it


def test_at_most_twenty_answers_and_nothing_without_an_edition(client, edition_2020, forget):
    assert len(ask(client, tingkat="sub_kegiatan", pemda="2", q="")["results"]) == 20
    assert client.get(URL, {"tingkat": "dinas"}).status_code == 400
    assert ask(client, tingkat="kegiatan", edisi="999999", q="a") == {
        "edition": None,
        "results": [],
    }


def test_the_editor_of_a_permendagri_90_plan_offers_the_picker(client, make_user, edition_2020):
    data = clean_version_data()
    data["programs"][0]["code"] = "5.03.02"
    data["programs"][0]["activities"][0]["code"] = "5.03.02.2.01"
    data["programs"][0]["activities"][1]["code"] = "5.03.02.2.02"
    version = build_plan(data, code_scheme="pmdn90", name="Uji90")
    client.force_login(make_user("perencana-90", "planner", version))
    program = Program.objects.get(version=version)
    page = client.get(
        "/versi/{}/butir/kegiatan/baru/?induk={}".format(version.pk, program.pk)
    ).content.decode()
    assert (
        'list="nomenklatur-kegiatan" autocomplete="off" data-nomenclature="/nomenklatur/cari/'
        '?tingkat=kegiatan&amp;pemda=2&amp;induk=5.03.02"'
    ) in page
    assert "data-nomenclature-name" in page
    assert '<script src="/static/nomenclature/picker.js" defer></script>' in page
    page = client.get("/versi/{}/butir/program/baru/".format(version.pk)).content.decode()
    assert "tingkat=program&amp;pemda=2&amp;bidang=5.03" in page


def test_the_editor_of_a_13_2006_plan_has_no_picker(client, draft, make_user):
    client.force_login(make_user("perencana-13", "planner", draft))
    page = client.get("/versi/{}/butir/program/baru/".format(draft.pk)).content.decode()
    assert "data-nomenclature" not in page
