"""Benchmark settings (`make bench`, bench/run.py): production, plus the « floor ».

Everything as in production (DEBUG off, the hashed static files manifest served by whitenoise,
the Redis cache of REDIS_URL, database sessions), with two differences a benchmark needs:
- the floor: /__floor__/<name> returns the saved bytes of a page through the whole middleware
  stack (bench/urls.py), the throughput a page could reach if it cost nothing to build;
- the hosts the load tools and Django's test client use (127.0.0.1, localhost, testserver),
  and the static files collected under var/bench/ so that a benchmark leaves var/staticfiles
  alone.
"""

from .production import *  # noqa: F403 - a settings module extends another.
from .production import VAR_DIR

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
STATIC_ROOT = VAR_DIR / "bench" / "static"
# The saved copies of the pages (bench/run.py writes them): the floor view and nginx serve them.
# (A fixed path: a variable read here would belong in the README's « Configuration » table.)
BENCH_PAGES_DIR = VAR_DIR / "bench" / "pages"
# Gunicorn's access log is off; errors still reach the console.
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
