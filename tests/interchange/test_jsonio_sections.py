"""The plan document carries monitoring (owners, realization, budget realization) and review
comments too: export -> import -> export gives the same document."""

import pytest

from renstra.core.errors import ImportRejected
from renstra.interchange.jsonio import comparable, export_version, import_version
from renstra.monitoring.models import BudgetRealization, Realization
from renstra.monitoring.sample import load_sample_realization
from renstra.plans.models import Indicator, Program
from renstra.review.services import add_comment, resolve_comment
from tests.interchange.drafts import as_next_draft


@pytest.fixture
def rich_v2(v2, make_user):
    make_user("perencana", "planner", v2)
    make_user("kepala", "head", v2)
    verifier = make_user("bappeda_uji", "verifier", v2)
    load_sample_realization(v2)
    program = Program.objects.filter(version=v2).first()
    first = add_comment(
        version=v2,
        user=verifier,
        text="Indikator program belum terukur.",
        kind="program",
        item_id=program.pk,
    )
    add_comment(version=v2, user=verifier, text="Sudah diperbaiki?", reply_to=first.pk)
    resolve_comment(version=v2, comment_id=first.pk, user=verifier)
    add_comment(version=v2, user=verifier, text="Catatan umum versi ini.")
    return v2


def test_realization_and_comments_survive_the_round_trip(rich_v2):
    document = export_version(rich_v2)
    monitoring = document["monitoring"]
    assert (
        len(monitoring["realizations"])
        == Realization.objects.filter(indicator__version=rich_v2).count()
    )
    assert (
        len(monitoring["budget"])
        == BudgetRealization.objects.filter(activity__program__version=rich_v2).count()
    )
    assert monitoring["realizations"][0]["indicator"].count(".") >= 1
    assert len(document["comments"]) == 2 and document["comments"][0]["resolved"] is True
    assert document["comments"][0]["replies"][0]["text"] == "Sudah diperbaiki?"
    copy = import_version(document, revises=rich_v2)
    assert copy.pk != rich_v2.pk and copy.status == "draft"
    again = export_version(copy)
    assert comparable(again) == as_next_draft(document, copy.number)
    assert Realization.objects.filter(indicator__version=copy).count() == len(
        monitoring["realizations"]
    )


def test_unknown_people_and_keys_are_errors_and_nothing_is_written(rich_v2):
    document = export_version(rich_v2)
    document["monitoring"]["realizations"][0]["entered_by"] = "orang_asing"
    document["monitoring"]["budget"][0]["amount"] = "12.345"
    document["comments"][0]["item"] = "P99"
    before = Indicator.objects.count()
    with pytest.raises(ImportRejected) as caught:
        import_version(document, revises=rich_v2)
    paths = sorted(e.column for e in caught.value.errors)
    assert paths == [
        "$.comments[0].item",
        "$.monitoring.budget[0].amount",
        "$.monitoring.realizations[0].entered_by",
    ]
    assert Indicator.objects.count() == before
