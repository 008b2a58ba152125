"""Benchmark: the evaluation of one plan year (monitoring), for the demo with its example
realization and for the demo's programs repeated ten times, each with realization.

Run: python tests/bench/bench_evaluate.py   (prints seconds and queries; throw-away SQLite)
"""

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
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from renstra.interchange.demo import load_demo, read_demo  # noqa: E402
from renstra.interchange.plan_data import create_version  # noqa: E402
from renstra.monitoring.evaluation import evaluate  # noqa: E402
from renstra.monitoring.export import evaluation_records, evaluation_table  # noqa: E402
from renstra.monitoring.sample import load_sample_realization  # noqa: E402
from renstra.plans.models import Indicator, PlanVersion  # noqa: E402
from renstra.render.formats import render_table  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "bench"))
from bench_check import tenfold  # noqa: E402


def timed(func, repeat=3):
    best, result = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def main():
    call_command("migrate", verbosity=0)
    result = load_demo()
    v2 = PlanVersion.objects.get(plan=result.plan, number=2)
    start = time.perf_counter()
    rows = load_sample_realization(v2)
    print("sample realization: {} rows in {:.2f} s".format(rows, time.perf_counter() - start))

    data = read_demo()
    big = create_version(plan=result.plan, data=tenfold(data["versions"][1]), source="bench")
    PlanVersion.objects.filter(pk=big.pk).update(status="approved")
    big.refresh_from_db()
    start = time.perf_counter()
    rows = load_sample_realization(big)
    print("tenfold realization: {} rows in {:.2f} s".format(rows, time.perf_counter() - start))

    for label, version in (("demo v2", v2), ("ten times demo v2", big)):
        count = Indicator.objects.filter(version=version).count()
        with CaptureQueriesContext(connection) as captured:
            evaluate(version, 2018)
        seconds, evaluation = timed(lambda v=version: evaluate(v, 2018))
        table_seconds, table = timed(lambda e=evaluation: evaluation_table(e))
        json_seconds, _ = timed(lambda e=evaluation: evaluation_records(e))
        print(
            "{}: {} indicators, evaluate 2018 {:.3f} s in {} queries; table {:.3f} s; "
            "json {:.3f} s".format(
                label, count, seconds, len(captured), table_seconds, json_seconds
            )
        )
        for fmt in ("xlsx", "pdf"):
            render_seconds, body = timed(lambda t=table, f=fmt: render_table(t, f), repeat=1)
            print(
                "  evaluation table as {}: {:.2f} s, {} kB".format(
                    fmt, render_seconds, len(body) // 1024
                )
            )


if __name__ == "__main__":
    main()
