import datetime
from pathlib import Path

from django.core.management.base import BaseCommand

from renstra.site.backup import create_backup


class Command(BaseCommand):
    help = (
        "Mencadangkan seluruh sistem (semua data, status, riwayat, akun, dan berkas bukti "
        "dukung) ke satu arsip .tar.gz."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            help="berkas arsip (bawaan: renstra-cadangan-TANGGAL-JAM.tar.gz di folder ini)",
        )

    def handle(self, *args, **options):
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = Path(options["output"] or "renstra-cadangan-{}.tar.gz".format(stamp))
        manifest = create_backup(path)
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            "Cadangan ditulis: {} ({} baris, {} berkas).".format(path, rows, len(manifest["files"]))
        )
