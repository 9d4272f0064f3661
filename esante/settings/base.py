"""Settings common to every environment, read from the environment (12-factor).

Not a settings module of its own: development.py, production.py and test.py start from it and
add what differs between them (DEBUG, SECRET_KEY, SITE_URL and what derives from it, the static
files storage, the HTTPS switches); see the package's docstring. Importing it has no side effect:
it reads the environment and builds values, and never touches the disk nor the network.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

# Each environment module decides; off unless one turns it on.
DEBUG = False


def site_origin(url: str) -> str:
    """`url` as an origin (scheme, host, port), or ImproperlyConfigured if it has more or less.
    One trailing slash is tolerated, and dropped: links are written SITE_URL + "/path".

    SITE_URL is the public address of the site: every link in an e-mail starts with it (they are
    written by workers and commands, with no request to take a host from)."""
    parts = urlsplit(url)
    try:
        valid = (
            parts.scheme in ("http", "https")
            and bool(parts.hostname)
            and "@" not in parts.netloc
            and parts.path in ("", "/")
            and not parts.query
            and not parts.fragment
            and (parts.port is None or parts.port > 0)  # ValueError if not a number < 65536
        )
    except ValueError:
        valid = False
    if not valid:
        raise ImproperlyConfigured(
            "SITE_URL must be an absolute http(s) address with no path, such as "
            f"https://concertation.example.org or http://127.0.0.1:8000; got {url!r}."
        )
    return f"{parts.scheme}://{parts.netloc}"


def site_host(origin: str) -> str:
    """The host of SITE_URL as ALLOWED_HOSTS spells it (an IPv6 address goes in brackets): it is
    served by default, so that setting SITE_URL is enough."""
    hostname = urlsplit(origin).hostname
    return f"[{hostname}]" if ":" in hostname else hostname


def static_storages(*, manifest: bool) -> dict:
    """STORAGES: the hashed, compressed manifest of whitenoise needs `collectstatic`; without it
    (development, tests) files are served straight from the finders."""
    return {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {
            "BACKEND": (
                "whitenoise.storage.CompressedManifestStaticFilesStorage"
                if manifest
                else "django.contrib.staticfiles.storage.StaticFilesStorage"
            )
        },
    }


# SECRET_KEY, SITE_URL, ALLOWED_HOSTS: in each environment module.
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.syndication",
    "django.contrib.sitemaps",
    "django.forms",
    "dsfr",
    "django_filters",
    "django_ratelimit",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    # Accounts security (issue 15): staff MFA, login lock-out, fail-open rate-limit cache.
    "allauth.mfa",
    "axes",
    "esante.auth.AccountSecurityConfig",
    "csp",  # Security headers (issue 15): django-csp's checks of its settings
    # Our apps, in dependency order: load_demo and autodiscovery follow it.
    "esante",
    "roadmap",
    "concertation",
    "events",
    # Open data and the public API (issue 17).
    "opendata",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "api",
    # Reading thousands of contributions (issue 18): themes, opinion groups, near-duplicates.
    "themes",
    "opinions",
    "duplicates",
    # Audit trail (issue 15): django-simple-history, its tables in the audit app.
    "simple_history",
    "audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Public API (issue 17): CORS headers on /api/ only (CORS_URLS_REGEX), before anything that
    # may answer by itself (whitenoise, CommonMiddleware's redirections).
    "corsheaders.middleware.CorsMiddleware",
    # Security headers (issue 15): Permissions-Policy, no-store for signed-in pages, then the
    # Content-Security-Policy (after whitenoise: static files need none).
    "esante.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # French everywhere except under /en/ (i18n_patterns without a prefix for French).
    "django.middleware.locale.LocaleMiddleware",
    # Public API (issue 17): /api/ in French whatever Accept-Language says; ETag, Cache-Control
    # and 304 on its answers.
    "api.middleware.ApiMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Audit trail (issue 15): the request's user is the author of each history record.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Hostile input (issue 15): a query string with a NUL byte or an overflowing date part gets
    # a 400 page, not a database error (after auth and messages: the page is the site's layout).
    "esante.formguards.HostileQueryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Accounts security (issue 15): staff MFA and session lengths; axes' lock-out response last.
    "esante.auth.StaffSecurityMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "esante.urls"
WSGI_APPLICATION = "esante.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # Not django-dsfr's site_config: the header and footer are our own templates,
                # so it would only cost a query on every page.
                "esante.context_processors.site",
                "esante.i18n.languages",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

# --- Redis: cache, Celery broker ------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
# Short timeouts everywhere: a frozen Redis must never hold a web request for long.
REDIS_SOCKET_TIMEOUT = env.float("REDIS_SOCKET_TIMEOUT", default=1.0)
# The cache is on the request path (rate limits): a frozen Redis may cost it only this long.
REDIS_CACHE_TIMEOUT = env.float("REDIS_CACHE_TIMEOUT", default=0.2)

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "esante",
            "OPTIONS": {
                "socket_connect_timeout": REDIS_CACHE_TIMEOUT,
                "socket_timeout": REDIS_CACHE_TIMEOUT,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# django-ratelimit only knows django-redis; Django's own RedisCache has the atomic incr it needs.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if not REDIS_URL:
    # The embedded default runs one process, so a local-memory cache is enough for rate limits;
    # with REDIS_URL set (production, CI) the limits live in the shared Redis cache.
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

# Sessions stay in the database: they must survive a Redis outage.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/Paris"
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_SOCKET_TIMEOUT
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": REDIS_SOCKET_TIMEOUT,
    "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
    "visibility_timeout": 3600,
}
# A publish that fails (broker down) fails fast: the row stays pending for the next drain.
CELERY_TASK_PUBLISH_RETRY = False
# The beat schedule (drain every 5 s, reminders, digests) is in esante/celery.py, with the
# task objects themselves.
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Celery's file-backed scheduler, making the schedule file's folder first (settings create none).
CELERY_BEAT_SCHEDULER = "esante.celery.Scheduler"

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
elif env.str("EMAIL_HOST", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env.str("EMAIL_HOST")
    EMAIL_PORT = env.int("EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Concertation e-santé <ne-pas-repondre@esante.gouv.fr>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Accounts (django-allauth) --------------------------------------------------------------
AUTH_USER_MODEL = "esante.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Concertation e-santé] "
# allauth builds its links (address confirmation, password reset) from the request's host;
# their scheme follows the public address, as every other link in e-mails:
# ACCOUNT_DEFAULT_HTTP_PROTOCOL is set with SITE_URL, in each environment module.
ACCOUNT_PREVENT_ENUMERATION = True
# Security notices (password changed or reset, primary address changed or removed): the owner of
# a taken-over account learns it and is told how to get it back.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# The portal's name and the links' validity in the account e-mails (templates/account/email/).
ACCOUNT_ADAPTER = "esante.adapters.AccountAdapter"

# --- Internationalisation -------------------------------------------------------------------
# The interface is written in French (the msgids); locale/en holds its English translation.
# Content (chapters, contributions, events...) is not translated.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# STATIC_MANIFEST (DJANGO_STATIC_MANIFEST), STORAGES and WHITENOISE_USE_FINDERS: in each
# environment module (static_storages above).
MEDIA_URL = "/media/"
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(VAR_DIR / "media"))

# --- Security -------------------------------------------------------------------------------
# (headers and Content-Security-Policy: "Security headers (issue 15)" at the end of this file)
# The web server in front sets X-Forwarded-Proto; it must overwrite one sent by the client.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# SECURE_SSL_REDIRECT (DJANGO_SECURE_SSL_REDIRECT), SESSION_COOKIE_SECURE and
# CSRF_COOKIE_SECURE (DJANGO_SECURE_COOKIES): in each environment module, on by default in
# production wherever the public address is HTTPS.
# /healthz is probed by the load balancer over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_HTTPONLY = True
# No script of ours, of the admin, of allauth or of the DSFR reads the CSRF cookie: the forms
# carry the token.
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Portal ---------------------------------------------------------------------------------
SITE_NAME = "Concertation e-santé"
# SITE_URL, the origin of every link in e-mails: in each environment module (site_origin).
# Demo accounts are created by load_demo only in development (DEMO_ACCOUNTS, set there).
DEMO_ACCOUNTS = False

# --- Concertation -----------------------------------------------------------------------------
CONTRIBUTION_MAX_LENGTH = env.int("CONTRIBUTION_MAX_LENGTH", default=5000)
CONTRIBUTION_EDIT_WINDOW_MINUTES = 15
# In a posteriori mode, this many flags take a contribution offline until a moderator decides.
CONTRIBUTION_FLAGS_TO_HIDE = env.int("CONTRIBUTION_FLAGS_TO_HIDE", default=3)
# django-ratelimit rates for posting contributions and replies.
CONTRIBUTION_RATE_PER_USER = env.str("CONTRIBUTION_RATE_PER_USER", default="10/m")
CONTRIBUTION_RATE_PER_IP = env.str("CONTRIBUTION_RATE_PER_IP", default="30/m")
CONTRIBUTIONS_PER_PAGE = 20

# --- Notifications --------------------------------------------------------------------------
# Days before a consultation closes when its followers and contributors are reminded.
REMINDER_CONSULTATION_DAYS = env.list("REMINDER_CONSULTATION_DAYS", cast=int, default=[7, 1])
REMINDER_APPLICATION_DAYS = env.int("REMINDER_APPLICATION_DAYS", default=3)
REMINDER_EVENT_HOURS = env.int("REMINDER_EVENT_HOURS", default=24)
# Digests go out after this hour (Paris time), weekly ones on this ISO weekday (1 = Monday).
DIGEST_HOUR = env.int("DIGEST_HOUR", default=7)
DIGEST_WEEKDAY = env.int("DIGEST_WEEKDAY", default=1)
# First SMTP retry after this many seconds, then doubling (capped at one hour).
NOTIFICATION_RETRY_BASE_SECONDS = env.int("NOTIFICATION_RETRY_BASE_SECONDS", default=30)
# A notification handed to the broker and still not sent this long after is handed again
# (the broker lost it: a Redis restarted empty); sending twice is prevented by the row lock.
NOTIFICATION_REQUEUE_SECONDS = env.int("NOTIFICATION_REQUEUE_SECONDS", default=600)

# --- Accounts security (issue 15) ---
# How many reverse proxies stand in front of the application and append to X-Forwarded-For
# (esante.clientip): 0 means none, REMOTE_ADDR is the client. Never more than really exist: an
# extra one would let a client choose its own address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# django-axes: failed sign-ins counted in the database (they survive a Redis outage), against
# the account (so a botnet cannot try 30 passwords from each of its addresses) and against the
# account from one address. The cool-off ends a lock by itself; staff unlock earlier in the
# admin (Axes > Access attempts). allauth's own limits (in the cache) slow attempts down first.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=30)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", ["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "esante.clientip.client_ip"
AXES_USERNAME_CALLABLE = "esante.auth.axes_username"
AXES_LOCKOUT_CALLABLE = "esante.auth.axes_lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Passwords are never written to the attempts table, even masked.
AXES_SENSITIVE_PARAMETERS = ["password", "password1", "password2", "oldpassword"]

# Staff MFA (allauth.mfa): TOTP and recovery codes, enforced for staff by
# esante.auth.StaffSecurityMiddleware. STAFF_MFA_REQUIRED=false is obeyed only on a development
# machine with demo accounts (DJANGO_DEBUG and DEMO_ACCOUNTS): see the README, « Sécurité ».
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
# One period either side: a phone's clock a few seconds off, a code typed as it changes.
MFA_TOTP_TOLERANCE = 1
STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=True)
# Staff sessions end after 30 idle minutes and 12 hours in all; other sessions are unchanged.
STAFF_SESSION_IDLE = timedelta(minutes=env.int("STAFF_SESSION_IDLE_MINUTES", default=30))
STAFF_SESSION_MAX = timedelta(hours=env.int("STAFF_SESSION_MAX_HOURS", default=12))
# Sign-up hashes the password of a known address too (same time as a new one).
ACCOUNT_FORMS = {"signup": "esante.auth_forms.SignupForm"}
# --- end accounts security ---

# --- Security headers (issue 15) ---
# HSTS goes only on HTTPS responses (SecurityMiddleware), so `make run` is never pinned to
# HTTPS. One year, subdomains and preload: what hstspreload.org requires. Set
# DJANGO_HSTS_SECONDS=0 for a first deployment on a new domain, raised once HTTPS is proven.
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Stricter than strict-origin-when-cross-origin: another site never learns which of our pages
# (a chapter, /mon-compte/...) a reader came from, not even our origin.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Powerful browser features the portal never uses, switched off for the page and any frame
# (esante.security). WebAuthn (publickey-credentials-*) keeps its default, this origin only.
# Only names Chromium knows: it warns in the console about any other (e.g. "bluetooth").
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# Content-Security-Policy (django-csp 4): everything from this origin, nothing inline. No
# template has an inline script, style element or style attribute, nor an event handler
# attribute (django-dsfr's are overridden in templates/dsfr/), so no nonce is needed; the
# browser suite fails on any violation (tests/e2e/conftest.py). `data:` images: the DSFR's
# icons and form controls draw some as data: URIs in its CSS.
# form-action also applies to the redirections that follow a form: an OpenID Connect provider
# (FranceConnect, Pro Santé Connect) added one day needs its authorisation endpoint here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# --- end security headers ---

# --- Message pipeline faults (issue 15) ---
# A worker started while Redis is down waits for it (Celery 6 stops retrying by default), and
# never gives up reconnecting: the outbox rows wait meanwhile, nothing is lost.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# A task running when the broker connection drops is cancelled and redelivered (acks_late):
# the send task is safe to run twice (row lock, delivery remembered), so nothing is doubled.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# --- end message pipeline faults ---

# --- Retention (issue 15) ---
# How long personal data is kept, in days: read by the retention jobs (esante.privacy, run by
# Celery beat) and by the personal-data page, which therefore cannot promise something else.
RETENTION = {
    # Accounts without a login for this long are deleted (CNIL: 2 years for an inactive
    # account); their owner is warned by e-mail `inactive_account_warning` days after the last
    # login, one month before. Staff accounts are excluded: they are closed by the DNS when
    # someone leaves, not by a timer (a staff member on long leave must not lose the audit trail
    # of their decisions, kept under their account).
    "inactive_account": 730,
    "inactive_account_warning": 700,
    # Accounts whose e-mail address was never confirmed.
    "unverified_account": 30,
    # Event registrations of visitors without an account, counted from the end of the event;
    # those never confirmed by their e-mail link, counted from the request.
    "visitor_registration": 365,
    "unconfirmed_registration": 30,
    # Every e-mail sent (the outbox rows: address, kind, date, status).
    "notification": 365,
}
# An unsubscribe link (in every non-transactional e-mail) is valid this long.
UNSUBSCRIBE_LINK_MAX_AGE = 365 * 24 * 3600
# --- end retention ---

# --- rate limits and abuse (issue 15) ---
# esante.ratelimits: what each limit does when Redis is down is decided there, per limit.
# (CONTRIBUTION_RATE_PER_USER / _PER_IP, for contributions and replies, are above.)
REACTION_RATE_PER_USER = env.str("REACTION_RATE_PER_USER", default="30/m")
FLAG_RATE_PER_USER = env.str("FLAG_RATE_PER_USER", default="10/h")
# Visitors registering to an event without an account: each request e-mails the address typed.
REGISTRATION_RATE_PER_IP = env.str("REGISTRATION_RATE_PER_IP", default="10/h")
REGISTRATION_RATE_PER_EMAIL = env.str("REGISTRATION_RATE_PER_EMAIL", default="3/h")
APPLICATION_RATE_PER_USER = env.str("APPLICATION_RATE_PER_USER", default="5/h")
# Flags count toward automatic hiding only from accounts this old with a verified address
# (others go to the moderators' queue only), and the whole site hides at most this many
# contributions an hour by flags: beyond, they wait for the DNS team, who is alerted.
FLAG_WEIGHT_MIN_ACCOUNT_AGE_DAYS = env.int("FLAG_WEIGHT_MIN_ACCOUNT_AGE_DAYS", default=7)
FLAG_AUTO_HIDE_PER_HOUR = env.int("FLAG_AUTO_HIDE_PER_HOUR", default=3)
# --- end rate limits and abuse ---

# --- page cache (issue 16) ---
# esante.pagecache: public pages cached whole for anonymous visitors, emptied by every change of
# public content. PAGE_CACHE_TIMEOUT bounds what no change signals (reaction counts, seats
# left, a consultation closing); the two max-ages go in Cache-Control for browsers and for a
# reverse proxy (s-maxage): a proxy may serve a page that long after a change.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=60)
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=0)
PAGE_CACHE_PROXY_MAX_AGE = env.int("PAGE_CACHE_PROXY_MAX_AGE", default=5)
# Each process keeps the pages it serves, trusting the generation it read this long (another
# process's change shows within it; 0: always ask Redis), up to this many bytes of pages.
PAGE_CACHE_LOCAL_SECONDS = env.float("PAGE_CACHE_LOCAL_SECONDS", default=1.0)
PAGE_CACHE_LOCAL_MAX_BYTES = env.int("PAGE_CACHE_LOCAL_MAX_BYTES", default=32 * 1024 * 1024)
# --- end page cache ---

# --- Public API (issue 17) ---
# /api/v1/ (api/): read-only, anonymous, JSON. No authentication class at all: no session, no
# CSRF, nobody is anybody there. Cursor pagination (no COUNT), django-filter, one throttle per
# client address (api.throttling: django-ratelimit's counters in the cache, fail open).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.negotiation.JsonOnly",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Cursor",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerClientAddress"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.views.exception_handler",
    # No ?format= (one format) and ISO 8601 dates with the offset of Paris.
    "URL_FORMAT_OVERRIDE": None,
    "DATETIME_FORMAT": "iso-8601",
}
# Requests per client address (esante.clientip) and period, every method counted.
API_RATE_PER_IP = "300/m"
# Browsers and proxies may keep an answer this long (then revalidate with its ETag).
API_CACHE_MAX_AGE = 60

# The OpenAPI 3 document (/api/v1/openapi.json) and its Swagger UI page (/api/v1/docs/, files
# of drf-spectacular-sidecar served by the site: the CSP allows nothing else).
SPECTACULAR_SETTINGS = {
    "TITLE": "API publique de la Concertation e-santé",
    "DESCRIPTION": (
        "Les données publiques du portail de concertation sur le numérique en santé, en lecture "
        "seule : consultations, chapitres et leurs paragraphes, contributions publiées "
        "(pseudonymisées : type d'acteur et région de l'auteur, son nom seulement avec son "
        "consentement), réponses officielles, événements, régions, actions de la feuille de "
        "route. Réutilisables sous la Licence Ouverte 2.0 (Etalab), en citant la source « "
        "Concertation e-santé » et la date de mise à jour. Sans authentification ; pagination "
        "par curseur (suivre « next ») ; ETag et 304 ; limite de requêtes par adresse IP (429 "
        "avec Retry-After). Pour tout récupérer d'un coup, préférez les fichiers de /donnees/."
    ),
    "VERSION": "1.0.0",
    "LICENSE": {
        "name": "Licence Ouverte 2.0 (etalab-2.0)",
        "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    },
    "CONTACT": {"name": "Délégation au numérique en santé", "url": "https://esante.gouv.fr"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "AnswerStateEnum": "concertation.models.AnswerState",
        "StakeholderTypeEnum": "esante.models.StakeholderType",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# CORS: any origin may read the API (GET, HEAD, OPTIONS), without credentials; the rest of the
# site sends no CORS header at all.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
CORS_PREFLIGHT_MAX_AGE = 86400
# --- end public API ---
