"""Benchmark: `renstra check` over the demo, over a plan ten times its size, and over a city
of N demo-size plans (`renstra demo --agencies N`: N synthetic agencies, each with an approved
plan shaped like the demo's version 2). Issue 16 asks for 40 plans in 1 s or less, and 400 on
PostgreSQL in 10 s or less.

Run: python tests/bench/bench_check.py [--agencies 40] [--database URL]
     (prints seconds; without --database a throw-away SQLite database)

--database takes a database URL (dj-database-url form) of a database of your own that the
benchmark may fill: it migrates it and loads the demo and the agencies into it (agencies that
are there already are kept). Never the test suite's database.
"""

import argparse
import contextlib
import copy
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agencies", type=int, default=40, help="plans of the city (0: none)")
    parser.add_argument("--database", help="database URL (default: a new SQLite file)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the city check (best)")
    args = parser.parse_args()
    if not 0 <= args.agencies <= 1000:
        parser.error("--agencies: 0 to 1000")
    return args


# Read only when run: bench_xlsx and bench_pdf import tenfold from here with their own arguments.
ARGS = arguments() if __name__ == "__main__" else None
if ARGS and ARGS.database:
    os.environ["DATABASE_URL"] = ARGS.database
else:
    os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("RENSTRA_VAR_DIR", tempfile.mkdtemp(prefix="renstra-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renstra.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from renstra.checks.engine import check_many, run_checks  # noqa: E402
from renstra.interchange.demo import load_demo, load_demo_region, read_demo  # noqa: E402
from renstra.interchange.plan_data import create_version  # noqa: E402
from renstra.plans.choices import VersionStatus  # noqa: E402
from renstra.plans.models import Activity, Indicator, PlanVersion  # noqa: E402


def tenfold(version_data: dict) -> dict:
    """The version with its programs repeated ten times (same codes: the copies are duplicates,
    which the checker reports once per code)."""
    data = copy.deepcopy(version_data)
    data["number"] = 3
    data["label"] = "sepuluh kali demo"
    programs = []
    for _copy in range(10):
        for program in version_data["programs"]:
            programs.append(copy.deepcopy(program))
    data["programs"] = programs
    return data


def timed(version, repeat=5) -> tuple[float, int]:
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        findings = run_checks(version)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, len(findings)


def city_versions(plan, count: int) -> list:
    """The approved versions of `count` synthetic agencies of the demo's city (made now if
    missing), with their plan, agency and region."""
    if count:
        load_demo_region(agencies=count)
    return list(
        PlanVersion.objects.filter(
            status=VersionStatus.APPROVED, plan__agency__region=plan.agency.region
        )
        .exclude(plan=plan)
        .select_related("plan__agency__region", "plan__regional_plan", "revises")
        .order_by("pk")[:count]
    )


def check_city(versions, repeat: int) -> tuple[float, int]:
    """Every plan of the city checked, as a region's overview would: best of `repeat`."""
    best, count = None, 0
    for _ in range(repeat):
        gc.collect()  # not the garbage of what ran before (the tenfold plan, the last run)
        start = time.perf_counter()
        count = sum(len(findings) for findings in check_many(versions).values())
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, count


def main():
    call_command("migrate", verbosity=0)
    result = load_demo()
    plan = result.plan
    demo = {v.number: v for v in PlanVersion.objects.filter(plan=plan)}
    big = PlanVersion.objects.filter(plan=plan, label="sepuluh kali demo").first()
    if big is None:
        data = tenfold(read_demo()["versions"][1])
        data["number"] = PlanVersion.objects.filter(plan=plan).count() + 1
        big = create_version(plan=plan, data=data, source="bench")
    for label, version in (("demo v1", demo[1]), ("demo v2", demo[2]), ("10x demo v2", big)):
        seconds, count = timed(version)
        activities = Activity.objects.filter(program__version=version).count()
        indicators = Indicator.objects.filter(version=version).count()
        print(
            "{:<12} {:>5} kegiatan {:>5} indikator {:>5} temuan  {:.3f} s".format(
                label, activities, indicators, count, seconds
            )
        )
    start = time.perf_counter()
    with open(os.devnull, "w") as devnull, contextlib.suppress(SystemExit):  # exit 1: errors found
        call_command("check", plan=demo[2].pk, format="json", stdout=devnull)
    print(
        "renstra check --plan <demo v2> --format json (whole command): {:.3f} s".format(
            time.perf_counter() - start
        )
    )
    if ARGS.agencies:
        start = time.perf_counter()
        versions = city_versions(plan, ARGS.agencies)
        print(
            "kota: {} Renstra dimuat dalam {:.1f} s".format(
                len(versions), time.perf_counter() - start
            )
        )
        seconds, count = check_city(versions, ARGS.repeat)
        database = connection.vendor
        print(
            "pemeriksa atas kota {} Renstra ({}): {:.3f} s, {:.1f} ms per Renstra, {} temuan "
            "(sasaran issue 16: 40 <= 1 s, 400 di PostgreSQL <= 10 s)".format(
                len(versions), database, seconds, 1000 * seconds / max(len(versions), 1), count
            )
        )


if __name__ == "__main__":
    main()
