"""Frozen means frozen in the database (renstra.plans.frozen): triggers refuse UPDATE and DELETE
on locked plan versions and their children, and on approved realization."""

from django.db import migrations

from renstra.plans import frozen


def install(apps, schema_editor):
    frozen.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    frozen.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_initial"),
        ("plans", "0002_historicalindicator_rollup_indicator_rollup"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
