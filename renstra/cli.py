"""The `renstra` command: Django's management commands under the project's own name.

`renstra demo`, `renstra serve`, `renstra plans --json`, `renstra export ...` are management
commands of the apps; `renstra migrate` and the rest of Django's commands work too.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renstra.settings")
    # After the settings module is named: Django reads it when its management code loads.
    from django.core.management import execute_from_command_line

    args = ["renstra", *(sys.argv[1:] if argv is None else argv)]
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
