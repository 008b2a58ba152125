"""Every registered table reads its version in a number of queries that does not grow with the
plan, and the tables of the plan document read it through the read model, once."""

import pytest

from renstra.plans.models import PlanVersion
from renstra.render.registry import TABLES
from renstra.reports.export import build_table, plan_tables
from tests.growth import grow, queries

PLAN_DOCUMENT = [key for key, table in TABLES.items() if table.in_plan_document]


def _count(version_pk: int, key: str) -> int:
    # A freshly loaded version, as a page or the CLI hands it over: nothing cached on it.
    version = PlanVersion.objects.get(pk=version_pk)
    return queries(TABLES[key].build, version)


@pytest.mark.parametrize("key", list(TABLES))
def test_a_table_reads_as_many_queries_for_a_bigger_plan(key, v2):
    before = _count(v2.pk, key)
    grow(v2, programs=4, goals=2)
    assert _count(v2.pk, key) == before


@pytest.mark.parametrize("key", PLAN_DOCUMENT)
def test_a_table_of_the_plan_document_builds_the_read_model_once(key, v1, reads):
    build_table(PlanVersion.objects.get(pk=v1.pk), key)
    assert reads == [v1.pk]


def test_the_plan_document_has_the_statutory_tables():
    assert PLAN_DOCUMENT == ["5.1", "indikator", "6.1", "6.2", "7.1", "T-C.27"]


def test_the_whole_plan_reads_the_version_once_and_prints_what_each_table_prints(v2, reads):
    version = PlanVersion.objects.select_related("plan__agency__region").get(pk=v2.pk)
    together = plan_tables(version)
    assert reads == [v2.pk]
    alone = [build_table(version, key) for key, t in TABLES.items() if t.in_plan_document]
    assert len(reads) == 1 + len(alone)  # one each, outside plan_tables
    assert together == alone
