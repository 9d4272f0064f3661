"""Data for the open data tests: one contribution in each state the exports must keep out,
each carrying a marker of its own in its text."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from concertation.models import Contribution
from esante.models import DELETED_USER_EMAIL, Region
from tests.concertation.factories import ChapterFactory, ConsultationFactory, ContributionFactory
from tests.esante.factories import UserFactory
from tests.events.factories import EventFactory, RegistrationFactory

Status = Contribution.Status

# Values that break naive CSV writers and readers.
AWKWARD = (
    'Guillemets "doubles", virgule, point-virgule ; retour\nà la ligne, accents éàçœ, emoji 🩺'
)
FORMULA = '=HYPERLINK("http://exemple.invalid";"clic")'


def people():
    normandie = Region.objects.get(slug="normandie")
    return SimpleNamespace(
        consenting=UserFactory(
            display_name="Nom-Consentant", name_in_open_data=True, region=normandie,
            stakeholder_type="health_professional", organisation="ORGANISME-SECRET",
            declaration_of_interests="DECLARATION-SECRETE",
        ),
        refusing=UserFactory(
            display_name="Nom-Refusant", name_in_open_data=False, region=normandie,
            organisation="AUTRE-ORGANISME", declaration_of_interests="AUTRE-DECLARATION",
        ),
        placeholder=UserFactory(
            email=DELETED_USER_EMAIL, display_name="", is_active=False, verified=False,
            stakeholder_type="industry", region=normandie,
        ),
    )  # fmt: skip


def corpus():
    """A published consultation holding one contribution per case, and an unpublished one."""
    who = people()
    chapter = ChapterFactory(consultation=ConsultationFactory(title="Consultation publique"))
    made = {}

    def contribution(key, *, author=who.refusing, **kwargs):
        made[key] = ContributionFactory(
            chapter=chapter, author=author, body=f"Texte {key.upper()}-MARK.", **kwargs
        )
        return made[key]

    contribution("signed", author=who.consenting)
    contribution("anonymous", author=who.consenting, is_anonymous=True)
    contribution("refused", author=who.refusing)
    contribution("placeholder", author=who.placeholder)
    for status in (Status.PENDING, Status.HIDDEN, Status.REJECTED, Status.WITHDRAWN):
        contribution(status.value, status=status)
    contribution(
        "personal_data", status=Status.PUBLISHED,
        held_reason=Contribution.HeldReason.PERSONAL_DATA,
    )  # fmt: skip
    contribution("orphan_reply", parent=made["hidden"])
    contribution("reply", parent=made["signed"])
    hidden_chapter = ChapterFactory(
        consultation=ConsultationFactory(title="UNPUBLISHED-CONSULTATION", is_published=False),
        title="UNPUBLISHED-CHAPTER",
    )
    made["unpublished"] = ContributionFactory(
        chapter=hidden_chapter, author=who.consenting, body="Texte UNPUBLISHED-MARK"
    )
    event = EventFactory(title=AWKWARD)
    RegistrationFactory(event=event, email="inscrite-secrete@example.org", name="INSCRITE")
    return SimpleNamespace(people=who, contributions=made, chapter=chapter, event=event)


def awkward_corpus():
    """Every dataset with a row whose texts hold awkward values."""
    from concertation import services
    from concertation.models import OfficialAnswer
    from tests.roadmap.factories import ActionFactory, RegionalIndicatorFactory

    consultation = ConsultationFactory(title=AWKWARD, topic=FORMULA, introduction=AWKWARD)
    chapter = services.chapter_create(
        consultation=consultation, number=1, title=AWKWARD, slug="bizarre",
        body=f"{AWKWARD}\n\n{FORMULA}",
    )  # fmt: skip
    author = UserFactory(display_name=FORMULA, name_in_open_data=True)
    first = ContributionFactory(chapter=chapter, author=author, body=AWKWARD)
    ContributionFactory(
        chapter=chapter, author=author, body=FORMULA, kind="rewording",
        proposed_text=AWKWARD, parent=first, edited_at=timezone.now(),
    )  # fmt: skip
    answer = OfficialAnswer.objects.create(
        consultation=consultation, chapter=chapter, state="taken", body=AWKWARD,
        status="published", published_at=timezone.now(), team=FORMULA,
    )  # fmt: skip
    answer.contributions.add(first)
    EventFactory(title=AWKWARD, summary=FORMULA, address=AWKWARD, capacity=None)
    RegionalIndicatorFactory(label=AWKWARD, source=FORMULA, date=datetime.date(2024, 2, 29))
    ActionFactory(title=AWKWARD, summary=FORMULA, lead=AWKWARD)
