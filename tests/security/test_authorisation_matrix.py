# The tables are one row per line, to be read across like a spreadsheet:
# ruff: noqa: E501
"""The authorisation matrix of issue 15: for every admin model (changelist, add, change, delete,
history), every admin action, every export, every staff page and every object URL of the public
site, what each role gets: anonymous, citizen, ARS of region A (Normandie), ARS of region B
(Bretagne), DNS. The tables below are the specification; read them as you would a spreadsheet.

- ADMIN: one row per registered model, one five-letter code per role, one letter per view:
  changelist, add, change, delete, history. `L`/`A`/`D`/`H`: the page opens (200); `E`: the
  change page opens and saves; `V`: it opens read only; `-`: refused (403); `x`: the object is
  outside the role's queryset, the admin answers as for an unknown id (302 to /admin/).
  LOGIN: every view sends to the sign-in page (anonymous visitors and citizens are not staff).
- LISTED: which objects each role finds in a changelist (the regional wall).
- ACTIONS: every admin action, POSTed with the ids of objects inside and outside the role's
  reach (forged ids included), and which of them it changed. `delete_selected` follows the
  model's delete letter in ADMIN, posted with the model's object(s).
- URLS: every named URL of the site is classified (URL_KINDS); PAGES gives the expected answer
  of every page, export and object URL for each role, GET or POST.

A new model, action or URL without a row makes test_every_* fail: who may use it is decided
here, on purpose. Staff sign in with MFA (tests/conftest.py marks force_login'd staff sessions
as MFA-passed, as StaffSecurityMiddleware requires in production)."""

import contextlib
import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import transaction
from django.test import Client, RequestFactory, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from concertation.admin.answers import ContributionAnsweringAdmin
from concertation.models import Contribution
from duplicates.models import DuplicateMark
from tests.security.authz_world import ROLES, build_world

LOGIN = "login"
ADMIN_HOME = "/admin/"  # the admin's answer for an object outside one's queryset
OK, DENIED, ABSENT, NOT_ALLOWED = 200, 403, 404, 405

CHECKED: dict[str, int] = {}  # role -> (role, target) pairs checked, reported by each role


# --- ADMIN: every registered model -------------------------------------------------------------
#   views:     changelist add change delete history
#   model                               object            anonymous citizen ars_a    ars_b    dns
ADMIN = {
    "auth.group":                      ("dns_group",       LOGIN, LOGIN, "-----", "-----", "-----"),
    "dsfr.dsfrconfig":                 ("dsfr_config",     LOGIN, LOGIN, "-----", "-----", "-----"),
    "account.emailaddress":            ("email_address",   LOGIN, LOGIN, "-----", "-----", "-----"),
    "mfa.authenticator":               ("authenticator",   LOGIN, LOGIN, "-----", "-----", "-----"),
    "axes.accessattempt":              ("access_attempt",  LOGIN, LOGIN, "-----", "-----", "-----"),
    "axes.accesslog":                  ("access_log",      LOGIN, LOGIN, "-----", "-----", "-----"),
    "axes.accessfailurelog":           ("access_failure",  LOGIN, LOGIN, "-----", "-----", "-----"),
    "esante.region":                   ("region_a",        LOGIN, LOGIN, "L-V-H", "L-V-H", "L-E-H"),
    "esante.user":                     ("author",          LOGIN, LOGIN, "-----", "-----", "L-V-H"),
    "esante.notification":             ("notification",    LOGIN, LOGIN, "-----", "-----", "L-E-H"),
    "esante.unsubscription":           ("unsubscription",  LOGIN, LOGIN, "-----", "-----", "L-V-H"),
    "roadmap.roadmap":                 ("roadmap",         LOGIN, LOGIN, "L-V-H", "L-V-H", "LAEDH"),
    "roadmap.axis":                    ("axis",            LOGIN, LOGIN, "L-V-H", "L-V-H", "LAEDH"),
    "roadmap.action":                  ("action",          LOGIN, LOGIN, "L-V-H", "L-V-H", "LAEDH"),
    "roadmap.programme":               ("programme",       LOGIN, LOGIN, "L-V-H", "L-V-H", "LAEDH"),
    "roadmap.regionalindicator":       ("indicator",       LOGIN, LOGIN, "L-V-H", "L-V-H", "LAEDH"),
    "roadmap.newsitem":                ("news",            LOGIN, LOGIN, "L-V-H", "L-V-H", "LAEDH"),
    "concertation.consultation":       ("consultation",    LOGIN, LOGIN, "-----", "-----", "LAEDH"),
    "concertation.chapter":            ("chapter",         LOGIN, LOGIN, "-----", "-----", "LAEDH"),
    "concertation.contribution":       ("hidden",          LOGIN, LOGIN, "-----", "-----", "L-E-H"),
    "concertation.moderationlog":      ("moderation_log",  LOGIN, LOGIN, "-----", "-----", "L-V-H"),
    "concertation.contributorblock":   ("block",           LOGIN, LOGIN, "-----", "-----", "LAE-H"),
    "concertation.flag":               ("flag",            LOGIN, LOGIN, "-----", "-----", "L-VDH"),
    "concertation.officialanswer":     ("answer",          LOGIN, LOGIN, "-----", "-----", "LAEDH"),
    "concertation.answertemplate":     ("answer_template", LOGIN, LOGIN, "-----", "-----", "LAEDH"),
    "concertation.synthesis":          ("synthesis",       LOGIN, LOGIN, "-----", "-----", "LAEDH"),
    "concertation.councilmeeting":     ("meeting",         LOGIN, LOGIN, "-----", "-----", "LAEDH"),
    "concertation.workinggroup":       ("group",           LOGIN, LOGIN, "-----", "-----", "LAEDH"),
    "concertation.application":        ("application",     LOGIN, LOGIN, "-----", "-----", "L-VDH"),
    "concertation.ethicspilot":        ("pilot",           LOGIN, LOGIN, "-----", "-----", "LAEDH"),
    "events.event":                    ("event_a",         LOGIN, LOGIN, "LAEDH", "LAxxx", "LAEDH"),
    "events.registration":             ("registration_a",  LOGIN, LOGIN, "L-V-H", "L-x-x", "L-V-H"),
    "audit.auditentry":                ("audit_entry",     LOGIN, LOGIN, "-----", "-----", "L-V-H"),
    "themes.theme":                    ("theme",           LOGIN, LOGIN, "-----", "-----", "L-E-H"),
    "themes.thememembership":          ("membership",      LOGIN, LOGIN, "-----", "-----", "L-E-H"),
    "themes.thememodel":               ("theme_model",     LOGIN, LOGIN, "-----", "-----", "L-V-H"),
    "opinions.opiniongroups":          ("opinion_groups",  LOGIN, LOGIN, "-----", "-----", "L-E-H"),
    "duplicates.duplicatemark":        ("duplicate_mark",  LOGIN, LOGIN, "-----", "-----", "LAEDH"),
}  # fmt: skip
VIEWS = ["changelist", "add", "change", "delete", "history"]


