"""The address of the person making a request, as far as we can trust it.

Behind a reverse proxy REMOTE_ADDR is the proxy's address; the client's address is in
X-Forwarded-For, which each proxy appends to. Only the entries appended by our own proxies can be
trusted: anything to their left was written by the client and can be anything (a spoofed header
would otherwise let one attacker pass for a thousand addresses and escape every per-IP limit, or
lock a victim's address out). So TRUSTED_PROXY_COUNT says how many proxies stand in front of the
application (0, the default, means none: REMOTE_ADDR is the client), and the client is the address
that many steps from the right end of the chain REMOTE_ADDR closes.

Used by django-axes (AXES_CLIENT_IP_CALLABLE) and by the per-IP rate limits.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    address = address.strip()
    if address.startswith("[") and "]" in address:  # "[2001:db8::1]:443"
        address = address[1 : address.index("]")]
    elif address.count(":") == 1:  # "203.0.113.7:51234"
        address = address.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The right-most address not written by one of our TRUSTED_PROXY_COUNT proxies."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    trusted = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if trusted <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    # The full chain as seen by the application: what the client sent, then each proxy's view of
    # the address it received from; the last hop (our proxy itself) is REMOTE_ADDR.
    chain = [part for part in forwarded.split(",") if part.strip()] + [remote]
    if len(chain) <= trusted:
        # Fewer hops than proxies: the header is missing or was not written by them; the nearest
        # address we know is the safest key.
        return _valid(chain[0]) or remote
    return _valid(chain[-1 - trusted]) or remote
