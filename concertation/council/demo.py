"""Council demo content from the source press releases (loaded by concertation/demo.py).

From the documents: the meetings of 27 June 2019, 20 February 2020 and 14 December 2022, the
working groups launched after 27 June 2019 (training, digital divide, evaluation, economic
development of French companies in France and abroad) with applications until 18 October, the
proposed sustainable development group, and the ethics cell running pilots. The pilots' names
and the group missions' wording are demo text.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from ..models import Consultation
from .models import CouncilMeeting, EthicsPilot, WorkingGroup

PARIS = ZoneInfo("Europe/Paris")

GROUPS = [
    ("formation", "Formation", "Former les professionnels de santé et du médico-social au "
     "numérique, en formation initiale et continue."),
    ("fracture-numerique", "Fracture numérique", "Comprendre et réduire l'impact des fractures "
     "numériques dans le champ de la santé."),
    ("evaluation", "Évaluation", "Évaluer l'usage et l'impact des services numériques en santé."),
    ("developpement-economique", "Développement économique en France et à l'international",
     "Soutenir le développement des entreprises françaises de la e-santé en France et à "
     "l'international."),
]  # fmt: skip

PILOTS = [
    ("Grille d'auto-évaluation éthique des services numériques", "running"),
    ("Charte éthique des éditeurs de services en santé", "preparing"),
    ("Accompagnement éthique d'un projet d'intelligence artificielle hospitalier", "running"),
]


def load(*, log):
    june, _ = CouncilMeeting.objects.get_or_create(
        slug="conseil-2019-06-27",
        defaults={
            "title": "Conseil du Numérique en Santé du 27 juin 2019",
            "starts_at": datetime.datetime(2019, 6, 27, 14, 0, tzinfo=PARIS),
            "place": "Paris",
            "agenda": "Premier temps d'échange autour de Dominique Pon et de Laura Létourneau.",
            "minutes": "Premier temps d'échange de l'écosystème autour de la feuille de route "
            "#MaSanté2022. Les volontaires sont invités à rejoindre des groupes de travail : "
            "formation, fracture numérique, évaluation, développement économique en France et "
            "à l'international des entreprises françaises. Inscriptions jusqu'au 18 octobre.",
            "announcements": "Lancement de quatre groupes de travail ; proposition d'un groupe "
            "« Développement durable et numérique ».",
        },
    )
    CouncilMeeting.objects.get_or_create(
        slug="conseil-2020-02-20",
        defaults={
            "title": "Conseil du Numérique en Santé du 20 février 2020",
            "starts_at": datetime.datetime(2020, 2, 20, 14, 0, tzinfo=PARIS),
            "place": "Paris",
            "agenda": "Point d'étape des groupes de travail et de la cellule d'éthique.",
        },
    )
    december, created = CouncilMeeting.objects.get_or_create(
        slug="conseil-2022-12-14",
        defaults={
            "title": "Conseil du Numérique en Santé du 14 décembre 2022",
            "starts_at": datetime.datetime(2022, 12, 14, 14, 0, tzinfo=PARIS),
            "place": "Paris",
            "announcements": "Annonce du Tour des régions de la feuille de route du numérique "
            "en santé 2023-2027 et de la concertation sur ses 4 axes.",
        },
    )
    if created:
        december.consultations.set(Consultation.objects.filter(slug="feuille-de-route-2023-2027"))

    deadline = datetime.datetime(2019, 10, 18, 23, 59, tzinfo=PARIS)
    for slug, name, mission in GROUPS:
        WorkingGroup.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "mission": mission,
                "meeting": june,
                "status": WorkingGroup.Status.ACTIVE,
                "applications_close_at": deadline,
            },
        )
    reopen = settings.DEMO_ACCOUNTS
    sustainable_deadline = deadline
    if reopen:
        sustainable_deadline = timezone.localtime(
            timezone.now() + datetime.timedelta(days=30)
        ).replace(hour=23, minute=59, second=0, microsecond=0)
    WorkingGroup.objects.get_or_create(
        slug="developpement-durable-et-numerique",
        defaults={
            "name": "Développement durable et numérique",
            "mission": "Réduire l'empreinte environnementale du numérique en santé et mettre le "
            "numérique au service d'un système de santé plus durable."
            + (
                "\n\n*Démonstration : groupe ouvert aux candidatures pour essayer le portail.*"
                if reopen
                else ""
            ),
            "meeting": june,
            "status": WorkingGroup.Status.OPEN,
            "applications_close_at": sustainable_deadline,
        },
    )
    for order, (name, state) in enumerate(PILOTS):
        EthicsPilot.objects.get_or_create(
            name=name,
            defaults={
                "description": f"{name} (texte de démonstration).",
                "state": state,
                "order": order,
                "is_demo": True,
            },
        )
    log(
        f"Conseil : {CouncilMeeting.objects.count()} réunions, "
        f"{WorkingGroup.objects.count()} groupes de travail."
    )
