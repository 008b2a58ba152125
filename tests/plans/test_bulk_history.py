"""Our bulk insert of historical records writes the same rows simple-history's would: every
tracked value (decimals, choices, JSON lists, foreign keys), the type, the user, the change path
and the reason, for the models an import and a review start write in bulk."""

import pytest
from django.forms.models import model_to_dict

from renstra.plans.history import change_path, insert_history
from renstra.plans.models import Activity, Indicator, Program, Target

SKIP = {"history_id", "history_date"}


def _new_records(model, after: int):
    history = model.history.model.objects.filter(history_id__gt=after).order_by("history_id")
    return [{k: v for k, v in model_to_dict(r).items() if k not in SKIP} for r in history]


def _last(model) -> int:
    last = model.history.model.objects.order_by("-history_id").first()
    return last.history_id if last else 0


@pytest.mark.parametrize("model", [Program, Activity, Indicator, Target])
def test_the_same_records_as_simple_history(draft, model):
    source = list(model.objects.filter(**{model.VERSION_PATHS[0]: draft.pk}).order_by("pk")[:40])
    assert len(source) >= 2
    if model is Program:  # a JSON list the fast path must convert
        assert hasattr(model, "other_wordings")
        source[1].other_wordings = [{"where": "Tabel 6.1", "text": "rumusan lain"}]
    source[0]._change_reason = "alasan uji"

    start = _last(model)
    with change_path("impor"):
        insert_history(model, source, "~")
    ours = _new_records(model, start)
    middle = _last(model)
    # As simple-history's bulk_create_with_history calls it (no default reason: NULL).
    model.history.bulk_history_create(
        source,
        update=True,
        default_change_reason=None,
        custom_historical_attrs={"change_path": "impor"},
    )
    theirs = _new_records(model, middle)

    assert len(ours) == len(theirs) == len(source)
    assert ours[0]["history_change_reason"] == "alasan uji"
    for mine, reference in zip(ours, theirs, strict=True):
        assert mine["history_type"] == "~" and mine["change_path"] == "impor"
        assert mine == reference
    # Read back through the ORM, a record rebuilds its row; its date keeps its time zone.
    record = model.history.model.objects.get(history_id=middle)
    assert model_to_dict(record.instance) == model_to_dict(model.objects.get(pk=record.id))
    assert record.history_date.tzinfo is not None


def test_realization_from_the_sample_is_recorded_by_its_planner(v2, django_user_model):
    from renstra.monitoring.models import Realization
    from renstra.monitoring.sample import load_sample_realization

    django_user_model.objects.get_or_create(username="perencana")
    assert load_sample_realization(v2) > 0
    records = Realization.history.model.objects.all()
    assert records.count() == Realization.objects.count()
    assert {r.history_user.username for r in records} == {"perencana"}
    assert {r.history_type for r in records} == {"+"}
