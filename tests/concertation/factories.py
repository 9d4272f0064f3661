"""Factories of the concertation. Chapters go through `services.chapter_create`, so every chapter
has its first version and its paragraphs, as on the running site."""

import datetime

import factory
from django.utils import timezone

from concertation import services
from concertation.models import Chapter, Consultation, Contribution, Paragraph
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


def paragraph_at(chapter: Chapter, position: int) -> Paragraph:
    """The paragraph at this position (from 1) in the chapter's current version."""
    chapter.refresh_from_db(fields=["current_version"])
    return chapter.current_version.texts.get(position=position).paragraph


def anchors_of(version) -> list[str]:
    return [t.paragraph.anchor for t in version.texts.select_related("paragraph")]
