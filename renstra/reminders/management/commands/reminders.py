"""`renstra reminders [--enqueue]`: today's reminders, for cron once a day."""

from django.core.management.base import BaseCommand

from renstra.reminders.daily import run_daily
from renstra.reminders.tasks import send_reminders


class Command(BaseCommand):
    help = (
        "Buat dan kirim pengingat hari ini (tenggat 7 dan 1 hari, lewat tenggat, dikembalikan, "
        "realisasi triwulan belum diisi); jalankan sekali sehari, mis. dari cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="serahkan ke pekerja latar (renstra worker) alih-alih mengerjakannya di sini",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            send_reminders.enqueue()
            self.stdout.write("Pengingat hari ini diserahkan ke pekerja latar.")
            return
        sent = run_daily()
        self.stdout.write("Pengingat hari ini: {} e-mail terkirim.".format(sent))
