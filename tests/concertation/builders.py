"""Concertation test data, built through the services so versions and paragraphs exist."""

import datetime
import itertools

from django.utils import timezone

from concertation import services
from concertation.models import Chapter, Consultation, Contribution

_seq = itertools.count(1)


def make_consultation(*, state="open", mode=Consultation.ModerationMode.A_POSTERIORI, **fields):
    now = timezone.now()
    opens, closes = {
        "open": (now - datetime.timedelta(days=1), now + datetime.timedelta(days=10)),
        "upcoming": (now + datetime.timedelta(days=1), now + datetime.timedelta(days=10)),
        "closed": (now - datetime.timedelta(days=10), now - datetime.timedelta(days=1)),
    }[state]
    n = next(_seq)
    defaults = {
        "title": f"Consultation {n}",
        "slug": f"consultation-{n}",
        "introduction": "Introduction.",
        "charter": "Soyez courtois.",
        "opens_at": opens,
        "closes_at": closes,
        "moderation_mode": mode,
        "is_published": True,
    }
    defaults.update(fields)
    return Consultation.objects.create(**defaults)


PARAGRAPHS = [
    "La sécurité des systèmes d'information est une priorité.",
    "Les établissements déclarent leurs incidents de sécurité.",
    "L'interopérabilité repose sur des standards ouverts.",
]


def make_chapter(consultation=None, *, body=None, number=None) -> Chapter:
    consultation = consultation or make_consultation()
    n = number or next(_seq)
    return services.chapter_create(
        consultation=consultation,
        number=n,
        title=f"Chapitre {n}",
        slug=f"chapitre-{n}",
        body=body or "\n\n".join(PARAGRAPHS),
    )


def paragraph(chapter, position=1):
    return chapter.current_version.texts.get(position=position).paragraph


def contribute(chapter, author, body="Une contribution.", **fields) -> Contribution:
    """A published contribution written directly (for reading tests)."""
    defaults = {
        "consultation": chapter.consultation,
        "chapter": chapter,
        "version": chapter.current_version,
        "author": author,
        "body": body,
        "status": Contribution.Status.PUBLISHED,
    }
    defaults.update(fields)
    return Contribution.objects.create(**defaults)