# --- LISTED: what a changelist shows each role --------------------------------------------------
#   changelist                     probed objects                                  role -> listed
LISTED = {
    "events.event": (
        ["event_a", "draft_a", "event_b", "draft_b"],
        {
            "ars_a": {"event_a", "draft_a"},
            "ars_b": {"event_b", "draft_b"},
            "dns": {"event_a", "draft_a", "event_b", "draft_b"},
        },
    ),
    "events.registration": (
        ["registration_a", "registration_b"],
        {"ars_a": {"registration_a"}, "ars_b": {"registration_b"}, "dns": {"registration_a", "registration_b"}},
    ),
    "concertation.contribution": (
        ["published", "pending", "hidden", "rejected", "withdrawn", "in_draft"],
        {"dns": {"published", "pending", "hidden", "rejected", "withdrawn", "in_draft"}},
    ),
    "concertation.application": (
        ["application", "own_application", "accepted"],
        {"dns": {"application", "own_application", "accepted"}},
    ),
    "esante.user": (
        ["citizen", "author", "ars_a"],
        {"dns": {"citizen", "author", "ars_a"}},
    ),
}  # fmt: skip


# --- ACTIONS: every admin action, POSTed with ids inside and outside each role's reach ----------


@dataclass
class Act:
    targets: list[str]  # world objects whose ids are POSTed
    changed: Callable[[Any], bool]  # has the action changed (or deleted) this object?
    expected: dict[str, set[str]]  # role -> the targets it changes; absent roles change nothing
    data: dict = field(default_factory=dict)


def _gone(obj):
    return not type(obj)._default_manager.filter(pk=obj.pk).exists()


def _now(obj):
    return type(obj)._default_manager.filter(pk=obj.pk).first()


def _status(value):
    return lambda obj: _now(obj) is not None and _now(obj).status == value


EVENTS_BOTH = {"ars_a": {"event_a"}, "ars_b": {"event_b"}, "dns": {"event_a", "event_b"}}
ANSWERING = "concertation.contribution:answering"
ACTIONS = {
    ("account.emailaddress", "make_verified"): Act(["unverified"], lambda o: _now(o).verified, {}),
    ("axes.accessattempt", "cleanup_expired_attempts"): Act(["access_attempt"], _gone, {}),
    ("esante.notification", "resend"): Act(
        ["notification"], _status("pending"), {"dns": {"notification"}}
    ),
    ("concertation.contribution", "publish"): Act(
        ["pending"], _status("published"), {"dns": {"pending"}}
    ),
    ("concertation.contribution", "hide"): Act(
        ["published"], _status("hidden"), {"dns": {"published"}}, {"reason": "abuse"}
    ),
    ("concertation.contribution", "reject"): Act(
        ["pending"], _status("rejected"), {"dns": {"pending"}}, {"reason": "abuse"}
    ),
    ("concertation.contributorblock", "lift"): Act(
        ["block"], lambda o: _now(o).lifted_at is not None, {"dns": {"block"}}
    ),
    ("concertation.officialanswer", "publish_selected"): Act(
        ["answer"], _status("published"), {"dns": {"answer"}}
    ),
    ("concertation.application", "accept"): Act(
        ["application"], _status("accepted"), {"dns": {"application"}}
    ),
    ("concertation.application", "decline"): Act(
        ["application"], _status("declined"), {"dns": {"application"}}
    ),
    ("events.event", "publish"): Act(
        ["draft_a", "draft_b"],
        _status("published"),
        {"ars_a": {"draft_a"}, "ars_b": {"draft_b"}, "dns": {"draft_a", "draft_b"}},
    ),
    ("events.event", "cancel"): Act(["event_a", "event_b"], _status("cancelled"), EVENTS_BOTH),
    # An export changes nothing: what it holds is checked in EXPORTS below.
    ("events.event", "export_registrants"): Act(["event_a", "event_b"], _gone, {}),
    (ANSWERING, "answer_together"): Act(
        ["published_2"],
        lambda o: _now(o).official_answers.exists(),
        {"dns": {"published_2"}},
        {"_draft": "1", "state": "taken", "body": "Réponse commune.", "team": "DNS"},
    ),
    (ANSWERING, "decide_rewording"): Act(
        ["published"], lambda o: bool(_now(o).rewording_outcome), {}, {"_decide": "1"}
    ),
    # Issue 18: themes, opinion groups, duplicates (the DNS team only).
    (ANSWERING, "mark_duplicates"): Act(
        ["published", "published_2"],
        lambda o: DuplicateMark.objects.filter(contribution=o).exists(),
        {"dns": {"published_2"}},
    ),
    ("themes.theme", "merge"): Act(
        ["theme", "theme_2"], lambda o: _now(o).merged_into_id is not None, {"dns": {"theme_2"}}
    ),
    ("themes.theme", "hide"): Act(["theme"], lambda o: _now(o).hidden, {"dns": {"theme"}}),
    ("themes.theme", "show"): Act(["theme"], lambda o: False, {}),
    ("themes.theme", "recompute"): Act(["theme"], lambda o: False, {}),
    ("themes.thememembership", "split_off"): Act(
        ["membership"], lambda o: _now(o).theme_id != o.theme_id, {"dns": {"membership"}}
    ),
    ("opinions.opiniongroups", "recompute"): Act(["opinion_groups"], lambda o: False, {}),
}

# delete_selected where the ADMIN object has dependents the database protects (its chapters,
# contributions, registrations): an object without them.
DELETE_TARGETS = {
    "roadmap.roadmap": ["spare_roadmap"],
    "roadmap.axis": ["spare_axis"],
    "concertation.consultation": ["spare_consultation"],
    "concertation.chapter": ["spare_chapter"],
    "events.event": ["draft_a", "draft_b"],
}

# What the export actions and export URLs hand each role: (e-mail present, e-mail absent).
EXPORT_EMAILS = {
    "ars_a": ({"normand@example.org"}, {"breton@example.org"}),
    "ars_b": ({"breton@example.org"}, {"normand@example.org"}),
    "dns": ({"normand@example.org", "breton@example.org"}, set()),
}


# --- URLS: every named URL, classified --------------------------------------------------------
PUBLIC = "public"  # anybody, nothing personal
SIGNED_IN = "signed-in"  # one's own account: nothing of anybody else's
STAFF = "staff"  # the admin and the staff tools of the public site
OBJECT = "object"  # an object: a draft, someone else's, a token: its rows say who
ACCOUNTS = "allauth"  # allauth's own flows (sign-in, sign-up, reset, MFA): their rows below

