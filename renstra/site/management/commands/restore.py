from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from renstra.site.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Memulihkan arsip dari 'renstra backup' ke basis data kosong (migrasi dijalankan "
        "dulu): semua data dengan status dan riwayatnya, serta berkas bukti dukung."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="arsip .tar.gz dari renstra backup")

    def handle(self, *args, **options):
        path = Path(options["archive"])
        if not path.is_file():
            raise CommandError("Berkas {} tidak ada.".format(path))
        try:
            manifest = restore_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            "Dipulihkan dari {}: {} baris, {} berkas (cadangan {}).".format(
                path, rows, len(manifest["files"]), manifest["created_at"]
            )
        )
