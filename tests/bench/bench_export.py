"""Benchmark: the whole demo plan (version 2) as one PDF and one workbook.

Run: python tests/bench/bench_export.py   (prints seconds; uses a throw-away SQLite database)
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

from renstra.interchange.demo import load_demo  # noqa: E402
from renstra.reports.export import render_plan  # noqa: E402


def main():
    call_command("migrate", verbosity=0)
    version = load_demo().plan.versions.get(number=2)
    import weasyprint  # noqa: F401  (loading Pango once is start-up, not export, time)

    for fmt in ("xlsx", "pdf"):
        times = []
        for _ in range(3):
            start = time.perf_counter()
            body = render_plan(version, fmt)
            times.append(time.perf_counter() - start)
        print(
            "seluruh Renstra v2 sebagai {}: {:.2f} s (terbaik dari 3; {:.2f} s pertama), {} KB".format(
                fmt, min(times), times[0], len(body) // 1024
            )
        )


if __name__ == "__main__":
    main()
