import json

from django.core.management.base import BaseCommand

from renstra.plans.models import PlanVersion


def plan_versions_summary() -> list[dict]:
    versions = PlanVersion.objects.select_related("plan__agency__region", "revises").order_by(
        "plan__agency__region__name", "plan__agency__short_name", "plan__period_start", "number"
    )
    return [
        {
            "id": v.pk,
            "plan_id": v.plan_id,
            "region": v.plan.agency.region.name,
            "agency": v.plan.agency.short_name,
            "agency_name": v.plan.agency.name,
            "title": v.plan.title,
            "kind": v.plan.kind,
            "period": v.plan.period,
            "version": v.number,
            "label": v.label,
            "revises": v.revises_id,
        }
        for v in versions
    ]


class Command(BaseCommand):
    help = "Menampilkan semua versi Renstra (id, Pemda, Perangkat Daerah, periode, versi, label)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args, **options):
        rows = plan_versions_summary()
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write("Belum ada Renstra. Jalankan: renstra demo")
        for r in rows:
            self.stdout.write(
                "{id:>4}  {region} · {agency} · {period} · versi {version}: {label}".format(**r)
            )
