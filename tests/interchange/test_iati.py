"""IATI results export: result -> indicator -> baseline -> period (target, actual)."""

import xml.etree.ElementTree as ET

from renstra.interchange.iati import export_iati
from renstra.monitoring.models import Realization
from renstra.monitoring.sample import load_sample_realization
from renstra.plans.models import Indicator, Target

# The order IATI 2.03 requires of the children of <iati-activity> that we write.
ACTIVITY_ORDER = [
    "iati-identifier",
    "reporting-org",
    "title",
    "description",
    "participating-org",
    "activity-status",
    "activity-date",
    "budget",
    "result",
]
INDICATOR_ORDER = ["title", "description", "baseline", "period"]


def _in_order(children, order):
    positions = [order.index(child.tag) for child in children]
    return positions == sorted(positions)


def test_every_indicator_with_its_targets_and_approved_realization(v2):
    load_sample_realization(v2)
    root = ET.fromstring(export_iati(v2))
    assert root.tag == "iati-activities" and root.get("version") == "2.03"
    activity = root.find("iati-activity")
    assert _in_order(list(activity), ACTIVITY_ORDER)
    for required in ACTIVITY_ORDER[:7]:
        assert activity.find(required) is not None, required
    indicators = activity.findall("result/indicator")
    assert len(indicators) == Indicator.objects.filter(version=v2).count()
    for indicator in indicators:
        assert _in_order(list(indicator), INDICATOR_ORDER)
        assert indicator.get("measure") in {"1", "2", "4", "5"}
    periods = activity.findall("result/indicator/period")
    assert len(periods) == Target.objects.filter(indicator__version=v2).count()
    # A target's raw text travels as its comment; a number as its value.
    peserta = next(
        i
        for i in indicators
        if i.findtext("title/narrative") == "Jumlah peserta seleksi penerimaan CPNS"
    )
    target_2018 = next(
        p
        for p in peserta.findall("period")
        if p.find("period-start").get("iso-date") == "2018-01-01"
    )
    assert target_2018.find("target").get("value") == "1000"
    assert target_2018.findtext("target/comment/narrative").startswith("1000 orang")
    # Only approved realization is published: 2019's third quarter is only submitted.
    actual = target_2018.find("actual")
    assert actual is not None and float(actual.get("value")) > 0
    approved_2019 = Realization.objects.filter(
        indicator__version=v2, year=2019, status="approved"
    ).exists()
    assert approved_2019
    comments = [a.findtext("comment/narrative") for a in activity.iter("actual")]
    assert not any("3: " in c for c in comments if "2019" in c)
    # Budgets: one per funded year, in rupiah.
    budgets = activity.findall("budget")
    assert [b.find("period-start").get("iso-date")[:4] for b in budgets] == [
        "2017",
        "2018",
        "2019",
        "2020",
        "2021",
    ]


def test_grades_are_ordinal_and_composites_qualitative(v2):
    root = ET.fromstring(export_iati(v2))
    by_title = {i.findtext("title/narrative"): i for i in root.iter("indicator")}
    grade = Indicator.objects.get(version=v2, value_type="grade")
    assert by_title[grade.name].get("measure") == "4"
    composite = Indicator.objects.filter(version=v2, value_type="composite").first()
    element = by_title[composite.name]
    assert element.get("measure") == "5"
    assert all(t.get("value") is None for t in element.iter("target"))
