"""The item sheets of a workbook into the plan document: tujuan-sasaran, strategi-kebijakan,
program-kegiatan-pendanaan (with yearly funding) and indikator-target (with yearly targets).
Rows find their parent by key, in any order; order within a parent is the order of the rows."""

import re

from renstra.interchange.workbook_layout import (
    GOAL_LEVELS,
    INDICATOR_KIND,
    POLARITY,
    PROGRAM_LEVELS,
    SHEET_INDICATORS,
    STRATEGY_LEVELS,
    VALUE_TYPE,
    rollup_choice,
)
from renstra.interchange.workbook_read import Row, SheetReader

CASCADE = ("number", "name", "note", "source_ref", "other_wordings")
CODED = (*CASCADE, "code", "code_raw", "declared_total_raw", "unit")
PROGRAM_LEVEL = {"program": "program", "kegiatan": "activity", "sub kegiatan": "sub_activity"}
ONLY_FOR = {
    "objectives": ("program",),
    "program_indicator": ("activity",),
    "location": ("activity", "sub_activity"),
}
INDICATOR_TEXTS = (
    "number",
    "name",
    "unit",
    "intended_result",
    "target_group",
    "baseline_raw",
    "end_target_raw",
    "definition",
    "data_source",
    "note",
    "source_ref",
)


def read_goals(reader: SheetReader, rows: list[Row]) -> list[dict]:
    """Tujuan rows become goals; sasaran rows join the goal their induk names."""
    goals, objectives = [], []
    for row in rows:
        level = reader.level(row, GOAL_LEVELS)
        if level == "sasaran":
            objectives.append(row)
        elif level == "tujuan" and reader.claim_key(row):
            if row.values.get("parent"):
                reader.error(
                    row.sheet,
                    row.number,
                    row.headers["parent"],
                    row.values["parent"],
                    "Tujuan tidak punya induk; kosongkan kolom induk.",
                )
            item = {**reader.fields(row, CASCADE), "indicators": [], "objectives": []}
            reader.place("goal", item, ("goals", len(goals)), row)
            goals.append(item)
    for row in objectives:
        found = reader.parent(row, "parent", ("goal",), "tujuan")
        if found is not None and reader.claim_key(row):
            _, goal, path = found
            item = {**reader.fields(row, CASCADE), "indicators": [], "strategies": []}
            reader.place("objective", item, path + ("objectives", len(goal["objectives"])), row)
            goal["objectives"].append(item)
    return goals


def read_strategies(reader: SheetReader, rows: list[Row]) -> None:
    """Strategi rows join their sasaran; arah kebijakan rows their strategi."""
    policies = []
    for row in rows:
        level = reader.level(row, STRATEGY_LEVELS)
        if level == "arah kebijakan":
            policies.append(row)
        elif level == "strategi":
            found = reader.parent(row, "parent", ("objective",), "sasaran")
            if found is not None and reader.claim_key(row):
                _, objective, path = found
                item = {**reader.fields(row, CASCADE), "policy_directions": []}
                path += ("strategies", len(objective["strategies"]))
                reader.place("strategy", item, path, row)
                objective["strategies"].append(item)
    for row in policies:
        found = reader.parent(row, "parent", ("strategy",), "strategi")
        if found is not None and reader.claim_key(row):
            _, strategy, path = found
            item = reader.fields(row, CASCADE)
            path += ("policy_directions", len(strategy["policy_directions"]))
            reader.place("policy_direction", item, path, row)
            strategy["policy_directions"].append(item)


def read_programs(reader: SheetReader, rows: list[Row]) -> list[dict]:
    """Programs, kegiatan under their program, sub kegiatan under their kegiatan, each with its
    yearly funding; a program's 'sasaran yang didukung' lists sasaran keys."""
    programs = []
    by_level = {"program": [], "activity": [], "sub_activity": []}
    for row in rows:
        level = reader.level(row, PROGRAM_LEVELS)
        if level is not None:
            by_level[PROGRAM_LEVEL[level]].append(row)
            reader.only_for(row, PROGRAM_LEVEL[level], ONLY_FOR)
    for row in by_level["program"]:
        if not reader.claim_key(row):
            continue
        if row.values.get("parent"):
            reader.error(
                row.sheet,
                row.number,
                row.headers["parent"],
                row.values["parent"],
                "Program tidak punya induk; kosongkan kolom induk.",
            )
        path = ("programs", len(programs))
        item = {**reader.fields(row, CODED), "objectives": [], "indicators": []}
        for ref in re.split(r"[;,\s]+", row.values.get("objectives", "")):
            if ref in reader.examples:
                reader.error(
                    row.sheet,
                    row.number,
                    row.headers["objectives"],
                    ref,
                    "Merujuk ke baris contoh '{}'; baris contoh tidak diimpor.".format(ref),
                )
            elif ref and ref not in reader.broken:
                where = (row.sheet, row.number, row.headers["objectives"])
                reader.where[path + ("objectives", len(item["objectives"]))] = where
                item["objectives"].append(ref)
        item["funding"] = reader.yearly(row, "funding_notes", path + ("funding",))
        item["activities"] = []
        reader.place("program", item, path, row)
        programs.append(item)
    for level, parent, what, children in (
        ("activity", "program", "program", "activities"),
        ("sub_activity", "activity", "kegiatan", "sub_activities"),
    ):
        for row in by_level[level]:
            found = reader.parent(row, "parent", (parent,), what)
            if found is None or not reader.claim_key(row):
                continue
            _, owner, path = found
            path += (children, len(owner[children]))
            item = {**reader.fields(row, (*CODED, "location")), "indicators": []}
            if level == "activity":
                ref = row.values.get("program_indicator") or None
                if ref in reader.examples:
                    reader.error(
                        row.sheet,
                        row.number,
                        row.headers["program_indicator"],
                        ref,
                        "Merujuk ke baris contoh '{}'; baris contoh tidak diimpor.".format(ref),
                    )
                    ref = None
                item["program_indicator"] = ref
            item["funding"] = reader.yearly(row, "funding_notes", path + ("funding",))
            if level == "activity":
                item["sub_activities"] = []
            reader.place(level, item, path, row)
            owner[children].append(item)
    return programs


def read_indicators(reader: SheetReader, rows: list[Row]) -> None:
    """Indicators join the item their 'pemilik' names, with their yearly targets."""
    levels = ("goal", "objective", "program", "activity", "sub_activity")
    what = "tujuan, sasaran, program, kegiatan atau sub kegiatan"
    choices = {"kind": INDICATOR_KIND, "polarity": POLARITY, "value_type": VALUE_TYPE}
    rollup = rollup_choice()
    if rollup is not None:
        choices["rollup"] = rollup
    present = reader.present[SHEET_INDICATORS]
    for row in rows:
        found = reader.parent(row, "owner", levels, what)
        if found is None or not reader.claim_key(row):
            continue
        _, owner, path = found
        path += ("indicators", len(owner["indicators"]))
        item = reader.fields(row, INDICATOR_TEXTS)
        for name, choice in choices.items():
            text = row.values.get(name, "")
            if name not in present or (not text and name != "rollup"):
                continue
            value = choice.value(text) if text else ""
            if value is None:
                reader.error(
                    row.sheet,
                    row.number,
                    row.headers[name],
                    text,
                    "Harus salah satu dari: {}.".format(", ".join(choice.shown)),
                )
            else:
                item[name] = value
        item["targets"] = reader.yearly(row, "target_notes", path + ("targets",))
        reader.place("indicator", item, path, row)
        owner["indicators"].append(item)
