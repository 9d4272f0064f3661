"""One of every e-mail the portal sends, each triggered the way the site triggers it: shared by
the unit tests (Celery eager) and the integration tests (a real worker)."""

import contextlib
import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from concertation import services as concertation_services
from concertation.models import Follow
from esante import privacy
from esante.notifications import registry, run_jobs
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


def every_kind_of_e_mail(settings, committed=contextlib.nullcontext) -> None:
    """At least one e-mail of every registered kind. `committed()` wraps each write as its
    own committed transaction would be (unit tests run its on-commit callbacks)."""
    settings.DIGEST_HOUR = 0  # digests due at any hour the test runs
    now = timezone.now()
    staff = DnsStaffFactory()

    # Contributions: a receipt to each author, a reply notice to the first one.
    consultation = ConsultationFactory(closes_at=now + datetime.timedelta(days=6, hours=12))
    chapter = ChapterFactory(consultation=consultation)
    author, replier = UserFactory(digest_frequency="daily"), UserFactory()
    Follow.objects.create(user=author, chapter=chapter)
    with committed():
        first = concertation_services.contribution_create(
            user=author, chapter=chapter, body="Une première contribution.", accept_charter=True
        )
    with committed():
        concertation_services.contribution_create(
            user=replier, chapter=chapter, body="Une réponse.", parent=first, accept_charter=True
        )
    ContributionFactory(chapter=chapter, status="pending")  # for the moderation digest
    # Moderation: a flagged contribution hidden; its author told why, its flagger the outcome.
    flagged = ContributionFactory(chapter=chapter)
    with committed():
        concertation_services.flag_create(user=UserFactory(), contribution=flagged, reason="spam")
    with committed():
        concertation_services.contributions_moderate(
            actor=staff, contribution_ids=[flagged.pk], action="hide", reason="advertising"
        )

    # A wave of flags beyond what the site hides on its own in an hour: the DNS team alerted
    # (the brake itself is proven in tests/security/test_flags_abuse.py).
    from concertation import notifications as concertation_notifications

    with committed():
        concertation_notifications.flag_surge(flagged)

    # Official answers: an answer published on the first contribution, a rewording accepted.
    with committed():
        answer = concertation_services.answer_draft(
            actor=staff, contributions=[first], state="taken", body="Retenu dans la version 2."
        )
        concertation_services.answers_publish(actor=staff, answer_ids=[answer.pk])
    rewording = ContributionFactory(chapter=chapter, kind="rewording", proposed_text="Mieux dit.")
    with committed():
        concertation_services.rewording_decide(
            actor=staff, contribution=rewording, outcome="accepted", version=chapter.current_version
        )

    # The council: a decision; a group whose applications close soon (its reminder).
    application = ApplicationFactory()
    with committed():
        concertation_services.applications_decide(
            actor=staff, application_ids=[application.pk], accept=True
        )
    WorkingGroupFactory(applications_close_at=now + datetime.timedelta(days=2))
    Follow.objects.create(user=replier, council=True)

    # Events: every registration e-mail, then the reminder of another event.
    event = EventFactory(capacity=1)
    with committed():
        camille = event_services.registration_request(
            event=event, name="Camille", email="camille@example.org"
        )
    with committed():
        alex = event_services.registration_request(
            event=event, name="Alex", email="alex@example.org"
        )
    for registration in (camille, alex):  # confirmed, then waitlisted
        with committed():
            event_services.registration_confirm(token=registration.token)
    with committed():  # cancelled, and Alex promoted
        event_services.registration_cancel(token=camille.token)
    with committed():
        event_services.event_set_status(user=staff, event=event, status="cancelled")
    starts = now + datetime.timedelta(hours=20)
    RegistrationFactory(
        event=EventFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    )

    # Accounts: signing up sends the address confirmation (allauth's e-mails go the same way).
    with committed():
        response = Client().post(
            reverse("account_signup"),
            {
                "email": "dominique@example.org",
                "password1": "b0n-Mot-de-passe",
                "password2": "b0n-Mot-de-passe",
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]

    # Retention: the owner of an account unused for 23 months is warned before its deletion.
    unused = settings.RETENTION["inactive_account_warning"] + 1
    UserFactory(last_login=now - datetime.timedelta(days=unused))
    with committed():
        privacy.inactive_accounts_warn()

    with committed():
        run_jobs("reminders")
    with committed():
        run_jobs("digests")


def assert_every_kind(rows) -> None:
    """The rows cover every registered kind: a new kind is proven here, or this fails."""
    missing = set(registry.kinds) - {row.kind for row in rows}
    assert not missing, (
        f"registered kinds that every_kind_of_e_mail() does not send: {sorted(missing)}; "
        "trigger them there, the way the site does"
    )
