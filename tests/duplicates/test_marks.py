"""Duplicates staff mark, and « merged for answering »: an official answer drafted on an original
answers its marked duplicates too, and publishing it tells their authors."""

import pytest
from django.contrib.admin.sites import AdminSite
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from concertation import services as concertation_services
from concertation.admin.answers import ContributionAnsweringAdmin
from concertation.models import Contribution
from duplicates import services
from duplicates.admin_actions import mark_duplicates
from duplicates.models import DuplicateMark
from tests.concertation.factories import ChapterFactory, ContributionFactory
from tests.esante.factories import UserFactory


@pytest.fixture
def chapter(db):
    return ChapterFactory()


def test_marking_records_who_and_moves_to_the_root(chapter, dns_staff):
    original, copy, copy_of_copy = ContributionFactory.create_batch(3, chapter=chapter)
    mark = services.duplicate_mark(actor=dns_staff, contribution=copy, original=original)
    assert (mark.original, mark.marked_by) == (original, dns_staff) and mark.marked_at
    # A duplicate of a duplicate points at the original: answering follows one hop.
    services.duplicate_mark(actor=dns_staff, contribution=copy_of_copy, original=copy)
    assert DuplicateMark.objects.get(contribution=copy_of_copy).original == original
    # Marked again: moved, not doubled; its own duplicates follow it.
    other = ContributionFactory(chapter=chapter)
    services.duplicate_mark(actor=dns_staff, contribution=original, original=other)
    assert set(DuplicateMark.objects.values_list("contribution", "original")) == {
        (original.pk, other.pk),
        (copy.pk, other.pk),
        (copy_of_copy.pk, other.pk),
    }
    assert services.duplicate_unmark(actor=dns_staff, contribution=copy) is True
    assert services.duplicate_unmark(actor=dns_staff, contribution=copy) is False


def test_what_cannot_be_marked(chapter, dns_staff):
    original = ContributionFactory(chapter=chapter)
    elsewhere = ContributionFactory()
    pending = ContributionFactory(chapter=chapter, status=Contribution.Status.PENDING)
    for contribution, message in [
        (original, "d'elle-même"),
        (elsewhere, "même chapitre"),
        (pending, "publiées"),
    ]:
        with pytest.raises(ValidationError, match=message):
            services.duplicate_mark(actor=dns_staff, contribution=contribution, original=original)
    with pytest.raises(PermissionDenied):
        services.duplicate_mark(
            actor=UserFactory(),
            contribution=ContributionFactory(chapter=chapter),
            original=original,
        )
    assert not DuplicateMark.objects.exists()


def test_an_answer_to_the_original_answers_its_duplicates(chapter, dns_staff):
    original, copy, unrelated = ContributionFactory.create_batch(3, chapter=chapter)
    services.duplicate_mark(actor=dns_staff, contribution=copy, original=original)
    answer = concertation_services.answer_draft(
        actor=dns_staff, contributions=[original], state="taken", body="Retenu."
    )
    assert set(answer.contributions.all()) == {original, copy}
    concertation_services.answer_publish(actor=dns_staff, answer_id=answer.pk)
    copy.refresh_from_db()
    unrelated.refresh_from_db()
    assert copy.answer_state == "taken" and unrelated.answer_state == ""


def test_a_duplicate_marked_after_drafting_joins_the_draft(chapter, dns_staff):
    original, copy = ContributionFactory.create_batch(2, chapter=chapter)
    answer = concertation_services.answer_draft(
        actor=dns_staff, contributions=[original], state="not_retained", body="Non retenu."
    )
    services.duplicate_mark(actor=dns_staff, contribution=copy, original=original)
    assert set(answer.contributions.all()) == {original, copy}


def test_a_hidden_duplicate_is_not_answered(chapter, dns_staff):
    original, copy = ContributionFactory.create_batch(2, chapter=chapter)
    services.duplicate_mark(actor=dns_staff, contribution=copy, original=original)
    Contribution.objects.filter(pk=copy.pk).update(status=Contribution.Status.HIDDEN)
    answer = concertation_services.answer_draft(
        actor=dns_staff, contributions=[original], state="taken", body="Retenu."
    )
    assert list(answer.contributions.all()) == [original]


def _request(user):
    request = RequestFactory().post("/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_the_staff_action_marks_the_newer_as_duplicates_of_the_oldest(chapter, dns_staff):
    oldest, *newer = ContributionFactory.create_batch(3, chapter=chapter)
    Contribution.objects.filter(pk=oldest.pk).update(
        created_at=oldest.created_at.replace(year=2020)
    )
    modeladmin = ContributionAnsweringAdmin(Contribution, AdminSite())
    request = _request(dns_staff)
    mark_duplicates(modeladmin, request, Contribution.objects.all())
    assert set(DuplicateMark.objects.values_list("contribution", "original")) == {
        (c.pk, oldest.pk) for c in newer
    }
    assert "marquées comme doubles" in str(next(iter(request._messages)))
    # One contribution alone: nothing to mark, said in French.
    request = _request(dns_staff)
    mark_duplicates(modeladmin, request, Contribution.objects.filter(pk=oldest.pk))
    assert "au moins deux" in str(next(iter(request._messages)))


def test_the_marks_admin_is_for_the_team_that_answers(client, dns_client, chapter):
    original, copy = ContributionFactory.create_batch(2, chapter=chapter)
    url = "/admin/duplicates/duplicatemark/add/"
    response = dns_client.post(url, {"contribution": copy.pk, "original": copy.pk})
    assert response.status_code == 200 and "elle-même" in response.content.decode()
    response = dns_client.post(url, {"contribution": copy.pk, "original": original.pk})
    assert response.status_code == 302
    assert DuplicateMark.objects.get().marked_by is not None
    assert dns_client.get("/admin/duplicates/duplicatemark/").status_code == 200