URL_KINDS = {
    "healthz": PUBLIC, "robots_txt": PUBLIC, "sitemap_xml": PUBLIC, "home": PUBLIC,
    "region_list": PUBLIC, "region_detail": PUBLIC, "footer-legal-notice": PUBLIC,
    "footer-personal-data": PUBLIC, "footer-accessibility-status": PUBLIC, "footer-sitemap": PUBLIC,
    "roadmap:roadmap_list": PUBLIC, "roadmap:news_list": PUBLIC, "roadmap:news_rss": PUBLIC,
    "roadmap:news_atom": PUBLIC, "concertation:consultation_list": PUBLIC,
    "concertation:search": PUBLIC, "concertation:council_home": PUBLIC,
    "concertation:ethics_cell": PUBLIC, "events:event_list": PUBLIC, "events:calendar_feed": PUBLIC,
    "account": SIGNED_IN, "personal_data_download": SIGNED_IN, "account_delete": SIGNED_IN,
    "concertation:follow_council": SIGNED_IN,
    "admin_login_redirect": STAFF, "concertation:group_members_csv": STAFF,
    "roadmap:roadmap_detail": OBJECT, "roadmap:action_detail": OBJECT,
    "roadmap:news_detail": OBJECT, "concertation:consultation_detail": OBJECT,
    "concertation:chapter_detail": OBJECT, "concertation:chapter_versions": OBJECT,
    "concertation:contribution_create": OBJECT, "concertation:follow_consultation": OBJECT,
    "concertation:follow_chapter": OBJECT, "concertation:reply_create": OBJECT,
    "concertation:reaction": OBJECT, "concertation:flag": OBJECT,
    "concertation:contribution_edit": OBJECT, "concertation:contribution_withdraw": OBJECT,
    "concertation:results": OBJECT, "concertation:results_answers": OBJECT,
    "concertation:results_changes": OBJECT, "concertation:results_synthesis_document": OBJECT,
    "concertation:meeting_detail": OBJECT, "concertation:group_detail": OBJECT,
    "concertation:group_apply": OBJECT, "concertation:follow_group": OBJECT,
    "concertation:application_withdraw": OBJECT, "events:event_detail": OBJECT,
    "events:event_ics": OBJECT, "events:register": OBJECT, "events:registration_confirm": OBJECT,
    "events:registration_cancel": OBJECT, "unsubscribe": OBJECT,
    "account_login": ACCOUNTS, "account_logout": ACCOUNTS, "account_inactive": ACCOUNTS,
    "account_signup": ACCOUNTS, "account_reauthenticate": ACCOUNTS,
    "account_request_reauthentication_code": ACCOUNTS,
    "account_confirm_reauthentication_code": ACCOUNTS, "account_email": ACCOUNTS,
    "account_email_verification_sent": ACCOUNTS, "account_change_password": ACCOUNTS,
    "account_set_password": ACCOUNTS, "account_reset_password": ACCOUNTS,
    "account_confirm_login_code": ACCOUNTS, "account_confirm_email": ACCOUNTS,
    "account_reset_password_from_key_done": ACCOUNTS, "account_reset_password_from_key": ACCOUNTS,
    "account_reset_password_done": ACCOUNTS, "mfa_index": ACCOUNTS, "mfa_authenticate": ACCOUNTS,
    "mfa_reauthenticate": ACCOUNTS, "mfa_activate_totp": ACCOUNTS,
    "mfa_deactivate_totp": ACCOUNTS, "mfa_view_recovery_codes": ACCOUNTS,
    "mfa_generate_recovery_codes": ACCOUNTS, "mfa_download_recovery_codes": ACCOUNTS,
    # The admin site's own pages (its model pages are in ADMIN).
    "admin:index": STAFF, "admin:login": STAFF, "admin:logout": STAFF,
    "admin:password_change": STAFF, "admin:password_change_done": STAFF, "admin:jsi18n": STAFF,
    "admin:autocomplete": STAFF, "admin:view_on_site": STAFF, "admin:app_list": STAFF,
    "admin_view_on_site": STAFF, "admin:auth_user_password_change": STAFF,
    "admin:events_event_registrants": STAFF, "admin:concertation_contribution_answering": STAFF,
    "admin:concertation_contribution_autocomplete": STAFF,
    "admin:themes_theme_recompute": STAFF,
    "duplicates:near": OBJECT,
    # Open data and the public API (issue 17): public, read-only, the same for every role.
    "opendata:index": PUBLIC, "opendata:catalogue": PUBLIC, "opendata:archive": PUBLIC,
    "opendata:dataset": OBJECT, "opendata:dataset_schema": OBJECT, "opendata:dataset_csv": OBJECT,
    "opendata:dataset_json": OBJECT,
    "api:api-root": PUBLIC, "api:schema": PUBLIC, "api:docs": PUBLIC,
    "api:consultation-list": PUBLIC, "api:consultation-detail": OBJECT,
    "api:chapter-list": PUBLIC, "api:chapter-detail": OBJECT,
    "api:contribution-list": PUBLIC, "api:contribution-detail": OBJECT,
    "api:answer-list": PUBLIC, "api:answer-detail": OBJECT,
    "api:event-list": PUBLIC, "api:event-detail": OBJECT,
    "api:region-list": PUBLIC, "api:region-detail": OBJECT,
    "api:action-list": PUBLIC, "api:action-detail": OBJECT,
}  # fmt: skip


@dataclass
class Page:
    """One URL for the five roles. `expect` is (anonymous, citizen, ars_a, ars_b, dns); LOGIN
    is a redirect to the sign-in page, a string starting with "/" a redirect there."""

    name: str  # the URL name (checked against URL_KINDS)
    label: str  # what is tried, for the reader and the test report
    url: Callable[[Any], str]
    expect: tuple
    method: str = "get"
    data: Callable[[Any], dict] | dict = field(default_factory=dict)
    # (world, role, response) -> a problem, or None: what the page holds, not just its status
    check: Callable | None = None


def r(name, *args, **kwargs):
    return lambda w: reverse(name, args=[a(w) if callable(a) else a for a in args], kwargs=kwargs)


def slug(attr):
    return lambda w: getattr(w, attr).slug


def pk(attr):
    return lambda w: getattr(w, attr).pk


ALL_OK = (OK, OK, OK, OK, OK)
SIGNED = (LOGIN, OK, OK, OK, OK)
DNS_ONLY = (ABSENT, ABSENT, ABSENT, ABSENT, OK)
NOBODY = (ABSENT, ABSENT, ABSENT, ABSENT, ABSENT)


def _holds(present_attr, absent_attrs):
    """The page shows one's own data and nobody else's (e-mail addresses)."""

    def check(w, role, response):
        if role == "anonymous" or response.status_code != 200:
            return None
        text = response.content.decode("utf-8", "replace")
        own = getattr(w, role if role != "citizen" else "citizen").email
        if present_attr and own not in text:
            return f"{own} missing"
        leaked = [
            getattr(w, a).email for a in absent_attrs if a != role and getattr(w, a).email in text
        ]
        return f"shows {leaked}" if leaked else None

    return check


