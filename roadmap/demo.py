"""Roadmap demo content drawn from the two source press releases (shared/seeds/).

What the documents give (editions, the four 2023-2027 axes, the programmes, the Normandie
figures, the news with their press contact) is reproduced faithfully. What they do not give,
such as the list of the 26 #MaSanté2022 actions, is plausible demo text flagged `is_demo`.
"""

import datetime
from decimal import Decimal

from esante.models import Region

from .models import Action, Axis, NewsItem, Programme, RegionalIndicator, Roadmap

D = datetime.date

MASANTE_ORIENTATIONS = [
    (1, "Renforcer la gouvernance du numérique en santé"),
    (2, "Intensifier la sécurité et l'interopérabilité des systèmes d'information en santé"),
    (3, "Accélérer le déploiement des services numériques socles"),
    (4, "Déployer au niveau national des plateformes numériques de santé"),
    (5, "Soutenir l'innovation et favoriser l'engagement des acteurs"),
]

# (orientation, title, status, progress, lead) — demo content, not from the source documents.
MASANTE_ACTIONS = [
    (1, "Créer une délégation ministérielle au numérique en santé", "done", 100, "Ministère"),
    (1, "Installer le Conseil du Numérique en Santé", "done", 100, "DNS"),
    (1, "Transformer l'ASIP Santé en Agence du numérique en santé", "done", 100, "DNS"),
    (1, "Créer une cellule d'éthique du numérique en santé", "in_progress", 60, "DNS"),
    (2, "Renforcer la sécurité des systèmes d'information de santé", "in_progress", 70, "ANS"),
    (2, "Publier une doctrine technique du numérique en santé", "in_progress", 50, "DNS"),
    (2, "Rendre opposables les référentiels d'interopérabilité", "in_progress", 40, "ANS"),
    (2, "Généraliser l'identifiant national de santé (INS)", "in_progress", 55, "ANS"),
    (3, "Déployer l'e-carte de professionnel de santé (e-CPS)", "in_progress", 45, "ANS"),
    (3, "Relancer le dossier médical partagé (DMP)", "done", 100, "Assurance Maladie"),
    (3, "Généraliser la messagerie sécurisée de santé (MSSanté)", "in_progress", 65, "ANS"),
    (3, "Dématérialiser la prescription (e-prescription)", "in_progress", 35, "Assurance Maladie"),
    (3, "Déployer des services numériques de coordination des parcours", "in_progress", 50, "ARS"),
    (4, "Créer l'espace numérique de santé de chaque citoyen", "in_progress", 60, "DNS"),
    (4, "Offrir un bouquet de services numériques aux professionnels", "planned", 10, "DNS"),
    (4, "Créer la plateforme des données de santé (Health Data Hub)", "done", 100, "DREES"),
    (4, "Construire un annuaire national des acteurs de santé", "in_progress", 40, "ANS"),
    (4, "Ouvrir un catalogue de services référencés", "planned", 0, "ANS"),
    (5, "Financer l'usage du numérique à l'hôpital (programme HOP'EN)", "in_progress", 75, "DGOS"),
    (5, "Accompagner le virage numérique du médico-social", "planned", 15, "CNSA"),
    (5, "Développer la télésanté", "in_progress", 65, "DGOS"),
    (5, "Soutenir l'innovation par des appels à projets", "in_progress", 30, "DNS"),
    (5, "Former les professionnels de santé au numérique", "planned", 10, "DGOS"),
    (5, "Réduire la fracture numérique en santé", "planned", 5, "DNS"),
    (5, "Évaluer l'impact des services numériques en santé", "planned", 0, "DNS"),
    (5, "Développer la filière industrielle française de la e-santé", "in_progress", 20, "DGE"),
]

AXES_2023 = [
    (1, "Développer la prévention et rendre chaque citoyen acteur de sa santé"),
    (2, "Dégager du temps pour les professionnels de santé et améliorer la prise en charge"),
    (3, "Améliorer l'accès à la santé des personnes et des professionnels qui les orientent"),
    (4, "Déployer un cadre propice aux usages et à l'innovation numérique en santé"),
]

# Demo content: the source document names the four axes, not their actions.
ACTIONS_2023 = [
    (1, "Faire de Mon espace santé le point d'entrée de la prévention", "in_progress", 30),
    (1, "Développer un réseau d'ambassadeurs Mon espace santé", "in_progress", 40),
    (1, "Accompagner les personnes éloignées du numérique", "planned", 10),
    (2, "Généraliser l'usage du numérique dans les établissements (SUN-ES)", "in_progress", 55),
    (2, "Moderniser les logiciels métiers des professionnels libéraux", "in_progress", 35),
    (2, "Équiper les établissements médico-sociaux (ESMS Numérique)", "in_progress", 50),
    (3, "Simplifier l'orientation des patients grâce aux services numériques", "planned", 5),
    (3, "Développer la télésanté dans les territoires", "in_progress", 25),
    (4, "Renforcer la cybersécurité des établissements", "in_progress", 45),
    (4, "Faire de l'interopérabilité la règle", "in_progress", 30),
    (4, "Soutenir l'innovation et l'évaluation des solutions numériques", "planned", 10),
]

