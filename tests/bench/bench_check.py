"""Benchmark: `renstra check` over the demo, and over a plan ten times its size.

Run: python tests/bench/bench_check.py   (prints seconds; uses a throw-away SQLite database)
"""

import contextlib
import copy
import os
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

from renstra.checks.engine import run_checks  # noqa: E402
from renstra.interchange.demo import load_demo, read_demo  # noqa: E402
from renstra.interchange.plan_data import create_version  # noqa: E402
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


def main():
    call_command("migrate", verbosity=0)
    result = load_demo()
    plan = result.plan
    demo = {v.number: v for v in PlanVersion.objects.filter(plan=plan)}
    big = create_version(plan=plan, data=tenfold(read_demo()["versions"][1]), source="bench")
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


if __name__ == "__main__":
    main()