def _csv_emails(w, role, response):
    if response.status_code != 200:
        return None
    text = response.content.decode("utf-8-sig")
    present, absent = EXPORT_EMAILS[role]
    missing = [e for e in present if e not in text]
    leaked = [e for e in absent if e in text]
    return (f"missing {missing} " if missing else "") + (
        f"leaks {leaked}" if leaked else ""
    ) or None


def _no_draft_titles(w, role, response):
    """A public list never names a draft, whoever reads it."""
    text = response.content.decode("utf-8", "replace")
    drafts = [w.draft_a.title, w.draft_b.title, w.draft_consultation.title, w.draft_news.title]
    leaked = [t for t in drafts if re.search(rf"\b{re.escape(t)}\b", text)]
    return f"names drafts {leaked}" if leaked else None


PAGES = [
    # Public pages.
    Page("healthz", "liveness", lambda w: "/healthz", ALL_OK),
    Page("robots_txt", "robots.txt", lambda w: "/robots.txt", ALL_OK),
    Page("sitemap_xml", "sitemap", lambda w: "/sitemap.xml", ALL_OK, check=_no_draft_titles),
    Page("home", "home", r("home"), ALL_OK, check=_no_draft_titles),
    Page("region_list", "regions", r("region_list"), ALL_OK),
    Page("region_detail", "region B page", r("region_detail", slug("region_b")), ALL_OK, check=_no_draft_titles),
    Page("footer-legal-notice", "legal notice", r("footer-legal-notice"), ALL_OK),
    Page("footer-personal-data", "personal data page", r("footer-personal-data"), ALL_OK),
    Page("footer-accessibility-status", "accessibility", r("footer-accessibility-status"), ALL_OK),
    Page("footer-sitemap", "site map", r("footer-sitemap"), ALL_OK),
    Page("roadmap:roadmap_list", "roadmaps", r("roadmap:roadmap_list"), ALL_OK),
    Page("roadmap:news_list", "news", r("roadmap:news_list"), ALL_OK, check=_no_draft_titles),
    Page("roadmap:news_rss", "news RSS", r("roadmap:news_rss"), ALL_OK, check=_no_draft_titles),
    Page("roadmap:news_atom", "news Atom", r("roadmap:news_atom"), ALL_OK, check=_no_draft_titles),
    Page("concertation:consultation_list", "consultations", r("concertation:consultation_list"), ALL_OK, check=_no_draft_titles),
    Page("concertation:search", "search", lambda w: reverse("concertation:search") + "?q=Contribution", ALL_OK),
    Page("concertation:council_home", "council", r("concertation:council_home"), ALL_OK),
    Page("concertation:ethics_cell", "ethics cell", r("concertation:ethics_cell"), ALL_OK),
    Page("events:event_list", "events", r("events:event_list"), ALL_OK, check=_no_draft_titles),
    Page("events:calendar_feed", "iCal feed", r("events:calendar_feed"), ALL_OK, check=_no_draft_titles),
    Page("events:calendar_feed", "iCal feed of region B", lambda w: reverse("events:calendar_feed") + "?region=bretagne", ALL_OK, check=_no_draft_titles),
    # One's own account: nothing of anybody else's.
    Page("account", "my account", r("account"), SIGNED, check=_holds(True, ["author", "citizen", "ars_a", "ars_b", "dns"])),
    Page("personal_data_download", "RGPD export by GET", r("personal_data_download"), (NOT_ALLOWED,) * 5),
    Page("personal_data_download", "RGPD export", r("personal_data_download"), SIGNED, method="post",
         check=_holds(True, ["author", "citizen", "ars_a", "ars_b", "dns"])),
    Page("account_delete", "account deletion page", r("account_delete"), SIGNED),
    Page("concertation:follow_council", "follow the council", r("concertation:follow_council"), (LOGIN, 302, 302, 302, 302), method="post"),
    # Staff tools of the public site.
    Page("admin_login_redirect", "admin sign-in", r("admin_login_redirect"), (LOGIN,) * 5),
    Page("concertation:group_members_csv", "members CSV of a group", r("concertation:group_members_csv", slug("group")),
         (LOGIN, DENIED, DENIED, DENIED, OK)),
    # Roadmap objects.
    Page("roadmap:roadmap_detail", "published roadmap", r("roadmap:roadmap_detail", slug("roadmap")), ALL_OK),
    Page("roadmap:roadmap_detail", "unpublished roadmap", r("roadmap:roadmap_detail", slug("draft_roadmap")), NOBODY),
    Page("roadmap:action_detail", "action", lambda w: reverse("roadmap:action_detail", args=[w.roadmap.slug, w.action.number]), ALL_OK),
    Page("roadmap:news_detail", "published news", r("roadmap:news_detail", slug("news")), ALL_OK),
    Page("roadmap:news_detail", "unpublished news", r("roadmap:news_detail", slug("draft_news")), NOBODY),
    # Consultations, chapters, contributions.
    Page("concertation:consultation_detail", "open consultation", r("concertation:consultation_detail", slug("consultation")), ALL_OK),
    Page("concertation:consultation_detail", "draft consultation", r("concertation:consultation_detail", slug("draft_consultation")), NOBODY),
    Page("concertation:chapter_detail", "chapter", lambda w: w.chapter.get_absolute_url(), ALL_OK, check=lambda w, role, resp: _hidden_bodies(w, resp)),
    Page("concertation:chapter_detail", "chapter of a draft", lambda w: w.draft_chapter.get_absolute_url(), NOBODY),
    Page("concertation:chapter_versions", "versions", r("concertation:chapter_versions", slug("consultation"), slug("chapter")), ALL_OK),
    Page("concertation:chapter_versions", "versions of a draft", r("concertation:chapter_versions", slug("draft_consultation"), slug("draft_chapter")), NOBODY),
    Page("concertation:contribution_create", "contribute to a draft", r("concertation:contribution_create", slug("draft_consultation"), slug("draft_chapter")),
         (LOGIN, ABSENT, ABSENT, ABSENT, ABSENT), method="post", data={"body": "Texte", "kind": "comment"}),
    Page("concertation:follow_consultation", "follow a draft", r("concertation:follow_consultation", slug("draft_consultation")), (LOGIN, ABSENT, ABSENT, ABSENT, ABSENT), method="post"),
    Page("concertation:follow_chapter", "follow a draft's chapter", r("concertation:follow_chapter", slug("draft_consultation"), slug("draft_chapter")), (LOGIN, ABSENT, ABSENT, ABSENT, ABSENT), method="post"),
    # Refused with the reason (the form again, or back to the page with a message); nothing made.
    Page("concertation:reply_create", "reply to a hidden contribution", r("concertation:reply_create", pk("hidden")), (LOGIN, 400, 400, 400, 400),
         method="post", data={"body": "Réponse"}, check=lambda w, role, resp: _none_made(w.hidden.replies)),
    Page("concertation:reaction", "react to a pending contribution", r("concertation:reaction", pk("pending")), (LOGIN, 302, 302, 302, 302),
         method="post", data={"value": "agree"}, check=lambda w, role, resp: _none_made(w.pending.reactions)),
    Page("concertation:flag", "flag form of a published contribution", r("concertation:flag", pk("published")), SIGNED),
    Page("concertation:flag", "flag form of a hidden contribution", r("concertation:flag", pk("hidden")), (LOGIN, ABSENT, ABSENT, ABSENT, ABSENT)),
    Page("concertation:flag", "flag form of a withdrawn contribution", r("concertation:flag", pk("withdrawn")), (LOGIN, ABSENT, ABSENT, ABSENT, ABSENT)),
    Page("concertation:contribution_edit", "edit one's own contribution", r("concertation:contribution_edit", pk("own")), (LOGIN, OK, DENIED, DENIED, DENIED)),
    Page("concertation:contribution_edit", "edit someone else's", r("concertation:contribution_edit", pk("published")), (LOGIN, DENIED, DENIED, DENIED, DENIED)),
    Page("concertation:contribution_edit", "edit someone else's (POST)", r("concertation:contribution_edit", pk("published")), (LOGIN, DENIED, DENIED, DENIED, DENIED),
         method="post", data={"body": "Piraté"}, check=lambda w, role, resp: _unchanged(w.published, body__startswith="Contribution")),
    Page("concertation:contribution_edit", "edit a pending one of someone else", r("concertation:contribution_edit", pk("pending")), (LOGIN, DENIED, DENIED, DENIED, DENIED)),
    Page("concertation:contribution_edit", "edit a contribution of a draft", r("concertation:contribution_edit", pk("in_draft")), (LOGIN, ABSENT, ABSENT, ABSENT, ABSENT)),
    Page("concertation:contribution_withdraw", "withdraw one's own (page)", r("concertation:contribution_withdraw", pk("own")), (LOGIN, OK, DENIED, DENIED, DENIED)),
    Page("concertation:contribution_withdraw", "withdraw someone else's", r("concertation:contribution_withdraw", pk("published")), (LOGIN, DENIED, DENIED, DENIED, DENIED),
         method="post", check=lambda w, role, resp: _unchanged(w.published, status="published")),
    Page("concertation:contribution_withdraw", "withdraw someone else's hidden one", r("concertation:contribution_withdraw", pk("hidden")), (LOGIN, DENIED, DENIED, DENIED, DENIED),
         method="post", check=lambda w, role, resp: _unchanged(w.hidden, status="hidden")),
    # Results: live figures for the DNS team only while the consultation is open.
    Page("concertation:results", "results of an open consultation", r("concertation:results", slug("consultation")), DNS_ONLY),
    Page("concertation:results_answers", "answers of an open consultation", r("concertation:results_answers", slug("consultation")), DNS_ONLY),
    Page("concertation:results_changes", "changes of an open consultation", r("concertation:results_changes", slug("consultation")), DNS_ONLY),
    Page("concertation:results_synthesis_document", "synthesis PDF of an open consultation", r("concertation:results_synthesis_document", slug("consultation")), DNS_ONLY),
    Page("concertation:results", "results of a draft", r("concertation:results", slug("draft_consultation")), NOBODY),
    Page("concertation:results", "results of a closed consultation", r("concertation:results", slug("closed_consultation")), ALL_OK),
    Page("concertation:results_answers", "answers of a closed consultation", r("concertation:results_answers", slug("closed_consultation")), ALL_OK),
    Page("concertation:results_changes", "changes of a closed consultation", r("concertation:results_changes", slug("closed_consultation")), ALL_OK),
    Page("concertation:results_synthesis_document", "synthesis PDF of a closed consultation", r("concertation:results_synthesis_document", slug("closed_consultation")), ALL_OK),
    # The council.
    Page("concertation:meeting_detail", "published meeting", r("concertation:meeting_detail", slug("meeting")), ALL_OK),
    Page("concertation:meeting_detail", "unpublished meeting", r("concertation:meeting_detail", slug("draft_meeting")), NOBODY),
    Page("concertation:group_detail", "published group", r("concertation:group_detail", slug("group")), ALL_OK),
    Page("concertation:group_detail", "unpublished group", r("concertation:group_detail", slug("draft_group")), NOBODY),
    Page("concertation:group_members_csv", "members CSV of an unpublished group", r("concertation:group_members_csv", slug("draft_group")), (LOGIN, ABSENT, ABSENT, ABSENT, ABSENT)),
    Page("concertation:group_apply", "apply to an unpublished group", r("concertation:group_apply", slug("draft_group")), (LOGIN, ABSENT, ABSENT, ABSENT, ABSENT), method="post",
         data={"organisation": "X", "stakeholder_type": "citizen", "motivation": "Motivé."}),
    Page("concertation:follow_group", "follow an unpublished group", r("concertation:follow_group", slug("draft_group")), (LOGIN, ABSENT, ABSENT, ABSENT, ABSENT), method="post"),
    Page("concertation:application_withdraw", "withdraw someone else's application", r("concertation:application_withdraw", pk("application")), (LOGIN, DENIED, DENIED, DENIED, DENIED),
         method="post", check=lambda w, role, resp: _unchanged(w.application, status="pending")),
    Page("concertation:application_withdraw", "withdraw one's own application", r("concertation:application_withdraw", pk("own_application")), (LOGIN, 302, DENIED, DENIED, DENIED), method="post"),
    # Events.
    Page("events:event_detail", "published event of region A", r("events:event_detail", slug("event_a")), ALL_OK),
    Page("events:event_detail", "draft event of region A", r("events:event_detail", slug("draft_a")), NOBODY),
    Page("events:event_detail", "draft event of region B", r("events:event_detail", slug("draft_b")), NOBODY),
    Page("events:event_ics", "iCal of an event", r("events:event_ics", slug("event_b")), ALL_OK),
    Page("events:event_ics", "iCal of a draft event", r("events:event_ics", slug("draft_b")), NOBODY),
    Page("events:register", "register to a draft event", r("events:register", slug("draft_b")), NOBODY, method="post",
         data={"name": "Camille", "email": "camille@example.org", "consent": "on"}),
    Page("events:registration_confirm", "confirm with a guessed token", r("events:registration_confirm", "devine"), NOBODY),
    Page("events:registration_cancel", "cancel with a guessed token", r("events:registration_cancel", "devine"), NOBODY),
    Page("events:registration_cancel", "cancel with a guessed token (POST)", r("events:registration_cancel", "devine"), NOBODY, method="post"),
    Page("unsubscribe", "unsubscribe with a forged token", r("unsubscribe", "ZmF1eEBleGFtcGxlLm9yZw"), (400,) * 5),
]  # fmt: skip


