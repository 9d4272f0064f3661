"""Whole pages cached for anonymous visitors, invalidated by a content generation (issue 16).

At national scale most requests are anonymous readers of the same few pages (home, the
consultation list, a chapter), and rendering one costs hundreds of milliseconds. A public page
decorated with `cache_public_page` (in the urls files, next to the route, as Django's own
`cache_page`) is rendered once and served from the cache (Redis in production) to every
anonymous visitor, until the content changes:

- Invalidation by a GENERATION number, not by deleting keys: every public model
  (`PUBLIC_MODELS`) calls `content_changed()` from its post_save/post_delete signals (connected
  by esante.apps), which increments the number; a cached page remembers the generation it was
  rendered under and is served only while that is still the current one. So a contribution
  published, hidden, withdrawn or edited, an answer, a chapter version, an event or a roadmap
  change shows at the very next request, on every page at once (the header of every page may
  show any of them: no page-by-page dependency list to keep right). The number is bumped when
  the change is made and again when its transaction commits: a page rendered from the old rows
  by a concurrent request, between the two, is stored under a generation that is already gone.
- What no signal reports is stale for at most PAGE_CACHE_TIMEOUT seconds (60 by default):
  reaction counts (updated in bulk, many a minute: bumping on each would empty the cache all
  the time), the seats left at an event, and what the clock changes (a consultation closing, an
  event becoming past).
- Only what is the same for every anonymous visitor is kept: GET/HEAD without a session cookie
  nor a messages cookie (signed-in people, and anybody the site wrote a message for, always get
  a fresh page, never one cached for someone else); a 200 that sets no cookie, wrote nothing in
  the session, queued no message and put no CSRF token in the page (a form: the event
  registration form is offered to visitors, so that page is cached only while it shows none).
  The key is the scheme, host, language, path and query string.
- HTTP caching: a cached page carries an ETag (a hash of its body) and Last-Modified (when it
  was rendered), `Cache-Control: public, max-age=PAGE_CACHE_MAX_AGE,
  s-maxage=PAGE_CACHE_PROXY_MAX_AGE` and `Vary: Cookie`, and a conditional GET is answered 304.
  Pages for signed-in people keep `private, no-store` (esante.security).
- Two tiers: Redis, shared by every process, and each process's own copies of the pages it
  serves (`LocalPages`), trusted while the generation it last read from Redis is less than
  PAGE_CACHE_LOCAL_SECONDS old (1 s): a hit then costs no round trip at all. A change made in
  another process shows within that second.
- A cache that does not answer (Redis down or frozen: its timeouts are short, see settings) never
  fails a page: it is rendered as if nothing were cached, and logged, as esante.ratelimits does.
  A change made while Redis does not answer bumps nothing: pages stored before the outage may
  be served up to PAGE_CACHE_TIMEOUT seconds once it is back.

Decorators in the urls files rather than a middleware with an allow-list: the route says whether
its page is cached, a new route is not cached by accident, and a cached page still goes through
the whole middleware on its way out. So the headers the middleware adds (Content-Security-Policy,
X-Frame-Options, the security headers, Content-Language) are not stored but added to every
response, cached or not. The middleware's request side runs as usual too: for an anonymous
visitor it costs no query.
"""

import functools
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
PAGE_KEY_PREFIX = "pagecache:page:"
# Seconds a process stops asking a cache that did not answer.
OUTAGE_PAUSE = 5.0

# The models whose rows public pages show. A change to any of them empties the page cache
# (`content_changed`). Labels, not imports: the core of esante imports no app. For each, the
# fields whose change alone shows nowhere public, or changes too often to empty the cache for
# (reaction and flag counters: at most PAGE_CACHE_TIMEOUT seconds stale).
PUBLIC_MODELS: dict[str, frozenset[str]] = {
    "esante.Region": frozenset(),
    "roadmap.Roadmap": frozenset(),
    "roadmap.Axis": frozenset(),
    "roadmap.Action": frozenset(),
    "roadmap.Milestone": frozenset(),
    "roadmap.Programme": frozenset(),
    "roadmap.RegionalIndicator": frozenset(),
    "roadmap.NewsItem": frozenset(),
    "concertation.Consultation": frozenset(),
    "concertation.Chapter": frozenset(),
    "concertation.ChapterVersion": frozenset(),
    "concertation.Paragraph": frozenset(),
    "concertation.ParagraphText": frozenset(),
    "concertation.OfficialAnswer": frozenset(),
    "concertation.Synthesis": frozenset(),
    "concertation.Contribution": frozenset({"agree_count", "disagree_count", "flag_count"}),
    "concertation.CouncilMeeting": frozenset(),
    "concertation.WorkingGroup": frozenset(),
    "concertation.Deliverable": frozenset(),
    "events.Event": frozenset(),
    "events.AgendaItem": frozenset(),
    "events.Speaker": frozenset(),
    "events.EventDocument": frozenset(),
    "events.Persona": frozenset(),
}
# Authors' names show under their contributions; a new account shows nowhere yet, and most
# saves of an account (last_login at each sign-in...) change nothing public.
USER_PUBLIC_FIELDS = frozenset({"display_name", "stakeholder_type", "organisation"})


