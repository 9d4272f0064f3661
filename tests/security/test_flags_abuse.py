"""Finding 4 of issue 15: three accounts hid 30 published contributions in 4.5 s. Flags now
resist a small coordinated group: fresh or unverified accounts' flags only reach the moderators'
queue, the site hides at most FLAG_AUTO_HIDE_PER_HOUR contributions an hour by flags (the rest
wait for the DNS team), the DNS team is alerted once, and each account is rate limited."""

import datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from concertation.models import Contribution, Flag
from concertation.notifications import FLAG_SURGE
from esante.models import Notification
from tests.concertation.factories import ContributionFactory
from tests.esante.factories import UserFactory


@pytest.fixture(autouse=True)
def _one_window():
    with time_machine.travel(timezone.now(), tick=False):
        yield


def aged(days=60, **kwargs):
    return UserFactory(date_joined=timezone.now() - datetime.timedelta(days=days), **kwargs)


def flag_all(client, users, targets):
    for user in users:
        client.force_login(user)
        for target in targets:
            client.post(reverse("concertation:flag", args=[target.pk]), {"reason": "abuse"})


def statuses(targets):
    return [Contribution.objects.get(pk=t.pk).status for t in targets]


def test_three_fresh_accounts_flagging_30_contributions_hide_none(client, db, settings):
    settings.FLAG_RATE_PER_USER = "100/h"  # the weight rule alone, here
    targets = [ContributionFactory() for _ in range(30)]
    flag_all(client, [UserFactory() for _ in range(3)], targets)
    assert Flag.objects.count() == 90
    assert statuses(targets) == ["published"] * 30
    # Still in the moderators' queue: published, with open flags.
    assert all(c.flag_count == 3 for c in Contribution.objects.all())


def test_three_established_accounts_hide_a_few_then_the_staff_decides(
    client, db, settings, dns_staff
):
    settings.FLAG_RATE_PER_USER = "100/h"
    settings.FLAG_AUTO_HIDE_PER_HOUR = 3
    other_staff = UserFactory()
    targets = [ContributionFactory() for _ in range(30)]
    flag_all(client, [aged() for _ in range(3)], targets)
    result = statuses(targets)
    assert result.count("pending") == 3
    assert result.count("published") == 27
    alerts = Notification.objects.filter(kind=FLAG_SURGE)
    assert list(alerts.values_list("email", flat=True)) == [dns_staff.email]
    assert other_staff.email not in alerts.values_list("email", flat=True)


def test_the_rate_limit_alone_stops_the_attack(client, db, settings):
    """Default settings: 10 flags an hour per account, so three accounts flag 10 each at most."""
    targets = [ContributionFactory() for _ in range(30)]
    flag_all(client, [aged() for _ in range(3)], targets)
    assert Flag.objects.count() == 30
    assert statuses(targets).count("pending") <= settings.FLAG_AUTO_HIDE_PER_HOUR


def test_an_unverified_address_does_not_weigh(client, db, settings):
    settings.CONTRIBUTION_FLAGS_TO_HIDE = 2
    users = [aged(), aged()]
    EmailAddress.objects.filter(user=users[1]).update(verified=False)
    target = ContributionFactory()
    flag_all(client, users, [target])
    assert statuses([target]) == ["published"]
    flag_all(client, [aged()], [target])
    assert statuses([target]) == ["pending"]


def test_the_brake_releases_after_an_hour(client, db, settings):
    settings.CONTRIBUTION_FLAGS_TO_HIDE = 1
    settings.FLAG_AUTO_HIDE_PER_HOUR = 1
    first, second, third = (ContributionFactory() for _ in range(3))
    flagger = aged()
    flag_all(client, [flagger], [first, second])
    assert statuses([first, second]) == ["pending", "published"]
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61), tick=False):
        flag_all(client, [flagger], [third])
        assert statuses([third]) == ["pending"]
