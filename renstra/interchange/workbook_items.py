"""The item sheets of a workbook into the plan document: tujuan-sasaran, strategi-kebijakan,
program-kegiatan-pendanaan (with yearly funding) and indikator-target (with yearly targets).
Rows find their parent by key, in any order; order within a parent is the order of the rows."""

import re

from renstra.interchange.plan_checker import INDICATOR
from renstra.interchange.workbook_layout import (
    GOAL_LEVELS,
    INDICATOR_KIND,
    POLARITY,
    PROGRAM_LEVELS,
    ROLLUP,
    SHEET_INDICATORS,
    STRATEGY_LEVELS,
    VALUE_TYPE,
)
from renstra.interchange.workbook_read import Row, SheetReader
from renstra.plans.levels import BY_KEY, INDICATOR_OWNERS

CASCADE = ("number", "name", "note", "source_ref", "other_wordings")
CODED = (*CASCADE, "code", "code_raw", "declared_total_raw", "unit")
TUJUAN, SASARAN = BY_KEY["tujuan"], BY_KEY["sasaran"]
STRATEGI, ARAH_KEBIJAKAN = BY_KEY["strategi"], BY_KEY["arah_kebijakan"]
PROGRAM, KEGIATAN, SUB_KEGIATAN = BY_KEY["program"], BY_KEY["kegiatan"], BY_KEY["sub_kegiatan"]
# Columns of the program sheet that only some of its levels fill.
ONLY_FOR = {
    "objectives": (PROGRAM,),
    "program_indicator": (KEGIATAN,),
    "location": (KEGIATAN, SUB_KEGIATAN),
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
        if level is SASARAN:
            objectives.append(row)
        elif level is TUJUAN and reader.claim_key(row):
            if row.values.get("parent"):
                reader.error(
                    row.sheet,
                    row.number,
                    row.headers["parent"],
                    row.values["parent"],
                    "Tujuan tidak punya induk; kosongkan kolom induk.",
                )
            _no_rpjmd_refs(reader, row)
            item = {**reader.fields(row, CASCADE), "indicators": [], "objectives": []}
            reader.place(TUJUAN.name, item, ("goals", len(goals)), row)
            goals.append(item)
    for row in objectives:
        found = reader.parent(row, "parent", (TUJUAN,))
        if found is not None and reader.claim_key(row):
            _, goal, path = found
            item = {**reader.fields(row, CASCADE), "indicators": [], "strategies": []}
            item["rpjmd_refs"] = [
                ref.strip()
                for ref in (row.values.get("rpjmd_refs") or "").split(";")
                if ref.strip()
            ]
            reader.place(SASARAN.name, item, path + ("objectives", len(goal["objectives"])), row)
            goal["objectives"].append(item)
    return goals


def _no_rpjmd_refs(reader: SheetReader, row: Row) -> None:
    if row.values.get("rpjmd_refs"):
        reader.error(
            row.sheet,
            row.number,
            row.headers["rpjmd_refs"],
            row.values["rpjmd_refs"],
            "Hanya sasaran yang merujuk sasaran RPJMD; kosongkan kolom ini untuk tujuan.",
        )


def read_strategies(reader: SheetReader, rows: list[Row]) -> None:
    """Strategi rows join their sasaran; arah kebijakan rows their strategi."""
    policies = []
    for row in rows:
        level = reader.level(row, STRATEGY_LEVELS)
        if level is ARAH_KEBIJAKAN:
            policies.append(row)
        elif level is STRATEGI:
            found = reader.parent(row, "parent", (SASARAN,))
            if found is not None and reader.claim_key(row):
                _, objective, path = found
                item = {**reader.fields(row, CASCADE), "policy_directions": []}
                path += ("strategies", len(objective["strategies"]))
                reader.place(STRATEGI.name, item, path, row)
                objective["strategies"].append(item)
    for row in policies:
        found = reader.parent(row, "parent", (STRATEGI,))
        if found is not None and reader.claim_key(row):
            _, strategy, path = found
            item = reader.fields(row, CASCADE)
            path += ("policy_directions", len(strategy["policy_directions"]))
            reader.place(ARAH_KEBIJAKAN.name, item, path, row)
            strategy["policy_directions"].append(item)


def read_programs(reader: SheetReader, rows: list[Row]) -> list[dict]:
    """Programs, kegiatan under their program, sub kegiatan under their kegiatan, each with its
    yearly funding; a program's 'sasaran yang didukung' lists sasaran keys."""
    programs = []
    by_level = {level: [] for level in (PROGRAM, KEGIATAN, SUB_KEGIATAN)}
    for row in rows:
        level = reader.level(row, PROGRAM_LEVELS)
        if level is not None:
            by_level[level].append(row)
            reader.only_for(row, level, ONLY_FOR)
    for row in by_level[PROGRAM]:
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
        reader.place(PROGRAM.name, item, path, row)
        programs.append(item)
    for level in (KEGIATAN, SUB_KEGIATAN):
        children = level.plural  # the parent's list in the document: "activities"
        for row in by_level[level]:
            found = reader.parent(row, "parent", (BY_KEY[level.parent],))
            if found is None or not reader.claim_key(row):
                continue
            _, owner, path = found
            path += (children, len(owner[children]))
            item = {**reader.fields(row, (*CODED, "location")), "indicators": []}
            if level is KEGIATAN:
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
            if level is KEGIATAN:
                item[SUB_KEGIATAN.plural] = []
            reader.place(level.name, item, path, row)
            owner[children].append(item)
    return programs


def read_indicators(reader: SheetReader, rows: list[Row]) -> None:
    """Indicators join the item their 'pemilik' names, with their yearly targets."""
    choices = {
        "kind": INDICATOR_KIND,
        "polarity": POLARITY,
        "value_type": VALUE_TYPE,
        "rollup": ROLLUP,
    }
    present = reader.present[SHEET_INDICATORS]
    for row in rows:
        found = reader.parent(row, "owner", INDICATOR_OWNERS)
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
        reader.place(INDICATOR, item, path, row)
        owner["indicators"].append(item)
