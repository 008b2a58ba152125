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


def load_real_plan(key: str):
    meta = json.loads((FIXTURES / "{}.meta.json".format(key)).read_text(encoding="utf-8"))
    years = {
        col: info["calendar_year"]
        for col, info in meta["year_columns"].items()
        if info and info.get("calendar_year")
    } or UNDATED_YEARS
    short_name, title = PLANS[key]
    source = Tc27Source(
        region="Kabupaten Sumedang",
        region_kind="kabupaten",
        agency_name=meta["agency"],
        agency_short_name=short_name,
        title=title,
        years=years,
        label="T-C.27 (sicerdas)",
        source=meta["table"],
    )
    return import_tc27(
        read_rows(FIXTURES / "{}.csv".format(key)), source, name="{}.csv".format(key)
    )
