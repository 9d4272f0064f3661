"""The rate limit of the API, per client address: the same counters as the site's other limits
(django-ratelimit, in the Redis cache; the address from esante.clientip, trusted-proxy aware),
behind DRF's throttle interface so that a refusal is DRF's 429 with Retry-After.

When the cache does not answer, the limit fails OPEN (logged), as the site's contribution
limits do (esante.ratelimits): the API only reads public data, each request costs a few indexed
queries, and refusing every reader of the State's open data because Redis is down would be a
worse outage than a minute of unmetered reading."""

import logging

from django.conf import settings
from django_ratelimit.core import get_usage
from rest_framework.throttling import BaseThrottle

from esante.clientip import client_ip

logger = logging.getLogger(__name__)

GROUP = "api-ip"


def _key(group, request) -> str:
    return client_ip(request) or "unknown"


class PerClientAddress(BaseThrottle):
    """API_RATE_PER_IP requests per client address, every method counted."""

    def allow_request(self, request, view) -> bool:
        self.retry_after = None
        try:
            usage = get_usage(
                request._request,
                group=GROUP,
                key=_key,
                rate=settings.API_RATE_PER_IP,
                increment=True,
            )
        except Exception:
            usage = False
        if usage is None:  # RATELIMIT_ENABLE off
            return True
        if usage is False or usage.get("time_left") == -1:
            logger.warning("Rate limit %s: cache unavailable, limit not enforced", GROUP)
            return True
        if usage["should_limit"]:
            self.retry_after = max(int(usage["time_left"]), 1)
            return False
        return True

    def wait(self):
        return self.retry_after
