"""Benchmark: XLSX of the report tables, before (openpyxl, a Font, Alignment, Border and Fill
built per cell) and after (XlsxWriter, one shared format per look).

    python tests/bench/bench_xlsx.py [--copies 6] [--repeat 5]

prints, as the median of `--repeat` runs each: Tabel 6.1 of the demo (v2) as one workbook; the
whole demo plan as one workbook; the whole plan of a bigger version, the demo's programs
repeated `--copies` times (6: 553 indicators, with example realization: at least the 536
indicators and 3,152 realization rows of the peer's largest report, issue 16). Each figure
is given end to end (the tables built from the database and written, as
renstra.reports.export.render_plan does, without any cache) and for the writing alone (the
tables built once, before the clock starts). Uses a throw-away SQLite database; the
"before" renderer is read from git (BEFORE, the last openpyxl version of the renderer).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RENSTRA_VAR_DIR", tempfile.mkdtemp(prefix="renstra-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renstra.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from renstra.interchange.demo import load_demo, read_demo  # noqa: E402
from renstra.interchange.plan_data import create_version  # noqa: E402
from renstra.monitoring.models import Realization  # noqa: E402
from renstra.monitoring.sample import load_sample_realization  # noqa: E402
from renstra.plans.models import Indicator, PlanVersion  # noqa: E402
from renstra.render.formats import render_table  # noqa: E402
from renstra.render.renderers import xlsx as after  # noqa: E402
from renstra.reports.export import build_table, plan_tables  # noqa: E402
from tests.bench.before import module_at  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "bench"))
from bench_check import tenfold  # noqa: E402

BEFORE = "2932d924081451510fa28119750d5cde84f300db"  # renstra/render/renderers/xlsx.py, openpyxl


def renderer_before():
    """The openpyxl renderer as it was at BEFORE, loaded as a module of its own."""
    return module_at(BEFORE, "renstra/render/renderers/xlsx.py", "xlsx_before")


def medians(function, repeat: int) -> tuple[float, float]:
    """Median wall-clock and median CPU seconds of `repeat` calls (CPU time is what other work
    on a busy machine does not inflate)."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def grown(plan, copies: int, number: int | None = None) -> PlanVersion:
    """The demo's v2 with its programs repeated `copies` times, approved, with realization
    (`number`: the version's number, where a benchmark grows more than one)."""
    data = tenfold(read_demo()["versions"][1])
    if number is not None:
        data["number"] = number
    programs = len(data["programs"]) // 10
    data["programs"] = data["programs"][: programs * copies]
    data["label"] = "demo x{}".format(copies)
    version = create_version(plan=plan, data=data, source="bench")
    PlanVersion.objects.filter(pk=version.pk).update(status="approved")
    version.refresh_from_db()
    load_sample_realization(version)
    return version


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    plan = load_demo().plan
    demo = plan.versions.get(number=2)
    load_sample_realization(demo)
    big = grown(plan, args.copies)
    before = renderer_before()

    rows = []
    table = build_table(demo, "6.1")
    rows.append(
        (
            "Tabel 6.1, demo v2 (written)",
            before and (lambda: before.render_xlsx(table)),
            lambda: render_table(table, "xlsx"),
        )
    )
    for label, version in (("demo v2", demo), ("demo x{}".format(args.copies), big)):
        indicators = Indicator.objects.filter(version=version).count()
        realization = Realization.objects.filter(indicator__version=version).count()
        name = "whole plan, {} ({} indicators, {} realization rows)".format(
            label, indicators, realization
        )
        tables = plan_tables(version)
        rows.append(
            (
                name + ", end to end",
                before and (lambda v=version: before.render_workbook(plan_tables(v))),
                lambda v=version: after.render_workbook(plan_tables(v)),
            )
        )
        rows.append(
            (
                name + ", written",
                before and (lambda t=tables: before.render_workbook(t)),
                lambda t=tables: after.render_workbook(t),
            )
        )
    print("XLSX, median of {} runs: wall-clock seconds (CPU seconds)".format(args.repeat))
    print("{:<78} {:>15} {:>15} {:>6}".format("", "before", "after", "ratio"))
    for name, old, new in rows:
        after_wall, after_cpu = medians(new, args.repeat)
        after_text = "{:.3f} ({:.3f})".format(after_wall, after_cpu)
        if old is None:
            print("{:<78} {:>15} {:>15}".format(name, "-", after_text))
            continue
        before_wall, before_cpu = medians(old, args.repeat)
        print(
            "{:<78} {:>15} {:>15} {:>5.1f}x".format(
                name,
                "{:.3f} ({:.3f})".format(before_wall, before_cpu),
                after_text,
                before_wall / after_wall,
            )
        )


if __name__ == "__main__":
    main()
