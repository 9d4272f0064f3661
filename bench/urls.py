"""The site's URLs plus the benchmark's floor (esante.settings.bench)."""

from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from esante.urls import urlpatterns as site_urlpatterns

_PAGES: dict[str, bytes] = {}


@require_GET
def floor(request, name):
    """The saved bytes of a page, through the same middleware as the page itself: what the
    site would serve if building the page cost nothing."""
    if name not in _PAGES:
        try:
            _PAGES[name] = (Path(settings.BENCH_PAGES_DIR) / f"{name}.html").read_bytes()
        except FileNotFoundError:
            raise Http404(name) from None
    return HttpResponse(_PAGES[name], content_type="text/html; charset=utf-8")


urlpatterns = [path("__floor__/<slug:name>", floor, name="bench_floor"), *site_urlpatterns]
