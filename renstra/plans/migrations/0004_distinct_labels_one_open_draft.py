"""Make the stored versions meet what 0005 has the database hold: the labels of one plan's
versions are distinct, and a plan has at most one open draft (a version still editable).

Labels: where versions of one plan share a label, the lowest-numbered version keeps it and
every other gets " (versi N)" added, as renstra.review.services.distinct_label does for new
versions. A locked version's label changes too: the freezing triggers (renstra.plans.frozen)
are lifted for these updates and put back at once.

Open drafts: several drafts of one plan cannot be mended here (each may hold work, and none may
be dropped or submitted on the planner's behalf), so the migration stops and names them;
submit or delete all but one, then migrate again.
"""

from collections import defaultdict

from django.core.management.base import CommandError
from django.db import migrations

from renstra.plans import frozen

EDITABLE = ("draft", "returned")
MAX_LABEL = 200  # PlanVersion.label's max_length


def _distinct(label: str, number: int, taken: set) -> str:
    candidate = "{} (versi {})".format(label, number)
    count = 2
    while candidate in taken:
        candidate = "{} (versi {}, {})".format(label, number, count)
        count += 1
    if len(candidate) > MAX_LABEL:
        # Only a label of nearly 200 characters: its end gives way to the suffix, once.
        suffix = candidate[len(label) :]
        candidate = label[: MAX_LABEL - len(suffix) - 1] + "…" + suffix
    return candidate


def refuse_crowded_drafts(apps, versions_by_plan: dict) -> None:
    crowded = {
        plan_id: [number for _, number, _, status in versions if status in EDITABLE]
        for plan_id, versions in versions_by_plan.items()
    }
    crowded = {plan_id: numbers for plan_id, numbers in crowded.items() if len(numbers) > 1}
    if not crowded:
        return
    titles = dict(
        apps.get_model("plans", "Plan")
        .objects.filter(pk__in=crowded)
        .values_list("pk", "title")
    )
    raise CommandError(
        "Satu Renstra kini hanya boleh punya satu draf terbuka, tetapi {}. Ajukan atau hapus "
        "draf yang lain dulu, lalu jalankan 'renstra migrate' lagi. Menghapus satu draf: "
        "renstra shell -c \"from renstra.plans.models import PlanVersion; "
        'PlanVersion.objects.get(plan_id=ID, number=N).delete()"'.format(
            "; ".join(
                "Renstra id {} ('{}') punya draf versi {}".format(
                    plan_id, titles.get(plan_id, ""), ", ".join(map(str, numbers))
                )
                for plan_id, numbers in sorted(crowded.items())
            )
        )
    )


def renames(versions_by_plan: dict) -> list[tuple[int, str, bool]]:
    """(pk, new label, locked) of every version whose label an earlier version of its plan
    carries; versions_by_plan: plan id -> [(pk, number, label, status)] by number."""
    found = []
    for versions in versions_by_plan.values():
        taken = {label for _, _, label, _ in versions}
        seen = set()
        for pk, number, label, status in versions:
            if label not in seen:
                seen.add(label)
                continue
            new = _distinct(label, number, taken)
            taken.add(new)
            found.append((pk, new, status not in EDITABLE))
    return found


def forwards(apps, schema_editor):
    PlanVersion = apps.get_model("plans", "PlanVersion")
    versions_by_plan = defaultdict(list)
    for pk, plan_id, number, label, status in PlanVersion.objects.order_by(
        "plan_id", "number"
    ).values_list("pk", "plan_id", "number", "label", "status"):
        versions_by_plan[plan_id].append((pk, number, label, status))
    refuse_crowded_drafts(apps, versions_by_plan)
    to_rename = renames(versions_by_plan)
    if not to_rename:
        return
    connection = schema_editor.connection
    lift = any(locked for _, _, locked in to_rename) and bool(frozen.installed(connection))
    if lift:
        frozen.uninstall(connection)
    for pk, label, _ in to_rename:
        PlanVersion.objects.filter(pk=pk).update(label=label)
    if lift:
        frozen.install(connection)


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_agency_signature")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
