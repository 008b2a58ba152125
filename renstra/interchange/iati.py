"""Export of a plan version's results framework in the IATI Activity Standard (version 2.03):
result → indicator → baseline → period (target, actual), the open format other results
systems read.

Mapping (decided here; IATI has no notion of a Renstra):
- one <iati-activity> per plan version, identified "<reporting-org ref>-RENSTRA-<plan>-V<n>";
  the reporting organisation is the agency (type 10, government), its ref is
  "XI-RENSTRA-<agency short name>" unless one is given;
- yearly indicative funding of the programs → <budget> per year (IDR, indicative);
- every sasaran/tujuan indicator → <result type="2"> (outcome) under the item's name, program
  indicators → type 2 (outcome), kegiatan indicators → type 1 (output);
- indicator measure: 1 unit (numbers, indices), 2 percentage, 4 ordinal (AA…D grades),
  5 qualitative (composite and text targets; the value is in the comment);
  ascending = the indicator's polarity;
- baseline: the plan's baseline year with the parsed value (when it is a number) and the raw
  text as comment; period: each target year, the target's parsed value and raw text; actual:
  the year's realization (only approved figures: what an agency publishes), rolled up by the
  indicator's own rule, with its raw text.
Raw texts always travel as <comment><narrative>, so nothing is lost to parsing.
"""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

from renstra.core.achievement import grade_rank
from renstra.core.targets import ParsedTarget, TargetKind, parse_target
from renstra.monitoring.choices import QUARTERS, YEARLY, EntryStatus
from renstra.monitoring.evaluation import effective_rollup, year_value
from renstra.monitoring.models import Realization
from renstra.plans.choices import Polarity, ValueType
from renstra.plans.models import PlanVersion
from renstra.plans.readmodel import read_version

IATI_VERSION = "2.03"
MEASURE = {
    ValueType.NUMBER: "1",
    ValueType.INDEX: "1",
    ValueType.PERCENT: "2",
    ValueType.GRADE: "4",
    ValueType.COMPOSITE: "5",
    ValueType.TEXT: "5",
}
# By level key (renstra.plans.levels). The mapping stops at kegiatan: sub kegiatan indicators
# are not part of the exported results framework.
RESULT_TYPE = {"tujuan": "3", "sasaran": "2", "program": "2", "kegiatan": "1"}