def _hidden_bodies(w, response):
    text = response.content.decode()
    shown = [c.status for c in (w.pending, w.hidden, w.rejected, w.withdrawn) if c.body in text]
    return f"shows the body of {shown} contributions" if shown else None


def _none_made(related):
    return f"{related.count()} made" if related.exists() else None


def _unchanged(obj, **lookup):
    if not type(obj)._default_manager.filter(pk=obj.pk, **lookup).exists():
        return f"{obj!r} was changed"
    return None


def _app_list(label):
    return lambda w: reverse("admin:app_list", args=[label])


def _rows(response) -> list[dict]:
    """The rows of an open data file (CSV or JSON) or of an API list page."""
    if response.status_code != 200:
        return []
    if not hasattr(response, "matrix_rows"):  # a streamed body is read once
        body = b"".join(response)
        if response["Content-Type"].startswith("text/csv"):
            response.matrix_rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
        else:
            data = json.loads(body)
            response.matrix_rows = data["results"] if isinstance(data, dict) else data
    return response.matrix_rows


def _no_private_rows(w, role, response):
    """Open data and the API never hold a contribution the public does not see (pending,
    hidden, rejected, withdrawn, or in a draft consultation), nor a draft consultation, event or
    answer, whoever asks."""
    private = {
        w.pending.pk, w.hidden.pk, w.rejected.pk, w.withdrawn.pk, w.in_draft.pk,
    }  # fmt: skip
    rows = _rows(response)
    leaked = (
        [r["id"] for r in rows if int(r["id"]) in private]
        if "contribution" in (response.wsgi_request.path)
        else []
    )
    text = json.dumps(rows, ensure_ascii=False)
    leaked += [
        t for t in (w.draft_a.title, w.draft_b.title, w.draft_consultation.title) if t in text
    ]
    return f"shows private rows {leaked}" if leaked else None


