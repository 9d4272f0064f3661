"""Capacity holds under concurrency: many people take the last seats at the same moment."""

import threading

import pytest
from django.conf import settings
from django.db import connection

from events import services
from events.models import Registration
from tests.esante.factories import UserFactory
from tests.events.factories import EventFactory

PEOPLE = 16
CAPACITY = 5


@pytest.mark.django_db(transaction=True)
def test_capacity_is_never_exceeded_by_concurrent_registrations():
    if not settings.IS_POSTGRES:
        pytest.skip("needs PostgreSQL row locks (SQLite serialises writers): CI runs it")
    event = EventFactory(capacity=CAPACITY)
    users = [UserFactory() for _ in range(PEOPLE)]
    barrier = threading.Barrier(PEOPLE)
    errors = []

    def register(user):
        try:
            barrier.wait()
            services.registration_request(event=event, user=user)
        except Exception as exc:  # Reported below: a lost registration fails the test.
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    counts = dict.fromkeys(("confirmed", "waitlisted"), 0)
    for status in Registration.objects.filter(event=event).values_list("status", flat=True):
        counts[status] += 1
    assert counts == {"confirmed": CAPACITY, "waitlisted": PEOPLE - CAPACITY}


@pytest.mark.django_db(transaction=True)
def test_concurrent_cancellations_promote_each_waiting_person_once():
    if not settings.IS_POSTGRES:
        pytest.skip("needs PostgreSQL row locks (SQLite serialises writers): CI runs it")
    event = EventFactory(capacity=3)
    registrations = [
        services.registration_request(event=event, user=UserFactory()) for _ in range(6)
    ]
    confirmed = [r for r in registrations if r.status == "confirmed"]
    barrier = threading.Barrier(len(confirmed))

    def cancel(registration):
        try:
            barrier.wait()
            services.registration_cancel(token=registration.token)
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in confirmed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    statuses = sorted(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == ["cancelled"] * 3 + ["confirmed"] * 3
    assert Registration.objects.filter(event=event, promoted_at__isnull=False).count() == 3
