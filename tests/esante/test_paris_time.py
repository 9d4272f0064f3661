"""Moments are stored in UTC and read in Paris time: exports, admin labels and messages."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from esante.exports import paris_stamp
from esante.i18n import date_in_words
from tests.concertation.factories import ConsultationFactory, ContributionFactory
from tests.events.factories import EventFactory, RegistrationFactory

PARIS = ZoneInfo("Europe/Paris")
# 00:30 on New Year's Day in Paris is still 31 December in UTC.
NEW_YEAR = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)


def test_paris_stamp():
    assert paris_stamp(NEW_YEAR) == "2027-01-01 00:30"
    assert paris_stamp(NEW_YEAR, with_time=False) == "2027-01-01"
    assert paris_stamp(None) == ""


def test_date_in_words_reads_the_moment_in_paris():
    with translation.override("fr"):
        assert date_in_words(NEW_YEAR, "j F Y à H:i") == "1er janvier 2027 à 00:30"
    with translation.override("en"):
        assert date_in_words(NEW_YEAR, "j F Y H:i") == "1 January 2027 00:30"
    assert date_in_words(None, "j F Y") == ""


@pytest.mark.django_db
def test_registrants_export_in_paris_time(dns_client):
    event = EventFactory(starts_at=NEW_YEAR)
    registration = RegistrationFactory(event=event)
    registration.created_at = NEW_YEAR
    registration.save(update_fields=["created_at"])
    csv = dns_client.get(f"/admin/events/event/{event.pk}/inscrits.csv").content.decode("utf-8-sig")
    row = next(line for line in csv.splitlines() if registration.email in line)
    assert row.count("2027-01-01") == 2 and "2026-12-31" not in row


@pytest.mark.django_db
def test_a_contribution_is_named_with_its_paris_date():
    contribution = ContributionFactory(chapter__consultation=ConsultationFactory())
    contribution.created_at = NEW_YEAR
    assert "(01/01/2027)" in str(contribution)
