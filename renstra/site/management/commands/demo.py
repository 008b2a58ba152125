from django.core.management.base import BaseCommand

from renstra.accounts.demo_accounts import DEMO_PASSWORD, create_demo_accounts
from renstra.interchange.demo import load_demo
from renstra.monitoring.sample import load_sample_realization
from renstra.plans.choices import VersionStatus


class Command(BaseCommand):
    help = (
        "Memuat contoh Renstra BKPSDM Kota Bontang 2016-2021 (dua versi). Aman dijalankan berulang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-sample-realization",
            action="store_true",
            help=(
                "tambahkan realisasi CONTOH 2017-2019 pada versi yang berlaku agar dasbor dan "
                "tabel evaluasi berisi; ditandai sebagai data contoh, bukan data sebenarnya"
            ),
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
        if options["with_sample_realization"]:
            version = result.plan.versions.filter(status=VersionStatus.APPROVED).first()
            if version is None:
                self.stdout.write("Tidak ada versi yang berlaku; realisasi contoh tidak dimuat.")
                return
            count = load_sample_realization(version)
            if count:
                self.stdout.write(
                    "Realisasi CONTOH (bukan data sebenarnya) dimuat ke versi {} (id {}): {} "
                    "baris.".format(version.number, version.pk, count)
                )
            else:
                self.stdout.write("Realisasi contoh sudah ada, tidak diubah.")
