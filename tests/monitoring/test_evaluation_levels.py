"""The evaluation reads the version through the read model, which carries sub kegiatan; the
evaluation of a year still covers tujuan to kegiatan, and a sub kegiatan's indicator is
evaluated alone, under its own level."""

from renstra.monitoring.evaluation import evaluate, indicator_year
from tests.checks.builders import add_sub_activity, pmdn90_version


def test_the_year_evaluation_leaves_sub_kegiatan_indicators_out(db):
    version = pmdn90_version()
    sub = add_sub_activity(version)
    evaluation = evaluate(version, 2018)
    assert {r.owner_kind for r in evaluation.indicators} == {
        "tujuan",
        "sasaran",
        "program",
        "kegiatan",
    }
    assert sub.indicators.get().pk not in evaluation.by_indicator()
    assert [a.item.name for p in evaluation.programs for a in p.activities] == [
        "Pendidikan dan pelatihan formal",
        "Diklat teknis",
    ]


def test_a_sub_kegiatan_indicator_is_evaluated_alone_under_its_level(db):
    sub = add_sub_activity(pmdn90_version())
    result = indicator_year(sub.indicators.get(), 2018)
    assert (result.owner_kind, result.owner, result.program) == ("sub_kegiatan", sub, None)
    assert result.owner_label == "Sub kegiatan"
    assert result.target_raw == "2 dokumen"


def test_owner_labels_name_the_levels(db):
    labels = {r.owner_kind: r.owner_label for r in evaluate(pmdn90_version(), 2018).indicators}
    assert labels == {
        "tujuan": "Tujuan",
        "sasaran": "Sasaran",
        "program": "Program",
        "kegiatan": "Kegiatan",
    }