# --- The generation ------------------------------------------------------------------------------


def _seed() -> int:
    """A first generation when the cache has none (empty, flushed, restarted): microseconds
    since the epoch, above any number a previous run counted up to, so no page stored before
    can match it."""
    return time.time_ns() // 1000


def generation() -> int | None:
    """The current content generation, or None when the cache does not answer."""
    if not cache_usable():
        return None
    try:
        current = cache.get(GENERATION_KEY)
        if current is None:
            cache.add(GENERATION_KEY, _seed(), timeout=None)
            current = cache.get(GENERATION_KEY)
    except Exception:
        cache_failed()
        return None
    return current


def cache_usable() -> bool:
    return time.monotonic() >= local_pages.unavailable_until


def cache_failed() -> None:
    """The cache did not answer: this process leaves it alone for OUTAGE_PAUSE seconds, so that
    a frozen Redis costs one timeout every few seconds, not several on every page."""
    logger.warning("Page cache: the cache did not answer, pages rendered for %ss", OUTAGE_PAUSE)
    local_pages.unavailable_until = time.monotonic() + OUTAGE_PAUSE
    local_pages.forget_generation()


def _bump() -> None:
    local_pages.forget_generation()
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # No generation yet: any new one invalidates every page.
            cache.set(GENERATION_KEY, _seed(), timeout=None)
    except Exception:
        # The write that changed the content must not fail for the cache's sake; pages stored
        # before stay at most PAGE_CACHE_TIMEOUT seconds.
        logger.warning("Page cache: generation not bumped, the cache did not answer")
        cache_failed()


def content_changed(*, using=None, **kwargs) -> None:
    """Public content changed: every cached page is out of date. Now, and again at commit (see
    the module's docstring). A signal receiver, also callable from code that writes in bulk."""
    _bump()
    transaction.on_commit(_bump, using=using, robust=True)


def _on_save(sender, instance, created=False, update_fields=None, using=None, **kwargs):
    if update_fields is not None and not (set(update_fields) - _QUIET_FIELDS.get(sender, set())):
        return
    content_changed(using=using)


def _on_user_save(sender, instance, created=False, update_fields=None, using=None, **kwargs):
    if created or (update_fields is not None and not set(update_fields) & USER_PUBLIC_FIELDS):
        return
    content_changed(using=using)


