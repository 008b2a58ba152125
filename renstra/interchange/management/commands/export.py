import sys

from django.core.management.base import BaseCommand, CommandError

from renstra.plans.models import PlanVersion
from renstra.plans.queries import version_with_plan
from renstra.reports.export import CONTENT_TYPES, build_table, render_table
from renstra.reports.tables import TABLES


class Command(BaseCommand):
    help = "Mengekspor satu tabel dari satu versi Renstra (mis. --table 6.1 --format csv)."

    def add_arguments(self, parser):
        parser.add_argument("--plan", type=int, help="id versi Renstra (lihat: renstra plans)")
        parser.add_argument("--table", help="kunci tabel, mis. 6.1 atau 6.2")
        parser.add_argument("--format", default="csv", help="csv atau html")
        parser.add_argument(
            "--excel", action="store_true", help="CSV dengan BOM dan ';' untuk Excel"
        )
        parser.add_argument("-o", "--output", help="berkas tujuan (bawaan: layar)")
        parser.add_argument("--list-tables", action="store_true", help="daftar tabel yang tersedia")

    def handle(self, *args, **options):
        if options["list_tables"]:
            for definition in TABLES.values():
                self.stdout.write("{}\t{}".format(definition.key, definition.title))
            return
        if options["plan"] is None or not options["table"]:
            raise CommandError("Sebutkan --plan ID dan --table KUNCI (lihat --list-tables).")
        if options["table"] not in TABLES:
            raise CommandError(
                "Tabel '{}' tidak dikenal. Pilih salah satu: {}.".format(
                    options["table"], ", ".join(TABLES)
                )
            )
        if options["format"] not in CONTENT_TYPES:
            raise CommandError(
                "Format '{}' tidak dikenal. Pilih salah satu: {}.".format(
                    options["format"], ", ".join(CONTENT_TYPES)
                )
            )
        try:
            version = version_with_plan(options["plan"])
        except PlanVersion.DoesNotExist as exc:
            raise CommandError(
                "Versi Renstra dengan id {} tidak ada. Lihat daftar dengan: renstra plans".format(
                    options["plan"]
                )
            ) from exc
        body = render_table(
            build_table(version, options["table"]), options["format"], excel=options["excel"]
        )
        if options["output"]:
            with open(options["output"], "wb") as handle:
                handle.write(body)
            self.stderr.write("Ditulis: {}".format(options["output"]))
        else:
            self.stdout.flush()
            sys.stdout.buffer.write(body)
            sys.stdout.flush()
