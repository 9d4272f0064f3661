"""Retention jobs (Celery beat): what RETENTION says is kept too long is deleted, and nothing
younger; each job tested by travelling in time from the objects' own dates."""

import datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from esante import tasks
from esante.models import Notification, User
from events.models import Registration
from tests.concertation.factories import ContributionFactory
from tests.esante.factories import DnsStaffFactory, UserFactory
from tests.events.factories import EventFactory, RegistrationFactory

DAY = datetime.timedelta(days=1)


def days(name, settings):
    return datetime.timedelta(days=settings.RETENTION[name])


def test_inactive_accounts_warned_then_deleted(db, settings):
    start = timezone.now()
    user = UserFactory(last_login=start)
    kept = ContributionFactory(author=user, body="Texte conservé")
    staff = DnsStaffFactory(last_login=start)
    recent = UserFactory(last_login=start)
    warn_at = start + days("inactive_account_warning", settings)
    delete_at = start + days("inactive_account", settings)

    with time_machine.travel(warn_at - DAY, tick=False):
        recent.last_login = timezone.now()
        recent.save(update_fields=["last_login"])
        assert tasks.retention_inactive_accounts.delay().get() == {"warned": 0, "deleted": 0}
    with time_machine.travel(warn_at + DAY, tick=False):
        mail.outbox.clear()
        assert tasks.retention_inactive_accounts.delay().get() == {"warned": 1, "deleted": 0}
        assert [m.to for m in mail.outbox] == [[user.email]]
        assert "supprimé" in mail.outbox[0].body
        assert "List-Unsubscribe" not in mail.outbox[0].extra_headers  # transactional
        # Run again the same day: no second e-mail.
        assert tasks.retention_inactive_accounts.delay().get() == {"warned": 0, "deleted": 0}
        assert len(mail.outbox) == 1
    with time_machine.travel(delete_at + DAY, tick=False):
        assert tasks.retention_inactive_accounts.delay().get() == {"warned": 0, "deleted": 1}
    assert not User.objects.filter(pk=user.pk).exists()
    kept.refresh_from_db()
    assert kept.author.is_deleted_placeholder and kept.body == "Texte conservé"
    # Staff are never deleted for inactivity, nor warned; a recent login resets the clock.
    assert User.objects.filter(pk__in=[staff.pk, recent.pk]).count() == 2
    staff.refresh_from_db()
    assert staff.inactivity_warned_at is None


def test_an_account_is_never_deleted_without_a_warning_long_enough_before(db, settings):
    """The job did not run for months (or was just deployed): warned first, deleted a month
    later, never both at once."""
    start = timezone.now()
    user = UserFactory(last_login=start)
    late = start + days("inactive_account", settings) + 100 * DAY
    with time_machine.travel(late, tick=False):
        assert tasks.retention_inactive_accounts.delay().get() == {"warned": 1, "deleted": 0}
    gap = days("inactive_account", settings) - days("inactive_account_warning", settings)
    with time_machine.travel(late + gap - DAY, tick=False):
        assert tasks.retention_inactive_accounts.delay().get()["deleted"] == 0
    with time_machine.travel(late + gap + DAY, tick=False):
        assert tasks.retention_inactive_accounts.delay().get()["deleted"] == 1
    assert not User.objects.filter(pk=user.pk).exists()


def test_a_login_after_the_warning_keeps_the_account(db, settings):
    start = timezone.now()
    user = UserFactory(last_login=start)
    with time_machine.travel(start + days("inactive_account_warning", settings) + DAY):
        tasks.retention_inactive_accounts.delay().get()
        user.last_login = timezone.now()
        user.save(update_fields=["last_login"])
    with time_machine.travel(start + days("inactive_account", settings) + DAY):
        assert tasks.retention_inactive_accounts.delay().get() == {"warned": 0, "deleted": 0}
    assert User.objects.filter(pk=user.pk).exists()


def test_unverified_accounts_deleted_after_their_delay(db, settings):
    unverified = UserFactory(verified=False)
    verified = UserFactory()
    EmailAddress.objects.create(user=unverified, email=unverified.email, verified=False)
    joined = unverified.date_joined
    with time_machine.travel(joined + days("unverified_account", settings) - DAY):
        assert tasks.retention_unverified_accounts.delay().get() == 0
    with time_machine.travel(joined + days("unverified_account", settings) + DAY):
        assert tasks.retention_unverified_accounts.delay().get() == 1
    assert not User.objects.filter(pk=unverified.pk).exists()
    assert User.objects.filter(pk=verified.pk).exists()


def test_visitor_registrations_anonymised_a_year_after_the_event(db, settings):
    event = EventFactory(days=5)
    visitor = RegistrationFactory(event=event, name="Visiteuse", email="visiteuse@example.org")
    member = UserFactory()
    with_account = RegistrationFactory(event=event, user=member, email=member.email)
    after = event.ends_at + days("visitor_registration", settings)
    with time_machine.travel(after - DAY):
        assert tasks.retention_event_registrations.delay().get() == {"deleted": 0, "anonymised": 0}
    with time_machine.travel(after + DAY):
        assert tasks.retention_event_registrations.delay().get() == {"deleted": 0, "anonymised": 1}
        # Twice: nothing more.
        assert tasks.retention_event_registrations.delay().get() == {"deleted": 0, "anonymised": 0}
    visitor.refresh_from_db()
    assert "visiteuse" not in (visitor.name + visitor.email).lower()
    assert visitor.status == Registration.Status.CONFIRMED  # the attendance figures stay
    with_account.refresh_from_db()
    assert with_account.email == member.email


def test_unconfirmed_registrations_deleted_after_their_delay(db, settings):
    pending = RegistrationFactory(status=Registration.Status.PENDING)
    confirmed = RegistrationFactory(event=pending.event)
    limit = pending.created_at + days("unconfirmed_registration", settings)
    with time_machine.travel(limit - DAY):
        assert tasks.retention_event_registrations.delay().get()["deleted"] == 0
    with time_machine.travel(limit + DAY):
        assert tasks.retention_event_registrations.delay().get()["deleted"] == 1
    assert list(Registration.objects.values_list("pk", flat=True)) == [confirmed.pk]


def test_notifications_deleted_after_their_delay(db, settings):
    old = Notification.objects.create(kind="digest", key="a", email="a@example.org")
    limit = old.created_at + days("notification", settings)
    with time_machine.travel(limit - DAY):
        young = Notification.objects.create(kind="digest", key="b", email="b@example.org")
        assert tasks.retention_notifications.delay().get() == 0
    with time_machine.travel(limit + DAY):
        assert tasks.retention_notifications.delay().get() == 1
    assert list(Notification.objects.values_list("pk", flat=True)) == [young.pk]


@pytest.mark.parametrize("days_kept", [10, 400])
def test_the_jobs_read_the_setting(db, settings, days_kept):
    settings.RETENTION = {**settings.RETENTION, "notification": days_kept}
    old = Notification.objects.create(kind="digest", key="a", email="a@example.org")
    with time_machine.travel(old.created_at + datetime.timedelta(days=100)):
        deleted = tasks.retention_notifications.delay().get()
    assert deleted == (1 if days_kept < 100 else 0)


def test_the_beat_schedule_runs_every_retention_job():
    from esante.celery import app

    app.finalize()
    names = {entry["task"] for entry in app.conf.beat_schedule.values()}
    for task in (
        tasks.retention_inactive_accounts,
        tasks.retention_unverified_accounts,
        tasks.retention_event_registrations,
        tasks.retention_notifications,
    ):
        assert task.name in names
