from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from renstra.core.errors import ImportRejected
from renstra.interchange.jsonio import import_version, loads_document
from renstra.interchange.tc27 import import_notes, import_tc27_table, read_tc27_file
from renstra.interchange.tc27_options import FIELDS, has_any, source_from_fields
from renstra.interchange.workbook import import_workbook
from renstra.plans.models import PlanVersion
from renstra.plans.queries import version_with_plan

MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = (".xlsx", ".json", ".csv")
# The options that say what a T-C.27 table does not say about itself (tc27_options.FIELDS).
TC27_OPTIONS = {name: "--" + name.replace("_", "-") for name in FIELDS}


class Command(BaseCommand):
    help = (
        "Mengimpor satu versi Renstra dari buku kerja templat (.xlsx), JSON ekspor Renstra "
        "(.json) atau tabel T-C.27 (.csv, atau .xlsx yang lembar pertamanya berkolom sama): "
        "sebagai Renstra baru, atau dengan --revises ID sebagai draf baru yang merevisi versi "
        "itu (ditolak selama Renstranya masih punya draf terbuka). Tabel T-C.27 sebagai "
        "Renstra baru perlu --region, --agency, --agency-short dan --period. Semua atau tidak "
        "sama sekali; setiap kesalahan disebut (lembar/berkas, baris, kolom, nilai, alasan)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas .xlsx (templat atau T-C.27), .json atau .csv")
        parser.add_argument(
            "--revises",
            type=int,
            help=(
                "id versi yang direvisi: berkas diimpor sebagai versi draf berikutnya Renstra "
                "itu, yang merevisi versi ini (apa pun yang tertulis di berkas)"
            ),
        )
        group = parser.add_argument_group(
            "tabel T-C.27", "hanya untuk tabel T-C.27; dengan --revises hanya --years dan --label"
        )
        group.add_argument("--region", help="Pemda, mis. 'Kabupaten Sumedang'")
        group.add_argument(
            "--region-kind",
            help="provinsi, kabupaten atau kota (bawaan: dari kata pertama --region)",
        )
        group.add_argument("--agency", help="nama Perangkat Daerah seperti di dokumennya")
        group.add_argument("--agency-short", help="singkatan Perangkat Daerah, mis. BKPSDM")
        group.add_argument(
            "--title", help="judul Renstra (bawaan: Renstra SINGKATAN PEMDA PERIODE)"
        )
        group.add_argument("--period", help="periode Renstra, mis. 2019-2023")
        group.add_argument(
            "--baseline-year", help="tahun kondisi awal (bawaan: setahun sebelum periode)"
        )
        group.add_argument(
            "--years",
            help=(
                "tahun setiap kolom tahun mulai y1, mis. 2021,2022,2023, bila tabel hanya "
                "mencetak sebagian tahun periodenya (bawaan: tahun-tahun target periode)"
            ),
        )
        group.add_argument(
            "--code-scheme", help="pmdn13, pmdn90, ... (bawaan: ditentukan dari kodenya)"
        )
        group.add_argument("--label", help="label versi (bawaan: 'Impor tabel T-C.27')")

    def handle(self, *args, **options):
        path = Path(options["file"])
        suffix = path.suffix.lower()
        if suffix not in SUFFIXES:
            raise CommandError(
                "Berkas harus .xlsx (templat Renstra atau tabel T-C.27), .json atau .csv (tabel "
                "T-C.27), bukan '{}'.".format(suffix or path.name)
            )
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError("Berkas {} tidak dapat dibaca: {}".format(path, exc)) from exc
        revises = None
        if options["revises"] is not None:
            try:
                revises = version_with_plan(options["revises"])
            except PlanVersion.DoesNotExist as exc:
                raise CommandError(
                    "Versi Renstra {} tidak ada.".format(options["revises"])
                ) from exc
        fields = {name: options.get(name) for name in FIELDS}
        try:
            table = read_tc27_file(data, path.name) if suffix != ".json" else None
            if table is not None:
                source = source_from_fields(
                    fields, labels=TC27_OPTIONS, file_name=path.name, revises=revises
                )
                version = import_tc27_table(table, source, revises=revises)
            elif has_any(fields):
                raise CommandError(
                    "{} bukan tabel T-C.27: identitas dan periodenya tertulis di berkas itu "
                    "sendiri; hapus opsi {}.".format(
                        path.name,
                        ", ".join(TC27_OPTIONS[n] for n in FIELDS if fields.get(n)),
                    )
                )
            elif suffix == ".xlsx":
                version = import_workbook(data, revises=revises, filename=path.name)
            else:
                version = import_version(
                    loads_document(data, path.name), revises=revises, source_name=path.name
                )
        except ImportRejected as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("Diimpor: {} (id {})".format(version, version.pk))
        for line in import_notes(version):
            self.stdout.write(line)
