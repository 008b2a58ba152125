"""`renstra check --plan ID`: the plan checker. Without --plan it is Django's system check."""

import json

from django.core.management.base import CommandError
from django.core.management.commands.check import Command as SystemCheckCommand

from renstra.checks.engine import run_checks
from renstra.plans.models import PlanVersion
from renstra.plans.queries import version_with_plan


class Command(SystemCheckCommand):
    help = (
        "Memeriksa satu versi Renstra (--plan ID) dan melaporkan setiap ketidakkonsistenan; "
        "status keluar 1 bila ada galat. Tanpa --plan: pemeriksaan sistem Django."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--plan", type=int, help="id versi Renstra (lihat: renstra plans)")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--rule", action="append", help="hanya aturan ini (boleh berulang)")

    def handle(self, *app_labels, **options):
        if options["plan"] is None:
            return super().handle(*app_labels, **options)
        try:
            version = version_with_plan(options["plan"])
        except PlanVersion.DoesNotExist as exc:
            raise CommandError(
                "Versi Renstra dengan id {} tidak ada. Lihat daftar dengan: renstra plans".format(
                    options["plan"]
                )
            ) from exc
        try:
            findings = run_checks(version, options["rule"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["format"] == "json":
            self.stdout.write(
                json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2)
            )
        else:
            for finding in findings:
                self.stdout.write(
                    "[{}] {}: {}".format(finding.severity.label, finding.rule, finding.message)
                )
            counts = {
                s: sum(1 for f in findings if f.severity.label == s)
                for s in ("Galat", "Peringatan", "Saran")
            }
            self.stdout.write(
                "{} temuan: {} galat, {} peringatan, {} saran.".format(
                    len(findings), counts["Galat"], counts["Peringatan"], counts["Saran"]
                )
            )
        if any(f.severity == "error" for f in findings):
            raise SystemExit(1)
