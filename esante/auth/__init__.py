"""Accounts that resist takeover (issue 15): the pieces allauth and django-axes need from us.

- A rate-limit cache that fails open: allauth keeps its login, sign-up and password-reset limits
  in the default cache (Redis in production). When Redis is stopped or frozen every cache call
  raises, and nobody could sign in. Those limits only slow attackers down; the lock-out that
  matters is django-axes', kept in the database. So allauth's cache calls go through
  `FailOpenCache`, which logs a warning and lets the request through, and stops asking Redis for
  a few seconds (a frozen Redis costs each call its socket timeout).
- django-axes hooks: the username it counts failures against is the normalised e-mail address,
  and a locked-out person sees the sign-in page with a French message (HTTP 429).
- Staff security (`StaffSecurityMiddleware`): staff must have activated MFA and passed it in
  this session, and their sessions end after inactivity.
- E-mail addresses are normalised the same way at sign-up, sign-in and password reset
  (`normalise_email`), and refused when they hide invisible characters.
"""

from __future__ import annotations

import logging
import time

from django.apps import AppConfig
from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from esante import emailnorm
from esante.emailnorm import has_invisible

logger = logging.getLogger(__name__)

# --- Fail-open cache for allauth's rate limits ------------------------------------------------

# Seconds during which a failed cache is not asked again (per process).
CACHE_RETRY_AFTER = 10.0


