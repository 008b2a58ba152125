"""The evaluation of many versions from one read (renstra.monitoring.year_rows): the same
evaluation as each version's own, and the overview's read of the year alone."""

import pytest

from renstra.interchange.region_demo import generate_region
from renstra.monitoring.evaluation import evaluate
from renstra.monitoring.export import evaluation_records
from renstra.monitoring.year_rows import read_year_rows
from renstra.plans.readmodel import read_versions
from tests.growth import queries


def test_one_read_of_many_versions_evaluates_each_as_its_own_read(sample, v2):
    other = generate_region(template=v2, agencies=1, realization=True).versions[0]
    versions = [other, sample]
    own = {v.pk: evaluation_records(evaluate(v, 2018)) for v in versions}
    snapshots = read_versions(versions)
    rows = read_year_rows(versions, 2018)
    # Realization, owners, evidence counts, budget; the Renja of the year (none here).
    assert queries(read_year_rows, versions, 2018) == 5
    for version in versions:
        shared = evaluate(version, 2018, snapshot=snapshots[version.pk], rows=rows)
        assert evaluation_records(shared) == own[version.pk]
    assert queries(evaluate, sample, 2018, snapshot=snapshots[sample.pk], rows=rows) == 0


def test_the_year_alone_gives_the_years_figures_and_refuses_the_periods(sample):
    whole = evaluate(sample, 2019)
    rows = read_year_rows([sample], 2019, whole=False)
    # The year's figures and the Renja of the year (none here).
    assert queries(read_year_rows, [sample], 2019, whole=False) == 2
    alone = evaluate(sample, 2019, rows=rows)

    def year(evaluation):
        return [
            (r.indicator.pk, r.achievement, r.predicate, r.projected_achievement, r.at_risk)
            for r in evaluation.indicators
        ]

    assert year(alone) == year(whole)
    assert [r.achievement for r in alone.indicators] == [r.achievement for r in whole.indicators]
    assert [r.at_risk for r in alone.indicators] == [r.at_risk for r in whole.indicators]
    assert alone.average == whole.average and len(alone.at_risk) == len(whole.at_risk) > 0
    with pytest.raises(RuntimeError):
        getattr(alone.indicators[0], "prior")  # noqa: B009 - the access is the point
