from django.db import migrations

from renstra.lke.frozen import install_migration, uninstall_migration


class Migration(migrations.Migration):
    dependencies = [("lke", "0001_initial")]

    operations = [migrations.RunPython(install_migration, uninstall_migration)]