PROGRAMMES = [
    {
        "slug": "sun-es",
        "name": "Ségur Usage Numérique en Établissement de Santé",
        "acronym": "SUN-ES",
        "summary": "Accompagne les établissements sanitaires dans l'usage des services socles.",
    },
    {
        "slug": "esms-numerique",
        "name": "ESMS Numérique",
        "acronym": "",
        "summary": "Accompagne les établissements et services médico-sociaux dans le "
        "renforcement de leurs systèmes d'information.",
    },
    {
        "slug": "mon-espace-sante",
        "name": "Mon espace santé",
        "acronym": "",
        "summary": "L'espace numérique de santé de chaque citoyen, porté par un réseau "
        "d'ambassadeurs et de référents dans les établissements.",
    },
]

NORMANDIE_SOURCE = "ARS Normandie, communiqué du 2 février 2023"
# (programme, label, qualifier, value, unit) as of 1 February 2023 (Rouen stop).
NORMANDIE_INDICATORS = [
    ("sun-es", "Structures sanitaires accompagnées depuis 2021", "", "81", "structures"),
    ("sun-es", "Enveloppe régionale depuis début 2021", "more_than", "6.6", "M€"),
    ("sun-es", "Part des structures normandes accompagnées", "", "64", "%"),
    ("esms-numerique", "Projets lancés et accompagnés depuis 2021", "", "27", "projets"),
    ("esms-numerique", "Établissements engagés", "more_than", "600", "établissements"),
    ("esms-numerique", "Enveloppe engagée", "nearly", "10.6", "M€"),
    ("mon-espace-sante", "Référents Mon espace santé en établissement et ESMS", "more_than", "400",
     "référents"),
]  # fmt: skip

NEWS = [
    {
        "slug": "masante2022-feuille-de-route-concertation-doctrine-technique",
        "kind": NewsItem.Kind.PRESS_RELEASE,
        "title": "Virage numérique #MaSanté2022 : une feuille de route qui suit son cap avec "
        "comme maîtres-mots les échanges et la concertation",
        "published_on": D(2019, 10, 2),
        "place": "",
        "region": None,
        "summary": "Publication et mise en concertation de la première partie de la doctrine "
        "technique, travaux du Conseil du Numérique en Santé et lancement des ateliers citoyens.",
        "press_contact": "Julie Messier — julie.messier@sante.gouv.fr\n"
        "T. 01 58 45 33 20 — M. 06 16 89 59 83",
        "body": """\
## Publication et mise en concertation de la première partie de la doctrine technique

Depuis le lundi 30 septembre, une première partie de la doctrine technique est en ligne sur
l'espace de concertation : sécurité des systèmes d'information, interopérabilité, MSSanté,
services numériques de coordination pour les parcours de santé… De nombreux sujets sont déjà
consultables et appellent aux contributions et réactions des acteurs de l'écosystème.

Pour y participer :

- se connecter à la plateforme de concertation ;
- participer aux étapes du Tour de France de la e-santé, qui s'arrête dans chaque région. Cinq
  rencontres ont déjà eu lieu, dans les Hauts-de-France, en Normandie, en Bretagne, en
  Bourgogne-Franche-Comté et en Occitanie, devant des salles combles (230 à 600 participants).

## Travaux et réflexions du Conseil du Numérique en Santé

Le Conseil du Numérique en Santé s'est réuni le 27 juin pour un premier temps d'échange.
Des groupes de travail sont lancés : formation, fracture numérique, évaluation, développement
économique des entreprises françaises en France et à l'international. Les inscriptions sont
ouvertes jusqu'au 18 octobre. La cellule d'éthique du numérique en santé mène déjà des travaux
avec des pilotes, et un groupe « Développement durable et numérique » est proposé. La prochaine
réunion se tiendra le 20 février 2020.

## La parole aux usagers avec le lancement des ateliers citoyens

Le premier atelier citoyens s'est tenu le mardi 1er octobre à Toulouse, dans le cadre du
festival *Homo Numericus* organisé par la Mêlée Numérique. Une quarantaine de citoyens et de
patients ont imaginé, autour de cinq profils types, les services numériques appropriés. Deux
nouveaux ateliers sont programmés avant la fin de l'année.
""",
    },
    {
        "slug": "tour-des-regions-2023-2027-rouen-actions-regionales",
        "kind": NewsItem.Kind.PRESS_RELEASE,
        "title": "Tour des régions de la feuille de route du numérique en santé 2023-2027 : "
        "les actions engagées par les acteurs régionaux",
        "published_on": D(2023, 2, 2),
        "place": "Caen",
        "region": "normandie",
        "summary": "Le Tour des régions a fait étape à Rouen le mercredi 1er février : retour sur "
        "les actions engagées en Normandie pour le numérique en santé et la cybersécurité.",
        "press_contact": "",
        "body": """\
Engagé par la Délégation ministérielle au Numérique en Santé (DNS), comme annoncé lors du
Conseil du Numérique en Santé du 14 décembre 2022, le Tour des régions a réuni une centaine de
personnes à Rouen le mercredi 1er février. Les représentants de la DNS y ont présenté les
4 axes de la feuille de route 2023-2027, en concertation jusqu'au 14 mars.

## Accompagner les établissements dans le renforcement de leurs systèmes d'information

- **SUN-ES** : 81 structures sanitaires normandes accompagnées depuis début 2021, pour une
  enveloppe régionale de plus de 6,6 millions d'euros ; 64 % des structures sont accompagnées.
- **ESMS Numérique** : 27 projets lancés depuis 2021, plus de 600 établissements engagés, pour
  près de 10,6 millions d'euros.

## Un réseau de référents « Mon espace santé »

L'ARS Normandie, appuyée par Normand'e-Santé et l'Assurance Maladie, a développé un réseau de
plus de 400 référents « Mon espace santé » dans les établissements de santé et les ESMS.

## Un accompagnement de proximité et la cybersécurité

Des webinaires sur l'évolution des logiciels métiers ont été organisés en 2022 pour les
professionnels libéraux et se poursuivent en 2023. Une cartographie régionale de la
cybersécurité, une plateforme de sensibilisation et bientôt un centre de ressources régional
accompagnent les établissements.
""",
    },
]


