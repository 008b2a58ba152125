"""Fuzz every importer with many inputs: the JSON document, the XLSX workbook, the T-C.27 CSV and
the realization CSV (tests/interchange/fuzzing.py makes the inputs and checks each attempt).

Run:
    python tests/bench/fuzz_importers.py                  # 2,600 inputs per importer, seed 1
    python tests/bench/fuzz_importers.py -n 500 --seed 7  # fewer, another seed

A fresh SQLite database in a temporary folder (never the caller's DATABASE_URL) is migrated and
given the demo. Each input is imported inside a transaction that is rolled back afterwards.
Prints, per importer: inputs tried, accepted, rejected, unhandled errors (with the first
traceback of each distinct kind), partial writes (rows left by a rejected import), and tracebacks
the importers logged. Exits 1 unless there are no unhandled errors and no partial writes.
"""

import argparse
import logging
import os
import random
import resource
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="renstra-fuzz-"))
os.environ["DATABASE_URL"] = "sqlite:///{}".format(WORKDIR / "fuzz.sqlite3")
os.environ.setdefault("RENSTRA_VAR_DIR", str(WORKDIR))
os.environ.setdefault("RENSTRA_SECRET_KEY", "fuzz-only")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renstra.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from renstra.interchange.demo import load_demo  # noqa: E402


class _LoggedTracebacks(logging.Handler):
    """Counts log records that carry a traceback (an importer that logs one was surprised)."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.count = Counter()
        self.first = {}

    def emit(self, record):
        if record.exc_info:
            kind = "{}: {}".format(record.name, record.exc_info[0].__name__)
            self.count[kind] += 1
            self.first.setdefault(kind, "".join(traceback.format_exception(*record.exc_info)))


def _kind(exc: BaseException) -> str:
    """An error's kind: its type and where in renstra (or else the innermost frame) it arose."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/renstra/" in f.filename] or frames
    where = "{}:{}".format(Path(ours[-1].filename).name, ours[-1].lineno) if ours else "?"
    return "{} at {}".format(type(exc).__name__, where)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2600, help="inputs per importer")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=("json", "xlsx", "tc27", "realization"))
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    load_demo()
    from tests.interchange.fuzzing import IMPORTERS, EmptyRejection, Fuzzer, PartialWrite

    logged = _LoggedTracebacks()
    logging.getLogger("renstra").addHandler(logged)
    logging.getLogger("renstra").setLevel(logging.DEBUG)
    logging.getLogger("renstra").propagate = False
    fuzzer = Fuzzer.from_demo()
    rng = random.Random(args.seed)
    failures: dict[str, list] = {}  # kind -> [count, first seed, first traceback]
    rows = []
    started = time.perf_counter()
    for importer in IMPORTERS if args.only is None else (args.only,):
        clock = time.perf_counter()
        counts = Counter()
        slowest = (0.0, None)
        for _ in range(args.n):
            seed = rng.getrandbits(64)
            data = fuzzer.make(importer, random.Random(seed))
            attempt_started = time.perf_counter()
            try:
                counts[fuzzer.attempt(importer, data)] += 1
            except PartialWrite as exc:
                counts["partial"] += 1
                kind, text = "PartialWrite", str(exc)
            except EmptyRejection as exc:
                counts["unhandled"] += 1
                kind, text = "EmptyRejection", str(exc)
            except Exception as exc:  # the very thing this script looks for
                counts["unhandled"] += 1
                kind, text = _kind(exc), traceback.format_exc()
            else:
                kind = None
            took = time.perf_counter() - attempt_started
            slowest = max(slowest, (took, seed), key=lambda pair: pair[0])
            if kind is not None:
                kind = "{} ({})".format(kind, importer)
                if kind not in failures:
                    failures[kind] = [0, seed, text]
                    print("\n=== new: {} (seed {}) ===\n{}".format(kind, seed, text), flush=True)
                failures[kind][0] += 1
        rows.append((importer, counts, slowest))
        print(
            "{:<12} tried {:>6}  accepted {:>6}  rejected {:>6}  unhandled {:>4}  "
            "partial writes {:>3}  slowest {:.1f} s (seed {})  ({:.0f} s)".format(
                importer,
                sum(counts.values()),
                counts["accepted"],
                counts["rejected"],
                counts["unhandled"],
                counts["partial"],
                slowest[0],
                slowest[1],
                time.perf_counter() - clock,
            ),
            flush=True,
        )
    unhandled = sum(c["unhandled"] for _, c, _ in rows)
    partial = sum(c["partial"] for _, c, _ in rows)
    print(
        "\n{:<12} {:>6} {:>9} {:>9} {:>10} {:>15} {:>9}".format(
            "importer", "tried", "accepted", "rejected", "unhandled", "partial writes", "slowest"
        )
    )
    for importer, counts, slowest in rows:
        print(
            "{:<12} {:>6} {:>9} {:>9} {:>10} {:>15} {:>8.1f}s".format(
                importer,
                sum(counts.values()),
                counts["accepted"],
                counts["rejected"],
                counts["unhandled"],
                counts["partial"],
                slowest[0],
            )
        )
    print(
        "{:<12} {:>6} {:>9} {:>9} {:>10} {:>15}   logged tracebacks {}, {:.0f} s, seed {}, "
        "peak memory {} MB".format(
            "total",
            sum(sum(c.values()) for _, c, _ in rows),
            sum(c["accepted"] for _, c, _ in rows),
            sum(c["rejected"] for _, c, _ in rows),
            unhandled,
            partial,
            sum(logged.count.values()),
            time.perf_counter() - started,
            args.seed,
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        )
    )
    for kind, (count, seed, text) in failures.items():
        print("\n=== {} x{} (first input: seed {}) ===\n{}".format(kind, count, seed, text))
    for kind, text in logged.first.items():
        print("\n=== logged: {} x{} ===\n{}".format(kind, logged.count[kind], text))
    sys.exit(1 if unhandled or partial else 0)


if __name__ == "__main__":
    main()
