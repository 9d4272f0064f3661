"""Core views: one-click unsubscription, /healthz and the server error page. The pages that
compose the apps (home, regions, account) are in `esante.portal`."""

import sys

from django.core import signing
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views import defaults
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


# Seconds a browser or a client is asked to wait before trying again when the database is away.
DATABASE_RETRY_AFTER = 30


def server_error(request):
    """The error page (handler500). When the database is away (restarted, failed over, out of
    connections) the request changed nothing (each write is one transaction): the page says
    so with HTTP 503 and Retry-After, and asks to send again in a moment. Any other error keeps
    Django's page (templates/500.html). Both are rendered without a request context: no
    context processor, no database."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        return response
    return defaults.server_error(request)