def _roadmap(**fields):
    roadmap, _ = Roadmap.objects.get_or_create(slug=fields.pop("slug"), defaults=fields)
    return roadmap


def _axes(roadmap, axes):
    return {
        number: Axis.objects.get_or_create(
            roadmap=roadmap, number=number, defaults={"title": title}
        )[0]
        for number, title in axes
    }


def load(*, log):
    masante = _roadmap(
        slug="masante2022",
        title="#MaSanté2022 — Accélérer le virage numérique",
        start_year=2019,
        end_year=2022,
        status=Roadmap.Status.COMPLETED,
        axis_label="Orientation",
        axis_label_plural="Orientations",
        summary="La feuille de route du numérique en santé de 2019 à 2022 : 26 actions "
        "regroupées en 5 orientations pour accélérer le virage numérique du système de santé.",
    )
    axes = _axes(masante, MASANTE_ORIENTATIONS)
    for number, (axis, title, status, progress, lead) in enumerate(MASANTE_ACTIONS, start=1):
        Action.objects.get_or_create(
            roadmap=masante,
            number=number,
            defaults={
                "axis": axes[axis],
                "title": title,
                "summary": f"{title} (texte de démonstration).",
                "status": status,
                "progress": progress,
                "lead": lead,
                "is_demo": True,
            },
        )

    roadmap_2023 = _roadmap(
        slug="2023-2027",
        title="Feuille de route du numérique en santé 2023-2027",
        start_year=2023,
        end_year=2027,
        status=Roadmap.Status.CURRENT,
        concertation_until=D(2023, 3, 14),
        summary="Élaborée avec les acteurs régionaux lors du Tour des régions et mise en "
        "concertation jusqu'au 14 mars 2023, la feuille de route 2023-2027 s'organise en 4 axes.",
    )
    axes = _axes(roadmap_2023, AXES_2023)
    for number, (axis, title, status, progress) in enumerate(ACTIONS_2023, start=1):
        Action.objects.get_or_create(
            roadmap=roadmap_2023,
            number=number,
            defaults={
                "axis": axes[axis],
                "title": title,
                "summary": f"{title} (texte de démonstration).",
                "status": status,
                "progress": progress,
                "lead": "DNS",
                "is_demo": True,
            },
        )

    programmes = {
        item["slug"]: Programme.objects.get_or_create(
            slug=item["slug"], defaults={**item, "roadmap": roadmap_2023}
        )[0]
        for item in PROGRAMMES
    }
    normandie = Region.objects.get(slug="normandie")
    for programme, label, qualifier, value, unit in NORMANDIE_INDICATORS:
        RegionalIndicator.objects.get_or_create(
            programme=programmes[programme],
            region=normandie,
            label=label,
            date=D(2023, 2, 1),
            defaults={
                "qualifier": qualifier,
                "value": Decimal(value),
                "unit": unit,
                "source": NORMANDIE_SOURCE,
            },
        )

    for item in NEWS:
        fields = dict(item)
        region = fields.pop("region")
        fields["region"] = Region.objects.get(slug=region) if region else None
        NewsItem.objects.get_or_create(slug=fields.pop("slug"), defaults=fields)

    log(
        f"Feuille de route : {Roadmap.objects.count()} éditions, {Action.objects.count()} actions, "
        f"{RegionalIndicator.objects.count()} indicateurs, {NewsItem.objects.count()} actualités."
    )
