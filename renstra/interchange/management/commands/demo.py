from django.core.management.base import BaseCommand

from renstra.accounts.demo_accounts import DEMO_PASSWORD, create_demo_accounts
from renstra.interchange.demo import load_demo


class Command(BaseCommand):
    help = (
        "Memuat contoh Renstra BKPSDM Kota Bontang 2016-2021 (dua versi). Aman dijalankan berulang."
    )

    def handle(self, *args, **options):
        result = load_demo()
        for version in result.created:
            self.stdout.write("Dimuat: {} (id {})".format(version, version.pk))
        for version in result.existing:
            self.stdout.write("Sudah ada, tidak diubah: {} (id {})".format(version, version.pk))
        created = create_demo_accounts(result.plan.agency)
        if created:
            self.stdout.write(
                "Akun contoh dibuat (kata sandi '{}'): {}".format(DEMO_PASSWORD, ", ".join(created))
            )
