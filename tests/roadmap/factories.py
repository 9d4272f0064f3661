import datetime
from decimal import Decimal

import factory

from esante.models import Region
from roadmap.models import Action, Axis, Milestone, NewsItem, Programme, RegionalIndicator, Roadmap


class RoadmapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Roadmap

    title = factory.Sequence(lambda n: f"Feuille de route {n}")
    slug = factory.Sequence(lambda n: f"feuille-{n}")
    start_year = 2023
    end_year = 2027
    status = Roadmap.Status.CURRENT
    summary = "Résumé de la feuille de route."


class AxisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Axis

    roadmap = factory.SubFactory(RoadmapFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Axe numéro {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    axis = factory.SubFactory(AxisFactory)
    roadmap = factory.SelfAttribute("axis.roadmap")
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Action de test {n}")
    summary = "Résumé de l'action."
    status = Action.Status.PLANNED


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    action = factory.SubFactory(ActionFactory)
    title = "Jalon de test"
    due_on = datetime.date(2025, 6, 30)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    summary = "Résumé du programme."


class RegionalIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalIndicator

    programme = factory.SubFactory(ProgrammeFactory)
    region = factory.LazyFunction(lambda: Region.objects.get(slug="normandie"))
    label = factory.Sequence(lambda n: f"Indicateur {n}")
    value = Decimal("81")
    unit = "structures"
    date = datetime.date(2023, 2, 1)
    source = "Source de test"


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem

    title = factory.Sequence(lambda n: f"Actualité {n}")
    slug = factory.Sequence(lambda n: f"actualite-{n}")
    published_on = datetime.date(2023, 2, 2)
    summary = "Chapeau de l'actualité."
    body = "Texte **important**."
