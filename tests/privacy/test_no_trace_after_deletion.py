"""After an account is deleted, no table of the database holds its e-mail address or its name
(issue 15, RGPD art. 17): not the history of the audit trail, not the journal, not the login
lock-out records. The scan is generic: every text and JSON column of every model, the
history tables and many-to-many tables included, so a table added later is covered too."""

import datetime
import json

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone

from audit.journal import acting_as
from audit.models import AuditEntry
from concertation import services as concertation_services
from concertation.models import ContributorBlock
from esante import privacy
from esante.models import User
from esante.roles import DNS_TEAM
from tests.concertation.factories import ChapterFactory, WorkingGroupFactory
from tests.esante.factories import DnsStaffFactory, UserFactory

from .factories_data import rich_person

OLD_EMAIL = "ancienne.adresse.zoe@example.org"
EMAIL = "zoe.traceable@example.org"
NAME = "Zoé Traçable-Unique"


def text_columns():
    """(model, field) for every text or JSON column of every table Django knows."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField | models.JSONField):
                yield model, field


def leaks(*needles: str) -> list[str]:
    found = []
    for model, field in text_columns():
        rows = model._base_manager.annotate(_text=Cast(field.attname, models.TextField()))
        for needle in needles:
            # JSON on SQLite is stored ASCII-escaped ("Zo\\u00e9"): look for that form too.
            forms = {needle, json.dumps(needle)[1:-1]}
            if any(rows.filter(_text__icontains=form).exists() for form in forms):
                found.append(f"{model._meta.db_table}.{field.column} holds {needle!r}")
    return found


def a_traceable_person(dns):
    """A person whose address and name reach as many tables as the portal lets them: a changed
    address, a role given and taken back, staff acts of their own, a block, a working group they
    led, failed logins; plus everything rich_person gives (contributions, registrations...)."""
    person = rich_person(ChapterFactory(), tag="zoe", others=UserFactory.create_batch(2), staff=dns)
    user = person.user
    with acting_as(dns):
        user.email, user.display_name = OLD_EMAIL, NAME
        user.save()
        user.email = EMAIL
        user.save()
        user.emailaddress_set.update(email=EMAIL)
        user.is_staff = True
        user.save()
        user.groups.add(Group.objects.get(name=DNS_TEAM))
        group = WorkingGroupFactory()
        group.leads.add(user)
        block = ContributorBlock.objects.create(user=user, reason="Propos répétés", created_by=dns)
        block.lifted_at = timezone.now()
        block.save()
    with acting_as(user):  # the person's own staff acts, before they left the team
        group.name = "Groupe renommé par Zoé"
        group.save()
        concertation_services.answer_draft(
            actor=user,
            contributions=[person.published],
            state="taken",
            body="Pris en compte.",
        )
    with acting_as(dns):
        user.groups.clear()
        user.is_staff = False
        user.save()
    now = timezone.now()
    for address in (EMAIL, OLD_EMAIL):
        AccessAttempt.objects.create(
            username=address, ip_address="192.0.2.1", user_agent="test", failures_since_start=3
        )
        AccessLog.objects.create(username=address, ip_address="192.0.2.1", attempt_time=now)
        AccessFailureLog.objects.create(username=address, ip_address="192.0.2.1")
    return user, group


@pytest.mark.parametrize("keep", [True, False])
def test_no_table_holds_the_address_or_the_name_of_a_deleted_account(db, keep, ci_report):
    dns = DnsStaffFactory()
    user, group = a_traceable_person(dns)
    pk = user.pk
    before = leaks(EMAIL, OLD_EMAIL, NAME)
    assert any(leak.startswith("audit_historicaluser.email") for leak in before), before
    assert any(leak.startswith("audit_auditentry.actor_label") for leak in before), before
    assert any(leak.startswith("axes_accesslog.username") for leak in before), before

    with acting_as(user):  # the person deletes their own account
        privacy.account_delete(user=user, keep_contributions=keep)

    needles = (EMAIL, OLD_EMAIL, NAME, "Organisme zoe", "Liens zoe")
    found = leaks(*needles)
    columns = list(text_columns())
    ci_report(
        f"RGPD deletion (contributions {'kept' if keep else 'erased'}): {len(before)} traces "
        f"before, {len(found)} after, in {len(columns)} text and JSON columns of "
        f"{len({model for model, _ in columns})} tables, for {len(needles)} identifying values"
    )
    assert found == [], "\n".join(found)
    # The staff decisions' trail stays, linkable by the account's number.
    label = f"Compte supprimé n° {pk}"
    about = AuditEntry.objects.filter(content_type__model="user", object_id=str(pk))
    assert about.count() >= 4  # the address, the role given, taken back, the deletion
    assert set(about.values_list("object_repr", flat=True)) == {label}
    assert set(about.values_list("actor_label", flat=True)) == {dns.email, label}
    assert AuditEntry.objects.filter(actor_label=label, object_id=str(group.pk)).exists()
    history = User.audit_history.model.objects.filter(id=pk)
    assert set(history.values_list("email", flat=True)) == {f"compte-supprime-{pk}@invalid"}
    assert history.filter(is_staff=True).exists()  # when they were staff is still known
    # Another staff member's name in the same journal is untouched.
    assert AuditEntry.objects.filter(actor_label=dns.email).exists()


def test_retention_jobs_leave_no_trace_either(db):
    """inactive_accounts_delete and unverified_accounts_delete go through account_delete."""
    dns = DnsStaffFactory()
    user, _ = a_traceable_person(dns)
    user.emailaddress_set.update(verified=False)
    User.objects.filter(pk=user.pk).update(
        date_joined=timezone.now() - datetime.timedelta(days=400)
    )
    assert privacy.unverified_accounts_delete() == 1
    assert leaks(EMAIL, OLD_EMAIL, NAME) == []
