import csv
import json

from django.core.management.base import BaseCommand, CommandError

from renstra.monitoring.evaluation import evaluate
from renstra.monitoring.export import evaluation_records
from renstra.plans.models import PlanVersion
from renstra.plans.queries import version_with_plan
from renstra.render.cells import csv_text


def _csv_value(value):
    """A record's value as a CSV cell: lists and mappings as JSON, text never as a formula."""
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    return csv_text(value) if isinstance(value, str) else value


class Command(BaseCommand):
    help = (
        "Evaluasi kinerja satu tahun: target, realisasi, capaian dan predikat setiap indikator "
        "(json atau csv)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", type=int, required=True, help="id versi Renstra")
        parser.add_argument("--year", type=int, required=True, help="tahun yang dievaluasi")
        parser.add_argument("--format", default="json", choices=["json", "csv"])
        parser.add_argument("-o", "--output", help="berkas tujuan (bawaan: layar)")

    def handle(self, *args, **options):
        try:
            version = version_with_plan(options["plan"])
        except PlanVersion.DoesNotExist as exc:
            raise CommandError("Versi Renstra {} tidak ada.".format(options["plan"])) from exc
        years = version.plan.target_years
        if options["year"] not in years:
            raise CommandError(
                "Tahun {} di luar tahun target Renstra ({}–{}).".format(
                    options["year"], years[0], years[-1]
                )
            )
        records = evaluation_records(evaluate(version, options["year"]))
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as out:
                self._write(records, out, options["format"])
        else:
            self._write(records, self.stdout, options["format"])

    def _write(self, records, out, fmt):
        if fmt == "json":
            json.dump(records, out, ensure_ascii=False, indent=2)
            out.write("\n")
            return
        writer = csv.DictWriter(out, fieldnames=list(records[0]) if records else ["kode"])
        writer.writeheader()
        for record in records:
            writer.writerow({k: _csv_value(v) for k, v in record.items()})
