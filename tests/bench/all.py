"""Every benchmark of tests/bench, one after the other, each in a process of its own with a
throw-away database, and a table of what each printed at the end.

Run: python tests/bench/all.py [--quick]   (--quick leaves out the long ones: the importer fuzz
and the load test, which take minutes and are run on their own with their options)

The figures are the benchmarks' own (medians where they repeat); a busy machine inflates them,
so compare figures taken side by side, as farm-bench does.
"""

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# (script, arguments, how many of its last lines hold its figures)
BENCHMARKS = [
    ("bench_check.py", [], 6),
    ("bench_console.py", [], 4),
    ("bench_pages.py", [], 6),
    ("bench_evaluate.py", [], 6),
    ("bench_export.py", [], 6),
    ("bench_pdf.py", [], 8),
    ("bench_xlsx.py", [], 7),
    ("bench_compare.py", [], 6),
    ("big_workbook.py", ["--bench", "3"], 4),
]
LONG = [
    ("fuzz_importers.py", ["-n", "100"], 7),
]


def main():
    chosen = BENCHMARKS + ([] if "--quick" in sys.argv else LONG)
    results = []
    for script, args, tail in chosen:
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, str(HERE / script), *args], capture_output=True, text=True
        )
        seconds = time.perf_counter() - start
        lines = [line for line in done.stdout.splitlines() if line.strip()][-tail:]
        status = "ok" if done.returncode == 0 else "GAGAL ({})".format(done.returncode)
        results.append((script, seconds, status, lines, done.stderr[-2000:]))
        print("{:<22} {:>7.1f} s  {}".format(script, seconds, status), flush=True)
    print()
    for script, seconds, status, lines, error in results:
        print("== {} ({:.1f} s, {})".format(script, seconds, status))
        for line in lines:
            print("   " + line)
        if status != "ok":
            print("   " + error.replace("\n", "\n   "))
    sys.exit(1 if any(r[2] != "ok" for r in results) else 0)


if __name__ == "__main__":
    main()
