"""The LKE template loader: a YAML file into the database, all or nothing, every error named
with its place; the command `renstra lke_template`; the default template."""

from decimal import Decimal

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from renstra.lke import template_loader
from renstra.lke.models import LkeComponent, LkeCriterion, LkeSubComponent, LkeTemplate
from renstra.lke.template_loader import (
    TemplateError,
    ensure_default_template,
    load_template,
    load_template_data,
)
from tests.lke.conftest import TEMPLATE_FILE


def _data() -> dict:
    return yaml.safe_load(TEMPLATE_FILE.read_text(encoding="utf-8"))


def _counts() -> tuple[int, int, int, int]:
    return (
        LkeTemplate.objects.count(),
        LkeComponent.objects.count(),
        LkeSubComponent.objects.count(),
        LkeCriterion.objects.count(),
    )


def test_the_loaded_template_adds_up_to_100_and_20_30_50_in_the_database(template):
    """The acceptance test: what is read back from the database, not what the file said."""
    components = list(LkeComponent.objects.filter(template=template).order_by("order"))
    assert [(c.code, c.name, c.weight) for c in components] == [
        ("1", "Perencanaan Kinerja", Decimal(30)),
        ("2", "Pengukuran Kinerja", Decimal(30)),
        ("3", "Pelaporan Kinerja", Decimal(15)),
        ("4", "Evaluasi Akuntabilitas Kinerja Internal", Decimal(25)),
    ]
    assert sum(c.weight for c in components) == Decimal(100)
    for component in components:
        parts = [s.weight for s in component.sub_components.order_by("order")]
        assert parts == [component.weight * share / 100 for share in (20, 30, 50)]
        assert sum(parts) == component.weight


def test_the_template_keeps_every_criterion_in_order_with_its_scale_and_rule(template):
    rows = list(
        LkeCriterion.objects.filter(sub_component__component__template=template)
        .order_by("sub_component__component__order", "sub_component__order", "order")
        .values_list("code", "scale", "prefill_rule")
    )
    assert len(rows) == 15
    assert rows[:4] == [
        ("1.a.1", "yt", "renstra_ada"),
        ("1.a.2", "yt", ""),
        ("1.b.1", "ae", "indikator_terukur"),
        ("1.b.2", "ae", ""),
    ]
    assert rows[-1] == ("4.c.2", "ae", "")
    first = LkeCriterion.objects.get(sub_component__component__template=template, code="1.b.1")
    assert first.guidance == "Periksa satuan dan target tiap indikator."
    assert (template.key, template.first_year) == ("lke-uji", 2017)


def test_a_template_with_errors_loads_nothing_and_names_every_error(db):
    data = _data()
    data["key"] = "lke-salah"
    data["components"][1]["sub_components"][1]["weight"] = "8"  # 2.b: 9 expected
    data["components"][0]["sub_components"][0]["criteria"][1]["code"] = "1.a.1"  # twice
    data["components"][2]["sub_components"][0]["criteria"][0]["scale"] = "abc"
    data["components"][3]["sub_components"][2]["criteria"] = []
    data["components"][1]["sub_components"][0]["criteria"][0]["prefill"] = "renstra_adaa"
    before = _counts()
    with pytest.raises(TemplateError) as caught:
        load_template_data(data)
    assert caught.value.errors == [
        "komponen 1, subkomponen 1.a, kriteria 1.a.1: kode kriteria sudah dipakai di "
        "komponen 1, subkomponen 1.a.",
        "komponen 2, subkomponen 2.a, kriteria 2.a.1: aturan usulan 'renstra_adaa' tidak "
        "dikenal (renstra.lke.prefill).",
        "komponen 3, subkomponen 3.a, kriteria 3.a.1: skala 'abc' tidak dikenal (pilih yt "
        "atau ae).",
        "komponen 4, subkomponen 4.c: belum ada kriteria (criteria).",
        "Komponen 2: bobot subkomponen 6 / 8 / 15 tidak sama dengan 20/30/50 % dari 30 "
        "(6 / 9 / 15).",
    ]
    assert _counts() == before


