"""Every link in every e-mail leads to the site that sent it: SITE_URL, the public address.

Each kind of e-mail is triggered the way the site triggers it; every URL of its text body, HTML
body, headers (List-Unsubscribe) and calendar attachment must start with SITE_URL and its path
must resolve, in the reader's language (English pages under /en/, the admin outside).
"""

import datetime
import html
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import TestCase
from django.urls import resolve, reverse, translate_url
from django.utils import timezone, translation

from concertation import services as concertation_services
from concertation.models import Follow
from esante.links import absolute_url
from esante.models import Notification
from esante.notifications import build_message, run_jobs
from events import services as event_services
from tests.concertation.factories import (
    ApplicationFactory,
    ChapterFactory,
    ConsultationFactory,
    ContributionFactory,
    WorkingGroupFactory,
)
from tests.esante.factories import DnsStaffFactory, UserFactory
from tests.events.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

# Unusual on purpose: a scheme, a host and a port that no default would produce.
SITE_URL = "https://concertation.example.org:8443"
HOST = "concertation.example.org:8443"
# Another name the same site answers to (an internal name, the apex beside www): e-mails still
# lead to SITE_URL, never to the host a request happened to use.
OTHER_HOST = "interne.example.org"
PARIS = ZoneInfo("Europe/Paris")
PASSWORD = "un-mot-de-passe-solide-2026"
URL = re.compile(r"""https?://[^\s<>"'()]+""")
LANGUAGES = ["fr", "en"]


