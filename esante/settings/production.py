"""Production settings: gunicorn (esante.wsgi) and Celery (esante.celery) by default.

Secure by default: DEBUG off whatever the environment says, SECRET_KEY and SITE_URL required
(the site refuses to start without them), HTTPS only wherever SITE_URL is https:// (redirection,
Secure cookies, HSTS), the hashed static files manifest. `manage.py check --deploy` reports
nothing (tests/security/test_deploy_check.py).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403 - a settings module extends the common one.
from .base import env, site_host, site_origin, static_storages

# A debug page shows settings and code to anybody: refused, rather than silently ignored (the
# operator meant something else: the development settings).
if env.bool("DJANGO_DEBUG", default=False):
    raise ImproperlyConfigured(
        "DJANGO_DEBUG=true with the production settings (esante.settings.production). "
        "On a development machine use DJANGO_SETTINGS_MODULE=esante.settings.development."
    )
DEBUG = False

# A production secret never has a default: refuse to start rather than sign sessions with a
# key everybody can read in this repository.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. It is required by the production settings: set the SECRET_KEY "
        "environment variable to a long random value (or, on a development machine, "
        "DJANGO_SETTINGS_MODULE=esante.settings.development)."
    )

# No default either: a guessed one would mail links to localhost.
SITE_URL = env.str("SITE_URL", default="")
if not SITE_URL:
    raise ImproperlyConfigured(
        "SITE_URL is not set. It is required by the production settings: set the SITE_URL "
        "environment variable to the public address of the site, such as "
        "https://concertation.example.org (links in e-mails start with it)."
    )
SITE_URL = site_origin(SITE_URL)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[site_host(SITE_URL)])
ACCOUNT_DEFAULT_HTTP_PROTOCOL = SITE_URL.split(":", 1)[0]

STATIC_MANIFEST = env.bool("DJANGO_STATIC_MANIFEST", default=True)
STORAGES = static_storages(manifest=STATIC_MANIFEST)
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

# Secure wherever the public address is HTTPS. A SITE_URL in http:// turns these off, and
# `manage.py check --deploy` then says so (security.W008, W012, W016).
_HTTPS = SITE_URL.startswith("https://")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=_HTTPS)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=_HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

DEMO_ACCOUNTS = env.bool("DEMO_ACCOUNTS", default=False)
