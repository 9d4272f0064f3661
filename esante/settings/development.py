"""Development settings: `make run`, and `manage.py` by default.

The embedded defaults: SQLite under var/, Celery eager and a local-memory cache without
REDIS_URL, e-mail written to var/mail/ without EMAIL_URL, DEBUG on, an insecure SECRET_KEY and
links to http://127.0.0.1:$PORT. Never used in production (esante.settings.production).
"""

from .base import *  # noqa: F403 - a settings module extends the common one.
from .base import env, site_host, site_origin, static_storages

# On unless DJANGO_DEBUG=false (the Makefile's RUN_ENV sets it to true): a developer may look at
# the error pages the public sees, with every other development default kept.
DEBUG = env.bool("DJANGO_DEBUG", default=True)

# The same key on every development machine: it signs nothing that leaves the machine.
SECRET_KEY = env.str("SECRET_KEY", default="") or "insecure-development-key-never-use-in-production"

# Links in e-mails lead to the port `make run` serves (it passes SITE_URL with its PORT).
SITE_URL = site_origin(
    env.str("SITE_URL", default="") or f"http://127.0.0.1:{env.int('PORT', default=8000)}"
)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", site_host(SITE_URL)]
)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = SITE_URL.split(":", 1)[0]

STATIC_MANIFEST = env.bool("DJANGO_STATIC_MANIFEST", default=False)
STORAGES = static_storages(manifest=STATIC_MANIFEST)
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

# runserver serves plain http://: a redirection to HTTPS or Secure cookies would lock everyone
# out. A developer behind a TLS tunnel may still turn them on.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# load_demo creates the demo accounts (their passwords are in the README).
DEMO_ACCOUNTS = env.bool("DEMO_ACCOUNTS", default=DEBUG)
