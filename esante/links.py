"""Absolute links to this site, for what leaves it: e-mails, calendar files.

They are built outside any request (Celery workers, management commands), so they cannot use
the request's host: they start with SITE_URL, the public address the settings require in
production.
"""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (from `reverse()` or `get_absolute_url()`, optionally with a query) on this site."""
    if not path.startswith("/"):
        # Glued to the origin, anything else would change the host: "https://site.fr" + "x.org".
        raise ValueError(f"expected a path starting with '/', got {path!r}")
    return settings.SITE_URL + path
