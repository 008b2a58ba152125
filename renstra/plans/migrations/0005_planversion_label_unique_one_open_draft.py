"""The database holds one open draft per plan and distinct labels within a plan (the stored
versions were made to meet both by 0004).

On SQLite, adding (or removing) the (plan, label) constraint rebuilds the table, and SQLite
refuses to rename the rebuilt table into place while triggers of other tables name it: the
freezing triggers (renstra.plans.frozen) are lifted around the change and put back after,
wherever they belong (monitoring's 0002 installs them; on a new database it may come later).
"""

from django.db import migrations, models
from django.db.migrations.recorder import MigrationRecorder

from renstra.plans import frozen

INSTALLED_BY = ("monitoring", "0002_frozen_in_the_database")


def lift_freezing_triggers(apps, schema_editor):
    frozen.uninstall(schema_editor.connection)


def put_back_freezing_triggers(apps, schema_editor):
    connection = schema_editor.connection
    if INSTALLED_BY in MigrationRecorder(connection).applied_migrations():
        frozen.install(connection)


class Migration(migrations.Migration):
    dependencies = [("plans", "0004_distinct_labels_one_open_draft")]

    operations = [
        migrations.RunPython(lift_freezing_triggers, put_back_freezing_triggers),
        migrations.AddConstraint(
            model_name="planversion",
            constraint=models.UniqueConstraint(
                fields=("plan", "label"),
                name="plan_version_label_unique",
                violation_error_message="Label ini sudah dipakai versi lain Renstra tersebut.",
            ),
        ),
        migrations.AddConstraint(
            model_name="planversion",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ["draft", "returned"])),
                fields=("plan",),
                name="plan_one_open_draft",
                violation_error_message=(
                    "Renstra ini sudah punya draf terbuka; ajukan atau hapus draf itu dulu."
                ),
            ),
        ),
        migrations.RunPython(put_back_freezing_triggers, lift_freezing_triggers),
    ]