@pytest.fixture(autouse=True)
def _public_site(settings):
    settings.SITE_URL = SITE_URL
    settings.ALLOWED_HOSTS = ["concertation.example.org", OTHER_HOST]
    # What the settings derive from an https SITE_URL (the test default is http://testserver).
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth rate-limits e-mails per address in the cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def committed():
    """The outbox publishes after commit: run the callbacks as outside the test transaction."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def run(jobs: str) -> int:
    with committed():
        return run_jobs(jobs)


def ics_lines(message) -> list[str]:
    lines = []
    for _name, content, mimetype in message.attachments:
        if mimetype == "text/calendar":
            text = content.decode() if isinstance(content, bytes) else content
            lines += text.replace("\r\n ", "").splitlines()  # RFC 5545 folds at 75 octets
    return lines


def urls_in(message) -> list[str]:
    """Every URL of the e-mail: both bodies, the headers, the calendar attachments."""
    texts = [message.body, *(content for content, _mimetype in message.alternatives)]
    texts += [str(value) for value in message.extra_headers.values()]
    texts += ics_lines(message)
    return [url.rstrip(".,;:") for text in texts for url in URL.findall(html.unescape(text))]


def assert_links_lead_here(message, language: str = "fr") -> set[str]:
    """Every URL starts with SITE_URL and resolves, in the reader's language; returns the
    paths (with their query), for the tests to check that the expected ones are there."""
    urls = urls_in(message)
    assert urls, f"no link in {message.subject!r}"
    paths = set()
    for url in urls:
        assert url.startswith(SITE_URL + "/"), f"{url} in {message.subject!r}"
        parts = urlsplit(url)
        path_language = "en" if parts.path.startswith("/en/") else "fr"
        with translation.override(path_language):
            resolve(parts.path)  # Resolver404 if the link leads nowhere
        if not parts.path.startswith("/admin/"):
            assert path_language == language, f"{url} in a {language} e-mail"
        paths.add(url.removeprefix(SITE_URL))
    return paths


def in_language(path: str, language: str) -> str:
    return translate_url(path, language)


def statuses(event) -> dict[str, str]:
    return dict(event.registrations.values_list("email", "status"))


def only_message_to(email: str):
    [message] = [m for m in mail.outbox if m.to == [email]]
    return message


def unsubscribe_header_path(message) -> str:
    url = message.extra_headers["List-Unsubscribe"].removeprefix("<").removesuffix(">")
    assert url.startswith(SITE_URL + "/")
    path = url.removeprefix(SITE_URL)
    with translation.override("en" if path.startswith("/en/") else "fr"):
        assert resolve(path).url_name == "unsubscribe"
    return path


# --- Accounts (allauth builds links from the request: the adapter puts them on SITE_URL) ------


@pytest.mark.parametrize("host", [HOST, OTHER_HOST])
@pytest.mark.parametrize("language", LANGUAGES)
def test_account_confirmation(client, language, host):
    signup = in_language(reverse("account_signup"), language)
    response = client.post(
        signup,
        {"email": "camille@example.org", "password1": PASSWORD, "password2": PASSWORD},
        headers={"host": host},
        secure=host == HOST,
    )
    assert response.status_code == 302
    [message] = mail.outbox
    paths = assert_links_lead_here(message, language)
    [confirm] = paths
    with translation.override(language):
        assert resolve(urlsplit(confirm).path).url_name == "account_confirm_email"


@pytest.mark.parametrize("host", [HOST, OTHER_HOST])
@pytest.mark.parametrize("language", LANGUAGES)
def test_password_reset_for_an_account_and_for_an_unknown_address(client, language, host):
    UserFactory(email="camille@example.org")
    reset = in_language(reverse("account_reset_password"), language)
    for email in ("camille@example.org", "inconnu@example.org"):
        response = client.post(reset, {"email": email}, headers={"host": host}, secure=host == HOST)
        assert response.status_code == 302
    known, unknown = mail.outbox
    [key_path] = assert_links_lead_here(known, language)
    with translation.override(language):
        assert resolve(key_path).url_name == "account_reset_password_from_key"
    # The address has no account (allauth says so without revealing it): links to sign up.
    assert in_language(reverse("account_signup"), language) in {
        urlsplit(path).path for path in assert_links_lead_here(unknown, language)
    }


# --- Contributions -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_contribution_receipt_and_reply_notice(language):
    chapter = ChapterFactory()
    author = UserFactory(language=language)
    replier = UserFactory()
    with committed():
        first = concertation_services.contribution_create(
            user=author, chapter=chapter, body="Une première contribution.", accept_charter=True
        )
    receipt = only_message_to(author.email)
    paths = assert_links_lead_here(receipt, language)
    assert in_language(first.get_absolute_url(), language) in paths
    assert unsubscribe_header_path(receipt) in paths

    mail.outbox.clear()
    with committed():
        reply = concertation_services.contribution_create(
            user=replier, chapter=chapter, body="Une réponse.", parent=first, accept_charter=True
        )
    notice = only_message_to(author.email)
    paths = assert_links_lead_here(notice, language)
    assert in_language(reply.get_absolute_url(), language) in paths
    assert unsubscribe_header_path(notice) in paths
    assert_links_lead_here(only_message_to(replier.email), "fr")  # the replier's own receipt


# --- Events ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_registration_e_mail(language):
    event = EventFactory(capacity=1)
    with translation.override(language), committed():
        first = event_services.registration_request(
            event=event, name="Camille", email="camille@example.org"
        )
        second = event_services.registration_request(
            event=event, name="Alex", email="alex@example.org"
        )
    event_page = in_language(event.get_absolute_url(), language)

    def links_of(registration):
        """The links of the one e-mail this registration has just been sent."""
        message = only_message_to(registration.email)
        paths = assert_links_lead_here(message, language)
        assert event_page in paths
        return paths

    asking = {first: links_of(first), second: links_of(second)}  # confirm your address
    for registration, paths in asking.items():
        assert in_language(registration.get_confirm_url(), language) in paths
    mail.outbox.clear()

    with committed():
        event_services.registration_confirm(token=first.token)
        event_services.registration_confirm(token=second.token)
    cancel_first = in_language(first.get_cancel_url(), language)
    cancel_second = in_language(second.get_cancel_url(), language)
    assert statuses(event) == {"camille@example.org": "confirmed", "alex@example.org": "waitlisted"}
    assert cancel_first in links_of(first)
    # The confirmation carries the event's .ics: its URL was checked with the others.
    assert any("URL:" in line for line in ics_lines(only_message_to(first.email)))
    assert cancel_second in links_of(second)  # waitlisted
    mail.outbox.clear()

    with committed():
        event_services.registration_cancel(token=first.token)
    assert statuses(event) == {"camille@example.org": "cancelled", "alex@example.org": "confirmed"}
    links_of(first)  # cancelled
    assert cancel_second in links_of(second)  # promoted from the waitlist
    mail.outbox.clear()

    with committed():
        event_services.event_set_status(user=DnsStaffFactory(), event=event, status="cancelled")
    links_of(second)  # the event is cancelled
    assert [m.to for m in mail.outbox] == [[second.email]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_event_reminder_the_day_before(language):
    starts = timezone.now() + datetime.timedelta(hours=20)
    event = EventFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    registration = RegistrationFactory(event=event, language=language)
    run("reminders")
    message = only_message_to(registration.email)
    paths = assert_links_lead_here(message, language)
    assert in_language(event.get_absolute_url(), language) in paths
    assert in_language(registration.get_cancel_url(), language) in paths
    assert unsubscribe_header_path(message) in paths


# --- Reminders and digests of the concertation -------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_consultation_and_application_reminders(language):
    consultation = ConsultationFactory()
    consultation.closes_at = timezone.now() + datetime.timedelta(days=6, hours=12)
    consultation.save()
    group = WorkingGroupFactory(applications_close_at=timezone.now() + datetime.timedelta(days=2))
    reader = UserFactory(language=language)
    Follow.objects.create(user=reader, consultation=consultation)
    Follow.objects.create(user=reader, council=True)
    run("reminders")
    by_target = {}
    for message in mail.outbox:
        assert message.to == [reader.email]
        paths = assert_links_lead_here(message, language)
        assert unsubscribe_header_path(message) in paths
        by_target.update(dict.fromkeys(paths, message))
    assert in_language(consultation.get_absolute_url(), language) in by_target
    assert in_language(group.get_absolute_url(), language) in by_target
    assert len(mail.outbox) == 2


def at_digest_time(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(8), tzinfo=PARIS))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("frequency", ["daily", "weekly"])
def test_digest(language, frequency):
    with at_digest_time(datetime.date(2026, 11, 22)):
        chapter = ChapterFactory()
        reader = UserFactory(language=language, digest_frequency=frequency)
        Follow.objects.create(user=reader, chapter=chapter)
    with at_digest_time(datetime.date(2026, 11, 22)) as traveller:
        traveller.shift(datetime.timedelta(hours=2))
        contribution = ContributionFactory(chapter=chapter, body="Nouvelle")
        staff = DnsStaffFactory()
        answer = concertation_services.answer_draft(
            actor=staff, contributions=[contribution], state="taken", body="Retenue."
        )
        with committed():
            concertation_services.answers_publish(actor=staff, answer_ids=[answer.pk])
    with at_digest_time(datetime.date(2026, 11, 23)):
        run("digests")
    message = only_message_to(reader.email)
    paths = assert_links_lead_here(message, language)
    assert in_language(chapter.get_absolute_url(), language) in paths
    # The official answer, in the reader's language, under the contribution it answers.
    anchor = f"#reponse-{answer.pk}-{contribution.pk}"
    assert in_language(chapter.get_absolute_url(), language) + anchor in paths
    with translation.override(language):
        assert reverse("account") in paths  # where the frequency is set
    assert unsubscribe_header_path(message) in paths


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_digest(language):
    staff = DnsStaffFactory(language=language)
    with at_digest_time(datetime.date(2026, 11, 23)):
        ContributionFactory(chapter=ChapterFactory(), status="pending")
        run("digests")
    message = only_message_to(staff.email)
    paths = assert_links_lead_here(message, language)
    assert reverse("admin:concertation_contribution_changelist") in paths  # staff work in French
    assert unsubscribe_header_path(message) in paths


# --- The council -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("accept", [True, False])
def test_council_decision(language, accept):
    application = ApplicationFactory(user__language=language)
    with committed():
        assert concertation_services.applications_decide(
            actor=DnsStaffFactory(), application_ids=[application.pk], accept=accept
        )
    [message] = mail.outbox
    assert in_language(application.group.get_absolute_url(), language) in assert_links_lead_here(
        message, language
    )
    # Written again (as a resend from the admin would), it has the same links.
    again = build_message(Notification.objects.get(kind="application_decision"))
    assert urls_in(again) == urls_in(message)


# --- The helper --------------------------------------------------------------------------------


def test_absolute_url_refuses_what_is_not_a_path():
    assert absolute_url("/evenements/?region=normandie") == (
        f"{SITE_URL}/evenements/?region=normandie"
    )
    with pytest.raises(ValueError, match="starting with '/'"):
        absolute_url("example.org/evenements/")