class FailOpenCache:
    """The default cache, seen by allauth's rate limits: errors become "no limit recorded".

    `add` answers True (the lock is ours, the TOTP code not yet used), `get` the default, `set`
    and `delete` do nothing. Rate limits then allow the request: django-axes (database) still
    locks accounts out after repeated failures."""

    def __init__(self, alias: str = "default"):
        self._alias = alias
        self._down_until = 0.0

    @property
    def _cache(self):
        from django.core.cache import caches

        return caches[self._alias]

    def _call(self, name, fallback, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return getattr(self._cache, name)(*args, **kwargs)
        except Exception as exc:
            self._down_until = time.monotonic() + CACHE_RETRY_AFTER
            logger.warning(
                "Cache unavailable for the sign-in rate limits (%s: %s): limits not applied "
                "for %s s; django-axes' lock-out still applies.",
                type(exc).__name__,
                exc,
                CACHE_RETRY_AFTER,
            )
            return fallback

    def add(self, key, value, timeout=None, **kwargs):
        return self._call("add", True, key, value, timeout, **kwargs)

    def get(self, key, default=None, **kwargs):
        return self._call("get", default, key, default, **kwargs)

    def set(self, key, value, timeout=None, **kwargs):
        return self._call("set", None, key, value, timeout, **kwargs)

    def delete(self, key, **kwargs):
        return self._call("delete", False, key, **kwargs)


def install_fail_open_cache() -> None:
    """Point allauth's rate limits and its TOTP replay guard at `FailOpenCache`.

    allauth reads `django.core.cache.cache` through a module global and offers no setting to
    choose the cache; replacing the global is the only way short of forking it (checked against
    django-allauth 65.22.1: tests/security/test_redis_down_login.py fails if it moves)."""
    from allauth.core.internal import ratelimit
    from allauth.mfa.totp.internal import auth as totp_auth

    fail_open = FailOpenCache()
    ratelimit.cache = fail_open
    totp_auth.cache = fail_open


class AccountSecurityConfig(AppConfig):
    name = "esante.auth"
    label = "esante_auth"
    verbose_name = "Sécurité des comptes"

    def ready(self):
        from allauth.mfa.signals import authenticator_added
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed, post_save

        install_fail_open_cache()
        authenticator_added.connect(_record_mfa_on_activation, dispatch_uid="esante_mfa_added")
        user_model = get_user_model()
        m2m_changed.connect(
            team_members_are_staff,
            sender=user_model.groups.through,
            dispatch_uid="esante_team_members_are_staff",
        )
        post_save.connect(
            team_member_stays_staff, sender=user_model, dispatch_uid="esante_team_member_staff"
        )


# --- E-mail addresses ---------------------------------------------------------------------------


def normalise_email(value: str) -> str:
    """One spelling per mailbox (esante.emailnorm), lowercased whole as allauth stores it.
    Invisible characters are dropped here (sign-in, password reset only look up); sign-up
    refuses them (`clean_email`) rather than keep an address the person did not type."""
    return emailnorm.normalise_email(value).lower()


def clean_email(value: str) -> str:
    if has_invisible(value):
        raise ValidationError(
            _(
                "Cette adresse contient des caractères invisibles (espace sans chasse, trait "
                "d'union conditionnel…). Saisissez-la à nouveau, sans copier-coller."
            ),
            code="invisible_characters",
        )
    return normalise_email(value)


# --- django-axes --------------------------------------------------------------------------------


def axes_username(request, credentials) -> str | None:
    """The account the failures are counted against, whichever field carried it."""
    credentials = credentials or {}
    login = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not login and request is not None and hasattr(request, "POST"):
        login = request.POST.get("login") or request.POST.get("username")
    return normalise_email(login) if login else None


def axes_lockout_response(request, original_response=None, credentials=None):
    """The sign-in page, saying why it refuses, with HTTP 429 (Too Many Requests)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "account/locked_out.html",
        {"cooloff_minutes": minutes},
        status=429,
    )


# --- Staff: MFA and session lengths -------------------------------------------------------------

MFA_RECORD = "mfa"
LAST_SEEN_KEY = "esante_staff_last_seen"
LAST_SEEN_RESOLUTION = 60
STARTED_KEY = "esante_staff_started"


def is_staff_member(user) -> bool:
    """Staff who must use MFA: those who can enter the admin, and every member of the DNS and
    ARS teams, whose powers (moderating, answering, live results) come from their group.

    The flag alone answers, without a query on every signed-in request, because a team member
    is staff by construction (below: `team_members_are_staff`): joining a team group, from
    either side of the relation, sets is_staff; saving a team member as not staff sets it back;
    the migration esante 0011 fixed the members of before. Leaving a team does not clear
    is_staff (the safe direction: MFA is still asked; the DNS unticks it)."""
    return bool(user.is_authenticated and (user.is_staff or user.is_superuser))


# --- Team members are staff -------------------------------------------------------------------


def _team_group_ids(pks) -> set[int]:
    from django.contrib.auth.models import Group

    from esante.roles import ARS_TEAM, DNS_TEAM

    return set(
        Group.objects.filter(pk__in=pks, name__in=(DNS_TEAM, ARS_TEAM)).values_list("pk", flat=True)
    )


def _make_staff(users) -> None:
    for user in users:
        user.is_staff = True
        # save(), not update(): the audit trail records the role change (audit.models).
        user.save(update_fields=["is_staff"])


def team_members_are_staff(sender, instance, action, reverse, model, pk_set, **kwargs):
    """m2m_changed on User.groups: `user.groups.add(team)` and `team.user_set.add(user)`.

    A data invariant the MFA relies on, hence a signal rather than a service: groups are also
    set by the admin's user form and by `manage.py` shells, which no service sees."""
    if action != "post_add" or not pk_set:
        return
    if reverse:  # instance is the group, pk_set the users
        if not _team_group_ids([instance.pk]):
            return
        _make_staff(model._default_manager.filter(pk__in=pk_set, is_staff=False))
    elif not instance.is_staff and _team_group_ids(pk_set):
        _make_staff([instance])


def team_member_stays_staff(sender, instance, created, update_fields=None, **kwargs):
    """post_save on User: a team member saved as not staff (the admin's « statut équipe »
    unticked, the groups kept) is staff again; remove them from the team instead. Saves that
    name their fields without is_staff (last_login at each sign-in) cost no query."""
    if (
        created
        or instance.is_staff
        or (update_fields is not None and "is_staff" not in update_fields)
    ):
        return
    if _team_group_ids(instance.groups.values_list("pk", flat=True)):
        logger.warning("User %s is in a staff team: is_staff set back to True", instance.pk)
        _make_staff([instance])


def passed_mfa(request) -> bool:
    from allauth.account.internal.flows.login import get_authentication_records

    return any(
        record.get("method") == MFA_RECORD
        for record in get_authentication_records(request, request.user)
    )


def _record_mfa_on_activation(sender, request=None, user=None, authenticator=None, **kwargs):
    """Activating TOTP proves the code: the session that did it counts as MFA-authenticated."""
    from allauth.account.internal.flows.login import record_authentication

    if request is None or user is None:
        return
    instance = getattr(authenticator, "instance", authenticator)
    record_authentication(
        request,
        user,
        method=MFA_RECORD,
        type=getattr(instance, "type", None),
        id=getattr(instance, "pk", None),
    )


def _exempt(path: str) -> bool:
    """Pages a staff member without MFA may still see: sign-in, sign-out, MFA set-up."""
    from django.utils.translation import get_language_from_path

    language = get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        path = path[len(language) + 1 :]
    return (
        path.startswith("/comptes/")
        or path.startswith(settings.STATIC_URL)
        or path in ("/healthz", "/robots.txt")
    )


def mfa_enforced() -> bool:
    """Always, except on a developer's machine that chose otherwise (README, « Sécurité »)."""
    return not (settings.DEBUG and settings.DEMO_ACCOUNTS and not settings.STAFF_MFA_REQUIRED)


def _to_login(request):
    return redirect(f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}")


class StaffSecurityMiddleware:
    """Staff sessions: end after STAFF_SESSION_IDLE / STAFF_SESSION_MAX; MFA required.

    A staff member without an authenticator is sent to the TOTP activation page with an
    explanation; one with an authenticator whose session did not pass it (a session opened
    before MFA was activated) signs in again. Nothing of the site is rendered meanwhile: a stolen
    password alone opens no staff page (the admin, but also the staff tools of the public site).
    Ordinary users keep the ordinary session length."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and is_staff_member(user):
            response = self._check(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request, user):
        from allauth.account.internal.flows.login import get_authentication_records

        now = time.time()
        session = request.session
        last_seen = session.get(LAST_SEEN_KEY)
        started = session.get(STARTED_KEY)
        if started is None:
            # The sign-in itself (its first authentication record), else this first request.
            records = get_authentication_records(request, user)
            started = records[0].get("at", now) if records else now
            session[STARTED_KEY] = started
        idle = settings.STAFF_SESSION_IDLE.total_seconds()
        longest = settings.STAFF_SESSION_MAX.total_seconds()
        if (last_seen is not None and now - last_seen > idle) or now - started > longest:
            logout(request)
            return _to_login(request)
        if last_seen is None or now - last_seen > LAST_SEEN_RESOLUTION:
            # Written once a minute at most: not a session write on every request.
            session[LAST_SEEN_KEY] = now
        if not mfa_enforced() or _exempt(request.path_info) or passed_mfa(request):
            return None
        from allauth.mfa.utils import is_mfa_enabled

        if not is_mfa_enabled(user):
            from django.contrib import messages

            messages.warning(
                request,
                _(
                    "Votre compte donne accès aux outils de l'équipe : protégez-le par une "
                    "double authentification avant de continuer. Scannez le QR code avec une "
                    "application d'authentification, puis saisissez le code qu'elle affiche."
                ),
            )
            return redirect("mfa_activate_totp")
        # An authenticator, but this session did not pass it: sign in again.
        logout(request)
        return _to_login(request)
