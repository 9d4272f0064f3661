"""Events demo content from the source press releases: the 2019 Tour de France de la e-santé,
the first citizen workshop (Toulouse, 1 October 2019), the 2023 Rouen stop of the Tour des
régions with its report, and an upcoming stop open for registration.

The documents give the regions, the Toulouse and Rouen dates and the audience sizes (230 to
600 people per 2019 stop, about forty citizens in Toulouse, about a hundred in Rouen); the
2019 dates, each stop's exact figure and the persona names are demo content (`is_demo`).
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from esante.models import Region
from roadmap.models import Programme

from .models import AgendaItem, Event, Persona, Speaker

PARIS = ZoneInfo("Europe/Paris")


def at(year, month, day, hour=9, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


TOUR_2019 = [
    ("hauts-de-france", "Lille", at(2019, 6, 13), 420),
    ("normandie", "Caen", at(2019, 6, 27), 350),
    ("bretagne", "Rennes", at(2019, 7, 4), 600),
    ("bourgogne-franche-comte", "Dijon", at(2019, 9, 12), 230),
    ("occitanie", "Montpellier", at(2019, 9, 24), 480),
]

PERSONAS = [
    ("Léa, 34 ans, jeune mère active", "Gère la santé de sa famille entre travail et crèche ; "
     "veut des rendez-vous et des documents accessibles sur son téléphone."),
    ("Marcel, 78 ans, vit seul à la campagne", "Peu à l'aise avec le numérique, suivi pour une "
     "maladie chronique ; compte sur son pharmacien et son infirmière."),
    ("Samir, 45 ans, atteint d'une maladie chronique", "Partage ses résultats avec plusieurs "
     "spécialistes ; attend que ses données le suivent d'un professionnel à l'autre."),
    ("Julie, 22 ans, étudiante", "Consulte peu mais cherche d'abord en ligne ; soucieuse de la "
     "confidentialité de ses données."),
    ("Christine, 58 ans, aidante de sa mère", "Coordonne les soins de sa mère dépendante ; "
     "souhaite un accès délégué et des échanges simples avec l'équipe soignante."),
]  # fmt: skip

ROUEN_REPORT = """\
Une centaine de personnes ont assisté à l'étape normande du Tour des régions, où la DNS a
présenté les 4 axes de la feuille de route 2023-2027, en concertation jusqu'au 14 mars.

> « Trois ans après le lancement par l'État de la feuille de route du numérique en santé, je
> tiens à saluer la mobilisation exceptionnelle des acteurs régionaux […] : c'est en s'appuyant
> sur ces forces que la Normandie s'est placée parmi les régions les plus dynamiques en la
> matière. » — Thomas Deroche, directeur général de l'ARS Normandie

**Les actions régionales présentées**

- SUN-ES : 81 structures sanitaires accompagnées depuis 2021, plus de 6,6 M€, 64 % des
  structures normandes ;
- ESMS Numérique : 27 projets, plus de 600 établissements engagés, près de 10,6 M€ ;
- plus de 400 référents « Mon espace santé » dans les établissements et ESMS ;
- un accompagnement de proximité des professionnels libéraux (webinaires sur les logiciels
  métiers en 2022 et 2023) ;
- la cybersécurité : cartographie régionale, plateforme de sensibilisation, futur centre de
  ressources régional et gouvernance régionale cyber.
"""


def _event(slug, **fields):
    event, created = Event.objects.get_or_create(slug=slug, defaults=fields)
    return event, created


def load(*, log):
    regions = {r.slug: r for r in Region.objects.all()}
    for region_slug, city, starts, attendance in TOUR_2019:
        _event(
            f"tour-de-france-e-sante-2019-{region_slug}",
            kind=Event.Kind.TOUR_STOP,
            title=f"Tour de France de la e-santé — étape {regions[region_slug].name}",
            region=regions[region_slug],
            city=city,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=8),
            summary="Une journée pour présenter la feuille de route #MaSanté2022, valoriser les "
            "innovations du territoire et donner la parole aux acteurs locaux.",
            status=Event.Status.PUBLISHED,
            attendance=attendance,
            report="Salle comble : les acteurs régionaux ont présenté leurs innovations et "
            "échangé avec la délégation ministérielle du numérique en santé.",
            is_demo=True,
        )

    workshop, created = _event(
        "atelier-citoyens-toulouse-2019",
        kind=Event.Kind.WORKSHOP,
        title="Premier atelier citoyens — Toulouse",
        region=regions["occitanie"],
        city="Toulouse",
        venue="Festival Homo Numericus (la Mêlée Numérique)",
        starts_at=at(2019, 10, 1, 14),
        ends_at=at(2019, 10, 1, 18),
        summary="Une quarantaine de citoyens et de patients ont exprimé leur vision du système "
        "de santé et de sa transformation numérique, et imaginé les services appropriés autour "
        "de cinq profils types.",
        status=Event.Status.PUBLISHED,
        attendance=40,
    )
    if created:
        for order, (name, description) in enumerate(PERSONAS):
            Persona.objects.create(event=workshop, name=name, description=description, order=order)

    rouen, created = _event(
        "tour-des-regions-2023-rouen",
        kind=Event.Kind.TOUR_STOP,
        title="Tour des régions de la feuille de route 2023-2027 — étape de Rouen",
        region=regions["normandie"],
        city="Rouen",
        starts_at=at(2023, 2, 1, 9, 30),
        ends_at=at(2023, 2, 1, 17),
        summary="Les actions engagées par les acteurs régionaux en faveur du numérique en santé "
        "et de la cybersécurité, et les 4 axes de la feuille de route 2023-2027.",
        status=Event.Status.PUBLISHED,
        attendance=100,
        report=ROUEN_REPORT,
    )
    if created:
        rouen.programmes.set(Programme.objects.filter(slug__in=["sun-es", "esms-numerique",
                                                                "mon-espace-sante"]))  # fmt: skip
        Speaker.objects.create(
            event=rouen,
            name="Thomas Deroche",
            role="Directeur général",
            organisation="ARS Normandie",
        )
        Speaker.objects.create(
            event=rouen, name="Délégation ministérielle au Numérique en Santé", order=1
        )

    start = timezone.localtime(timezone.now() + datetime.timedelta(days=30)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    upcoming, created = _event(
        "tour-des-regions-normandie-prochaine-etape",
        kind=Event.Kind.TOUR_STOP,
        title="Tour des régions — prochaine étape normande : cybersécurité des établissements",
        region=regions["normandie"],
        city="Caen",
        venue="Centre de congrès",
        address="13 avenue Albert Sorel, 14000 Caen",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=7),
        summary="Une journée pour faire le point sur la feuille de route régionale de "
        "cybersécurité et l'usage de Mon espace santé dans les établissements normands.",
        capacity=120,
        registration_opens_at=start - datetime.timedelta(days=60),
        registration_closes_at=start - datetime.timedelta(days=1),
        status=Event.Status.PUBLISHED,
        is_demo=True,
    )
    if created:
        for time, title, speakers in [
            (datetime.time(9, 30), "Accueil et ouverture", "ARS Normandie"),
            (datetime.time(10, 0), "La feuille de route régionale de cybersécurité",
             "Normand'e-Santé"),
            (datetime.time(14, 0), "Mon espace santé : retours des référents", "Référents"),
        ]:  # fmt: skip
            AgendaItem.objects.create(event=upcoming, time=time, title=title, speakers=speakers)
    log(f"Événements : {Event.objects.count()}.")
