#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path

DEVELOPMENT = "esante.settings.development"


def main():
    # A developer's commands and `make run` by default; production sets DJANGO_SETTINGS_MODULE
    # to esante.settings.production for every process (see esante/settings/__init__.py).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEVELOPMENT)
    if os.environ["DJANGO_SETTINGS_MODULE"] == DEVELOPMENT:
        # The embedded development defaults live under var/: SQLite cannot create the folder of
        # its database, and whitenoise warns about a missing STATIC_ROOT when DEBUG is off. Made
        # here, by the development command line, never by importing the settings.
        (Path(__file__).resolve().parent / "var" / "staticfiles").mkdir(parents=True, exist_ok=True)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
