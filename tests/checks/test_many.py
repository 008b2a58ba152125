"""The checker over many plans at once (a region's): the versions read together through the
read model (plans.readmodel.read_versions) in the queries of one, each with exactly the
findings it has when checked alone; and `renstra check --region`."""

import gc
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from renstra.checks.engine import check_many, run_checks
from renstra.plans.models import Funding, PlanVersion
from renstra.plans.queries import version_with_plan
from renstra.plans.readmodel import read_version, read_versions
from tests.growth import grow, queries


def _shape(read) -> dict:
    """Everything the read model hands its readers, as ids, in order."""
    ids = lambda items: [item.pk for item in items]  # noqa: E731
    shape = {
        "years": read.years,
        "targets": ids(read.targets),
        "funding": ids(read.funding),
        "indicators": [(o.kind, o.owner.pk, o.indicator.pk) for o in read.indicators()],
    }
    for key in ("tujuan", "sasaran", "strategi", "arah_kebijakan", "program", "kegiatan"):
        shape[key] = [
            (item.pk, ids(getattr(item, "indicator_list", [])), ids(item.funding.all()))
            if key in ("program", "kegiatan")
            else (item.pk, ids(getattr(item, "indicator_list", [])))
            for item in read.items(key)
        ]
    shape["links"] = [(p.pk, ids(p.objective_list)) for p in read.programs]
    shape["targets_of"] = [(i.pk, ids(i.target_list)) for i in read.indicator_by_id.values()]
    return shape


@pytest.fixture
def three(v1, v2, draft):
    """Both demo versions and a grown draft, each with its plan as `renstra check` reads it."""
    grow(draft, programs=2, goals=1)
    return [version_with_plan(v.pk) for v in (v1, v2, draft)]


def test_versions_read_together_are_each_as_read_alone(three):
    together = read_versions(three)
    assert list(together) == [v.pk for v in three]
    for version in three:
        assert _shape(together[version.pk]) == _shape(read_version(version))
    # Nothing of one version in another's.
    funding = {pk: set(f.pk for f in read.funding) for pk, read in together.items()}
    v1, v2, draft = (funding[v.pk] for v in three)
    assert not (v1 & v2) and not (v2 & draft) and not (v1 & draft)
    assert (
        len(draft)
        == Funding.objects.filter(program__version=three[2]).count()
        + (Funding.objects.filter(activity__program__version=three[2]).count())
        + Funding.objects.filter(sub_activity__activity__program__version=three[2]).count()
    )


def test_many_versions_cost_the_queries_of_one_batch(three):
    # The read model's eleven a batch, and the region's RPJMD in force once per call.
    assert queries(check_many, three) == 12
    assert queries(check_many, three, batch=2) == 23
    assert queries(check_many, three[:1]) == 12
    assert gc.isenabled()  # the collector, paused while a batch is read and checked, is back


def test_each_version_has_the_findings_it_has_alone(three):
    together = check_many(three)
    assert list(together) == [v.pk for v in three]
    for version in three:
        alone = [f.as_dict() for f in run_checks(version)]
        assert [f.as_dict() for f in together[version.pk]] == alone
        assert alone  # the demo's and the grown draft's findings: something to compare
    only = check_many(three, ["duplicate_code"], batch=1)
    assert {f.rule for findings in only.values() for f in findings} == {"duplicate_code"}
    with pytest.raises(ValueError, match="Aturan tidak dikenal: tidak_ada"):
        check_many(three, ["tidak_ada"])


def test_check_a_region_from_the_command_line(v1, v2, draft, capsys):
    with pytest.raises(SystemExit) as exit_status:
        call_command("check", region="Kota Bontang", format="json")
    assert exit_status.value.code == 1  # the demo's version 2 has errors
    document = json.loads(capsys.readouterr().out)
    # The plans in force only: version 2 (version 1 is superseded, version 3 a draft), and the
    # region's RPJMD (the demo's example), filed under the planning board.
    rpjmd = PlanVersion.objects.get(plan__kind="rpjmd")
    # (In the database's order of short names: "BKPSDM" sorts before "Bappelitbang" in SQLite's
    # binary order, after it in PostgreSQL's.)
    assert sorted((d["id"], d["agency"], d["kind"], d["version"]) for d in document) == [
        (v2.pk, "BKPSDM", "renstra", 2),
        (rpjmd.pk, "Bappelitbang", "rpjmd", 1),
    ]
    bkpsdm = next(d for d in document if d["id"] == v2.pk)
    assert bkpsdm["findings"] == [f.as_dict() for f in run_checks(v2)]

    error = run_checks(v2)[0]  # an error: findings come ordered by severity
    assert error.severity == "error"
    with pytest.raises(SystemExit):
        call_command("check", region="Kota Bontang", rule=[error.rule])
    lines = capsys.readouterr().out.splitlines()
    count = len(run_checks(v2, [error.rule]))
    assert [line for line in lines if line.startswith("BKPSDM")][
        0
    ] == "BKPSDM — {} versi 2 (id {}): {} temuan: {} galat, 0 peringatan, 0 saran.".format(
        v2.plan.title, v2.pk, count, count
    )
    assert lines[-1].startswith("1 Renstra dan 1 RPJMD yang berlaku di Kota Bontang diperiksa; ")

    with pytest.raises(CommandError, match="Pemda 'Kota Tidak Ada' tidak ada. Yang ada: "):
        call_command("check", region="Kota Tidak Ada")
    with pytest.raises(CommandError, match="Pilih salah satu: --plan atau --region."):
        call_command("check", region="Kota Bontang", plan=v2.pk)
