"""Concertation demo content: the doctrine technique (30 September 2019, closed) and the
2023-2027 roadmap consultation, with contributions, replies, reactions and a flag; the results of
the doctrine (a few hundred contributions, official answers, version 2 of a chapter, the
synthesis) come from concertation/demo_results.py.

The chapter names and dates come from the source press releases; the paragraphs and the
contributions are demo text. The 2023-2027 consultation closed on 14 March 2023; with demo
accounts enabled (development) it is reopened with a future deadline so the demo is usable.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from esante.models import StakeholderType, User
from roadmap.models import Roadmap

from . import demo_results, services
from .council import demo as council_demo
from .models import Consultation, Contribution, Flag, Reaction

PARIS = ZoneInfo("Europe/Paris")

CHARTER = """\
Cet espace est ouvert à toutes et à tous pour enrichir les textes mis en concertation.

- Restez courtois et argumentez : les attaques personnelles sont masquées.
- Ne publiez **aucune donnée de santé** ni donnée personnelle vous concernant ou concernant un
  tiers (numéro de sécurité sociale, téléphone, adresse…).
- Pas de publicité ni de promotion commerciale ; déclarez vos liens d'intérêts dans votre profil.
- Chaque décision de modération est motivée et affichée à la place de la contribution masquée.
"""

DOCTRINE_CHAPTERS = [
    (
        "securite-des-systemes-d-information",
        "Sécurité des systèmes d'information",
        "Les règles de sécurité que doivent respecter les services numériques en santé.",
        [
            "La sécurité des systèmes d'information de santé est une condition de la confiance "
            "des patients et des professionnels dans les services numériques.",
            "Tout service numérique en santé identifie ses utilisateurs de façon fiable : les "
            "professionnels par l'e-carte de professionnel de santé (e-CPS), les usagers par "
            "des moyens d'identification électronique adaptés.",
            "Les établissements déclarent leurs incidents de sécurité et disposent d'un plan de "
            "continuité d'activité testé au moins une fois par an.",
            "Chaque patient est identifié par son identifiant national de santé (INS), obtenu "
            "auprès du téléservice INSi et repris dans tous les documents de santé échangés ou "
            "partagés.",
            "Pro Santé Connect permet aux professionnels de se connecter aux services numériques "
            "en santé avec leur carte CPS ou leur e-CPS, sans identifiant ni mot de passe propre "
            "à chaque service.",
            "Les données de santé à caractère personnel sont hébergées chez un hébergeur "
            "certifié pour l'hébergement de données de santé (HDS).",
        ],
    ),
    (
        "interoperabilite",
        "Interopérabilité",
        "Comment les logiciels de santé échangent et partagent des données.",
        [
            "L'interopérabilité permet aux logiciels des professionnels et des établissements "
            "d'échanger des données de santé sans ressaisie.",
            "Le cadre d'interopérabilité des systèmes d'information de santé (CI-SIS) fixe les "
            "standards à utiliser ; il s'appuie sur les standards internationaux.",
            "Les éditeurs qui respectent ces référentiels sont référencés dans un catalogue "
            "public.",
            "Les logiciels métiers alimentent le dossier médical partagé (DMP) des patients avec "
            "les documents produits lors de la prise en charge, au format du CI-SIS.",
            "La e-prescription dématérialise la prescription, de son émission par le "
            "prescripteur à sa délivrance par le pharmacien, grâce à un identifiant unique de "
            "prescription.",
            "Les terminologies de référence sont publiées par un centre de gestion des "
            "terminologies de santé et mises à disposition gratuitement.",
        ],
    ),
    (
        "messagerie-securisee-de-sante",
        "MSSanté",
        "La messagerie sécurisée de santé, socle des échanges entre professionnels.",
        [
            "Les professionnels de santé échangent les données de leurs patients par une "
            "messagerie sécurisée de santé (MSSanté) intégrée à leurs logiciels métiers.",
            "Les établissements envoient par MSSanté les comptes rendus et lettres de liaison "
            "de sortie au médecin traitant.",
            "Seuls les opérateurs de messagerie inscrits dans l'espace de confiance MSSanté "
            "peuvent échanger entre eux ; l'annuaire national recense les adresses des "
            "professionnels.",
            "Les usagers pourront à terme recevoir des messages de leurs professionnels de santé "
            "dans une messagerie sécurisée rattachée à leur espace numérique de santé.",
        ],
    ),
    (
        "services-numeriques-de-coordination",
        "Services numériques de coordination pour les parcours de santé",
        "Les outils régionaux qui coordonnent les professionnels autour du patient.",
        [
            "Les services numériques d'appui à la coordination aident les professionnels à "
            "organiser les parcours complexes.",
            "Ils sont déployés en région par les agences régionales de santé et leurs "
            "groupements régionaux d'appui au développement de la e-santé.",
            "Les services numériques de coordination partagent un socle commun : identification "
            "des professionnels par Pro Santé Connect, identification des patients par l'INS, "
            "échanges par MSSanté et alimentation du DMP.",
            "Les équipes de soins primaires, les communautés professionnelles territoriales de "
            "santé (CPTS) et les dispositifs d'appui à la coordination utilisent ces services "
            "pour partager un plan personnalisé de soins.",
        ],
    ),
]

AXES_CHAPTERS = [
    (
        "axe-1-prevention-et-citoyen-acteur",
        "Développer la prévention et rendre chaque citoyen acteur de sa santé",
        [
            "Mon espace santé devient le point d'entrée de chaque citoyen vers les services "
            "numériques de prévention.",
            "Un réseau d'ambassadeurs va vers les personnes éloignées du numérique pour les "
            "accompagner dans leurs premiers usages.",
            "Les services de prévention référencés respectent les exigences de sécurité et "
            "d'éthique du numérique en santé.",
        ],
    ),
    (
        "axe-2-temps-pour-les-professionnels",
        "Dégager du temps pour les professionnels de santé et améliorer la prise en charge",
        [
            "Les logiciels métiers des professionnels évoluent pour alimenter automatiquement "
            "le dossier médical partagé.",
            "Les établissements de santé sont accompagnés par le programme SUN-ES et les "
            "établissements médico-sociaux par le programme ESMS Numérique.",
        ],
    ),
    (
        "axe-3-acces-a-la-sante",
        "Améliorer l'accès à la santé des personnes et des professionnels qui les orientent",
        [
            "La télésanté est développée dans les territoires où l'accès aux soins est difficile.",
            "Les services d'orientation en ligne aident chacun à trouver le bon professionnel.",
        ],
    ),
    (
        "axe-4-cadre-propice-a-l-innovation",
        "Déployer un cadre propice aux usages et à l'innovation numérique en santé",
        [
            "La cybersécurité des établissements est renforcée par des plans d'action régionaux.",
            "L'interopérabilité devient la règle pour tout logiciel financé sur fonds publics.",
        ],
    ),
]

CONTRIBUTORS = [
    ("dr.martin@demo.esante.local", "Dr Claire Martin", StakeholderType.HEALTH_PROFESSIONAL,
     "Maison de santé de Caen", ""),
    ("editeur@demo.esante.local", "Logiciels Santé Demo", StakeholderType.INDUSTRY,
     "Éditeur de logiciels", "Éditeur de logiciels de dossier patient ; membre d'un syndicat "
     "professionnel d'éditeurs."),
    ("patient@demo.esante.local", "Jean D.", StakeholderType.CITIZEN, "", ""),
    ("chu@demo.esante.local", "DSI d'un CHU", StakeholderType.ESTABLISHMENT,
     "Centre hospitalier universitaire", "Salarié d'un établissement public de santé."),
]  # fmt: skip


def _contributors():
    users = {}
    for email, name, kind, organisation, interests in CONTRIBUTORS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "display_name": name,
                "stakeholder_type": kind,
                "organisation": organisation,
                "declaration_of_interests": interests,
                # They took part in the 2019 doctrine consultation, from its opening.
                "date_joined": datetime.datetime(2019, 9, 30, 9, 0, tzinfo=PARIS),
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        users[email.split("@")[0]] = user
    return users


def _consultation(**fields):
    consultation, created = Consultation.objects.get_or_create(
        slug=fields.pop("slug"), defaults=fields
    )
    return consultation, created


def _contribute(chapter, author, body, *, paragraph=None, parent=None, **fields):
    """Demo rows are written directly: the doctrine consultation is closed, and the services
    rightly refuse contributions to a closed consultation."""
    contribution, _ = Contribution.objects.get_or_create(
        chapter=chapter,
        author=author,
        body=body,
        defaults={
            "consultation": chapter.consultation,
            "version": chapter.current_version,
            "paragraph": paragraph,
            "parent": parent,
            "status": Contribution.Status.PUBLISHED,
            **fields,
        },
    )
    return contribution


def _react(contribution, user, value, when):
    _, created = Reaction.objects.get_or_create(
        contribution=contribution, user=user, defaults={"value": value, "created_at": when}
    )
    if created:
        counter = "agree_count" if value == Reaction.Value.AGREE else "disagree_count"
        Contribution.objects.filter(pk=contribution.pk).update(**{counter: F(counter) + 1})


def load(*, log):
    people = _contributors()
    doctrine, created = _consultation(
        slug="doctrine-technique-2019",
        title="Doctrine technique du numérique en santé — première partie",
        topic="Doctrine technique",
        introduction="Depuis le lundi 30 septembre 2019, une première partie de la doctrine "
        "technique est en ligne : sécurité des systèmes d'information, interopérabilité, MSSanté, "
        "services numériques de coordination pour les parcours de santé. Elle appelle les "
        "contributions et réactions des acteurs de l'écosystème.",
        published_on=datetime.date(2019, 9, 30),
        opens_at=datetime.datetime(2019, 9, 30, 9, 0, tzinfo=PARIS),
        closes_at=datetime.datetime(2019, 12, 15, 23, 59, tzinfo=PARIS),
        moderation_mode=Consultation.ModerationMode.A_POSTERIORI,
        charter=CHARTER,
        is_published=True,
    )
    if created:
        for number, (slug, title, summary, paragraphs) in enumerate(DOCTRINE_CHAPTERS, start=1):
            chapter = services.chapter_create(
                consultation=doctrine,
                number=number,
                title=title,
                slug=slug,
                summary=summary,
                body="\n\n".join(paragraphs),
            )
            chapter.versions.update(created_at=doctrine.opens_at)
    security = doctrine.chapters.get(slug="securite-des-systemes-d-information")
    first = security.current_version.texts.order_by("position")[1].paragraph
    c1 = _contribute(
        security,
        people["dr.martin"],
        "L'e-CPS doit fonctionner sur mobile sans lecteur de carte : c'est la condition pour "
        "que les professionnels libéraux l'adoptent.",
        paragraph=first,
        created_at=datetime.datetime(2019, 10, 3, 10, 12, tzinfo=PARIS),
    )
    _contribute(
        security,
        people["editeur"],
        "Nous confirmons : l'intégration de l'e-CPS dans nos logiciels est prévue pour 2020.",
        paragraph=first,
        parent=c1,
        created_at=datetime.datetime(2019, 10, 4, 14, 30, tzinfo=PARIS),
    )
    c2 = _contribute(
        security,
        people["chu"],
        "Un test annuel du plan de continuité est ambitieux pour les petits établissements : "
        "prévoir un accompagnement régional.",
        kind=Contribution.Kind.QUESTION,
        created_at=datetime.datetime(2019, 10, 8, 9, 0, tzinfo=PARIS),
    )
    hidden = _contribute(
        security,
        people["patient"],
        "Message publicitaire hors sujet (exemple de contribution masquée).",
        status=Contribution.Status.HIDDEN,
        moderation_reason="advertising",
        moderation_note="Promotion d'un produit commercial.",
        created_at=datetime.datetime(2019, 10, 9, 18, 0, tzinfo=PARIS),
        moderated_at=datetime.datetime(2019, 10, 10, 9, 15, tzinfo=PARIS),
    )
    _react(
        c1, people["chu"], Reaction.Value.AGREE, datetime.datetime(2019, 10, 3, 17, 5, tzinfo=PARIS)
    )
    _react(
        c1,
        people["patient"],
        Reaction.Value.AGREE,
        datetime.datetime(2019, 10, 5, 11, 40, tzinfo=PARIS),
    )
    _react(
        c2,
        people["editeur"],
        Reaction.Value.DISAGREE,
        datetime.datetime(2019, 10, 8, 15, 20, tzinfo=PARIS),
    )
    demo_results.load(
        consultation=doctrine, earlier={"ecps": c1, "pca": c2, "hidden": hidden}, log=log
    )

    reopen = settings.DEMO_ACCOUNTS
    closes_at = datetime.datetime(2023, 3, 14, 23, 59, tzinfo=PARIS)
    if reopen:
        closes_at = timezone.localtime(timezone.now() + datetime.timedelta(days=45)).replace(
            hour=23, minute=59, second=0, microsecond=0
        )
    roadmap_consultation, created = _consultation(
        slug="feuille-de-route-2023-2027",
        title="Feuille de route du numérique en santé 2023-2027",
        topic="Feuille de route",
        introduction="Les 4 axes de la feuille de route 2023-2027, présentés lors du Tour des "
        "régions, sont mis en concertation. Donnez votre avis axe par axe."
        + (
            "\n\n*Démonstration : la concertation réelle s'est close le 14 mars 2023 ; elle est "
            "rouverte ici pour essayer le portail.*"
            if reopen
            else ""
        ),
        roadmap=Roadmap.objects.filter(slug="2023-2027").first(),
        published_on=datetime.date(2022, 12, 14),
        opens_at=datetime.datetime(2022, 12, 14, 9, 0, tzinfo=PARIS),
        closes_at=closes_at,
        moderation_mode=Consultation.ModerationMode.A_POSTERIORI,
        charter=CHARTER,
        is_published=True,
    )
    if created:
        for number, (slug, title, paragraphs) in enumerate(AXES_CHAPTERS, start=1):
            chapter = services.chapter_create(
                consultation=roadmap_consultation,
                number=number,
                title=title,
                slug=slug,
                body="\n\n".join(paragraphs),
            )
            chapter.versions.update(created_at=roadmap_consultation.opens_at)
            if number == 1:
                # A second version, to show that comments keep their paragraph across edits.
                revised = [*paragraphs]
                revised[1] = revised[1].replace("va vers", "va au-devant de")
                revised.append(
                    "Les actions de prévention sont évaluées chaque année avec les associations "
                    "de patients."
                )
                services.chapter_revise(
                    chapter=chapter,
                    body="\n\n".join(revised),
                    note="Reformulation du paragraphe 2 et ajout d'un paragraphe sur l'évaluation",
                )
                chapter.versions.filter(number=2).update(
                    created_at=datetime.datetime(2023, 1, 20, 10, 0, tzinfo=PARIS)
                )
    axis1 = roadmap_consultation.chapters.get(number=1)
    texts = list(axis1.versions.get(number=1).texts.order_by("position"))
    c3 = _contribute(
        axis1,
        people["patient"],
        "Les ambassadeurs devraient aussi intervenir dans les pharmacies et les mairies.",
        paragraph=texts[1].paragraph,
        version=axis1.versions.get(number=1),
        created_at=datetime.datetime(2023, 1, 10, 19, 30, tzinfo=PARIS),
    )
    c4 = _contribute(
        axis1,
        people["dr.martin"],
        "Préciser que Mon espace santé reste facultatif pour le citoyen.",
        paragraph=texts[0].paragraph,
        kind=Contribution.Kind.REWORDING,
        proposed_text="Mon espace santé devient, pour les citoyens qui le souhaitent, le point "
        "d'entrée vers les services numériques de prévention.",
        created_at=datetime.datetime(2023, 2, 1, 8, 45, tzinfo=PARIS),
    )
    _react(
        c3,
        people["dr.martin"],
        Reaction.Value.AGREE,
        datetime.datetime(2023, 1, 11, 9, 0, tzinfo=PARIS),
    )
    _react(
        c4,
        people["patient"],
        Reaction.Value.AGREE,
        datetime.datetime(2023, 2, 2, 20, 10, tzinfo=PARIS),
    )
    _react(
        c4,
        people["editeur"],
        Reaction.Value.DISAGREE,
        datetime.datetime(2023, 2, 3, 10, 5, tzinfo=PARIS),
    )
    flagged = _contribute(
        roadmap_consultation.chapters.get(number=4),
        people["editeur"],
        "Notre solution répond déjà à toutes ces exigences de cybersécurité.",
        created_at=datetime.datetime(2023, 2, 8, 14, 0, tzinfo=PARIS),
    )
    _, created = Flag.objects.get_or_create(
        contribution=flagged,
        user=people["chu"],
        defaults={
            "reason": Flag.Reason.SPAM,
            "note": "Promotion commerciale.",
            "created_at": datetime.datetime(2023, 2, 9, 9, 30, tzinfo=PARIS),
        },
    )
    if created:
        Contribution.objects.filter(pk=flagged.pk).update(flag_count=F("flag_count") + 1)
    # Its contributions were written past the lifecycle (closed consultations): counted once.
    services.counters_refresh()
    council_demo.load(log=log)
    log(
        f"Concertation : {Consultation.objects.count()} consultations, "
        f"{Contribution.objects.count()} contributions."
    )
