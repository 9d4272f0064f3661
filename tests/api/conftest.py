"""A small world of every kind of object the API publishes, and of what it must never show."""

from dataclasses import dataclass

import pytest
from django.utils import timezone

from concertation.models import Contribution, OfficialAnswer
from esante.models import Region
from events.models import Event
from tests.concertation.factories import ChapterFactory, ConsultationFactory, ContributionFactory
from tests.esante.factories import UserFactory
from tests.events.factories import EventFactory
from tests.roadmap.factories import ActionFactory, MilestoneFactory, RoadmapFactory

Status = Contribution.Status


@dataclass
class World:
    consultation: object
    chapter: object
    hidden_consultation: object
    hidden_chapter: object
    public: list  # the public contributions
    private: dict  # what must never show, by reason
    consenting: object  # an author who consented to their name in open data
    answer: object
    draft_answer: object
    events: dict
    actions: dict


@pytest.fixture
def world(db):
    normandie = Region.objects.get(slug="normandie")
    consultation = ConsultationFactory(slug="doctrine")
    chapter = ChapterFactory(consultation=consultation)
    consenting = UserFactory(
        display_name="Camille Durand",
        name_in_open_data=True,
        stakeholder_type="health_professional",
        region=normandie,
    )
    refusing = UserFactory(display_name="Dominique Secret", stakeholder_type="citizen")
    signed = ContributionFactory(chapter=chapter, author=consenting, body="Signée et consentie.")
    anonymous = ContributionFactory(
        chapter=chapter, author=consenting, is_anonymous=True, body="Publiée sans nom."
    )
    no_consent = ContributionFactory(chapter=chapter, author=refusing, body="Sans consentement.")
    reply = ContributionFactory(chapter=chapter, author=refusing, parent=signed, body="Réponse.")
    private = {
        status: ContributionFactory(chapter=chapter, author=refusing, status=status)
        for status in (Status.PENDING, Status.HIDDEN, Status.REJECTED, Status.WITHDRAWN)
    }
    private["personal_data"] = ContributionFactory(
        chapter=chapter,
        author=refusing,
        held_reason=Contribution.HeldReason.PERSONAL_DATA,
        body="Publiée puis retenue pour données personnelles.",
    )
    # A reply to a hidden contribution: public, but its parent is not named.
    orphan = ContributionFactory(
        chapter=chapter, author=refusing, parent=private[Status.HIDDEN], body="Orpheline."
    )
    hidden_consultation = ConsultationFactory(slug="brouillon", is_published=False)
    hidden_chapter = ChapterFactory(consultation=hidden_consultation)
    private["unpublished_consultation"] = ContributionFactory(
        chapter=hidden_chapter, author=consenting
    )
    answer = OfficialAnswer.objects.create(
        consultation=consultation,
        chapter=chapter,
        state="taken",
        body="Nous en tenons compte.",
        status=OfficialAnswer.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    answer.contributions.set([signed, private[Status.HIDDEN]])
    draft_answer = OfficialAnswer.objects.create(
        consultation=consultation, chapter=chapter, state="partly", body="Brouillon."
    )
    events = {
        "published": EventFactory(),
        "cancelled": EventFactory(status=Event.Status.CANCELLED, region_slug="bretagne"),
        "draft": EventFactory(status=Event.Status.DRAFT),
    }
    roadmap = RoadmapFactory()
    action = ActionFactory(axis__roadmap=roadmap)
    MilestoneFactory(action=action)
    actions = {
        "published": action,
        "unpublished": ActionFactory(axis__roadmap=RoadmapFactory(is_published=False)),
    }
    return World(
        consultation=consultation,
        chapter=chapter,
        hidden_consultation=hidden_consultation,
        hidden_chapter=hidden_chapter,
        public=[signed, anonymous, no_consent, reply, orphan],
        private=private,
        consenting=consenting,
        answer=answer,
        draft_answer=draft_answer,
        events=events,
        actions=actions,
    )


def results(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.content[:500])
    return response.json()["results"]


def ids(client, url, **params):
    return {row["id"] for row in results(client, url, **params)}
