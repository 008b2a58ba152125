"""A large, legal Renstra workbook: the demo's version 2 exported as the import template, its
programs (with their kegiatan and indicators) copied until the indicator sheet holds --rows rows.

Run:
    python tests/bench/big_workbook.py -o /tmp/big.xlsx             # write the workbook
    python tests/bench/big_workbook.py -o /tmp/big.xlsx --bench 3   # and time `renstra import`

It uses a throw-away SQLite database (never DATABASE_URL of the caller): the demo is loaded there,
`renstra export --plan <version 2> --format templat` writes the template, and each timed run
imports the big workbook into that same database through the CLI (`python -m renstra.cli
import FILE.xlsx`, a process of its own, start-up included), as a new draft of the demo plan.
"""

import argparse
import io
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="renstra-bigwb-"))
DATABASE_URL = "sqlite:///{}".format(WORKDIR / "bench.sqlite3")
# The whole script and the CLI runs it starts use the throw-away database only.
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("RENSTRA_VAR_DIR", str(WORKDIR))
os.environ.setdefault("RENSTRA_SECRET_KEY", "bench-only")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renstra.settings")

PROGRAMS = "program-kegiatan-pendanaan"
INDICATORS = "indikator-target"
PROGRAM_KEY = re.compile(r"^P(\d+)(.*)$")


def _demo_template() -> bytes:
    """`renstra export --plan <v2> --format templat` of a freshly loaded demo."""
    import django

    django.setup()
    from django.core.management import call_command

    from renstra.interchange.demo import load_demo

    call_command("migrate", verbosity=0)
    version = load_demo().plan.versions.get(number=2)
    out = WORKDIR / "v2.xlsx"
    call_command("export", plan=version.pk, format="templat", output=str(out))
    # The timed imports run in processes of their own: hold no connection open beside them.
    from django.db import connections

    connections.close_all()
    return out.read_bytes()


def _columns(ws) -> dict[str, int]:
    return {cell.value: i for i, cell in enumerate(next(ws.iter_rows(max_row=1)))}


def multiply(template: bytes, rows: int, units: int = 12) -> bytes:
    """The template with its programs copied (keys P<n> renumbered) until the indicator sheet
    has `rows` data rows; the remainder are extra indicators of the first sasaran. Programs and
    kegiatan of the copies name one of `units` units (unit kerja)."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(template))
    programs, indicators = workbook[PROGRAMS], workbook[INDICATORS]
    program_rows = [list(r) for r in programs.iter_rows(min_row=2, values_only=True) if any(r)]
    indicator_rows = [list(r) for r in indicators.iter_rows(min_row=2, values_only=True) if any(r)]
    count = sum(1 for r in program_rows if r[1] == "program")
    pcol, icol = _columns(programs), _columns(indicators)
    p_refs = [pcol[h] for h in ("kunci", "induk", "indikator program yang didukung")]
    i_refs = [icol[h] for h in ("kunci", "pemilik")]
    owned = [r for r in indicator_rows if PROGRAM_KEY.match(str(r[icol["pemilik"]]))]
    copies = (rows - len(indicator_rows)) // len(owned)

    unit = pcol["unit kerja"]

    def renumber(row, refs, copy):
        row = list(row)
        for i in refs:
            match = PROGRAM_KEY.match(str(row[i] or ""))
            if match:
                row[i] = "P{}{}".format(int(match[1]) + copy * count, match[2])
        if refs is p_refs and units:
            # As real plans do: each program and kegiatan names the unit that carries it out.
            row[unit] = "Bidang {}".format(1 + (copy * len(program_rows) + len(row[0])) % units)
        return row

    for copy in range(1, copies + 1):
        for row in program_rows:
            programs.append(renumber(row, p_refs, copy))
        for row in owned:
            indicators.append(renumber(row, i_refs, copy))
    filled = len(indicator_rows) + copies * len(owned)
    sasaran = next(r for r in indicator_rows if not PROGRAM_KEY.match(str(r[icol["pemilik"]])))
    extra = 0
    while filled < rows:
        extra += 1
        row = list(sasaran)
        row[icol["kunci"]] = "{}.X{}".format(row[icol["pemilik"]], extra)
        row[icol["indikator"]] = "{} (salinan {})".format(row[icol["indikator"]], extra)
        indicators.append(row)
        filled += 1
    out = io.BytesIO()
    workbook.save(out)
    print(
        "{}: {} baris, {}: {} baris ({} salinan program)".format(
            PROGRAMS, len(program_rows) * (copies + 1), INDICATORS, filled, copies + 1
        ),
        file=sys.stderr,
    )
    return out.getvalue()


def bench(path: Path, runs: int) -> None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "renstra.cli", "import", str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        times.append(time.perf_counter() - start)
        line = (done.stdout or done.stderr).strip().splitlines()[:1]
        print("{:.2f} s  {}".format(times[-1], line[0][:100] if line else ""))
        if done.returncode:
            print(done.stderr[-3000:], file=sys.stderr)
            sys.exit(1)
    print("median of {}: {:.2f} s".format(runs, statistics.median(times)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default=str(WORKDIR / "big.xlsx"))
    parser.add_argument("--rows", type=int, default=5000, help="indicator rows (default 5000)")
    parser.add_argument("--units", type=int, default=12, help="unit kerja named (default 12)")
    parser.add_argument("--bench", type=int, default=0, help="time N CLI imports")
    parser.add_argument("--workbook", help="time this workbook instead of writing one")
    args = parser.parse_args()
    template = _demo_template()
    if args.workbook:
        out = Path(args.workbook)
    else:
        data = multiply(template, args.rows, args.units)
        out = Path(args.output)
        out.write_bytes(data)
        print("Ditulis: {} ({} KB)".format(out, len(data) // 1024))
    if args.bench:
        bench(out, args.bench)


if __name__ == "__main__":
    main()