def _rows_of(ids_attr):
    return lambda w, role, response: (
        None if {int(r["id"]) for r in _rows(response)} >= {getattr(w, a).pk for a in ids_attr}
        else f"misses {ids_attr}"
    )  # fmt: skip


def _api(name, *args):
    return lambda w: reverse(f"api:{name}", args=[a(w) if callable(a) else a for a in args])


def _data(name, slug_, suffix=""):
    return lambda w: reverse(f"opendata:{name}", args=[slug_])


STAFF_ONLY = (LOGIN, LOGIN, OK, OK, OK)
ADMIN_DNS = (LOGIN, LOGIN, DENIED, DENIED, OK)
PAGES += [
    # Open data (issue 17): public, no archive in this world yet (its address answers 404).
    Page("opendata:index", "open data", r("opendata:index"), ALL_OK, check=_no_draft_titles),
    Page("opendata:catalogue", "DCAT catalogue", r("opendata:catalogue"), ALL_OK),
    Page("opendata:archive", "open data archive, none yet", r("opendata:archive"), NOBODY),
    Page("opendata:dataset", "open data: contributions", _data("dataset", "contributions"), ALL_OK),
    Page("opendata:dataset", "open data: unknown dataset", _data("dataset", "comptes"), NOBODY),
    Page("opendata:dataset_schema", "open data: schema", _data("dataset_schema", "contributions"), ALL_OK),
    Page("opendata:dataset_csv", "open data: contributions CSV", _data("dataset_csv", "contributions"), ALL_OK,
         check=lambda w, role, resp: _no_private_rows(w, role, resp) or _rows_of(["published", "own"])(w, role, resp)),
    Page("opendata:dataset_json", "open data: contributions JSON", _data("dataset_json", "contributions"), ALL_OK,
         check=_no_private_rows),
    Page("opendata:dataset_csv", "open data: events CSV", _data("dataset_csv", "evenements"), ALL_OK, check=_no_private_rows),
    Page("opendata:dataset_json", "open data: consultations JSON", _data("dataset_json", "consultations"), ALL_OK,
         check=_no_private_rows),
    # The public API (issue 17): read-only, anonymous; signing in changes nothing.
    # Near-duplicates while writing (issue 18): public like the chapter page, drafts absent.
    Page("duplicates:near", "near-duplicates on a chapter",
         lambda w: reverse("duplicates:near", args=[w.consultation.slug, w.chapter.slug]) + "?texte=" + "Contribution published de auteur@example.org " * 2,
         ALL_OK, check=lambda w, role, resp: _hidden_bodies(w, resp)),
    Page("duplicates:near", "near-duplicates on a draft",
         lambda w: reverse("duplicates:near", args=[w.draft_consultation.slug, w.draft_chapter.slug]) + "?texte=" + "x" * 40, NOBODY),
    Page("api:api-root", "API root", _api("api-root"), ALL_OK),
    Page("api:schema", "OpenAPI document", _api("schema"), ALL_OK),
    Page("api:docs", "API documentation", _api("docs"), ALL_OK),
    Page("api:consultation-list", "API consultations", _api("consultation-list"), ALL_OK, check=_no_private_rows),
    Page("api:consultation-detail", "API open consultation", _api("consultation-detail", pk("consultation")), ALL_OK),
    Page("api:consultation-detail", "API draft consultation", _api("consultation-detail", pk("draft_consultation")), NOBODY),
    Page("api:chapter-list", "API chapters", _api("chapter-list"), ALL_OK, check=_no_private_rows),
    Page("api:chapter-detail", "API chapter", _api("chapter-detail", pk("chapter")), ALL_OK),
    Page("api:chapter-detail", "API chapter of a draft", _api("chapter-detail", pk("draft_chapter")), NOBODY),
    Page("api:contribution-list", "API contributions", _api("contribution-list"), ALL_OK,
         check=lambda w, role, resp: _no_private_rows(w, role, resp) or _rows_of(["published", "own"])(w, role, resp)),
    Page("api:contribution-detail", "API published contribution", _api("contribution-detail", pk("published")), ALL_OK),
    Page("api:contribution-detail", "API own pending contribution", _api("contribution-detail", pk("pending")), NOBODY),
    Page("api:contribution-detail", "API hidden contribution", _api("contribution-detail", pk("hidden")), NOBODY),
    Page("api:contribution-detail", "API contribution in a draft", _api("contribution-detail", pk("in_draft")), NOBODY),
    Page("api:answer-list", "API answers (a draft only)", _api("answer-list"), ALL_OK,
         check=lambda w, role, resp: "shows the draft answer" if _rows(resp) else None),
    Page("api:answer-detail", "API draft answer", _api("answer-detail", pk("answer")), NOBODY),
    Page("api:event-list", "API events", _api("event-list"), ALL_OK, check=_no_private_rows),
    Page("api:event-detail", "API event", _api("event-detail", pk("event_a")), ALL_OK),
    Page("api:event-detail", "API draft event", _api("event-detail", pk("draft_b")), NOBODY),
    Page("api:region-list", "API regions", _api("region-list"), ALL_OK),
    Page("api:region-detail", "API region", _api("region-detail", lambda w: w.region_a.code), ALL_OK),
    Page("api:action-list", "API roadmap actions", _api("action-list"), ALL_OK),
    Page("api:action-detail", "API roadmap action", _api("action-detail", pk("action")), ALL_OK),
    # A few of allauth's pages (its flows have their own tests: tests/security/test_auth.py...).
    Page("account_email", "my e-mail addresses", r("account_email"), SIGNED, check=_holds(True, ["author"])),
    Page("account_change_password", "change my password", r("account_change_password"), SIGNED),
    Page("mfa_index", "my two-factor authentication", r("mfa_index"), SIGNED),
    # The admin site's own pages.
    Page("admin:index", "admin index", r("admin:index"), STAFF_ONLY),
    Page("admin:login", "admin sign-in page", r("admin:login"), (LOGIN,) * 5),
    Page("admin:logout", "admin sign-out by GET", r("admin:logout"), (ADMIN_HOME, ADMIN_HOME, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED)),
    Page("admin:password_change", "admin password change", r("admin:password_change"), STAFF_ONLY),
    Page("admin:password_change_done", "admin password changed", r("admin:password_change_done"), STAFF_ONLY),
    Page("admin:jsi18n", "admin translations", r("admin:jsi18n"), STAFF_ONLY),
    Page("admin:app_list", "admin: events app", _app_list("events"), STAFF_ONLY),
    Page("admin:app_list", "admin: roadmap app", _app_list("roadmap"), STAFF_ONLY),
    Page("admin:app_list", "admin: concertation app", _app_list("concertation"), (LOGIN, LOGIN, ABSENT, ABSENT, OK)),
    Page("admin:app_list", "admin: core app (users)", _app_list("esante"), (LOGIN, LOGIN, ABSENT, ABSENT, OK)),
    Page("admin:app_list", "admin: audit app", _app_list("audit"), (LOGIN, LOGIN, ABSENT, ABSENT, OK)),
    Page("admin:app_list", "admin: groups", _app_list("auth"), (LOGIN, LOGIN, ABSENT, ABSENT, ABSENT)),
    Page("admin:autocomplete", "user autocomplete (blocks)",
         lambda w: reverse("admin:autocomplete") + "?app_label=concertation&model_name=contributorblock&field_name=user&term=example",
         ADMIN_DNS),
    Page("admin:autocomplete", "region autocomplete (indicators)",
         lambda w: reverse("admin:autocomplete") + "?app_label=roadmap&model_name=regionalindicator&field_name=region&term=bre",
         STAFF_ONLY),
    # Django's own redirect answered any staff member (the address of another region's draft):
    # esante.urls.admin_view_on_site serves it, for what the admin shows the role only.
    Page("admin_view_on_site", "view on site: draft event of region A",
         lambda w: reverse("admin_view_on_site", args=[_ct(w.draft_a), w.draft_a.pk]),
         (LOGIN, LOGIN, 302, ABSENT, 302)),
    Page("admin:view_on_site", "view on site: draft event of region B",
         lambda w: reverse("admin:view_on_site", args=[_ct(w.draft_b), w.draft_b.pk]),
         (LOGIN, LOGIN, ABSENT, 302, 302)),
    Page("admin:view_on_site", "view on site: draft consultation",
         lambda w: reverse("admin:view_on_site", args=[_ct(w.draft_consultation), w.draft_consultation.pk]),
         (LOGIN, LOGIN, ABSENT, ABSENT, 302)),
    Page("admin:events_event_registrants", "registrants CSV of region A", lambda w: reverse("admin:events_event_registrants", args=[w.event_a.pk]),
         (LOGIN, LOGIN, OK, ABSENT, OK), check=lambda w, role, resp: _registrants_of(resp, "normand@example.org", "breton@example.org")),
    Page("admin:events_event_registrants", "registrants CSV of region B", lambda w: reverse("admin:events_event_registrants", args=[w.event_b.pk]),
         (LOGIN, LOGIN, ABSENT, OK, OK), check=lambda w, role, resp: _registrants_of(resp, "breton@example.org", "normand@example.org")),
    Page("admin:auth_user_password_change", "set someone's password",
         lambda w: reverse("admin:auth_user_password_change", args=[w.author.pk]), (LOGIN, LOGIN, DENIED, DENIED, DENIED)),
    Page("admin:concertation_contribution_answering", "contributions to answer", r("admin:concertation_contribution_answering"), ADMIN_DNS),
    Page("admin:themes_theme_recompute", "recompute a consultation's themes", r("admin:themes_theme_recompute"),
         (LOGIN, LOGIN, DENIED, DENIED, 302), method="post", data=lambda w: {"consultation": w.closed_consultation.pk}),
    Page("admin:concertation_contribution_autocomplete", "contribution autocomplete",
         lambda w: reverse("admin:concertation_contribution_autocomplete") + "?app_label=concertation&model_name=officialanswer&field_name=contributions&term=",
         ADMIN_DNS),
]  # fmt: skip


