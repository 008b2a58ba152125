from django.core.management.base import BaseCommand, CommandError

from renstra.lke.models import LkeCriterion
from renstra.lke.template_loader import TemplateError, load_template


class Command(BaseCommand):
    help = (
        "Memuat templat LKE (Lembar Kerja Evaluasi SAKIP) dari berkas YAML: "
        "`renstra lke_template BERKAS.yaml`. Semua isi diperiksa dahulu; semua atau tidak sama "
        "sekali. Templat yang sudah dimuat tidak diubah: peraturan baru memakai key baru."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas YAML templat LKE")

    def handle(self, *args, **options):
        try:
            template = load_template(options["file"])
        except TemplateError as exc:
            raise CommandError(
                "Templat tidak dimuat ({} kesalahan):\n{}".format(
                    len(exc.errors), "\n".join("- " + e for e in exc.errors)
                )
            ) from exc
        components = template.components.count()
        criteria = LkeCriterion.objects.filter(sub_component__component__template=template)
        self.stdout.write(
            "Templat {} ({}, berlaku mulai {}) dimuat: {} komponen, {} kriteria.".format(
                template.key, template.regulation, template.first_year, components, criteria.count()
            )
        )
