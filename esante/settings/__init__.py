"""Settings of Concertation e-santé, one module per environment, read from the environment.

    base.py         everything common: apps, middleware, database, Redis, Celery, e-mail,
                    accounts, security headers, rate limits, retention... each value read from
                    an environment variable with its default (the README, « Configuration »,
                    lists them all). Not a settings module of its own.
    development.py  DEBUG, SQLite under var/, eager Celery, e-mail to var/mail/, an insecure
                    key, links to http://127.0.0.1:$PORT, the demo accounts.
    production.py   DEBUG off (DJANGO_DEBUG=true is refused), SECRET_KEY and SITE_URL required,
                    HTTPS only, hashed static files: `manage.py check --deploy` reports nothing.
    test.py         pytest: DEBUG off as in production, fixed key and http://testserver.

The module is chosen explicitly with DJANGO_SETTINGS_MODULE, never guessed from DJANGO_DEBUG.
Its default is the one the entry point is for:

    manage.py                    esante.settings.development (`make run`, a developer's commands)
    esante/wsgi.py, asgi.py      esante.settings.production (gunicorn)
    esante/celery.py             esante.settings.production (workers and beat)
    pytest (pyproject.toml)      esante.settings.test

so a production process that forgets the variable refuses to start without its secret, and
production sets DJANGO_SETTINGS_MODULE=esante.settings.production in the environment of every
process, `manage.py` commands included (migrate, collectstatic). The development module still
honours DJANGO_DEBUG (the Makefile's RUN_ENV sets it to true; false shows the public error pages).

Importing any of these modules has no side effect: no file or directory is created, no
connection opened (tests/ops/test_settings_modules.py). What needs var/ creates it when needed.
"""

import os

# "esante.settings" alone (this package, the single module of earlier versions) holds no setting:
# say which module to use rather than fail later on an empty SECRET_KEY.
if os.environ.get("DJANGO_SETTINGS_MODULE") == __name__:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "DJANGO_SETTINGS_MODULE=esante.settings names the settings package: choose "
        "esante.settings.production, esante.settings.development or esante.settings.test."
    )
