import time

from django.core.management.base import BaseCommand, CommandError

from renstra.accounts.demo_accounts import DEMO_PASSWORD, create_demo_accounts
from renstra.interchange.demo import load_demo, load_demo_region
from renstra.lke.template_loader import ensure_default_template
from renstra.monitoring.sample import load_sample_realization
from renstra.plans.choices import PlanKind, VersionStatus
from renstra.plans.models import PlanVersion
from renstra.sakip.demo import YEAR, load_demo_sakip


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

        parser.add_argument(
            "--agencies",
            type=int,
            default=0,
            metavar="N",
            help=(
                "tambahkan N Perangkat Daerah SINTETIS di Kota Bontang, masing-masing dengan "
                "Renstra berbentuk versi 2 contoh (nama, kode, target dan pendanaan buatan), "
                "ditetapkan, dengan realisasi contoh; untuk uji kecepatan dan mencoba wilayah"
            ),
        )

    def handle(self, *args, **options):
        if options["agencies"] < 0:
            raise CommandError("--agencies harus 0 atau lebih.")
        result = load_demo()
        for version in result.created:
            self.stdout.write("Dimuat: {} (id {})".format(version, version.pk))
        for version in result.existing:
            self.stdout.write("Sudah ada, tidak diubah: {} (id {})".format(version, version.pk))
        sakip = load_demo_sakip(result.plan)
        if sakip:
            self.stdout.write(
                "Tahun SAKIP {} CONTOH (bukan data sebenarnya): Renja final, {} IKU, {} "
                "Perjanjian Kinerja dengan Rencana Aksi.".format(YEAR, sakip["iku"], sakip["pk"])
            )
        # The inspectorate's worksheet (LKE, PermenPAN-RB 88/2021), so that an evaluation of the
        # demo's years can be started at once.
        worksheet = ensure_default_template()
        self.stdout.write("Lembar kerja evaluasi SAKIP: {}.".format(worksheet.name))
        created = create_demo_accounts(result.plan.agency)
        if created:
            self.stdout.write(
                "Akun contoh dibuat (kata sandi '{}'): {}".format(DEMO_PASSWORD, ", ".join(created))
            )
        if options["with_sample_realization"]:
            self._sample_realization(result.plan)
        if options["agencies"]:
            self._region(options["agencies"])

    def _sample_realization(self, plan):
        version = plan.versions.filter(status=VersionStatus.APPROVED).first()
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
        # The region's RPJMD too, so that the Pemda's LKjIP of the demo has figures.
        rpjmd = (
            PlanVersion.objects.filter(
                plan__regional_plan=plan.regional_plan_id,
                plan__kind=PlanKind.RPJMD,
                status=VersionStatus.APPROVED,
            )
            .order_by("-number")
            .first()
        )
        if rpjmd is not None and load_sample_realization(rpjmd):
            self.stdout.write(
                "Realisasi CONTOH RPJMD dimuat ke versi {} (id {}).".format(rpjmd.number, rpjmd.pk)
            )

    def _region(self, count: int):
        start = time.monotonic()
        region = load_demo_region(agencies=count)
        if region.existing:
            self.stdout.write(
                "Sudah ada, tidak diubah: {} Perangkat Daerah ({}), id versi {}.".format(
                    len(region.existing),
                    _names([v.plan.agency.short_name for v in region.existing]),
                    _ids(region.existing),
                )
            )
        for agency in region.existing_without_plan:
            self.stdout.write(
                "Sudah ada tanpa Renstra yang ditetapkan, dilewati: {}".format(agency)
            )
        if region.created:
            self.stdout.write(
                "Dimuat {} Perangkat Daerah SINTETIS ({}; data contoh, bukan Renstra "
                "sebenarnya), Renstra ditetapkan: id versi {}.".format(
                    len(region.created),
                    _names([v.plan.agency.short_name for v in region.created]),
                    _ids(region.created),
                )
            )
        if region.realization_rows:
            self.stdout.write(
                "Realisasi CONTOH (bukan data sebenarnya) Perangkat Daerah sintetis: {} "
                "baris.".format(region.realization_rows)
            )
        self.stdout.write("Selesai dalam {:.1f} detik.".format(time.monotonic() - start))


def _names(names: list[str], shown: int = 3) -> str:
    """'Disdikbud, Dinkes, RSUD' or 'Disdikbud, Dinkes, RSUD … DPUPR 13'."""
    if len(names) <= shown + 1:
        return ", ".join(names)
    return "{} … {}".format(", ".join(names[:shown]), names[-1])


def _ids(versions: list) -> str:
    """'3-42' when the ids follow each other, else every id."""
    ids = sorted(v.pk for v in versions)
    if len(ids) > 1 and ids[-1] - ids[0] == len(ids) - 1:
        return "{}-{}".format(ids[0], ids[-1])
    return ", ".join(str(i) for i in ids)
