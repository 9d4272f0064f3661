"""Events: a published Tour des régions stop in Normandie, in ten days, with two seats."""

import datetime

import factory
from django.utils import timezone

from esante.models import Region
from events.models import AgendaItem, Event, EventDocument, Persona, Registration, Speaker


class EventFactory(factory.django.DjangoModelFactory):
    """EventFactory(days=-3) for a past event, EventFactory(region_slug="bretagne") elsewhere."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    class Params:
        days = 10
        region_slug = "normandie"

    kind = Event.Kind.TOUR_STOP
    title = factory.Sequence(lambda n: f"Étape {n}")
    slug = factory.Sequence(lambda n: f"etape-{n}")
    region = factory.LazyAttribute(lambda o: Region.objects.get(slug=o.region_slug))
    city = "Rouen"
    starts_at = factory.LazyAttribute(lambda o: timezone.now() + datetime.timedelta(days=o.days))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=6))
    summary = "Une étape du Tour des régions."
    capacity = 2
    status = Event.Status.PUBLISHED


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    status = Registration.Status.CONFIRMED


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    event = factory.SubFactory(EventFactory)
    time = factory.Sequence(lambda n: datetime.time(8 + n % 10, 0))
    title = factory.Sequence(lambda n: f"Séquence {n}")


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Intervenant {n}")
    role = "Directeur"
    organisation = "ARS Normandie"


class EventDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventDocument

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Support {n}")
    url = "https://esante.gouv.fr/support.pdf"


class PersonaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persona

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Profil {n}")
    description = "Un profil type d'usager."
