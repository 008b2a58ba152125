"""The real Sumedang T-C.27 tables (copied from shared/real-plans) loaded through the importer."""

import json
from pathlib import Path

from renstra.interchange.tc27 import Tc27Source, import_tc27, read_rows

FIXTURES = Path(__file__).parent / "fixtures" / "real-plans"

PLANS = {
    "sumedang_tc27": ("Bappelitbangda", "Renstra Bappelitbangda Kabupaten Sumedang"),
    "sumedang_diskominfo_tc27": ("Diskominfo", "Renstra Diskominfo Kabupaten Sumedang"),
    "sumedang_bkpsdm_tc27": ("BKPSDM", "Renstra BKPSDM Kabupaten Sumedang"),
}
# Diskominfo prints "Tahun-3".."Tahun-5" without calendar years; by analogy with the other two
# tables of the same source they are 2021-2023 (shared/real-plans/README.md).
UNDATED_YEARS = {"y1": 2021, "y2": 2022, "y3": 2023}


def real_plan_years(key: str) -> dict[str, int]:
    """The calendar year of each year column the table prints (its .meta.json's year_columns)."""
    meta = json.loads((FIXTURES / "{}.meta.json".format(key)).read_text(encoding="utf-8"))
    return {
        col: info["calendar_year"]
        for col, info in meta["year_columns"].items()
        if info and info.get("calendar_year")
    } or UNDATED_YEARS


def real_plan_source(key: str) -> Tc27Source:
    meta = json.loads((FIXTURES / "{}.meta.json".format(key)).read_text(encoding="utf-8"))
    short_name, title = PLANS[key]
    return Tc27Source(
        region="Kabupaten Sumedang",
        region_kind="kabupaten",
        agency_name=meta["agency"],
        agency_short_name=short_name,
        title=title,
        years=real_plan_years(key),
        label="T-C.27 (sicerdas)",
        source=meta["table"],
    )


def load_real_plan(key: str):
    return import_tc27(
        read_rows(FIXTURES / "{}.csv".format(key)),
        real_plan_source(key),
        name="{}.csv".format(key),
    )
