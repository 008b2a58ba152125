"""The IKU of an agency: marked from its Renstra's tujuan/sasaran indicators (issue 19)."""

import pytest
from django.core.exceptions import ValidationError

from renstra.plans.models import Agency, Indicator, Unit
from renstra.sakip.iku import delete_iku, iku_indicators, iku_version, save_iku
from renstra.sakip.models import Iku


@pytest.fixture
def agency(v2):
    return v2.plan.agency


def test_iku_are_chosen_from_the_approved_versions_tujuan_and_sasaran_indicators(v2, agency):
    assert iku_version(agency) == v2
    offered = iku_indicators(agency)
    assert offered
    assert all(i.version_id == v2.pk for i in offered)
    assert all(i.goal_id or i.objective_id for i in offered)
    assert (
        len(offered)
        == Indicator.objects.filter(version=v2, program__isnull=True)
        .filter(activity__isnull=True, sub_activity__isnull=True)
        .count()
    )


def test_iku_create_change_delete(v2, agency):
    indicator = next(i for i in iku_indicators(agency) if i.objective_id)
    unit = Unit.objects.filter(agency=agency).first()
    iku = save_iku(
        iku=Iku(
            agency=agency,
            indicator=indicator,
            definition="Persentase ASN yang memenuhi standar kompetensi jabatan",
            formula="jumlah ASN kompeten / jumlah ASN x 100%",
            data_source="Hasil asesmen kompetensi BKPSDM",
            unit=unit,
        )
    )
    iku.refresh_from_db()
    assert (iku.name, iku.scope, iku.objective) == (
        indicator.name,
        "pd",
        indicator.objective.name,
    )
    assert (iku.year_start, iku.year_end) == (v2.plan.period_start, v2.plan.period_end)
    iku.formula = "(a / b) x 100%"
    save_iku(iku=iku)
    assert Iku.objects.get(pk=iku.pk).formula == "(a / b) x 100%"
    delete_iku(iku=iku)
    assert not Iku.objects.filter(pk=iku.pk).exists()
    assert Indicator.objects.filter(pk=indicator.pk).exists()


def test_an_iku_of_another_agency_or_unit_is_refused(v2, agency):
    other = Agency.objects.create(region=agency.region, short_name="DISKOMINFO", name="Kominfo")
    indicator = iku_indicators(agency)[0]
    with pytest.raises(ValidationError) as refused:
        save_iku(
            iku=Iku(
                agency=other,
                indicator=indicator,
                definition="d",
                data_source="s",
                year_start=2017,
                year_end=2021,
            )
        )
    assert "indicator" in refused.value.message_dict
    assert Iku.objects.count() == 0


def test_the_planning_board_marks_an_rpjmd_indicator_as_iku_of_the_pemda(db):
    board = Agency.objects.get(plans__kind="rpjmd")
    offered = iku_indicators(board)
    rpjmd = [i for i in offered if i.version.plan.kind == "rpjmd"]
    assert rpjmd and len(rpjmd) == len(offered)
    iku = save_iku(
        iku=Iku(agency=board, indicator=rpjmd[0], definition="Definisi", data_source="BPS")
    )
    assert iku.scope == "pemda"
    assert (iku.year_start, iku.year_end) == (2016, 2021)
