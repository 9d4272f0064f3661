"""Rich data for one person, so that the export and deletion tests see everything they touch."""

from dataclasses import dataclass

from concertation.models import (
    CharterAcceptance,
    Contribution,
    Flag,
    Follow,
    ModerationLog,
    Reaction,
)
from esante.models import Notification, Unsubscription, User
from events.models import Registration
from tests.concertation.factories import ApplicationFactory, ContributionFactory
from tests.esante.factories import UserFactory
from tests.events.factories import EventFactory, RegistrationFactory


@dataclass
class Person:
    user: User
    published: Contribution
    pending: Contribution
    registration_by_account: Registration
    registration_by_email: Registration


def rich_person(chapter, *, tag: str, others: list[User], staff: User | None = None) -> Person:
    """A person with a contribution of every kind of data, on `chapter`; `others` react to and
    reply to their contributions. `tag` is put in every text field, to find leaks."""
    user = UserFactory(
        email=f"{tag}@example.org",
        display_name=f"Nom {tag}",
        organisation=f"Organisme {tag}",
        declaration_of_interests=f"Liens {tag}",
    )
    published = ContributionFactory(chapter=chapter, author=user, body=f"Avis publié {tag}")
    pending = ContributionFactory(
        chapter=chapter, author=user, body=f"Avis en attente {tag}", status="pending"
    )
    own_reply = ContributionFactory(
        chapter=chapter, author=user, parent=published, body=f"Précision {tag}"
    )
    for other in others:
        ContributionFactory(chapter=chapter, author=other, parent=published, body="Réponse")
        Reaction.objects.create(contribution=published, user=other, value="agree")
    target = ContributionFactory(chapter=chapter, author=others[0], body="Avis d'un autre")
    Reaction.objects.create(contribution=target, user=user, value="disagree")
    Flag.objects.create(contribution=target, user=user, reason="spam", note=f"Note {tag}")
    Follow.objects.create(user=user, consultation=chapter.consultation)
    CharterAcceptance.objects.create(user=user, consultation=chapter.consultation)
    ApplicationFactory(user=user, motivation=f"Motivation {tag}")
    event = EventFactory(days=-20)
    by_account = RegistrationFactory(
        event=event, user=user, email=user.email, name=f"Inscrit {tag}"
    )
    by_email = RegistrationFactory(
        event=EventFactory(days=-40), user=None, email=user.email.upper(), name=f"Visiteur {tag}"
    )
    Notification.objects.create(kind="digest", key=f"d:{tag}", email=user.email, user=user)
    Notification.objects.create(kind="registration_confirmed", key=f"r:{tag}", email=user.email)
    Unsubscription.objects.create(email=user.email, kind="digest")
    ModerationLog.objects.create(
        contribution=own_reply,
        target_user=user,
        actor=staff,
        action="hide",
        note=f"Décision {tag}",
    )
    return Person(user, published, pending, by_account, by_email)
