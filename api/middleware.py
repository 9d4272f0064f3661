"""What every answer under /api/ gets, whatever the view (issue 17):

- French: labels, messages and errors are written for a French public service; the visitor's
  Accept-Language does not change them (LocaleMiddleware runs before and may have chosen
  English for this path outside the language prefix).
- HTTP caching: an ETag made from the answer's bytes (a list has no cheap "last modified":
  something unpublished leaves no date behind), `Cache-Control: public` for API_CACHE_MAX_AGE
  seconds, and 304 with no body to a GET or HEAD whose If-None-Match (or If-Modified-Since,
  where the view gives Last-Modified) names the current answer. The page is still built to be
  compared: the saving is the bytes on the network, and the reader's time.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import parse_http_date_safe

PREFIX = "/api/"


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        response = self.get_response(request)
        if (
            request.method not in ("GET", "HEAD")
            or response.status_code != 200
            or response.streaming
        ):
            return response
        if not response.has_header("ETag"):
            set_response_etag(response)
        patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
