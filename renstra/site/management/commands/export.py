import sys

from django.core.management.base import BaseCommand, CommandError

from renstra.interchange.iati import export_iati
from renstra.interchange.jsonio import dumps_version
from renstra.interchange.workbook import export_workbook, template_workbook
from renstra.plans.models import PlanVersion
from renstra.plans.queries import version_with_plan
from renstra.render.formats import CONTENT_TYPES, PAPERS, render_table
from renstra.render.registry import TABLES
from renstra.reports.export import WHOLE_PLAN_FORMATS, build_table, render_plan

# Formats of a whole version (no --table): the format's name → the kind of file it is.
VERSION_FORMATS = {"json": "json", "iati": "xml", "templat": "xlsx"}


class Command(BaseCommand):
    help = (
        "Mengekspor satu tabel (--table) atau seluruh Renstra (--all) dari satu versi, "
        "sebagai csv, xlsx, pdf atau html."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", type=int, help="id versi Renstra (lihat: renstra plans)")
        parser.add_argument("--table", help="kunci tabel, mis. 6.1 (lihat --list-tables)")
        parser.add_argument(
            "--all", action="store_true", help="seluruh Renstra: satu xlsx atau satu pdf"
        )
        parser.add_argument(
            "--format",
            default="csv",
            help=(
                "csv, xlsx, pdf atau html untuk tabel; json (seluruh versi, lengkap), iati "
                "(kerangka hasil, IATI 2.03) atau templat (buku kerja templat impor) tanpa --table"
            ),
        )
        parser.add_argument(
            "--template", action="store_true", help="templat buku kerja impor yang masih kosong"
        )
        parser.add_argument("--paper", default="f4", help="f4 (bawaan) atau a4, untuk xlsx dan pdf")
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
        fmt, paper = options["format"], options["paper"]
        if options["template"]:
            return self._write(template_workbook(), "xlsx", options)
        if fmt in VERSION_FORMATS:
            return self._write(self._version_body(options, fmt), VERSION_FORMATS[fmt], options)
        if options["plan"] is None or not (options["table"] or options["all"]):
            raise CommandError(
                "Sebutkan --plan ID dan --table KUNCI atau --all (lihat --list-tables)."
            )
        if fmt not in CONTENT_TYPES:
            raise CommandError(
                "Format '{}' tidak dikenal. Pilih salah satu: {}.".format(
                    fmt, ", ".join(CONTENT_TYPES)
                )
            )
        if paper not in PAPERS:
            raise CommandError("Kertas '{}' tidak dikenal. Pilih f4 atau a4.".format(paper))
        if options["table"] and options["table"] not in TABLES:
            raise CommandError(
                "Tabel '{}' tidak dikenal. Pilih salah satu: {}.".format(
                    options["table"], ", ".join(TABLES)
                )
            )
        if options["all"] and fmt not in WHOLE_PLAN_FORMATS:
            raise CommandError("Dengan --all pilih --format xlsx atau pdf.")
        try:
            version = version_with_plan(options["plan"])
        except PlanVersion.DoesNotExist as exc:
            raise CommandError(
                "Versi Renstra dengan id {} tidak ada. Lihat daftar dengan: renstra plans".format(
                    options["plan"]
                )
            ) from exc
        if options["all"]:
            body = render_plan(version, fmt, paper=paper)
        else:
            table = build_table(version, options["table"])
            body = render_table(table, fmt, excel=options["excel"], paper=paper)
        self._write(body, fmt, options)

    def _version_body(self, options, fmt) -> bytes:
        if options["plan"] is None:
            raise CommandError("Sebutkan --plan ID (lihat: renstra plans).")
        try:
            version = version_with_plan(options["plan"])
        except PlanVersion.DoesNotExist as exc:
            raise CommandError(
                "Versi Renstra dengan id {} tidak ada.".format(options["plan"])
            ) from exc
        if fmt == "json":
            return dumps_version(version).encode("utf-8")
        if fmt == "iati":
            return export_iati(version)
        return export_workbook(version)

    def _write(self, body: bytes, fmt: str, options) -> None:
        if options["output"]:
            with open(options["output"], "wb") as handle:
                handle.write(body)
            self.stderr.write("Ditulis: {}".format(options["output"]))
        elif fmt in ("xlsx", "pdf") and sys.stdout.isatty():
            raise CommandError(
                "Berkas {} tidak ditulis ke layar; pakai -o NAMA.{}".format(fmt, fmt)
            )
        else:
            self.stdout.flush()
            sys.stdout.buffer.write(body)
            sys.stdout.flush()
