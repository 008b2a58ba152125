import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from renstra.plans.models import PlanVersion
from renstra.plans.queries import version_with_plan
from renstra.render.renderers import render_csv
from renstra.review.diff import check_pair, compare_versions
from renstra.review.diff_table import line, table_of, totals_text

FORMATS = ("text", "json", "csv")


class Command(BaseCommand):
    help = (
        "Membandingkan dua versi satu Renstra: butir yang ditambah, dihapus, diubah atau "
        "dipindah, sebagai text, json atau csv."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from", dest="from_id", type=int, help="id versi lama (lihat: renstra plans)"
        )
        parser.add_argument("--to", dest="to_id", type=int, help="id versi baru")
        parser.add_argument("--format", default="text", help="text (bawaan), json atau csv")
        parser.add_argument(
            "--all", action="store_true", help="tampilkan juga butir yang tetap (tanpa perubahan)"
        )

    def _version(self, version_id: int) -> PlanVersion:
        try:
            return version_with_plan(version_id)
        except PlanVersion.DoesNotExist as exc:
            raise CommandError(
                "Versi Renstra dengan id {} tidak ada. Lihat daftar dengan: renstra plans".format(
                    version_id
                )
            ) from exc

    def handle(self, *args, **options):
        fmt = options["format"]
        if options["from_id"] is None or options["to_id"] is None:
            raise CommandError("Sebutkan --from ID dan --to ID (lihat: renstra plans).")
        if fmt not in FORMATS:
            raise CommandError(
                "Format '{}' tidak dikenal. Pilih salah satu: {}.".format(fmt, ", ".join(FORMATS))
            )
        old_version = self._version(options["from_id"])
        new_version = self._version(options["to_id"])
        try:
            check_pair(old_version, new_version)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        comparison = compare_versions(old_version, new_version)
        include_unchanged = options["all"]
        if fmt == "json":
            body = comparison.as_dict(include_unchanged=include_unchanged)
            self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2))
        elif fmt == "csv":
            table = table_of(
                comparison, old_version, new_version, include_unchanged=include_unchanged
            )
            self.stdout.write(render_csv(table).decode("utf-8"), ending="")
        else:
            for change in comparison.entries:
                if include_unchanged or change.status != "unchanged":
                    self.stdout.write(line(change))
            self.stderr.write(totals_text(comparison))
