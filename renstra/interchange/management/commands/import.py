from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from renstra.core.errors import ImportRejected
from renstra.interchange.jsonio import import_version, loads_document
from renstra.interchange.workbook import import_workbook
from renstra.plans.models import PlanVersion
from renstra.plans.queries import version_with_plan

MAX_BYTES = 20 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Mengimpor satu versi Renstra dari buku kerja templat (.xlsx) atau JSON ekspor Renstra "
        "(.json): sebagai Renstra baru, atau dengan --revises ID sebagai draf baru yang merevisi "
        "versi itu (ditolak selama Renstranya masih punya draf terbuka). Semua atau tidak sama "
        "sekali; setiap kesalahan disebut (lembar/lokasi, baris, kolom, nilai, alasan)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas .xlsx (templat) atau .json")
        parser.add_argument(
            "--revises",
            type=int,
            help=(
                "id versi yang direvisi: berkas diimpor sebagai versi draf berikutnya Renstra "
                "itu, yang merevisi versi ini (apa pun yang tertulis di berkas)"
            ),
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        suffix = path.suffix.lower()
        if suffix not in (".xlsx", ".json"):
            raise CommandError(
                "Berkas harus .xlsx (templat Renstra) atau .json, bukan '{}'.".format(
                    suffix or path.name
                )
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
        try:
            if suffix == ".xlsx":
                version = import_workbook(data, revises=revises, filename=path.name)
            else:
                version = import_version(
                    loads_document(data, path.name), revises=revises, source_name=path.name
                )
        except ImportRejected as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("Diimpor: {} (id {})".format(version, version.pk))
