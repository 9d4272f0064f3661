"""Deleting an account (the person's own choice, the admin, or a retention job) erases their
personal data everywhere and never destroys anybody else's content (issue 15, finding 6)."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db.models import ProtectedError, RestrictedError
from django.urls import reverse

from concertation.models import (
    Application,
    CharterAcceptance,
    Contribution,
    Flag,
    Follow,
    ModerationLog,
    Reaction,
)
from esante import privacy
from esante.admin import UserAdmin
from esante.models import DELETED_USER_EMAIL, Notification, Unsubscription, User
from events.models import Registration
from tests.concertation.factories import ChapterFactory
from tests.esante.factories import UserFactory

from .factories_data import rich_person

PASSWORD = "motdepasse-de-test-42"


@pytest.fixture
def chapter(db):
    return ChapterFactory()


@pytest.fixture
def others(db):
    return UserFactory.create_batch(3)


def test_plain_delete_of_an_author_is_refused_instead_of_cascading(chapter, others):
    """Finding 6: `User.delete()` used to take the contributions and every reply with them."""
    person = rich_person(chapter, tag="alice", others=others)
    with pytest.raises(ProtectedError):
        person.user.delete()
    assert Contribution.objects.filter(parent=person.published).count() == 4


def test_deleting_a_parent_contribution_alone_keeps_its_replies(chapter, others):
    person = rich_person(chapter, tag="alice", others=others)
    with pytest.raises(RestrictedError):  # The replies hold on to it.
        person.published.delete()
    assert Contribution.objects.filter(parent=person.published).count() == 4


@pytest.mark.parametrize("keep", [True, False])
def test_account_delete_erases_personal_data_and_keeps_others_replies(chapter, others, keep):
    alice = rich_person(chapter, tag="alice", others=others)
    bob = rich_person(chapter, tag="bob", others=others)
    others_contributions = set(
        Contribution.objects.filter(author__in=others).values_list("pk", "body")
    )

    privacy.account_delete(user=alice.user, keep_contributions=keep)

    assert not User.objects.filter(pk=alice.user.pk).exists()
    assert not EmailAddress.objects.filter(email__iexact="alice@example.org").exists()
    # Every reply of the others survives, in its thread.
    assert (
        set(Contribution.objects.filter(author__in=others).values_list("pk", "body"))
        == others_contributions
    )
    # Alice's own published reply is kept (anonymous) or erased, like her other contributions.
    assert Contribution.objects.filter(parent=alice.published).count() == (4 if keep else 3)
    published = Contribution.objects.get(pk=alice.published.pk)
    assert published.author.email == DELETED_USER_EMAIL
    if keep:
        assert published.body == "Avis publié alice"
        assert published.status == "published"
        assert published.public_author_name == "Contributeur anonyme"
    else:
        assert published.body == ""
        assert published.status == "withdrawn"
    # The unpublished one is gone either way; the published ones kept or erased.
    assert not Contribution.objects.filter(pk=alice.pending.pk).exists()
    kept = {"Avis publié alice", "Précision alice"} if keep else set()
    bodies = Contribution.objects.filter(body__contains="alice").values_list("body", flat=True)
    assert set(bodies) == kept
    assert not Contribution.objects.filter(author_id=alice.user.pk).exists()
    # Reactions, flags, follows, charter, applications of alice: gone; counters recomputed.
    for model in (Reaction, Flag, Follow, CharterAcceptance, Application):
        assert not model.objects.filter(user_id=alice.user.pk).exists(), model
    target = Contribution.objects.get(
        author=others[0],
        body="Avis d'un autre",
        parent=None,
        chapter=chapter,
        pk__lt=bob.published.pk,
    )
    assert (target.disagree_count, target.flag_count) == (0, 0)
    # Registrations anonymised (by account and by e-mail), notifications and unsubscriptions
    # deleted; moderation entries keep their note without the person.
    for registration in (alice.registration_by_account, alice.registration_by_email):
        registration.refresh_from_db()
        assert registration.user_id is None
        assert "alice" not in registration.email.lower() + registration.name.lower()
    assert not Notification.objects.filter(email__iexact="alice@example.org").exists()
    assert not Unsubscription.objects.filter(email__iexact="alice@example.org").exists()
    log = ModerationLog.objects.get(note="Décision alice")
    assert log.target_user_id is None
    # Bob untouched.
    assert User.objects.filter(pk=bob.user.pk).exists()
    assert Contribution.objects.filter(author=bob.user).count() == 3
    assert Registration.objects.filter(email__iexact="bob@example.org").count() == 2
    assert Notification.objects.filter(email="bob@example.org").count() == 2
    assert ModerationLog.objects.get(note="Décision bob").target_user_id == bob.user.pk


def test_erased_parent_shows_a_notice_and_its_replies(client, chapter, others):
    alice = rich_person(chapter, tag="alice", others=others)
    privacy.account_delete(user=alice.user, keep_contributions=False)
    page = client.get(chapter.get_absolute_url()).content.decode()
    assert "Contribution supprimée par son auteur" in page
    assert page.count("Réponse") >= 3
    assert "Avis publié alice" not in page


def test_account_delete_page_needs_the_password(client, chapter, others):
    alice = rich_person(chapter, tag="alice", others=others)
    client.force_login(alice.user)
    url = reverse("account_delete")
    assert client.get(url).status_code == 200
    response = client.post(url, {"password": "pas-le-bon", "contributions": "erase"})
    assert response.status_code == 200
    assert User.objects.filter(pk=alice.user.pk).exists()
    response = client.post(url, {"password": PASSWORD, "contributions": "keep"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=alice.user.pk).exists()
    assert Contribution.objects.get(pk=alice.published.pk).body == "Avis publié alice"
    # Signed out: the account page asks to sign in.
    assert client.get(reverse("account")).status_code == 302


def test_account_delete_page_needs_login(client):
    response = client.post(reverse("account_delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert "/comptes/login/" in response["Location"]


def _admin_request(rf, staff):
    request = rf.post("/admin/esante/user/")
    request.user = staff
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_admin_delete_uses_the_service(rf, dns_staff, chapter, others):
    """The admin's delete page and action (tested on the ModelAdmin: the MFA gate of the admin
    is tested elsewhere)."""
    alice = rich_person(chapter, tag="alice", others=others)
    model_admin = UserAdmin(User, admin.site)
    request = _admin_request(rf, dns_staff)
    # The confirmation page does not refuse for the contributions (the service keeps them).
    *_, protected = model_admin.get_deleted_objects([alice.user], request)
    assert protected == []
    model_admin.delete_model(request, alice.user)
    assert not User.objects.filter(pk=alice.user.pk).exists()
    assert Contribution.objects.filter(parent=alice.published).count() == 4
    assert Contribution.objects.get(pk=alice.published.pk).author.email == DELETED_USER_EMAIL


def test_admin_bulk_delete_uses_the_service(rf, dns_staff, chapter, others):
    alice = rich_person(chapter, tag="alice", others=others)
    bob = rich_person(chapter, tag="bob", others=others)
    model_admin = UserAdmin(User, admin.site)
    placeholder = privacy.deleted_user()
    model_admin.delete_queryset(
        _admin_request(rf, dns_staff),
        User.objects.filter(pk__in=[alice.user.pk, bob.user.pk, placeholder.pk]),
    )
    assert not User.objects.filter(pk__in=[alice.user.pk, bob.user.pk]).exists()
    assert User.objects.filter(pk=placeholder.pk).exists()
    assert Contribution.objects.filter(author__in=others, parent__isnull=False).count() == 6
    assert not model_admin.has_delete_permission(_admin_request(rf, dns_staff), placeholder)


def test_the_placeholder_cannot_be_deleted(chapter, others):
    alice = rich_person(chapter, tag="alice", others=others)
    privacy.account_delete(user=alice.user, keep_contributions=True)
    with pytest.raises(ValueError):
        privacy.account_delete(user=privacy.deleted_user(), keep_contributions=True)
