"""Response headers Django does not set itself (issue 15).

Django's SecurityMiddleware writes HSTS, X-Content-Type-Options, Referrer-Policy and
Cross-Origin-Opener-Policy; XFrameOptionsMiddleware writes X-Frame-Options; django-csp writes
Content-Security-Policy. This middleware adds what is left: Permissions-Policy, and
`Cache-Control: no-store` on every page served to a signed-in person.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control


def permissions_policy(features: dict[str, list[str]]) -> str:
    """The header value: `camera=(), geolocation=(self)`...; an empty list turns a feature off."""
    return ", ".join(f"{name}=({' '.join(allowed)})" for name, allowed in features.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        # Every page a signed-in person gets carries their data (at least their name in the
        # header; their contributions, registrations, applications on /mon-compte/): a shared
        # proxy or the browser's disk cache must never keep it for the next person at the same
        # computer. A page that never read the session knows nobody: it is left alone (and the
        # session is not loaded for it).
        session = getattr(request, "session", None)
        if session is not None and session.accessed and request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
