"""The rate limit of the API, per client address: the same counters as the site's other limits
(django-ratelimit, in the Redis cache; the address from esante.clientip, trusted-proxy aware),
behind DRF's throttle interface so that a refusal is DRF's 429 with Retry-After.

When the cache does not answer, the limit fails OPEN (logged), as the site's contribution
limits do (esante.ratelimits): the API only reads public data, each request costs a few indexed
queries, and refusing every reader of the State's open data because Redis is down would be a
worse outage than a minute of unmetered reading."""

from rest_framework.throttling import BaseThrottle

from esante import ratelimits

GROUP = "api-ip"
# Every method counted; JSON answers, so no page title or message here.
LIMIT = ratelimits.Limit(GROUP, "API_RATE_PER_IP", "ip", ratelimits.OPEN, methods=None)


class PerClientAddress(BaseThrottle):
    """API_RATE_PER_IP requests per client address, every method counted."""

    def allow_request(self, request, view) -> bool:
        refusal = ratelimits.check(request._request, LIMIT)
        self.retry_after = refusal.retry_after if refusal else None
        return refusal is None

    def wait(self):
        return self.retry_after