def _on_m2m_change(sender, action, using=None, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        content_changed(using=using)


_QUIET_FIELDS: dict[type, frozenset[str]] = {}


def connect() -> None:
    """Called once by esante.apps: the signals of every public model."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    for label, quiet in PUBLIC_MODELS.items():
        model = apps.get_model(label)
        _QUIET_FIELDS[model] = quiet
        uid = f"pagecache:{label}"
        post_save.connect(_on_save, sender=model, dispatch_uid=uid)
        post_delete.connect(content_changed_receiver, sender=model, dispatch_uid=uid)
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _on_m2m_change, sender=field.remote_field.through, dispatch_uid=f"{uid}.{field}"
            )
    user = get_user_model()
    post_save.connect(_on_user_save, sender=user, dispatch_uid="pagecache:user")
    post_delete.connect(content_changed_receiver, sender=user, dispatch_uid="pagecache:user")


def content_changed_receiver(sender, using=None, **kwargs):
    content_changed(using=using)


# --- The pages -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """What is stored for a page: the generation it was rendered under, the body, the headers
    the view set (with ours: ETag, Last-Modified, Cache-Control, Vary), when it was rendered."""

    generation: int
    content: bytes
    headers: tuple[tuple[str, str], ...]
    rendered_at: float

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content)
        for name, value in self.headers:
            response.headers[name] = value
        return response


class LocalPages:
    """This process's own copies of the pages it served last, checked against the generation
    it read from the shared cache less than PAGE_CACHE_LOCAL_SECONDS ago: a page read by many
    is then served with no round trip to Redis at all (which costs as much as the rest of a
    cached request). A change made in this process is seen at once (`content_changed` forgets
    the generation); one made by another process, within PAGE_CACHE_LOCAL_SECONDS. At most
    PAGE_CACHE_LOCAL_MAX_BYTES of pages, the least recently served dropped first."""

    def __init__(self):
        self.lock = threading.Lock()
        self.generation: int | None = None
        self.checked_at = 0.0
        self.pages: OrderedDict[str, Entry] = OrderedDict()
        self.size = 0
        self.unavailable_until = 0.0  # cache_failed()

    def forget(self) -> None:
        """Everything: the shared cache was emptied (the test suite does it between tests)."""
        with self.lock:
            self.generation, self.checked_at = None, 0.0
            self.pages.clear()
            self.size = 0
            self.unavailable_until = 0.0

    def forget_generation(self) -> None:
        self.generation = None

    def trusted_generation(self, now: float) -> int | None:
        if now - self.checked_at < settings.PAGE_CACHE_LOCAL_SECONDS:
            return self.generation
        return None

    def seen(self, generation: int, now: float) -> None:
        with self.lock:
            if generation != self.generation:
                self.pages.clear()
                self.size = 0
            self.generation, self.checked_at = generation, now

    def get(self, key: str, generation: int) -> "Entry | None":
        with self.lock:
            entry = self.pages.get(key)
            if entry is None or entry.generation != generation or _expired(entry):
                return None
            self.pages.move_to_end(key)
            return entry

    def put(self, key: str, entry: Entry) -> None:
        if settings.PAGE_CACHE_LOCAL_SECONDS <= 0 or entry.generation != self.generation:
            return
        with self.lock:
            if (previous := self.pages.pop(key, None)) is not None:
                self.size -= len(previous.content)
            self.pages[key] = entry
            self.size += len(entry.content)
            while self.size > settings.PAGE_CACHE_LOCAL_MAX_BYTES and self.pages:
                _, dropped = self.pages.popitem(last=False)
                self.size -= len(dropped.content)


def _expired(entry: Entry) -> bool:
    return time.time() - entry.rendered_at >= settings.PAGE_CACHE_TIMEOUT


local_pages = LocalPages()


def page_key(request) -> str:
    identity = "|".join(
        (
            request.scheme,
            request.get_host(),
            translation.get_language() or "",
            request.get_full_path(),
        )
    )
    return PAGE_KEY_PREFIX + hashlib.sha256(identity.encode()).hexdigest()


def _anonymous_request(request) -> bool:
    """Nothing in the request can make the page differ from anybody else's: no session (so no
    signed-in user, no staff preview), no pending message."""
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _storable(request, response) -> bool:
    """The page is everybody's: a plain 200 that wrote no cookie, no session, no message, no CSRF
    token (the CSRF middleware sets its cookie after us: the flag says it will), and did not ask
    not to be cached."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and (messages._queued_messages or messages.used):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= {"cookie", "accept-language"}


def _prepare(response, rendered_at: float) -> None:
    """The HTTP caching headers of a page anybody may be served."""
    response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
    response["Last-Modified"] = http_date(rendered_at)
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_CACHE_MAX_AGE,
        s_maxage=settings.PAGE_CACHE_PROXY_MAX_AGE,
    )
    # The session cookie decides between this page and a personal one.
    patch_vary_headers(response, ("Cookie",))


def _conditional(request, response):
    """304 Not Modified when the visitor (or a proxy) already holds this very page."""
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=parse_http_date(response["Last-Modified"]),
        response=response,
    )


def _serve(request, entry: Entry):
    return _conditional(request, entry.response())


def cache_public_page(view):
    """Serve `view` from the page cache to anonymous visitors (see the module's docstring)."""

    @functools.wraps(view)
    def cached_view(request, *args, **kwargs):
        if not _anonymous_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        now = time.monotonic()
        trusted = local_pages.trusted_generation(now)
        if trusted is not None and (entry := local_pages.get(key, trusted)) is not None:
            return _serve(request, entry)
        if not cache_usable():
            return view(request, *args, **kwargs)
        try:
            found = cache.get_many([GENERATION_KEY, key])
        except Exception:
            cache_failed()
            return view(request, *args, **kwargs)
        current = found.get(GENERATION_KEY)
        if current is None:
            current = generation()
            if current is None:
                return view(request, *args, **kwargs)
        local_pages.seen(current, now)
        entry = found.get(key)
        if entry is not None and entry.generation == current and not _expired(entry):
            local_pages.put(key, entry)
            return _serve(request, entry)
        # Rendered from rows at least as new as `current`: a change committed meanwhile has
        # bumped the generation past it, so this copy is never served after that change.
        rendered_at = time.time()
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if not _storable(request, response):
            return response
        _prepare(response, rendered_at)
        entry = Entry(current, response.content, tuple(response.headers.items()), rendered_at)
        try:
            cache.set(key, entry, timeout=settings.PAGE_CACHE_TIMEOUT)
        except Exception:
            cache_failed()
        local_pages.put(key, entry)
        return _conditional(request, response)

    return cached_view
