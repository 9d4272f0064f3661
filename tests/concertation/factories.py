"""Factories of the concertation. Chapters go through `services.chapter_create`, so every chapter
has its first version and its paragraphs, as on the running site."""

import datetime

import factory
from django.utils import timezone

from concertation import services
from concertation.models import (
    Application,
    Chapter,
    Consultation,
    Contribution,
    CouncilMeeting,
    Deliverable,
    EthicsPilot,
    Paragraph,
    WorkingGroup,
)
from concertation.services.counters import counters_move
from tests.esante.factories import UserFactory

# Three paragraphs with words the search and diff tests look for.
PARAGRAPHS = [
    "La sécurité des systèmes d'information est une priorité.",
    "Les établissements déclarent leurs incidents de sécurité.",
    "L'interopérabilité repose sur des standards ouverts.",
]


def _ago(**delta):
    return factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(**delta))


def _ahead(**delta):
    return factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(**delta))


class ConsultationFactory(factory.django.DjangoModelFactory):
    """Open (opened yesterday, closes in ten days), published, moderated a posteriori."""

    class Meta:
        model = Consultation

    class Params:
        closed = factory.Trait(opens_at=_ago(days=30), closes_at=_ago(days=1))
        upcoming = factory.Trait(opens_at=_ahead(days=2), closes_at=_ahead(days=30))
        a_priori = factory.Trait(moderation_mode=Consultation.ModerationMode.A_PRIORI)

    title = factory.Sequence(lambda n: f"Consultation {n}")
    slug = factory.Sequence(lambda n: f"consultation-{n}")
    topic = "Doctrine technique"
    introduction = "Donnez votre avis sur ce texte."
    charter = "Restez courtois et argumentez."
    opens_at = _ago(days=1)
    closes_at = _ahead(days=10)
    moderation_mode = Consultation.ModerationMode.A_POSTERIORI
    is_published = True


class ChapterFactory(factory.Factory):
    """ChapterFactory(body=...) publishes version 1 through the service."""

    class Meta:
        model = Chapter

    consultation = factory.SubFactory(ConsultationFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda o: f"Chapitre {o.number}")
    slug = factory.LazyAttribute(lambda o: f"chapitre-{o.number}")
    summary = ""
    body = "\n\n".join(PARAGRAPHS)

    @classmethod
    def _create(cls, model_class, **kwargs):
        return services.chapter_create(**kwargs)


class ContributionFactory(factory.django.DjangoModelFactory):
    """A published contribution written directly, for the reading tests; the writing tests post
    through the pages instead."""

    class Meta:
        model = Contribution

    chapter = factory.SubFactory(ChapterFactory)
    consultation = factory.SelfAttribute("chapter.consultation")
    version = factory.SelfAttribute("chapter.current_version")
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Contribution numéro {n}.")
    status = Contribution.Status.PUBLISHED

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Written past the lifecycle, counted as the lifecycle counts a new contribution.
        contribution = super()._create(model_class, *args, **kwargs)
        counters_move(contribution=contribution, before=None, after=contribution.status)
        return contribution


class CouncilMeetingFactory(factory.django.DjangoModelFactory):
    """A plenary meeting held a month ago."""

    class Meta:
        model = CouncilMeeting

    title = factory.Sequence(lambda n: f"Réunion du Conseil n° {n}")
    slug = factory.Sequence(lambda n: f"conseil-{n}")
    starts_at = _ago(days=30)
    place = "Paris"


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    """Open to applications for ten more days."""

    class Meta:
        model = WorkingGroup

    name = factory.Sequence(lambda n: f"Groupe de travail {n}")
    slug = factory.Sequence(lambda n: f"groupe-{n}")
    mission = "Proposer des pistes au Conseil."
    status = WorkingGroup.Status.OPEN
    applications_close_at = _ahead(days=10)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    group = factory.SubFactory(WorkingGroupFactory)
    user = factory.SubFactory(UserFactory)
    stakeholder_type = "association"
    motivation = "J'accompagne des personnes éloignées du numérique."
    consent_public = True


class DeliverableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deliverable

    group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Livrable {n}")
    url = "https://esante.gouv.fr/livrable"
    published_on = datetime.date(2023, 2, 2)


class EthicsPilotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EthicsPilot

    name = factory.Sequence(lambda n: f"Pilote éthique {n}")
    description = "Un chantier de la cellule éthique."
    state = factory.Iterator(EthicsPilot.State.values)


def paragraph_at(chapter: Chapter, position: int) -> Paragraph:
    """The paragraph at this position (from 1) in the chapter's current version."""
    chapter.refresh_from_db(fields=["current_version"])
    return chapter.current_version.texts.get(position=position).paragraph


def anchors_of(version) -> list[str]:
    return [t.paragraph.anchor for t in version.texts.select_related("paragraph")]