def _ct(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def _registrants_of(response, present, absent):
    if response.status_code != 200:
        return None
    text = response.content.decode("utf-8-sig")
    if present not in text or absent in text:
        return f"holds {text!r}"
    return None


# --- Running the tables -------------------------------------------------------------------------


def client_of(world, role):
    """The role's client; a staff session passed MFA (tests/conftest.py)."""
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


class _Rollback(Exception):
    pass


@contextlib.contextmanager
def rolled_back():
    """What a request changes is undone after the check: every row meets the same world."""
    with contextlib.suppress(_Rollback), transaction.atomic():
        yield
        raise _Rollback


def outcome(response):
    """A response as the tables spell it."""
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(("/admin/login/", "/comptes/login/")) and "next=" in location:
            return LOGIN
        if location.startswith("/comptes/login/"):
            return "/comptes/login/"
        if location == "/admin/":
            return ADMIN_HOME
        return 302
    return response.status_code


def admin_view_outcome(view, response):
    """An admin page's answer as a letter of the ADMIN codes."""
    got = outcome(response)
    if got == LOGIN:
        return LOGIN
    if got == ADMIN_HOME:
        return "x"
    if got == DENIED:
        return "-"
    if got != OK:
        return f"<{got}>"
    if view == "change":
        return "E" if response.context_data.get("has_change_permission") else "V"
    return {"changelist": "L", "add": "A", "delete": "D", "history": "H"}[view]


def admin_url(label, view, obj=None):
    app, model = label.split(".")
    args = [obj.pk] if view in ("change", "delete", "history") else []
    return reverse(f"admin:{app}_{model}_{view}", args=args)


def check_admin(world, role, client) -> list[str]:
    column = 1 + ROLES.index(role)
    problems = []
    for label, row in ADMIN.items():
        obj = getattr(world, row[0])
        expected = row[column]
        got = [admin_view_outcome(v, client.get(admin_url(label, v, obj))) for v in VIEWS]
        CHECKED[role] = CHECKED.get(role, 0) + len(VIEWS)
        if expected == LOGIN:
            if got != [LOGIN] * len(VIEWS):
                problems.append(f"admin {label}: expected LOGIN on every view, got {got}")
        elif "".join(got) != expected:
            problems.append(f"admin {label} ({row[0]}): expected {expected}, got {''.join(got)}")
    for label, (probes, listed) in LISTED.items():
        response = client.get(admin_url(label, "changelist"))
        CHECKED[role] += 1
        if role not in listed:
            continue
        shown = {o.pk for o in response.context_data["cl"].queryset}
        found = {name for name in probes if getattr(world, name).pk in shown}
        if found != listed[role]:
            problems.append(
                f"changelist {label}: expected {sorted(listed[role])}, got {sorted(found)}"
            )
    return problems


def action_rows():
    """(model label, action name, Act) for every row, delete_selected derived from ADMIN."""
    rows = [(label, name, act) for (label, name), act in ACTIONS.items()]
    for label, row in ADMIN.items():
        if not _has_delete_selected(label):
            continue
        targets = DELETE_TARGETS.get(label, [row[0]])
        expected = {
            role: (set(targets) if row[1 + ROLES.index(role)][3:4] == "D" else set())
            for role in ROLES
        }
        if label == "events.event":  # the regional wall, with a forged id from the other region
            expected = {"ars_a": {"draft_a"}, "ars_b": {"draft_b"}, "dns": {"draft_a", "draft_b"}}
        rows.append((label, "delete_selected", Act(targets, _gone, expected, {"post": "yes"})))
    return rows


def _superuser_request():
    from esante.models import User

    request = RequestFactory().get("/admin/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    return request


def _model_admins():
    """Every ModelAdmin, and the answering list served by ContributionAdmin."""
    admins = {
        f"{m._meta.app_label}.{m._meta.model_name}": a for m, a in admin.site._registry.items()
    }
    admins[ANSWERING] = ContributionAnsweringAdmin(Contribution, admin.site)
    return admins


def _has_delete_selected(label) -> bool:
    model_admin = _model_admins()[label]
    return "delete_selected" in model_admin.get_actions(_superuser_request())


def action_url(label):
    if label == ANSWERING:
        return reverse("admin:concertation_contribution_answering")
    return admin_url(label, "changelist")


def check_actions(world, role, client) -> list[str]:
    problems = []
    for label, name, act in action_rows():
        targets = {t: getattr(world, t) for t in act.targets}
        data = {
            "action": name,
            ACTION_CHECKBOX_NAME: [o.pk for o in targets.values()],
            "index": 0,
            **act.data,
        }
        with rolled_back():
            response = client.post(action_url(label), data)
            changed = {t for t, o in targets.items() if act.changed(o)}
            problem = None
            if response.status_code >= 500:
                problem = f"answered {response.status_code}"
            elif changed != act.expected.get(role, set()):
                problem = (
                    f"changed {sorted(changed)}, expected {sorted(act.expected.get(role, set()))}"
                )
            elif (
                name == "export_registrants"
                and role in EXPORT_EMAILS
                and response.status_code == 200
            ):
                problem = _csv_emails(world, role, response)
        CHECKED[role] = CHECKED.get(role, 0) + len(targets)
        if problem:
            problems.append(f"action {label}.{name} on {sorted(targets)}: {problem}")
    return problems


def check_pages(world, role, client) -> list[str]:
    problems = []
    for page in PAGES:
        expected = page.expect[ROLES.index(role)]
        url = page.url(world)
        data = page.data(world) if callable(page.data) else page.data
        with rolled_back():
            response = getattr(client, page.method)(url, data)
            got = outcome(response)
            problem = None if got == expected else f"expected {expected}, got {got}"
            if problem is None and page.check is not None:
                problem = page.check(world, role, response)
        CHECKED[role] = CHECKED.get(role, 0) + 1
        if problem:
            problems.append(f"{page.method.upper()} {url} ({page.label}): {problem}")
    return problems


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once for the five roles (once per xdist worker that runs some) in a
    transaction rolled back after the module: each role's test runs in a savepoint inside it, and
    every request in a savepoint of its own (rolled_back), so every row still meets the same
    world. The fast password hasher of tests/conftest.py is function-scoped: set here too."""
    media = tmp_path_factory.mktemp("authorisation-matrix-media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers),
        contextlib.suppress(_Rollback),
        transaction.atomic(),
    ):
        yield build_world()
        raise _Rollback


@pytest.mark.parametrize("role", ROLES)
def test_authorisation_matrix(role, world, db, settings, ci_report):
    settings.MEDIA_ROOT = world.media_root
    client = client_of(world, role)
    CHECKED[role] = 0
    problems = check_admin(world, role, client)
    problems += check_actions(world, role, client)
    problems += check_pages(world, role, client)
    ci_report(f"authorisation matrix, {role}: {CHECKED[role]} (role, target) pairs checked")
    assert not problems, f"{len(problems)} cells differ for {role}:\n" + "\n".join(problems)


# --- Nothing without a row ---------------------------------------------------------------------


def test_every_admin_model_has_a_row():
    registered = {f"{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry}
    assert registered - set(ADMIN) == set(), "registered in the admin without a row in ADMIN"
    assert set(ADMIN) - registered == set(), "rows of ADMIN no longer registered"


def test_every_admin_action_has_a_row():
    request = _superuser_request()
    rows = {(label, name) for label, name, _ in action_rows()}
    actions = {
        (label, name)
        for label, model_admin in _model_admins().items()
        for name in model_admin.get_actions(request)
    }
    assert actions - rows == set(), "admin actions without a row in ACTIONS"
    assert rows - actions == set(), "rows of ACTIONS that are no longer actions"


def _named_patterns(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_is_classified_and_tried():
    names = set(_named_patterns(get_resolver().url_patterns))
    model_pages = {
        f"admin:{label.replace('.', '_')}_{view}" for label in ADMIN for view in VIEWS
    } & names
    others = names - model_pages
    assert others - set(URL_KINDS) == set(), "URLs nobody classified in URL_KINDS"
    assert set(URL_KINDS) - others == set(), "URL_KINDS rows of URLs that no longer exist"
    tried = {page.name for page in PAGES}
    untried = {n for n, kind in URL_KINDS.items() if kind != ACCOUNTS and n not in tried}
    assert untried == set(), "classified URLs without a row in PAGES"
