"""Rate limits of the public writes, one helper over django-ratelimit.

Every limit is declared once below (`Limit`): its counter's name, the setting holding its rate,
what it counts (the account, the client's address, or a value the view gives: an e-mail address),
the French page answering it (HTTP 429 with Retry-After), and what happens when the cache that
counts (Redis in production) does not answer. Nothing here ever turns an outage into a 500:

- contributions, replies, reactions, applications fail OPEN (logged): losing a citizen's text
  because Redis is down is worse than a minute of unmetered posting, which moderation still sees,
  and an application is unique per group in the database anyway;
- flags fall back to the DATABASE: the flags a person made in the last hour are counted from
  their rows, so a Redis outage is no window for a mass takedown (concertation.services keeps the
  other defences: account age, verified address, the site-wide brake on automatic hiding);
- anonymous event registrations, the one way to make the site e-mail an arbitrary address, fail
  CLOSED per client address (the page says to retry in a few minutes or to sign in; signed-in
  registrations are not affected), and per e-mail address fall back to the database (the
  registrations of that address in the last hour).

Counters key on the client address given by esante.clientip (trusted-proxy aware), never on a raw
X-Forwarded-For.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_ratelimit import ALL
from django_ratelimit.core import _split_rate, get_usage

from esante.clientip import client_ip

logger = logging.getLogger(__name__)

OPEN = "open"
CLOSED = "closed"
# Retry-After when the counter could not be read and the request is refused all the same.
OUTAGE_RETRY_AFTER = 120


@dataclass(frozen=True)
class Limit:
    group: str
    rate_setting: str
    key: str  # "user", "ip", or "value" (the view passes the counted value)
    on_outage: str | Callable  # OPEN, CLOSED, or fallback(request, value, count, period) -> bool
    title: Promise | str = ""  # the French 429 page (too_many); a JSON API has its own
    message: Promise | str = ""
    methods: tuple[str, ...] | None = ("POST",)  # the requests counted; None: every method
    default_rate: str | None = None  # when the settings do not name rate_setting

    @property
    def rate(self) -> str:
        if self.default_rate is None:
            return getattr(settings, self.rate_setting)
        return getattr(settings, self.rate_setting, self.default_rate)


@dataclass(frozen=True)
class Refusal:
    limit: Limit
    retry_after: int


def _ip(request) -> str:
    return client_ip(request) or "unknown"


def _flags_in_db(request, value, count, period) -> bool:
    from concertation.models import Flag

    since = timezone.now() - datetime.timedelta(seconds=period)
    return Flag.objects.filter(user_id=request.user.pk, created_at__gte=since).count() >= count


def _registrations_in_db(request, value, count, period) -> bool:
    from events.models import Registration

    since = timezone.now() - datetime.timedelta(seconds=period)
    return Registration.objects.filter(email__iexact=value, created_at__gte=since).count() >= count


_CONTRIBUTION_TITLE = _("Trop de contributions en peu de temps")
_CONTRIBUTION_MESSAGE = _(
    "Pour protéger la concertation des envois automatisés, le nombre de contributions par minute "
    "est limité. Votre texte n'a pas été envoyé : patientez une minute, puis revenez à la page "
    "précédente pour le renvoyer."
)
_REGISTRATION_TITLE = _("Trop d'inscriptions en peu de temps")
_REGISTRATION_MESSAGE = _(
    "Pour éviter que le site serve à envoyer des courriels à des inconnus, le nombre "
    "d'inscriptions sans compte est limité. Votre demande n'a pas été enregistrée : réessayez "
    "plus tard, ou connectez-vous pour vous inscrire."
)

CONTRIBUTION_USER = Limit(
    "contribution-user", "CONTRIBUTION_RATE_PER_USER", "user", OPEN,
    _CONTRIBUTION_TITLE, _CONTRIBUTION_MESSAGE,
)  # fmt: skip
CONTRIBUTION_IP = Limit(
    "contribution-ip", "CONTRIBUTION_RATE_PER_IP", "ip", OPEN,
    _CONTRIBUTION_TITLE, _CONTRIBUTION_MESSAGE,
)  # fmt: skip
REACTION_USER = Limit(
    "reaction-user", "REACTION_RATE_PER_USER", "user", OPEN,
    _("Trop de réactions en peu de temps"),
    _(
        "Le nombre de réactions par minute est limité. Votre réaction n'a pas été enregistrée : "
        "patientez une minute avant de réagir de nouveau."
    ),
)  # fmt: skip
FLAG_USER = Limit(
    "flag-user", "FLAG_RATE_PER_USER", "user", _flags_in_db,
    _("Trop de signalements en peu de temps"),
    _(
        "Le nombre de signalements par heure est limité, pour qu'un petit groupe ne puisse pas "
        "retirer des contributions en masse. Votre signalement n'a pas été enregistré : "
        "réessayez plus tard. En cas d'urgence, écrivez à l'équipe de modération."
    ),
)  # fmt: skip
REGISTRATION_IP = Limit(
    "registration-ip", "REGISTRATION_RATE_PER_IP", "ip", CLOSED,
    _REGISTRATION_TITLE, _REGISTRATION_MESSAGE,
)  # fmt: skip
REGISTRATION_EMAIL = Limit(
    "registration-email", "REGISTRATION_RATE_PER_EMAIL", "value", _registrations_in_db,
    _REGISTRATION_TITLE, _REGISTRATION_MESSAGE,
)  # fmt: skip
APPLICATION_USER = Limit(
    "application-user", "APPLICATION_RATE_PER_USER", "user", OPEN,
    _("Trop de candidatures en peu de temps"),
    _(
        "Le nombre de candidatures par heure est limité. Votre candidature n'a pas été "
        "enregistrée : réessayez plus tard."
    ),
)  # fmt: skip


def _key(limit: Limit, value: str) -> Callable:
    def key(group, request):
        if limit.key == "user":
            return str(request.user.pk) if request.user.is_authenticated else _ip(request)
        if limit.key == "ip":
            return _ip(request)
        return value

    return key


def check(request, limit: Limit, *, value: str = "") -> Refusal | None:
    """Count this request against `limit`; a Refusal when it is over (or the cache is down and
    the limit fails closed). Never raises for a cache failure."""
    count, period = _split_rate(limit.rate)
    try:
        usage = get_usage(
            request,
            group=limit.group,
            key=_key(limit, value),
            rate=limit.rate,
            method=list(limit.methods) if limit.methods else ALL,
            increment=True,
        )
    except Exception:
        usage = False
    if usage is None:  # A method the limit does not count, or RATELIMIT_ENABLE off.
        return None
    if usage is False or usage.get("time_left") == -1:
        # The cache did not answer (an exception, or django-ratelimit's own "could not count").
        return _outage(request, limit, value, count, period)
    if usage["should_limit"]:
        return Refusal(limit, max(int(usage["time_left"]), 1))
    return None


def _outage(request, limit, value, count, period) -> Refusal | None:
    if limit.on_outage == OPEN:
        logger.warning("Rate limit %s: cache unavailable, limit not enforced", limit.group)
        return None
    if limit.on_outage == CLOSED:
        logger.warning("Rate limit %s: cache unavailable, request refused", limit.group)
        return Refusal(limit, OUTAGE_RETRY_AFTER)
    try:
        over = limit.on_outage(request, value, count, period)
    except Exception:
        logger.exception("Rate limit %s: cache and fallback unavailable", limit.group)
        over = True
    logger.warning("Rate limit %s: cache unavailable, counted in the database", limit.group)
    return Refusal(limit, OUTAGE_RETRY_AFTER) if over else None


def too_many(request, refusal: Refusal):
    """The French page of a refused request: HTTP 429, with when to retry."""
    response = render(
        request,
        "refused.html",
        {
            "title": refusal.limit.title,
            "message": refusal.limit.message,
            "breadcrumb_data": {"current": refusal.limit.title},
        },
        status=429,
    )
    response["Retry-After"] = str(refusal.retry_after)
    return response


def refuse(request, *limits: Limit, value: str = ""):
    """The 429 response when any of `limits` is over, else None. Each limit is counted."""
    for limit in limits:
        if (refusal := check(request, limit, value=value)) is not None:
            return too_many(request, refusal)
    return None
