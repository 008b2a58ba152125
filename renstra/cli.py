"""The `renstra` command: Django's management commands under the project's own name.

`renstra demo`, `renstra serve`, `renstra plans --json`, `renstra export ...` are management
commands of the apps; `renstra migrate` and the rest of Django's commands work too.

On a brand-new database (no table yet) every command that needs the database first creates
its tables (`renstra migrate`), saying so in one line; a database that already holds tables but
lacks newer migrations is never migrated behind the operator's back: the command stops with a
one-line message saying what to run.
"""

import os
import sys

# Commands that work without the project's tables, or that manage them themselves.
WITHOUT_TABLES = {
    "help",
    "version",
    "--help",
    "-h",
    "--version",
    "migrate",
    "makemigrations",
    "showmigrations",
    "sqlmigrate",
    "squashmigrations",
    "check",  # Django's system check; `renstra check --plan ID` (the plan checker) needs tables
    "compilemessages",
    "makemessages",
    "collectstatic",
    "findstatic",
    "shell",
    "dbshell",
    "restore",
    "serve",
    "test",
}


def _prepare_database(command: str) -> None:
    """Create the tables of a brand-new database; refuse a half-migrated one."""
    # Only after django.setup() in main(): these read the settings and the app registry.
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    if "django_migrations" not in connection.introspection.table_names():
        sys.stderr.write("Basis data baru: menyiapkan tabelnya dulu (renstra migrate)…\n")
        call_command("migrate", interactive=False, verbosity=0)
        return
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        sys.stderr.write(
            "Basis data belum memuat perubahan skema terbaru: jalankan 'renstra migrate' dulu, "
            "lalu ulangi 'renstra {}'.\n".format(command)
        )
        raise SystemExit(1)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renstra.settings")
    # After the settings module is named: Django reads it when its management code loads.
    import django
    from django.core.management import execute_from_command_line

    args = ["renstra", *(sys.argv[1:] if argv is None else argv)]
    command = args[1] if len(args) > 1 else "help"
    plan_checker = command == "check" and any(a.startswith("--plan") for a in args)
    if (command not in WITHOUT_TABLES or plan_checker) and not command.startswith("-"):
        django.setup()
        _prepare_database(command)
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
