from django.db import migrations

from renstra.lkjip.frozen import install_migration, uninstall_migration


class Migration(migrations.Migration):
    dependencies = [("lkjip", "0001_initial")]

    operations = [migrations.RunPython(install_migration, uninstall_migration)]
