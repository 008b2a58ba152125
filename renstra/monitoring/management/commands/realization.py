from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from renstra.core.errors import ImportRejected
from renstra.monitoring.csv_import import COLUMNS, import_file
from renstra.plans.models import PlanVersion
from renstra.plans.queries import version_with_plan


class Command(BaseCommand):
    help = (
        "Realisasi indikator. `renstra realization import --plan ID BERKAS.csv` mengimpor "
        "realisasi dari CSV dengan kolom {} (triwulan 1-4, kosong untuk nilai tahunan); semua "
        "baris atau tidak sama sekali."
    ).format(",".join(COLUMNS))

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["import"], help="import")
        parser.add_argument("file", help="berkas CSV")
        parser.add_argument("--plan", type=int, required=True, help="id versi Renstra")
        parser.add_argument("--user", help="nama pengguna yang dicatat sebagai pengisi")

    def handle(self, *args, **options):
        try:
            version = version_with_plan(options["plan"])
        except PlanVersion.DoesNotExist as exc:
            raise CommandError("Versi Renstra {} tidak ada.".format(options["plan"])) from exc
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError("Pengguna '{}' tidak ada.".format(options["user"]))
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError("Berkas {} tidak dapat dibaca: {}".format(path, exc)) from exc
        try:
            count = import_file(version=version, data=data, name=path.name, user=user)
        except ImportRejected as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("{} realisasi diimpor ke versi {}.".format(count, version.pk))
