"""Test settings: pytest (pyproject.toml) and the processes the suite starts (Celery workers).

As production where it matters to what the tests assert (DEBUG off, STAFF_MFA_REQUIRED...),
with fixed defaults instead of required values: SECRET_KEY, and SITE_URL on the test client's
host so that links in e-mails lead to the site the tests request. DATABASE_URL and REDIS_URL
are read as everywhere: unset, the suite runs on SQLite, a local-memory cache and eager Celery.
"""

from .base import *  # noqa: F403 - a settings module extends the common one.
from .base import env, site_host, site_origin, static_storages

DEBUG = False

SECRET_KEY = env.str("SECRET_KEY", default="") or "insecure-key-for-tests-only"

SITE_URL = site_origin(env.str("SITE_URL", default="") or "http://testserver")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[site_host(SITE_URL)])
ACCOUNT_DEFAULT_HTTP_PROTOCOL = SITE_URL.split(":", 1)[0]

# Nothing is collected for the tests: files come from the finders.
STATIC_MANIFEST = env.bool("DJANGO_STATIC_MANIFEST", default=False)
STORAGES = static_storages(manifest=STATIC_MANIFEST)
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

# As in production: on wherever the address is HTTPS (a test sets an https SITE_URL to see).
_HTTPS = SITE_URL.startswith("https://")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=_HTTPS)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=_HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

DEMO_ACCOUNTS = env.bool("DEMO_ACCOUNTS", default=False)

# A fast password hasher for every test, module-scoped fixtures and the processes the suite
# starts included (the default costs ~0.3 s a user); the hashing itself is Django's.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
