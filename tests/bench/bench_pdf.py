"""Benchmark: the PDF engines side by side on the same pieces (renstra/render/renderers/pdf.py
lays out, the engine prints): WeasyPrint (HTML and CSS, the engine before issue 16) and Typst.

    python tests/bench/bench_pdf.py [--copies 6] [--repeat 3] [--no-weasyprint]

prints, as the median of `--repeat` runs (WeasyPrint: one run, it is slow): the evaluation
table of the demo (v2, 2019, with example realization); the same for the demo's programs
repeated ten times (so that the last column, tenfold / demo, says whether the cost grows with
the rows); the whole demo plan (cover and every table); the whole plan of a bigger version
(the demo's programs repeated `--copies` times: 553 indicators with realization, issue 16's
volume). The tables are built before the clock starts: the figures are the PDF's alone.
Each PDF is read back with pypdf (page count) so that a figure is never of an empty file.
Uses a throw-away SQLite database.
"""

import argparse
import io
import os
import resource
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
from pypdf import PdfReader  # noqa: E402

from renstra.interchange.demo import load_demo  # noqa: E402
from renstra.monitoring.evaluation import evaluate  # noqa: E402
from renstra.monitoring.export import evaluation_table  # noqa: E402
from renstra.monitoring.sample import load_sample_realization  # noqa: E402
from renstra.plans.models import Indicator  # noqa: E402
from renstra.plans.titles import running_title  # noqa: E402
from renstra.render.renderers.pdf import render_pdf_document  # noqa: E402
from renstra.reports.export import plan_tables  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "bench"))
from bench_xlsx import grown  # noqa: E402


def cpu_time() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def median(function, repeat: int) -> tuple[float, float, bytes]:
    """Median wall-clock and CPU seconds (all the threads of this process and of the children
    it waited for: Typst compiles in a child and lays pages out on several threads) of `repeat`
    calls, and the last result."""
    wall, cpu, body = [], [], b""
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), cpu_time()
        body = function()
        wall.append(time.perf_counter() - start)
        cpu.append(cpu_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu), body


def render(case, engine: str) -> bytes:
    tables, title, cover = case
    return render_pdf_document(tables, running_title=title, cover=cover, engine=engine)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-weasyprint", action="store_true")
    args = parser.parse_args()
    engines = ["typst"] + ([] if args.no_weasyprint else ["weasyprint"])

    call_command("migrate", verbosity=0)
    plan = load_demo().plan
    demo = plan.versions.get(number=2)
    load_sample_realization(demo)
    ten = grown(plan, 10, number=90)
    big = grown(plan, args.copies, number=91)
    import weasyprint  # noqa: F401  (loading Pango is start-up, not PDF time)

    def evaluation(version):
        table = evaluation_table(evaluate(version, 2019))
        return [table], table.running_title or table.title, None

    def whole(version):
        return plan_tables(version), running_title(version), ["Rencana Strategis", "Periode"]

    cases = [
        ("evaluation table, demo v2 2019", evaluation(demo)),
        ("evaluation table, demo x10 2019", evaluation(ten)),
        ("whole plan, demo v2", whole(demo)),
        (
            "whole plan, demo x{} ({} indicators)".format(
                args.copies, Indicator.objects.filter(version=big).count()
            ),
            whole(big),
        ),
    ]
    print(
        "PDF, wall-clock seconds (CPU seconds of all threads), median of {} for Typst, one run "
        "for WeasyPrint; pages".format(args.repeat)
    )
    print(
        "{:<48}".format("") + "".join("{:>30}".format(e) for e in engines) + "{:>8}".format("ratio")
    )
    figures = {}
    for name, case in cases:
        line = "{:<48}".format(name)
        seconds = {}
        for engine in engines:
            repeat = args.repeat if engine == "typst" else 1
            taken, cpu, body = median(lambda e=engine, c=case: render(c, e), repeat)
            pages = len(PdfReader(io.BytesIO(body)).pages)
            seconds[engine] = taken
            line += "{:>30}".format("{:.2f} s ({:.2f} CPU), {} pp".format(taken, cpu, pages))
        if "weasyprint" in seconds:
            line += "{:>7.1f}x".format(seconds["weasyprint"] / seconds["typst"])
        figures[name] = seconds
        print(line, flush=True)
    # Typst compiles in a child process per PDF (renderers/pdf_typst.py): with --no-weasyprint
    # this process's peak stays what building the tables took, however many PDFs were made.
    print(
        "peak memory of this process after {} PDFs: {} MB".format(
            len(cases) * args.repeat, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        )
    )
    demo_eval, ten_eval = (figures[name] for name, _case in cases[:2])
    for engine in engines:
        print(
            "{}: ten times the demo's evaluation costs {:.1f} times the demo's".format(
                engine, ten_eval[engine] / demo_eval[engine]
            )
        )


if __name__ == "__main__":
    main()
