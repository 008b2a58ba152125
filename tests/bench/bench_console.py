"""Benchmark: Bappeda's console (renstra.console) over a city of N demo-size agencies
(`renstra demo --agencies N`: each with an approved plan shaped like the demo's version 2 and
its example realization). Issue 18 asks for 40 agencies on SQLite and 400 on PostgreSQL in
1 s or less each, the first request after the data is loaded included.

Run: python tests/bench/bench_console.py [--agencies 40] [--database URL] [--year 2019]
     (prints seconds and queries; without --database a throw-away SQLite database)

First the load and what it queued, run by the task worker, and the first request after them
(when the agencies were there already, the load queues nothing: what was kept before counts).
Then three figures, best of --repeat runs each:
- cold: nothing kept (renstra.console.models.KeptFigures emptied before each run): the request
  reads, checks and evaluates every plan itself, as when the worker has not got to it;
- after the worker: nothing kept, then what a load or an entry enqueues
  (renstra.console.tasks.warm_console) run by the task worker as `renstra worker` runs it (its
  seconds are printed too), then the first request;
- warm: the next request.

--database takes a database URL (dj-database-url form) of a database of your own that the
benchmark may fill: it migrates it and loads the demo and the agencies into it (agencies that
are there already are kept). Never the test suite's database.
"""

import argparse
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
    parser.add_argument("--agencies", type=int, default=40, help="agencies of the city")
    parser.add_argument("--database", help="database URL (default: a new SQLite file)")
    parser.add_argument("--year", type=int, default=2019, help="year of the console")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (best)")
    args = parser.parse_args()
    if not 1 <= args.agencies <= 1000:
        parser.error("--agencies: 1 to 1000")
    return args


ARGS = arguments()
if ARGS.database:
    os.environ["DATABASE_URL"] = ARGS.database
else:
    os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("RENSTRA_VAR_DIR", tempfile.mkdtemp(prefix="renstra-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renstra.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from renstra.console.models import KeptFigures  # noqa: E402
from renstra.console.service import region_console  # noqa: E402
from renstra.console.tables import render_console  # noqa: E402
from renstra.console.tasks import warm_console  # noqa: E402
from renstra.interchange.demo import load_demo, load_demo_region  # noqa: E402
from renstra.lkjip.content import lkjip_content  # noqa: E402
from renstra.lkjip.lkjip_pdf import lkjip_pdf  # noqa: E402
from renstra.lkjip.models import Lkjip  # noqa: E402
from renstra.lkjip.services import create_region_lkjip, rpjmd_for_year  # noqa: E402
from renstra.site.management.commands.worker import queued_in_database  # noqa: E402


def timed(run, repeat: int, before=None) -> tuple[float, int, object]:
    """Best time of `repeat` calls of run(), the queries of the last, its result."""
    best, count, result = None, 0, None
    for _ in range(repeat):
        if before is not None:
            before()
        gc.collect()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            result = run()
            elapsed = time.perf_counter() - start
        count = len(captured.captured_queries)
        best = elapsed if best is None else min(best, elapsed)
    return best, count, result


def forget() -> None:
    """Nothing kept: neither the console's figures nor anything in the cache."""
    KeptFigures.objects.all().delete()
    cache.clear()


def run_worker() -> float:
    """What waits in the task queue, run as `renstra worker --batch` runs it; seconds."""
    start = time.perf_counter()
    if queued_in_database():
        call_command("worker", "--batch", "--interval", "0", verbosity=0)
    return time.perf_counter() - start


def main():
    call_command("migrate", verbosity=0)
    region = load_demo().plan.agency.region
    start = time.perf_counter()
    loaded = load_demo_region(agencies=ARGS.agencies)
    seconds = time.perf_counter() - start

    def console():
        return region_console(region, ARGS.year)

    queued = run_worker()
    after_load, after_load_queries, result = timed(console, 1)
    print(
        "kota: {} Perangkat Daerah sintetis ({} dibuat sekarang) dalam {:.1f} s; pekerja atas "
        "antrean muatan {:.1f} s; permintaan pertama setelahnya {:.3f} s ({} kueri, {} versi "
        "dihitung dalam permintaan)".format(
            len(loaded.versions),
            len(loaded.created),
            seconds,
            queued,
            after_load,
            after_load_queries,
            result.computed,
        )
    )

    worker_seconds = []

    def warmed_by_worker():
        forget()
        # What approving the plans or entering their realization enqueues (one per commit).
        warm_console.enqueue(region.pk, [ARGS.year])
        worker_seconds.append(run_worker())

    cold, cold_queries, result = timed(console, ARGS.repeat, before=forget)
    assert result.computed == len([r for r in result.rows if r.version is not None])
    first, first_queries, result = timed(console, ARGS.repeat, before=warmed_by_worker)
    assert result.computed == 0, "the worker left versions to the request"
    warm, warm_queries, result = timed(console, ARGS.repeat)
    xlsx, _q, body = timed(lambda: render_console(result, "xlsx"), ARGS.repeat)
    pdf, _q, document = timed(lambda: render_console(result, "pdf"), 1)
    database = connection.vendor
    print(
        "konsol {} PD tahun {} ({}): dingin {:.3f} s ({} kueri); setelah pekerja {:.3f} s "
        "({} kueri; pekerja {:.1f} s); hangat {:.3f} s ({} kueri); "
        "{} galat terbuka, {} indikator berisiko".format(
            len(result.rows),
            ARGS.year,
            database,
            cold,
            cold_queries,
            first,
            first_queries,
            min(worker_seconds),
            warm,
            warm_queries,
            result.total.open_errors,
            result.total.at_risk,
        )
    )
    print(
        "berkas konsol: XLSX {:.3f} s ({} kB), PDF {:.3f} s ({} kB)".format(
            xlsx, len(body) // 1024, pdf, len(document) // 1024
        )
    )
    print(
        "(sasaran issue 18: 40 PD di SQLite dan 400 di PostgreSQL masing-masing <= 1 s, "
        "permintaan pertama setelah pekerja termasuk)"
    )
    pemda_lkjip(region)
    forget()


def pemda_lkjip(region) -> None:
    """The Pemda's LKjIP of the year (issue 20): its content reads the RPJMD's evaluation and
    the console's roll-up of every agency (kept by the worker above), then its PDF."""
    if rpjmd_for_year(region, ARGS.year) is None:
        print("LKjIP Pemda: tidak ada RPJMD yang ditetapkan untuk tahun {}".format(ARGS.year))
        return
    report = Lkjip.objects.filter(
        agency__region=region, year=ARGS.year, scope="pemda"
    ).first() or create_region_lkjip(region=region, year=ARGS.year, user=None)
    content_seconds, content_queries, content = timed(lambda: lkjip_content(report), ARGS.repeat)
    pdf, _q, document = timed(lambda: lkjip_pdf(content), 1)
    print(
        "LKjIP Pemda {} ({} PD di bagian 3.4): isi {:.3f} s ({} kueri), PDF {:.3f} s "
        "({} kB)".format(
            ARGS.year,
            len(content.agencies),
            content_seconds,
            content_queries,
            pdf,
            len(document) // 1024,
        )
    )


if __name__ == "__main__":
    main()
