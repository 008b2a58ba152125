"""`renstra check --plan ID`: the plan checker; `renstra check --region NAMA`: the checker over
the plans in force of every agency of a region. Without either it is Django's system check."""

import json

from django.core.management.base import CommandError
from django.core.management.commands.check import Command as SystemCheckCommand

from renstra.checks.engine import Severity, check_many, run_checks
from renstra.plans.choices import PlanKind, VersionStatus
from renstra.plans.models import PlanVersion, Region
from renstra.plans.queries import version_with_plan


class Command(SystemCheckCommand):
    help = (
        "Memeriksa satu versi Renstra (--plan ID) dan melaporkan setiap ketidakkonsistenan; "
        "status keluar 1 bila ada galat. Tanpa --plan: pemeriksaan sistem Django."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--plan", type=int, help="id versi Renstra (lihat: renstra plans)")
        parser.add_argument(
            "--region",
            metavar="NAMA",
            help="semua Renstra (dan RPJMD) yang berlaku (ditetapkan) di Pemda ini, mis. "
            "'Kota Bontang'",
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--rule", action="append", help="hanya aturan ini (boleh berulang)")

    def handle(self, *app_labels, **options):
        if options["region"] is not None:
            if options["plan"] is not None:
                raise CommandError("Pilih salah satu: --plan atau --region.")
            return self._region(options)
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

    def _region(self, options):
        region = Region.objects.filter(name=options["region"]).first()
        if region is None:
            names = ", ".join(Region.objects.order_by("name").values_list("name", flat=True))
            raise CommandError(
                "Pemda '{}' tidak ada. Yang ada: {}.".format(options["region"], names or "-")
            )
        versions = list(
            PlanVersion.objects.filter(status=VersionStatus.APPROVED, plan__agency__region=region)
            .select_related("plan__agency__region", "plan__regional_plan", "revises")
            .order_by("plan__agency__short_name", "plan__period_start", "pk")
        )
        try:
            results = check_many(versions, options["rule"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["format"] == "json":
            document = [
                {
                    "id": version.pk,
                    "agency": version.plan.agency.short_name,
                    "plan": version.plan.title,
                    "kind": version.plan.kind,
                    "version": version.number,
                    "findings": [f.as_dict() for f in results[version.pk]],
                }
                for version in versions
            ]
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
        else:
            for version in versions:
                findings = results[version.pk]
                self.stdout.write(
                    "{} — {} versi {} (id {}): {}".format(
                        version.plan.agency.short_name,
                        version.plan.title,
                        version.number,
                        version.pk,
                        _counts(findings),
                    )
                )
            every = [f for findings in results.values() for f in findings]
            self.stdout.write(
                "{} yang berlaku di {} diperiksa; {}".format(
                    _documents(versions), region.name, _counts(every)
                )
            )
        if any(f.severity == Severity.ERROR for findings in results.values() for f in findings):
            raise SystemExit(1)


def _counts(findings) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in Severity}
    return "{} temuan: {} galat, {} peringatan, {} saran.".format(
        len(findings),
        counts[Severity.ERROR],
        counts[Severity.WARNING],
        counts[Severity.SUGGESTION],
    )


def _documents(versions) -> str:
    """'40 Renstra dan 1 RPJMD', '1 Renstra': what a region check went through."""
    rpjmd = sum(1 for v in versions if v.plan.kind == PlanKind.RPJMD)
    text = "{} Renstra".format(len(versions) - rpjmd)
    return text + (" dan {} RPJMD".format(rpjmd) if rpjmd else "")