def _narrative(parent, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    ET.SubElement(element, "narrative").text = text
    return element


def _number(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = "{:f}".format(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _value(parsed: ParsedTarget | None, measure: str) -> str | None:
    """The IATI value attribute of a parsed target or realization (None for qualitative)."""
    if parsed is None or measure == "5":
        return None
    if parsed.kind in (TargetKind.NUMBER, TargetKind.PERCENT):
        return _number(parsed.value)
    if parsed.kind == TargetKind.GRADE and measure == "4":
        return str(grade_rank(parsed.grade))
    return None


def _figure(parent, tag: str, raw: str, parsed, measure: str, note: str = "") -> None:
    element = ET.SubElement(parent, tag)
    value = _value(parsed, measure)
    if value is not None:
        element.set("value", value)
    comment = raw if not note else "{} ({})".format(raw, note)
    _narrative(element, "comment", comment)


def _approved_year_values(version) -> dict[tuple[int, int], tuple[str, ParsedTarget]]:
    """(indicator id, year) → (text, parsed) of the approved realization of the year, by the
    evaluation's own rule (a yearly figure, else the quarters rolled up)."""
    by_key: dict[tuple[int, int], dict[int, Realization]] = {}
    rows = Realization.objects.filter(
        indicator__version=version, status=EntryStatus.APPROVED
    ).select_related("indicator")
    indicators = {}
    for row in rows:
        by_key.setdefault((row.indicator_id, row.year), {})[row.quarter] = row
        indicators[row.indicator_id] = row.indicator
    values = {}
    for (indicator_id, year), entries in by_key.items():
        rolled = year_value(effective_rollup(indicators[indicator_id]), entries)
        if rolled is None:
            continue
        if YEARLY in entries:
            text = entries[YEARLY].raw_text
        else:
            text = "{} (triwulan {})".format(
                rolled.text,
                " + ".join(
                    "{}: {}".format(q, entries[q].raw_text) for q in QUARTERS if q in entries
                ),
            )
        values[(indicator_id, year)] = (text, rolled)
    return values


def iati_activities(
    version: PlanVersion, *, org_ref: str = "", now=None, actuals: bool = True
) -> ET.Element:
    snapshot = read_version(version)
    plan = snapshot.plan
    agency = plan.agency
    ref = org_ref or "XI-RENSTRA-{}".format(agency.short_name.replace(" ", "_"))
    now = now or datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    root = ET.Element(
        "iati-activities", {"version": IATI_VERSION, "generated-datetime": now.isoformat()}
    )
    activity = ET.SubElement(
        root,
        "iati-activity",
        {
            "{http://www.w3.org/XML/1998/namespace}lang": "id",
            "default-currency": "IDR",
            "hierarchy": "1",
        },
    )
    ET.SubElement(activity, "iati-identifier").text = "{}-RENSTRA-{}-V{}".format(
        ref, plan.pk, version.number
    )
    _narrative(
        activity, "reporting-org", "{} {}".format(agency.name, agency.region.name)
    ).attrib.update({"ref": ref, "type": "10"})
    _narrative(
        activity,
        "title",
        "{} ({}, versi {}: {})".format(plan.title, plan.period, version.number, version.label),
    )
    description = plan.regional_plan.vision if plan.regional_plan_id else plan.title
    _narrative(activity, "description", description).set("type", "1")
    participating = _narrative(activity, "participating-org", agency.name)
    participating.attrib.update({"ref": ref, "role": "4", "type": "10"})
    status = "2" if version.status == "approved" else "1"
    ET.SubElement(activity, "activity-status", {"code": status})
    years = snapshot.years
    ET.SubElement(activity, "activity-date", {"type": "1", "iso-date": "{}-01-01".format(years[0])})
    ET.SubElement(
        activity, "activity-date", {"type": "3", "iso-date": "{}-12-31".format(years[-1])}
    )
    totals: dict[int, Decimal] = {}
    for program in snapshot.programs:
        amounts = {f.year: f.amount for f in program.funding_list if f.amount is not None}
        if not amounts:  # no declared program total: its kegiatan's
            for activity_item in program.activity_list:
                for f in activity_item.funding_list:
                    if f.amount is not None:
                        amounts[f.year] = amounts.get(f.year, Decimal(0)) + f.amount
        for year, amount in amounts.items():
            totals[year] = totals.get(year, Decimal(0)) + amount
    for year in sorted(totals):
        budget = ET.SubElement(activity, "budget", {"type": "1", "status": "1"})
        ET.SubElement(budget, "period-start", {"iso-date": "{}-01-01".format(year)})
        ET.SubElement(budget, "period-end", {"iso-date": "{}-12-31".format(year)})
        ET.SubElement(budget, "value", {"value-date": "{}-01-01".format(year)}).text = _number(
            totals[year].quantize(Decimal("0.01"))
        )
    actuals = _approved_year_values(version) if actuals else {}
    groups: dict[tuple[str, int], list] = {}
    owners = {}
    for owned in snapshot.indicators():
        if owned.kind not in RESULT_TYPE:
            continue
        key = (owned.kind, owned.owner.pk)
        groups.setdefault(key, []).append(owned.indicator)
        owners[key] = owned.owner
    for (kind, _pk), indicators in groups.items():
        owner = owners[(kind, _pk)]
        result = ET.SubElement(
            activity, "result", {"type": RESULT_TYPE[kind], "aggregation-status": "0"}
        )
        code = getattr(owner, "code", "") or getattr(owner, "number", "")
        _narrative(result, "title", "{} {}".format(code, owner.name).strip())
        for indicator in indicators:
            measure = MEASURE.get(indicator.value_type, "5")
            element = ET.SubElement(
                result,
                "indicator",
                {
                    "measure": measure,
                    "ascending": "0" if indicator.polarity == Polarity.LOWER_IS_BETTER else "1",
                },
            )
            _narrative(element, "title", indicator.name)
            if indicator.unit or indicator.definition:
                _narrative(
                    element,
                    "description",
                    "; ".join(
                        t
                        for t in (
                            "satuan: {}".format(indicator.unit) if indicator.unit else "",
                            indicator.definition,
                        )
                        if t
                    ),
                )
            if indicator.baseline_raw:
                baseline = ET.SubElement(
                    element,
                    "baseline",
                    {
                        "year": str(plan.baseline_year),
                        "iso-date": "{}-12-31".format(plan.baseline_year),
                    },
                )
                value = _value(parse_target(indicator.baseline_raw), measure)
                if value is not None:
                    baseline.set("value", value)
                _narrative(baseline, "comment", indicator.baseline_raw)
            for target in indicator.target_list:
                period = ET.SubElement(element, "period")
                ET.SubElement(period, "period-start", {"iso-date": "{}-01-01".format(target.year)})
                ET.SubElement(period, "period-end", {"iso-date": "{}-12-31".format(target.year)})
                parsed = parse_target(target.raw_text)
                _figure(
                    period,
                    "target",
                    target.raw_text,
                    parsed,
                    measure,
                    "tahun disimpulkan" if target.inferred_note else "",
                )
                actual = actuals.get((indicator.pk, target.year))
                if actual is not None:
                    _figure(period, "actual", actual[0], actual[1], measure)
    return root


def export_iati(
    version: PlanVersion, *, org_ref: str = "", now=None, actuals: bool = True
) -> bytes:
    """The IATI XML; `actuals=False` leaves out realization (for readers of the plan only)."""
    root = iati_activities(version, org_ref=org_ref, now=now, actuals=actuals)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