def test_a_weight_that_is_not_a_number_is_named_and_the_sum_not_checked(db):
    data = _data()
    data["key"] = "lke-salah"
    data["components"][0]["weight"] = "tiga puluh"
    with pytest.raises(TemplateError) as caught:
        load_template_data(data)
    assert caught.value.errors == ["komponen 1: bobot 'tiga puluh' bukan angka."]


def test_components_that_do_not_add_up_to_100_are_refused(db):
    data = _data()
    data["key"] = "lke-salah"
    data["components"].pop()
    with pytest.raises(TemplateError) as caught:
        load_template_data(data)
    assert caught.value.errors == ["Jumlah bobot komponen 75, bukan 100."]


def test_a_loaded_key_is_never_loaded_again(template):
    before = _counts()
    with pytest.raises(TemplateError) as caught:
        load_template(TEMPLATE_FILE)
    assert caught.value.errors == [
        "templat: key 'lke-uji' sudah dimuat; templat yang sudah dimuat tidak diubah. Beri "
        "key baru untuk peraturan atau tahun yang baru."
    ]
    assert _counts() == before


def test_the_head_of_the_file_is_checked(db):
    data = _data()
    data.update(key="Bukan Slug", first_year="dua ribu", name="")
    with pytest.raises(TemplateError) as caught:
        load_template_data(data)
    assert caught.value.errors == [
        "templat: name belum diisi.",
        "templat: key 'Bukan Slug' harus berupa slug (huruf kecil, angka, tanda hubung).",
        "templat: first_year 'dua ribu' bukan tahun.",
    ]


def test_a_file_that_is_not_yaml_is_refused(tmp_path, db):
    path = tmp_path / "rusak.yaml"
    path.write_text("key: [tidak ditutup\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="bukan YAML yang sah"):
        load_template(path)


def test_the_command_loads_a_file_and_says_what_it_loaded(db, capsys):
    call_command("lke_template", str(TEMPLATE_FILE))
    assert capsys.readouterr().out == (
        "Templat lke-uji (PermenPAN-RB Nomor 88 Tahun 2021 (uji), berlaku mulai 2017) dimuat: "
        "4 komponen, 15 kriteria.\n"
    )
    assert LkeTemplate.objects.filter(key="lke-uji").count() == 1


def test_the_command_lists_the_errors_and_loads_nothing(template):
    with pytest.raises(CommandError) as caught:
        call_command("lke_template", str(TEMPLATE_FILE))
    assert str(caught.value).startswith("Templat tidak dimuat (1 kesalahan):\n- templat: key")
    assert LkeTemplate.objects.filter(key="lke-uji").count() == 1


def test_the_default_template_is_loaded_once(db, monkeypatch):
    monkeypatch.setattr(template_loader, "DEFAULT_TEMPLATE", TEMPLATE_FILE)
    first = ensure_default_template()
    again = ensure_default_template()
    assert first.pk == again.pk
    assert LkeTemplate.objects.filter(key="lke-uji").count() == 1


def test_the_default_template_of_permenpanrb_88_2021_loads_and_adds_up(db):
    """The acceptance test on the real worksheet (renstra/lke/data/permenpanrb-88-2021.yaml),
    read back from the database after loading: 100 in all, 20/30/50 % in each component."""
    template = LkeTemplate.objects.filter(key="permenpanrb-88-2021").first()
    template = template or ensure_default_template()
    assert (template.key, template.first_year) == ("permenpanrb-88-2021", 2021)
    components = list(template.components.order_by("order"))
    assert [(c.code, c.weight) for c in components] == [
        ("1", Decimal(30)),
        ("2", Decimal(30)),
        ("3", Decimal(15)),
        ("4", Decimal(25)),
    ]
    for component in components:
        parts = [s.weight for s in component.sub_components.order_by("order")]
        assert parts == [component.weight * share / 100 for share in (20, 30, 50)]
    criteria = LkeCriterion.objects.filter(sub_component__component__template=template)
    assert not LkeSubComponent.objects.filter(component__template=template, criteria=None).exists()
    assert set(criteria.values_list("scale", flat=True)) <= {"yt", "ae"}
    assert ensure_default_template().pk == template.pk
