"""Core views: one-click unsubscription and /healthz. The pages that compose the apps (home,
regions, account) are in `esante.portal`."""

from django.core import signing
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from . import notifications
from .health import run_checks


@csrf_exempt  # The signed token is the credential; mail clients POST without a CSRF token.
def unsubscribe(request, token):
    """One-click unsubscription (RFC 8058): a POST unsubscribes at once; a GET asks first."""
    try:
        email, kind = notifications.read_unsubscribe_token(token)
    except signing.SignatureExpired:
        return render(request, "esante/unsubscribe.html", {"expired": True}, status=410)
    except signing.BadSignature:
        return render(request, "esante/unsubscribe.html", {"invalid": True}, status=400)
    registered = notifications.registry.kinds.get(kind)
    if registered is not None and registered.transactional:
        # No link is ever made for them: the answer to something the person did is always sent.
        return render(request, "esante/unsubscribe.html", {"invalid": True}, status=400)
    label = registered.label if registered is not None else kind
    if request.method == "POST":
        notifications.unsubscribe(email, kind)
        return render(request, "esante/unsubscribe.html", {"done": True, "label": label})
    return render(request, "esante/unsubscribe.html", {"label": label, "email": email})


@never_cache
def healthz(request):
    healthy, checks = run_checks()
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )
