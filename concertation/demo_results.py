"""What the closed 2019 doctrine consultation gave back, for the demo: a few hundred contributions
by 120 invented participants, moderation decisions, official answers in every state, decisions on
rewordings, version 2 of the security chapter and the synthesis. Loaded by concertation/demo.py.

The texts are demo text, put together from phrase banks on the topics the source press release
and the 2019 doctrine name (INS, e-CPS and Pro Santé Connect, the CI-SIS, the DMP, MSSanté,
e-prescription, coordination services); the figures in the synthesis are counted from the rows.

Deterministic: one `random.Random(2019)` draws everything, in a fixed order, and every date is
taken inside the consultation (30 September to 15 December 2019, Paris time) or after its close,
never from the clock: two fresh databases get the same contributions, answers and synthesis.

Why the rows are written here rather than through `answers_publish` and `rewording_decide`: those
services stamp `timezone.now()` (an answer of 2020 would say it was published today, and two loads
would differ), and they queue an e-mail to each author (a fresh `make run` would write hundreds of
messages to invented addresses). So this module writes, with the dates of the story, exactly the
rows the lifecycle writes (concertation.services.lifecycle): `answer_state` and `answered_at` on
each answered contribution, one "answer" log entry per answered contribution, the answer's
`published_at` and `published_by`; the moderation, edit, withdrawal and rewording entries with the
same `before`/`after` shapes. tests/concertation/test_demo.py holds it to what the services
write. Version 2 of the chapter does go through `services.chapter_revise`, the one place that
matches paragraphs so that their anchors (and the contributions on them) are kept.

The staff actor is the demo DNS account when demo accounts are enabled (development); without
them there is no DNS account to name, and the decisions are left without an actor, as they are
once a staff account has been deleted (the public signature of an answer is its `team`).
"""

import datetime
import math
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from esante.models import Region, StakeholderType, User

from . import services
from .models import (
    AnswerState,
    AnswerTemplate,
    CharterAcceptance,
    Contribution,
    Flag,
    ModerationLog,
    OfficialAnswer,
    Reaction,
    RewordingOutcome,
    Synthesis,
)
from .models.answers import DEFAULT_TEAM

PARIS = ZoneInfo("Europe/Paris")
SEED = 2019
PARTICIPANTS = 120
TOP_LEVEL = 250  # generated top-level contributions, besides the moderated ones
EMAIL = "participant-{:03d}@demo.esante.local"
EMAIL_PREFIX = "participant-"
DNS_EMAIL = "dns@demo.esante.local"
ANS_TEAM = "Agence du numérique en santé (ANS)"

S = Contribution.Status
K = Contribution.Kind
ST = StakeholderType
A = AnswerState

SECURITY = "securite-des-systemes-d-information"
INTEROPERABILITY = "interoperabilite"
MSSANTE = "messagerie-securisee-de-sante"
COORDINATION = "services-numeriques-de-coordination"


def _at(year, month, day, hour, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


# After the close: answers drafted, then published in four sessions; version 2 of the security
# chapter, the decisions on its rewordings and the synthesis on 2 March 2020.
TEMPLATES_AT = _at(2019, 12, 16, 9, 30)
DRAFTING = (_at(2019, 12, 16, 9), _at(2020, 1, 17, 18))
SESSIONS = [_at(2020, 1, 20, 10), _at(2020, 2, 3, 10), _at(2020, 2, 17, 10)]
VERSION_2_AT = _at(2020, 3, 2, 10)
VERSION_2_SESSION = _at(2020, 3, 2, 11)
REJECTIONS_AT = _at(2020, 2, 17, 15)
SYNTHESIS_AT = _at(2020, 3, 2, 14)
LATE_DRAFTS = (_at(2020, 3, 9, 9), _at(2020, 3, 20, 18))


# --- Who took part --------------------------------------------------------------------------------

FEMALE = [
    "Claire", "Sophie", "Nathalie", "Isabelle", "Camille", "Julie", "Émilie", "Sandrine", "Céline",
    "Aurélie", "Marie", "Anne", "Valérie", "Hélène", "Laure", "Pauline", "Léa", "Chloé", "Manon",
    "Sarah", "Inès", "Fatima", "Nadia", "Amina", "Élodie", "Christine", "Martine", "Françoise",
    "Agnès", "Lucie",
]  # fmt: skip
MALE = [
    "Thomas", "Nicolas", "Julien", "Sébastien", "Pierre", "Antoine", "Mathieu", "Guillaume",
    "Olivier", "Philippe", "Laurent", "Stéphane", "Karim", "Mehdi", "Youssef", "Hugo", "Lucas",
    "Louis", "Paul", "Jean", "Michel", "Alain", "Bernard", "Éric", "François", "Vincent", "Romain",
    "Maxime", "Yann", "Loïc",
]  # fmt: skip
SURNAMES = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert",
    "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin",
    "Muller", "Henry", "Roussel", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont",
    "Lopez", "Fontaine", "Chevalier", "Robin", "Le Gall", "Le Goff", "Kerboul", "Benali",
    "Haddad", "Nguyen", "Ferrand", "Barbier", "Arnaud", "Marchand", "Paoli",
]  # fmt: skip

# Regions weighted by population; the five the Tour de France de la e-santé had already visited
# when the consultation opened weigh a little more (their participants had heard of it).
REGIONS = {
    "auvergne-rhone-alpes": (80, ["Lyon", "Grenoble", "Clermont-Ferrand", "Annecy"]),
    "bourgogne-franche-comte": (36, ["Dijon", "Besançon", "Auxerre"]),
    "bretagne": (43, ["Rennes", "Brest", "Vannes", "Saint-Brieuc"]),
    "centre-val-de-loire": (26, ["Tours", "Orléans", "Bourges"]),
    "corse": (3, ["Ajaccio", "Bastia"]),
    "grand-est": (55, ["Strasbourg", "Reims", "Nancy", "Mulhouse"]),
    "hauts-de-france": (78, ["Lille", "Amiens", "Lens", "Arras"]),
    "ile-de-france": (122, ["Paris", "Créteil", "Versailles", "Saint-Denis"]),
    "normandie": (43, ["Caen", "Rouen", "Le Havre", "Cherbourg"]),
    "nouvelle-aquitaine": (60, ["Bordeaux", "Limoges", "Poitiers", "Pau"]),
    "occitanie": (77, ["Toulouse", "Montpellier", "Nîmes", "Rodez"]),
    "pays-de-la-loire": (38, ["Nantes", "Angers", "Le Mans"]),
    "provence-alpes-cote-d-azur": (50, ["Marseille", "Nice", "Avignon", "Toulon"]),
    "guadeloupe": (4, ["Pointe-à-Pitre", "Basse-Terre"]),
    "martinique": (4, ["Fort-de-France"]),
    "guyane": (3, ["Cayenne"]),
    "la-reunion": (9, ["Saint-Pierre", "Saint-Denis"]),
    "mayotte": (3, ["Mamoudzou"]),
}
TOUR_STOPS = [
    "dans les Hauts-de-France",
    "en Normandie",
    "en Bretagne",
    "en Bourgogne-Franche-Comté",
    "en Occitanie",
]

KIND_WEIGHTS = {
    ST.CITIZEN: 32,
    ST.HEALTH_PROFESSIONAL: 30,
    ST.ESTABLISHMENT: 16,
    ST.INDUSTRY: 9,
    ST.INSTITUTION: 6,
    ST.ASSOCIATION: 5,
    ST.OTHER: 2,
}
KIND_LABELS = {  # the synthesis is French content, whatever the language the command runs in
    ST.CITIZEN: "Citoyens et patients",
    ST.HEALTH_PROFESSIONAL: "Professionnels de santé",
    ST.ESTABLISHMENT: "Établissements sanitaires et médico-sociaux",
    ST.INDUSTRY: "Industriels et éditeurs",
    ST.INSTITUTION: "Institutions publiques",
    ST.ASSOCIATION: "Associations",
    ST.OTHER: "Autres",
}

# (role, feminine role, is a physician, organisations), "{city}" and "{region}" filled in.
ROLES = {
    ST.CITIZEN: [
        ("patient", "patiente", False, [""]),
        ("patient atteint d'une maladie chronique", "patiente atteinte d'une maladie chronique",
         False, [""]),
        ("aidant d'un parent âgé", "aidante d'un parent âgé", False, [""]),
        ("usager", "usagère", False, [""]),
        ("parent d'un enfant en situation de handicap", "mère d'un enfant en situation de handicap",
         False, [""]),
    ],
    ST.HEALTH_PROFESSIONAL: [
        ("médecin généraliste", "médecin généraliste", True,
         ["Maison de santé pluriprofessionnelle de {city}", "Cabinet médical, {city}",
          "Centre de santé de {city}"]),
        ("pharmacien d'officine", "pharmacienne d'officine", False,
         ["Pharmacie du Centre, {city}", "Pharmacie de la Gare, {city}"]),
        ("infirmier libéral", "infirmière libérale", False, ["Cabinet infirmier, {city}"]),
        ("masseur-kinésithérapeute", "masseuse-kinésithérapeute", False,
         ["Cabinet de kinésithérapie, {city}"]),
        ("sage-femme", "sage-femme", False, ["Cabinet de sages-femmes, {city}"]),
        ("chirurgien-dentiste", "chirurgienne-dentiste", False, ["Cabinet dentaire, {city}"]),
        ("cardiologue", "cardiologue", True, ["Centre hospitalier de {city}",
                                               "Cabinet de cardiologie, {city}"]),
        ("biologiste médical", "biologiste médicale", True,
         ["Laboratoire de biologie médicale, {city}"]),
        ("psychiatre", "psychiatre", True, ["Centre hospitalier de {city}"]),
    ],
    ST.ESTABLISHMENT: [
        ("directeur des systèmes d'information", "directrice des systèmes d'information", False,
         ["Centre hospitalier de {city}", "CHU de {city}", "Groupement hospitalier de territoire, "
          "{city}"]),
        ("responsable de la sécurité des systèmes d'information",
         "responsable de la sécurité des systèmes d'information", False,
         ["Centre hospitalier de {city}", "Clinique du Parc, {city}"]),
        ("directeur d'EHPAD", "directrice d'EHPAD", False,
         ["EHPAD Les Tilleuls, {city}", "EHPAD La Roseraie, {city}"]),
        ("cadre de santé", "cadre de santé", False,
         ["Hôpital de proximité de {city}", "Centre de soins de suite et de réadaptation, {city}"]),
        ("médecin du département d'information médicale",
         "médecin du département d'information médicale", True, ["Centre hospitalier de {city}"]),
        ("référent identitovigilance", "référente identitovigilance", False,
         ["CHU de {city}", "Centre hospitalier de {city}"]),
    ],
    ST.INDUSTRY: [
        ("éditeur de logiciels de cabinet", "éditrice de logiciels de cabinet", False,
         ["Kalisto Santé (démo)", "Opale Logiciels médicaux (démo)"]),
        ("éditeur de logiciels hospitaliers", "éditrice de logiciels hospitaliers", False,
         ["Hexaform Hôpital (démo)", "Atalante Systèmes de santé (démo)"]),
        ("opérateur de messagerie sécurisée", "opératrice de messagerie sécurisée", False,
         ["Messagerie Santé Ouest (démo)"]),
        ("fondateur d'une jeune entreprise de télésurveillance",
         "fondatrice d'une jeune entreprise de télésurveillance", False, ["Serenis Suivi (démo)"]),
        ("hébergeur de données de santé", "hébergeuse de données de santé", False,
         ["Nuage Santé Hébergement (démo)"]),
    ],
    ST.INSTITUTION: [
        ("chef de projet e-santé", "cheffe de projet e-santé", False,
         ["Groupement régional d'appui au développement de la e-santé, {region}"]),
        ("chargé de mission numérique", "chargée de mission numérique", False,
         ["ARS {region}", "Caisse primaire d'assurance maladie, {city}"]),
    ],
    ST.ASSOCIATION: [
        ("représentant des usagers", "représentante des usagers", False,
         ["Union régionale des associations agréées d'usagers, {region}"]),
        ("bénévole d'une association de patients", "bénévole d'une association de patients",
         False, ["Association de patients diabétiques de {city}", "Association d'aidants "
                 "familiaux de {city}"]),
    ],
    ST.OTHER: [
        ("étudiant en informatique médicale", "étudiante en informatique médicale", False,
         ["Université de {city}"]),
        ("chercheur en santé publique", "chercheuse en santé publique", False,
         ["Université de {city}"]),
        ("consultant en systèmes d'information de santé",
         "consultante en systèmes d'information de santé", False, [""]),
    ],
}  # fmt: skip

INTERESTS = {
    ST.ESTABLISHMENT: ("Salarié de l'établissement cité.", "Salariée de l'établissement cité."),
    ST.INDUSTRY: (
        "Salarié chez {organisation}, éditeur de solutions numériques en santé.",
        "Salariée chez {organisation}, éditeur de solutions numériques en santé.",
    ),
    ST.INSTITUTION: ("Agent public.", "Agente publique."),
}

OPENERS = {
    ST.CITIZEN: ["Je suis {role} : ", "Du point de vue des usagers, ", "Pour les patients, ", "",
                 ""],
    ST.HEALTH_PROFESSIONAL: ["Je suis {role} : ", "Sur le terrain, ", "Dans mon exercice, ",
                             "Au quotidien, ", ""],
    ST.ESTABLISHMENT: ["Je suis {role} : ", "Dans notre établissement, ",
                       "Pour un établissement comme le nôtre, ", "Côté établissements, ", ""],
    ST.INDUSTRY: ["Côté éditeurs, ", "Je suis {role} : ", "Retour d'expérience d'éditeur : ",
                  ""],
    ST.INSTITUTION: ["Je suis {role} : ", "Vu de la région, ", "Pour les acteurs régionaux, ",
                     ""],
    ST.ASSOCIATION: ["Notre association le constate : ", "Les usagers que nous représentons le "
                     "disent : ", "Je suis {role} : ", ""],
    ST.OTHER: ["Je suis {role} : ", ""],
}  # fmt: skip

NEUTRAL_OPENERS = ["Je suis {role} : ", ""]
HOME_AUDIENCE = {  # the kind of theme each kind of participant speaks of from experience
    ST.CITIZEN: "public",
    ST.ASSOCIATION: "public",
    ST.HEALTH_PROFESSIONAL: "care",
    ST.ESTABLISHMENT: "care",
    ST.INDUSTRY: "tech",
}

CLOSERS = [
    "Merci pour cette concertation.",
    "Merci d'avoir ouvert ce texte aux contributions.",
    "C'est un point essentiel pour la confiance des patients.",
    "Nous sommes prêts à partager notre retour d'expérience.",
    "Sans cela, le texte restera lettre morte sur le terrain.",
    "Bon courage pour la suite des travaux.",
]


# --- What they wrote about ------------------------------------------------------------------------


@dataclass(frozen=True)
class Theme:
    key: str
    label: str
    summary: str  # one sentence of the synthesis
    position: int | None  # the paragraph (1-based, version 1) it is about; None: the chapter
    weight: int
    audience: str  # "public", "care" or "tech": who writes about it most
    points: tuple[str, ...]
    asks: tuple[str, ...]
    questions: tuple[str, ...]
    answers: dict  # state -> argued answer; the first state is the usual one


THEMES = {
    SECURITY: [
        Theme(
            key="ecps",
            label="L'e-CPS et l'authentification des professionnels",
            summary="les professionnels demandent une e-CPS utilisable sur mobile, sans lecteur de "
            "carte, acceptée par tous les services, et un mode dégradé documenté.",
            position=2,
            weight=5,
            audience="care",
            points=(
                "L'e-CPS doit fonctionner sur smartphone sans lecteur de carte, sinon les "
                "libéraux continueront de partager des mots de passe.",
                "La carte CPS reste indispensable dans beaucoup de logiciels : "
                "l'authentification devrait être la même partout.",
                "Les remplaçants et les internes n'ont pas toujours de carte CPS à jour : ils "
                "sont exclus des services numériques.",
                "Les lecteurs de cartes tombent en panne et ne fonctionnent pas sur les postes "
                "récents sans pilote.",
                "Multiplier les moyens d'authentification dans un même cabinet fait perdre "
                "plusieurs minutes par consultation.",
            ),
            asks=(
                "Il faudrait fixer une date à partir de laquelle tout service numérique en santé "
                "accepte l'e-CPS.",
                "Prévoir un mode dégradé documenté quand le téléphone n'a pas de réseau, par "
                "exemple en zone rurale.",
                "La doctrine devrait préciser le niveau de garantie attendu pour chaque usage, "
                "plutôt qu'un seul moyen d'authentification.",
                "Un accompagnement à l'activation de l'e-CPS par les ordres et les URPS serait "
                "utile.",
            ),
            questions=(
                "L'e-CPS pourra-t-elle être utilisée par les secrétaires médicales, qui n'ont pas "
                "de carte ?",
                "Quel calendrier pour que l'e-CPS soit acceptée par tous les logiciels "
                "référencés ?",
                "Que se passe-t-il en cas de perte du téléphone sur lequel l'e-CPS est activée ?",
            ),
            answers={
                A.PARTLY: "L'e-CPS est un moyen d'identification électronique de plein droit, "
                "utilisable sur mobile sans lecteur de carte : la version 2 du chapitre le "
                "précise. La carte CPS demeure en revanche pour les usages qui exigent une "
                "signature électronique, le temps que les logiciels évoluent.",
                A.ALREADY_PLANNED: "Le déploiement de l'e-CPS auprès de tous les professionnels "
                "inscrits au RPPS est prévu en 2020, avec Pro Santé Connect ; les éditeurs "
                "seront accompagnés pour l'intégrer à leurs logiciels.",
            },
        ),
        Theme(
            key="pca",
            label="Plans de continuité et incidents dans les petites structures",
            summary="un test annuel du plan de continuité paraît hors de portée des petites "
            "structures sans l'appui d'un acteur régional.",
            position=3,
            weight=4,
            audience="care",
            points=(
                "Un test annuel du plan de continuité d'activité est hors de portée d'un EHPAD "
                "sans informaticien.",
                "La déclaration des incidents de sécurité est encore vécue comme une sanction : "
                "beaucoup d'incidents ne sont pas déclarés.",
                "Les petits établissements n'ont ni RSSI ni budget pour un exercice de crise "
                "annuel.",
                "Après l'attaque par rançongiciel subie par un hôpital voisin, nous avons mesuré "
                "l'intérêt d'un plan réellement testé.",
            ),
            asks=(
                "Il faudrait un appui régional mutualisé pour les structures de petite taille.",
                "Prévoir un modèle de plan de continuité simplifié pour le médico-social.",
                "Le délai de déclaration des incidents devrait être précisé, ainsi que le retour "
                "fait à l'établissement.",
                "Un exercice commun à plusieurs établissements d'un même territoire coûterait "
                "moins cher.",
            ),
            questions=(
                "Qui valide le test annuel du plan de continuité : l'ARS, un auditeur, "
                "l'établissement lui-même ?",
                "Le test annuel s'applique-t-il aussi aux centres de santé ?",
            ),
            answers={
                A.TAKEN: "Le paragraphe sur les plans de continuité est complété dans la version "
                "2 du chapitre : les plus petites structures pourront s'appuyer sur leur "
                "groupement régional d'appui au développement de la e-santé pour tester leur "
                "plan. La déclaration des incidents reste obligatoire ; elle ouvre droit à "
                "l'appui du CERT Santé.",
                A.PARTLY: "Nous retenons le besoin d'un appui mutualisé pour les petites "
                "structures (version 2 du chapitre). Le rythme d'un test annuel est en revanche "
                "maintenu : c'est le minimum pour qu'un plan reste opérationnel.",
            },
        ),
        Theme(
            key="ins",
            label="L'identifiant national de santé (INS)",
            summary="l'INS est attendu comme une garantie de sécurité des soins, à condition d'un "
            "guide d'implémentation et d'une formation des équipes d'accueil.",
            position=4,
            weight=5,
            audience="care",
            points=(
                "Sans INS fiable, les documents partagés se retrouvent dans le mauvais dossier : "
                "c'est un risque pour la sécurité des patients.",
                "L'appel au téléservice INSi à chaque admission ralentit l'accueil quand la "
                "carte Vitale n'est pas présentée.",
                "Les patients nés à l'étranger ont souvent des traits d'identité incomplets qui "
                "empêchent de qualifier l'INS.",
                "Les doublons d'identité sont la première cause d'erreur dans notre dossier "
                "patient informatisé.",
            ),
            asks=(
                "Le guide d'implémentation de l'INS devrait être publié avant l'obligation, avec "
                "des cas pratiques pour les services d'accueil.",
                "Il faut former les agents d'accueil à l'identitovigilance, pas seulement équiper "
                "les logiciels.",
                "La doctrine pourrait rappeler que l'INS ne remplace pas le numéro de sécurité "
                "sociale dans les échanges avec l'assurance maladie.",
            ),
            questions=(
                "À partir de quelle date l'INS sera-t-il obligatoire dans les documents échangés ?",
                "Que faire lorsque le téléservice INSi est indisponible au moment de l'admission ?",
                "L'INS sera-t-il utilisable pour les enfants mineurs ?",
            ),
            answers={
                A.ALREADY_PLANNED: "Le référencement des documents de santé avec l'INS devient "
                "obligatoire au 1er janvier 2021 ; le référentiel INS et son guide "
                "d'implémentation, avec des fiches pratiques d'identitovigilance, sont publiés "
                "au premier semestre 2020.",
                A.TAKEN: "Nous ajoutons au guide d'implémentation une procédure pour "
                "l'indisponibilité du téléservice INSi : l'identité reste provisoire et elle est "
                "qualifiée dès que le service répond.",
            },
        ),
        Theme(
            key="psc",
            label="Pro Santé Connect",
            summary="Pro Santé Connect est bien accueilli ; éditeurs et régions demandent une "
            "documentation, un environnement de test et des engagements de disponibilité.",
            position=5,
            weight=3,
            audience="tech",
            points=(
                "Pro Santé Connect est une bonne idée : une seule connexion pour tous les "
                "services, c'est ce que demandent les professionnels.",
                "Les éditeurs ont besoin d'un environnement de test ouvert pour intégrer Pro "
                "Santé Connect.",
                "Les services régionaux ont déjà leurs propres annuaires : la bascule vers Pro "
                "Santé Connect doit être progressive.",
            ),
            asks=(
                "Publier la documentation technique de Pro Santé Connect et son calendrier "
                "d'ouverture.",
                "Garantir une disponibilité du service compatible avec la continuité des soins.",
                "Prévoir la connexion des étudiants en santé et des internes.",
            ),
            questions=(
                "Pro Santé Connect sera-t-il obligatoire pour les services financés par les ARS ?",
                "Quel engagement de disponibilité pour Pro Santé Connect ?",
            ),
            answers={
                A.TAKEN: "La documentation de Pro Santé Connect et un environnement de test pour "
                "les éditeurs sont publiés ; les engagements de disponibilité du service seront "
                "rendus publics.",
                A.ALREADY_PLANNED: "L'ouverture de Pro Santé Connect est prévue en 2020 ; les "
                "services numériques financés sur fonds publics devront s'y raccorder selon un "
                "calendrier fixé avec les éditeurs.",
            },
        ),
        Theme(
            key="hds",
            label="Hébergement des données de santé",
            summary="les patients s'interrogent sur le lieu d'hébergement de leurs données, les "
            "jeunes entreprises sur le coût de la certification HDS.",
            position=6,
            weight=2,
            audience="public",
            points=(
                "La certification HDS coûte cher pour les jeunes entreprises.",
                "Beaucoup d'établissements ne savent pas si leur prestataire de sauvegarde est "
                "certifié.",
                "Des patients s'inquiètent d'un hébergement de leurs données hors de l'Union "
                "européenne.",
            ),
            asks=(
                "La doctrine devrait imposer un hébergement des données en France.",
                "Publier la liste à jour des hébergeurs certifiés, avec le périmètre de chaque "
                "certificat.",
                "Prévoir une exemption de certification pour les prototypes et les "
                "expérimentations.",
            ),
            questions=(
                "Un cabinet qui sauvegarde ses dossiers dans un service en ligne doit-il choisir "
                "un hébergeur certifié ?",
            ),
            answers={
                A.NOT_RETAINED: "Une exemption de certification pour les prototypes n'est pas "
                "retenue : dès qu'un service héberge les données de santé de vrais patients, le "
                "cadre de l'hébergement de données de santé s'applique. La liste des hébergeurs "
                "certifiés et le périmètre de chaque certificat sont déjà publics.",
                A.PARTLY: "La liste des hébergeurs certifiés et de leur périmètre sera rendue "
                "plus lisible ; imposer un hébergement exclusivement en France relève de la loi, "
                "pas de la doctrine technique.",
            },
        ),
        Theme(
            key="financement-securite",
            label="Financement de la cybersécurité",
            summary="plusieurs établissements rappellent que les exigences de sécurité supposent "
            "des moyens humains et financiers.",
            position=None,
            weight=2,
            audience="care",
            points=(
                "Les exigences de sécurité sont légitimes, mais personne ne finance les postes de "
                "RSSI dans les hôpitaux de proximité.",
                "Les logiciels anciens ne sont plus mis à jour et leur remplacement n'est pas "
                "budgété.",
            ),
            asks=(
                "Il faudrait un plan de financement pluriannuel de la cybersécurité des "
                "établissements.",
                "Augmenter la dotation des établissements pour recruter des profils de sécurité.",
            ),
            questions=("Des crédits sont-ils prévus pour mettre en œuvre ces exigences ?",),
            answers={
                A.OUT_OF_SCOPE: "Le financement des établissements ne relève pas de la doctrine "
                "technique, qui décrit le cadre cible ; votre contribution est transmise à la "
                "direction générale de l'offre de soins.",
                A.ALREADY_PLANNED: "Un programme de renforcement de la cybersécurité des "
                "établissements, avec des financements dédiés, est en préparation dans le cadre "
                "de la feuille de route #MaSanté2022.",
            },
        ),
    ],
    INTEROPERABILITY: [
        Theme(
            key="ci-sis",
            label="Le CI-SIS et les standards",
            summary="les éditeurs demandent une feuille de route du CI-SIS, HL7 FHIR pour les "
            "nouveaux échanges et des tests de conformité ouverts.",
            position=2,
            weight=5,
            audience="tech",
            points=(
                "Le CI-SIS doit s'appuyer sur HL7 FHIR pour les nouveaux volets, comme le font "
                "d'autres pays européens.",
                "Les volets du CI-SIS évoluent trop souvent pour des éditeurs qui livrent une "
                "version par an.",
                "Les profils IHE sont bien connus des éditeurs hospitaliers, beaucoup moins des "
                "éditeurs de logiciels de ville.",
                "Sans jeux de test publics, chaque éditeur interprète les spécifications à sa "
                "façon.",
            ),
            asks=(
                "Publier une feuille de route des évolutions du CI-SIS à deux ans.",
                "Mettre à disposition un espace de test de conformité en ligne et gratuit.",
                "Associer les éditeurs et les utilisateurs à la rédaction des volets, dans des "
                "groupes ouverts.",
            ),
            questions=(
                "Le CI-SIS imposera-t-il FHIR pour tous les nouveaux échanges ?",
                "Comment un éditeur prouve-t-il la conformité de son logiciel au CI-SIS ?",
            ),
            answers={
                A.PARTLY: "Les nouveaux volets du CI-SIS privilégient HL7 FHIR et une feuille de "
                "route à deux ans est publiée. Les volets existants, fondés sur CDA, restent en "
                "vigueur tant qu'ils sont utilisés.",
                A.TAKEN: "Un espace de test de conformité au CI-SIS, gratuit et en ligne, est mis "
                "à la disposition des éditeurs ; ses jeux de test sont publics.",
            },
        ),
        Theme(
            key="ressaisie",
            label="La fin de la ressaisie",
            summary="la ressaisie des comptes rendus et des résultats reçus en PDF est vécue "
            "comme du temps médical perdu et une source d'erreurs.",
            position=1,
            weight=4,
            audience="care",
            points=(
                "Nous ressaisissons encore les résultats de biologie reçus en PDF : c'est du "
                "temps médical perdu.",
                "La ressaisie entre le logiciel de l'hôpital et celui du cabinet est une source "
                "d'erreurs de traitement.",
                "Les patients répètent leurs antécédents à chaque professionnel alors que les "
                "données existent quelque part.",
                "Les données structurées sont rares : la plupart des documents échangés restent "
                "des PDF.",
            ),
            asks=(
                "Il faut exiger des documents structurés, et pas seulement des PDF, pour les "
                "comptes rendus de biologie.",
                "Fixer une échéance après laquelle un logiciel qui ne sait pas importer ces "
                "documents n'est plus référencé.",
                "Rendre prioritaire la structuration de la synthèse médicale et du traitement en "
                "cours.",
            ),
            questions=("Quels documents devront être structurés en priorité ?",),
            answers={
                A.ALREADY_PLANNED: "La structuration des comptes rendus de biologie et de la "
                "lettre de liaison fait partie des premiers volets à rendre obligatoires ; le "
                "calendrier sera fixé avec les éditeurs dans le cadre du référencement.",
                A.PARTLY: "La priorité donnée aux comptes rendus de biologie est retenue ; "
                "retirer le référencement d'un logiciel qui n'importe pas ces documents sera "
                "examiné avec les éditeurs, après une période de transition.",
            },
        ),
        Theme(
            key="referencement",
            label="Le référencement des logiciels",
            summary="un catalogue public des logiciels conformes est attendu, sans devenir une "
            "barrière pour les jeunes éditeurs.",
            position=3,
            weight=3,
            audience="tech",
            points=(
                "Un catalogue public des logiciels conformes aiderait les petits établissements à "
                "choisir.",
                "Le référencement ne doit pas devenir une barrière à l'entrée pour les jeunes "
                "éditeurs.",
                "Un logiciel devrait être référencé version par version, car la conformité se "
                "perd d'une mise à jour à l'autre.",
            ),
            asks=(
                "Publier les critères de référencement et les résultats des tests de chaque "
                "logiciel.",
                "Prévoir un référencement allégé pour les logiciels innovants.",
                "Lier le référencement au financement public des équipements des établissements.",
            ),
            questions=("Le référencement sera-t-il payant pour les éditeurs ?",),
            answers={
                A.TAKEN: "Les critères de référencement et la liste des logiciels référencés, "
                "version par version, seront publics ; le référencement reste gratuit pour les "
                "éditeurs.",
                A.NOT_RETAINED: "Un référencement allégé pour certains logiciels n'est pas "
                "retenu : les exigences d'interopérabilité et de sécurité protègent les patients "
                "quelle que soit la taille de l'éditeur.",
            },
        ),
        Theme(
            key="dmp",
            label="L'alimentation du DMP",
            summary="le DMP n'a de sens que s'il est alimenté automatiquement et que le patient "
            "sait ce qu'il contient.",
            position=4,
            weight=5,
            audience="public",
            points=(
                "Le DMP n'est utile que s'il est alimenté automatiquement ; l'envoi document par "
                "document décourage les médecins.",
                "Beaucoup de patients ignorent qu'ils ont un DMP et ce qu'il contient.",
                "Les comptes rendus d'hospitalisation arrivent dans le DMP plusieurs semaines "
                "après la sortie.",
                "L'accès du patient à son DMP doit rester simple, sur téléphone comme sur "
                "ordinateur.",
            ),
            asks=(
                "Rendre l'alimentation du DMP automatique dès la validation d'un document.",
                "Informer le patient de chaque nouveau document déposé.",
                "Permettre au patient de masquer un document à certains professionnels, sans "
                "compliquer l'accès.",
            ),
            questions=(
                "Les résultats de biologie seront-ils versés automatiquement au DMP ?",
                "Le patient sera-t-il prévenu quand un document est ajouté à son DMP ?",
            ),
            answers={
                A.ALREADY_PLANNED: "L'alimentation automatique du DMP par les logiciels des "
                "établissements et des laboratoires est prévue par la feuille de route "
                "#MaSanté2022 ; le DMP rejoindra l'espace numérique de santé du citoyen, qui le "
                "préviendra des nouveaux documents.",
                A.PARTLY: "L'information du patient à chaque nouveau document est retenue. Le "
                "masquage d'un document reste possible, tel qu'il existe aujourd'hui.",
            },
        ),
        Theme(
            key="e-prescription",
            label="La e-prescription",
            summary="la e-prescription est attendue pour la sécurité de la délivrance, avec un "
            "mode dégradé en officine et une extension aux auxiliaires médicaux.",
            position=5,
            weight=4,
            audience="public",
            points=(
                "La e-prescription supprimera les erreurs de lecture des ordonnances manuscrites.",
                "Les pharmaciens doivent pouvoir délivrer même quand la base des prescriptions ne "
                "répond pas.",
                "Les infirmiers et les kinésithérapeutes reçoivent aussi des prescriptions : ils "
                "doivent être inclus dès le départ.",
                "L'ordonnance papier reste nécessaire pour les patients qui n'ont pas de "
                "smartphone.",
            ),
            asks=(
                "Prévoir un mode dégradé en officine avec le code de l'ordonnance imprimé.",
                "Étendre la e-prescription aux actes infirmiers et de kinésithérapie.",
                "Garantir au patient le libre choix de sa pharmacie, sans orientation par le "
                "logiciel.",
            ),
            questions=(
                "Le patient recevra-t-il toujours une ordonnance papier ?",
                "Quand la e-prescription sera-t-elle généralisée aux médecins libéraux ?",
            ),
            answers={
                A.ALREADY_PLANNED: "La e-prescription est expérimentée dans trois départements "
                "avant sa généralisation ; le patient garde une ordonnance, papier ou numérique, "
                "avec un identifiant unique, et le libre choix de son pharmacien. Les "
                "prescriptions aux auxiliaires médicaux sont prévues dans une seconde étape.",
                A.PARTLY: "Le mode dégradé en officine est retenu dans les spécifications ; "
                "l'extension aux auxiliaires médicaux viendra après la généralisation aux "
                "médicaments.",
            },
        ),
        Theme(
            key="terminologies",
            label="Les terminologies de référence",
            summary="les éditeurs demandent des terminologies de référence gratuites et "
            "accessibles par API.",
            position=6,
            weight=2,
            audience="tech",
            points=(
                "Les terminologies comme LOINC sont indispensables pour structurer les données.",
                "La licence de certaines terminologies est un frein pour les petits éditeurs.",
                "Les traductions françaises des terminologies ne sont pas toujours disponibles.",
            ),
            asks=(
                "Publier les terminologies dans un serveur de terminologies accessible par API.",
                "Prendre en charge au niveau national les licences des terminologies.",
            ),
            questions=("La France va-t-elle adhérer à SNOMED CT ?",),
            answers={
                A.TAKEN: "Les terminologies de référence seront diffusées gratuitement par un "
                "serveur national de terminologies, accessible par API.",
            },
        ),
        Theme(
            key="prix-des-interfaces",
            label="Le prix des interfaces",
            summary="le coût des connecteurs facturés par les éditeurs est cité comme un frein à "
            "l'interopérabilité.",
            position=None,
            weight=2,
            audience="tech",
            points=(
                "Certains éditeurs facturent chaque interface plusieurs milliers d'euros : c'est "
                "le vrai frein à l'interopérabilité.",
                "Les établissements payent deux fois : le logiciel, puis le connecteur qui le "
                "rend interopérable.",
            ),
            asks=(
                "Encadrer les prix des connecteurs d'interopérabilité.",
                "Interdire la facturation des mises à jour réglementaires.",
            ),
            questions=("L'État compte-t-il encadrer le prix des connecteurs ?",),
            answers={
                A.OUT_OF_SCOPE: "Les relations commerciales entre éditeurs et clients ne "
                "relèvent pas de la doctrine technique ; cette remarque est transmise aux "
                "travaux sur le financement des systèmes d'information de santé.",
                A.NOT_RETAINED: "Interdire la facturation des mises à jour n'est pas du ressort "
                "de la doctrine, qui fixe les exigences techniques et non les prix.",
            },
        ),
    ],
    MSSANTE: [
        Theme(
            key="integration-mssante",
            label="MSSanté dans les logiciels métiers",
            summary="MSSanté ne remplacera le fax et les messageries personnelles que si elle est "
            "intégrée aux logiciels métiers.",
            position=1,
            weight=5,
            audience="care",
            points=(
                "Tant que la messagerie sécurisée n'est pas intégrée au logiciel de cabinet, les "
                "médecins continuent d'utiliser le fax ou leur messagerie personnelle.",
                "Devoir ouvrir un webmail à part pour lire ses messages MSSanté décourage les "
                "professionnels.",
                "Les pièces jointes reçues par MSSanté devraient être rangées automatiquement "
                "dans le dossier du bon patient.",
                "Les kinésithérapeutes et les infirmiers libéraux sont encore peu équipés.",
            ),
            asks=(
                "Rendre l'intégration de MSSanté obligatoire pour le référencement des logiciels "
                "de cabinet.",
                "Fixer un format de message qui permette le rattachement automatique au dossier "
                "du patient.",
                "Accompagner l'équipement des paramédicaux libéraux.",
            ),
            questions=(
                "Le rattachement automatique des documents reçus au dossier du patient sera-t-il "
                "exigé des logiciels ?",
                "MSSanté remplacera-t-elle le fax dans les établissements ?",
            ),
            answers={
                A.TAKEN: "L'intégration de MSSanté aux logiciels métiers, avec le rattachement "
                "automatique des documents reçus au dossier du patient grâce à l'INS, devient un "
                "critère du référencement.",
                A.ALREADY_PLANNED: "L'équipement des professionnels libéraux, paramédicaux "
                "compris, en messagerie intégrée à leur logiciel est un objectif de la feuille "
                "de route #MaSanté2022 pour 2020.",
            },
        ),
        Theme(
            key="sortie",
            label="Les documents de sortie",
            summary="la lettre de liaison arrive trop tard et pas toujours aux bons destinataires "
            "(médecin traitant, pharmacien, EHPAD).",
            position=2,
            weight=4,
            audience="care",
            points=(
                "Le médecin traitant reçoit la lettre de liaison plusieurs jours après la sortie : "
                "le patient arrive parfois au cabinet avant elle.",
                "Les établissements envoient les comptes rendus au médecin adresseur, pas "
                "toujours au médecin traitant.",
                "Le pharmacien d'officine aurait besoin du traitement de sortie le jour même.",
                "Les EHPAD reçoivent rarement les documents de sortie de leurs résidents.",
            ),
            asks=(
                "Envoyer la lettre de liaison le jour de la sortie, au médecin traitant et au "
                "pharmacien désigné par le patient.",
                "Prévoir une copie pour le patient dans son espace numérique de santé.",
                "Inclure les EHPAD et les services de soins infirmiers à domicile dans les "
                "destinataires.",
            ),
            questions=(
                "Le pharmacien du patient fera-t-il partie des destinataires de la lettre de "
                "liaison ?",
            ),
            answers={
                A.PARTLY: "La doctrine demandera l'envoi de la lettre de liaison le jour de la "
                "sortie au médecin traitant et, avec l'accord du patient, aux autres "
                "professionnels qui le suivent. La copie au patient dépend de l'ouverture de "
                "l'espace numérique de santé.",
                A.TAKEN: "Les établissements médico-sociaux et les services de soins infirmiers "
                "à domicile sont ajoutés aux destinataires des documents de sortie.",
            },
        ),
        Theme(
            key="annuaire",
            label="L'espace de confiance et l'annuaire",
            summary="l'annuaire national doit être complet et ouvert aux boîtes de service des "
            "établissements.",
            position=3,
            weight=3,
            audience="tech",
            points=(
                "L'annuaire national ne contient pas toujours l'adresse MSSanté des confrères : "
                "on ne sait pas à qui écrire.",
                "Certains opérateurs de messagerie hors de l'espace de confiance sont encore "
                "utilisés par des établissements.",
                "Les adresses de service (secrétariat, équipe) sont plus utiles que les adresses "
                "nominatives dans les établissements.",
            ),
            asks=(
                "Publier chaque adresse MSSanté dans l'annuaire dès sa création.",
                "Prévoir des boîtes organisationnelles pour les services hospitaliers.",
                "Ouvrir l'annuaire aux logiciels par une interface de programmation.",
            ),
            questions=("Les secrétariats médicaux pourront-ils avoir une adresse MSSanté ?",),
            answers={
                A.ALREADY_PLANNED: "Les boîtes aux lettres organisationnelles (services, "
                "secrétariats) et l'interrogation de l'annuaire national par les logiciels sont "
                "prévues dans la prochaine version du référentiel MSSanté.",
                A.NOT_RETAINED: "Les opérateurs hors de l'espace de confiance ne seront pas "
                "tolérés : c'est la garantie que chaque message reste entre professionnels "
                "identifiés.",
            },
        ),
        Theme(
            key="messagerie-citoyenne",
            label="Écrire à ses professionnels de santé",
            summary="les patients souhaitent échanger de façon sécurisée avec leurs soignants, qui "
            "craignent d'être submergés de messages.",
            position=4,
            weight=4,
            audience="public",
            points=(
                "Pouvoir écrire à son médecin de façon sécurisée éviterait les courriels non "
                "protégés et les SMS.",
                "Les professionnels craignent d'être submergés de messages de patients.",
                "Les personnes âgées et éloignées du numérique ne doivent pas être laissées de "
                "côté.",
                "Les résultats d'examens devraient arriver dans la messagerie du patient.",
            ),
            asks=(
                "Laisser le professionnel libre d'ouvrir ou non les échanges à l'initiative du "
                "patient.",
                "Prévoir une messagerie accessible aux personnes malvoyantes.",
                "Garder un canal papier pour celles et ceux qui le souhaitent.",
            ),
            questions=(
                "Le patient pourra-t-il écrire en premier à son médecin ?",
                "Les messages seront-ils conservés dans l'espace numérique de santé ?",
            ),
            answers={
                A.ALREADY_PLANNED: "La messagerie sécurisée du citoyen fait partie de l'espace "
                "numérique de santé prévu par la loi du 24 juillet 2019 ; les échanges seront à "
                "l'initiative du professionnel, et les messages conservés dans l'espace du "
                "patient.",
                A.PARTLY: "L'accessibilité de la messagerie aux personnes en situation de "
                "handicap est une exigence retenue ; l'ouverture des échanges à l'initiative du "
                "patient reste à l'étude avec les représentants des professionnels.",
            },
        ),
        Theme(
            key="fax",
            label="La fin du fax et des messageries non sécurisées",
            summary="la fin du fax inquiète les cabinets qui n'ont pas d'autre moyen de joindre "
            "certains services.",
            position=None,
            weight=2,
            audience="care",
            points=(
                "Le fax reste le seul moyen de joindre certains services d'urgence.",
                "Interdire du jour au lendemain les messageries non sécurisées paralyserait les "
                "petits cabinets.",
            ),
            asks=(
                "Fixer une date de fin d'usage du fax dans les établissements.",
                "Tolérer les messageries grand public chiffrées pendant une période de transition.",
            ),
            questions=("Une date de fin du fax est-elle prévue ?",),
            answers={
                A.NOT_RETAINED: "Tolérer les messageries grand public pour des données de santé "
                "n'est pas retenu : elles n'offrent ni l'identification des professionnels ni la "
                "traçabilité exigées. L'accompagnement vers MSSanté est la voie proposée.",
                A.OUT_OF_SCOPE: "Les équipements téléphoniques des services d'urgence ne "
                "relèvent pas de la doctrine technique ; la question est transmise à la "
                "direction générale de l'offre de soins.",
            },
        ),
    ],
    COORDINATION: [
        Theme(
            key="parcours",
            label="La coordination des parcours complexes",
            summary="les services de coordination doivent associer le social, le médico-social, le "
            "patient et ses aidants, et éviter toute double saisie.",
            position=1,
            weight=4,
            audience="public",
            points=(
                "Pour un patient âgé polypathologique, nous sommes parfois dix intervenants sans "
                "outil commun.",
                "Les outils de coordination sont utiles s'ils évitent les appels téléphoniques, "
                "pas s'ils ajoutent une saisie.",
                "Les aidants devraient avoir accès au plan de soins de leur proche.",
                "Les travailleurs sociaux font partie du parcours mais n'ont pas accès aux outils.",
            ),
            asks=(
                "Ouvrir les services de coordination aux professionnels du social et du "
                "médico-social.",
                "Donner au patient et à son aidant un accès en lecture à son plan personnalisé.",
                "Mesurer le temps gagné par les professionnels, pas seulement le nombre de "
                "comptes créés.",
            ),
            questions=("Les aidants auront-ils accès au plan de soins ?",),
            answers={
                A.TAKEN: "Les services numériques de coordination seront ouverts aux "
                "professionnels du social et du médico-social qui interviennent dans le parcours, "
                "avec des droits adaptés à leur rôle ; l'accès du patient à son plan "
                "personnalisé est inscrit dans les exigences.",
                A.PARTLY: "L'ouverture aux professionnels du social est retenue ; l'accès des "
                "aidants se fera avec l'accord du patient, selon des modalités encore à définir.",
            },
        ),
        Theme(
            key="deploiement-regional",
            label="Le déploiement régional",
            summary="chaque région a choisi ses outils : les participants demandent les mêmes "
            "exigences d'interopérabilité partout et des chiffres d'usage publics.",
            position=2,
            weight=4,
            audience="care",
            points=(
                "Chaque région a choisi un outil différent : un patient suivi dans deux régions "
                "doit changer d'outil.",
                "Le groupement régional de notre région accompagne bien les équipes, mais manque "
                "de moyens sur le terrain.",
                "Les outils régionaux doivent communiquer avec les logiciels de ville, sinon "
                "personne ne les utilise.",
                "Les professionnels ont besoin de formation sur place, pas seulement de "
                "tutoriels en ligne.",
            ),
            asks=(
                "Imposer aux outils régionaux les mêmes exigences d'interopérabilité qu'aux "
                "logiciels de ville.",
                "Mutualiser les développements entre régions.",
                "Publier un tableau de bord régional de l'usage.",
            ),
            questions=(
                "Que deviennent les outils régionaux existants quand un programme national "
                "démarre ?",
                "Les ARS publieront-elles les chiffres d'usage de ces outils ?",
            ),
            answers={
                A.PARTLY: "Les outils régionaux seront soumis aux exigences d'interopérabilité du "
                "CI-SIS, et des indicateurs d'usage seront publiés par région. Le choix de "
                "l'outil reste en revanche régional, pour s'adapter à l'organisation des "
                "territoires.",
                A.ALREADY_PLANNED: "Le programme e-parcours, lancé en 2019, finance le "
                "déploiement de ces services dans chaque région avec des indicateurs d'usage ; "
                "les outils retenus doivent respecter le CI-SIS.",
            },
        ),
        Theme(
            key="socle-commun",
            label="Le socle commun",
            summary="le socle commun (INS, Pro Santé Connect, MSSanté, DMP) est approuvé, avec une "
            "demande de clarifier ce qui va au DMP et ce qui reste dans l'outil de coordination.",
            position=3,
            weight=3,
            audience="tech",
            points=(
                "Le socle commun est la bonne approche : chaque outil régional ne doit pas "
                "réinventer l'identification.",
                "Le DMP et les outils de coordination doivent se compléter, pas se concurrencer.",
                "Sans INS, le rapprochement des dossiers entre outils restera manuel.",
            ),
            asks=(
                "Préciser ce qui va dans le DMP et ce qui reste dans l'outil de coordination.",
                "Conditionner les financements régionaux au respect du socle commun.",
            ),
            questions=("Un document déposé dans l'outil de coordination sera-t-il versé au DMP ?",),
            answers={
                A.TAKEN: "La doctrine précisera la répartition : les documents de synthèse vont "
                "au DMP, l'outil de coordination porte l'organisation du parcours (agenda, "
                "tâches, plan personnalisé de soins). Les financements régionaux sont "
                "conditionnés au respect du socle commun.",
            },
        ),
        Theme(
            key="cpts",
            label="CPTS et dispositifs d'appui à la coordination",
            summary="les CPTS qui se créent ont besoin d'outils prêts à l'emploi.",
            position=4,
            weight=3,
            audience="care",
            points=(
                "Les CPTS se créent vite ; elles ont besoin d'outils prêts à l'emploi.",
                "Les dispositifs d'appui à la coordination sont en cours de regroupement : les "
                "outils doivent suivre.",
                "Le plan personnalisé de soins reste souvent un document papier.",
            ),
            asks=(
                "Proposer aux CPTS un bouquet de services régionaux dès leur création.",
                "Financer le temps de coordination, pas seulement l'outil.",
            ),
            questions=("Les CPTS pourront-elles choisir leur propre outil de coordination ?",),
            answers={
                A.ALREADY_PLANNED: "Les CPTS et les dispositifs d'appui à la coordination, "
                "unifiés par la loi du 24 juillet 2019, disposeront des services régionaux du "
                "programme e-parcours.",
            },
        ),
        Theme(
            key="remuneration-coordination",
            label="La rémunération du temps de coordination",
            summary="sans rémunération du temps de coordination, les outils resteront vides.",
            position=None,
            weight=2,
            audience="care",
            points=(
                "Le temps passé à coordonner n'est pas rémunéré pour les libéraux.",
                "Sans financement du temps de coordination, l'outil restera vide.",
            ),
            asks=("Créer un acte de coordination dans la nomenclature.",),
            questions=("Le temps de coordination sera-t-il rémunéré ?",),
            answers={
                A.OUT_OF_SCOPE: "La rémunération de la coordination relève des négociations "
                "conventionnelles avec l'assurance maladie, pas de la doctrine technique ; votre "
                "contribution leur est transmise.",
            },
        ),
    ],
}
CHAPTER_WEIGHTS = {SECURITY: 30, INTEROPERABILITY: 30, MSSANTE: 22, COORDINATION: 18}
AUDIENCE = {  # how much more (or less) each kind of participant writes on a kind of theme
    ST.CITIZEN: {"public": 5, "care": 1, "tech": 0.2},
    ST.ASSOCIATION: {"public": 5, "care": 1.5, "tech": 0.2},
    ST.HEALTH_PROFESSIONAL: {"public": 1, "care": 3, "tech": 0.6},
    ST.ESTABLISHMENT: {"public": 0.7, "care": 2, "tech": 1.5},
    ST.INDUSTRY: {"public": 0.5, "care": 0.7, "tech": 4},
    ST.INSTITUTION: {"public": 1, "care": 1, "tech": 1},
    ST.OTHER: {"public": 1, "care": 1, "tech": 1},
}

# Rewordings proposed on the paragraphs of version 1, light edits of the text they replace.
REWORDINGS = {
    "La sécurité des systèmes d'information de santé est une condition de la confiance des "
    "patients et des professionnels dans les services numériques.": [
        "La sécurité des systèmes d'information de santé est une condition de la confiance des "
        "patients, des aidants et des professionnels dans les services numériques.",
        "La sécurité des systèmes d'information de santé est la première condition de la "
        "confiance des patients et des professionnels dans les services numériques en santé.",
    ],
    "Tout service numérique en santé identifie ses utilisateurs de façon fiable : les "
    "professionnels par l'e-carte de professionnel de santé (e-CPS), les usagers par des moyens "
    "d'identification électronique adaptés.": [
        "Tout service numérique en santé identifie ses utilisateurs de façon fiable : les "
        "professionnels par l'e-carte de professionnel de santé (e-CPS) ou tout moyen de niveau "
        "équivalent, les usagers par des moyens d'identification électronique adaptés.",
    ],
    "Les établissements déclarent leurs incidents de sécurité et disposent d'un plan de "
    "continuité d'activité testé au moins une fois par an.": [
        "Les établissements déclarent sans délai leurs incidents de sécurité et disposent d'un "
        "plan de continuité d'activité testé au moins une fois tous les deux ans.",
    ],
    "Chaque patient est identifié par son identifiant national de santé (INS), obtenu auprès du "
    "téléservice INSi et repris dans tous les documents de santé échangés ou partagés.": [
        "Chaque patient est identifié par son identifiant national de santé (INS), obtenu auprès "
        "du téléservice INSi, vérifié sur une pièce d'identité et repris dans tous les documents "
        "de santé échangés ou partagés.",
    ],
    "Pro Santé Connect permet aux professionnels de se connecter aux services numériques en "
    "santé avec leur carte CPS ou leur e-CPS, sans identifiant ni mot de passe propre à chaque "
    "service.": [
        "Pro Santé Connect permet aux professionnels et aux étudiants en santé de se connecter "
        "aux services numériques en santé avec leur carte CPS ou leur e-CPS, sans identifiant ni "
        "mot de passe propre à chaque service.",
    ],
    "Les données de santé à caractère personnel sont hébergées chez un hébergeur certifié pour "
    "l'hébergement de données de santé (HDS).": [
        "Les données de santé à caractère personnel sont hébergées en France chez un hébergeur "
        "certifié pour l'hébergement de données de santé (HDS).",
    ],
    "L'interopérabilité permet aux logiciels des professionnels et des établissements "
    "d'échanger des données de santé sans ressaisie.": [
        "L'interopérabilité permet aux logiciels des professionnels, des établissements et des "
        "patients d'échanger et de partager des données de santé structurées, sans ressaisie.",
        "L'interopérabilité permet aux logiciels des professionnels et des établissements "
        "d'échanger des données de santé structurées, sans ressaisie ni perte de sens.",
    ],
    "Le cadre d'interopérabilité des systèmes d'information de santé (CI-SIS) fixe les "
    "standards à utiliser ; il s'appuie sur les standards internationaux.": [
        "Le cadre d'interopérabilité des systèmes d'information de santé (CI-SIS) fixe les "
        "standards à utiliser ; il s'appuie sur les standards internationaux, en priorité HL7 "
        "FHIR pour les nouveaux échanges.",
        "Le cadre d'interopérabilité des systèmes d'information de santé (CI-SIS) fixe les "
        "standards à utiliser et publie sa feuille de route ; il s'appuie sur les standards "
        "internationaux.",
    ],
    "Les éditeurs qui respectent ces référentiels sont référencés dans un catalogue public.": [
        "Les éditeurs dont les logiciels respectent ces référentiels sont référencés, version "
        "par version, dans un catalogue public.",
    ],
    "Les logiciels métiers alimentent le dossier médical partagé (DMP) des patients avec les "
    "documents produits lors de la prise en charge, au format du CI-SIS.": [
        "Les logiciels métiers alimentent automatiquement le dossier médical partagé (DMP) des "
        "patients avec les documents produits lors de la prise en charge, au format du CI-SIS.",
    ],
    "La e-prescription dématérialise la prescription, de son émission par le prescripteur à sa "
    "délivrance par le pharmacien, grâce à un identifiant unique de prescription.": [
        "La e-prescription dématérialise la prescription, de son émission par le prescripteur à "
        "son exécution par le pharmacien ou l'auxiliaire médical, grâce à un identifiant unique "
        "de prescription.",
    ],
    "Les terminologies de référence sont publiées par un centre de gestion des terminologies de "
    "santé et mises à disposition gratuitement.": [
        "Les terminologies de référence sont publiées par un centre de gestion des terminologies "
        "de santé et mises à disposition gratuitement, par téléchargement et par API.",
    ],
    "Les professionnels de santé échangent les données de leurs patients par une messagerie "
    "sécurisée de santé (MSSanté) intégrée à leurs logiciels métiers.": [
        "Les professionnels de santé et du médico-social échangent les données de leurs patients "
        "par une messagerie sécurisée de santé (MSSanté) intégrée à leurs logiciels métiers.",
    ],
    "Les établissements envoient par MSSanté les comptes rendus et lettres de liaison de sortie "
    "au médecin traitant.": [
        "Les établissements envoient par MSSanté, le jour de la sortie, les comptes rendus et "
        "lettres de liaison au médecin traitant et au pharmacien désigné par le patient.",
        "Les établissements envoient par MSSanté les comptes rendus et lettres de liaison de "
        "sortie au médecin traitant et, s'il y a lieu, à l'établissement médico-social du "
        "patient.",
    ],
    "Seuls les opérateurs de messagerie inscrits dans l'espace de confiance MSSanté peuvent "
    "échanger entre eux ; l'annuaire national recense les adresses des professionnels.": [
        "Seuls les opérateurs de messagerie inscrits dans l'espace de confiance MSSanté peuvent "
        "échanger entre eux ; l'annuaire national recense les adresses des professionnels et des "
        "services.",
    ],
    "Les usagers pourront à terme recevoir des messages de leurs professionnels de santé dans "
    "une messagerie sécurisée rattachée à leur espace numérique de santé.": [
        "Les usagers pourront à terme échanger avec leurs professionnels de santé dans une "
        "messagerie sécurisée et accessible, rattachée à leur espace numérique de santé.",
    ],
    "Les services numériques d'appui à la coordination aident les professionnels à organiser "
    "les parcours complexes.": [
        "Les services numériques d'appui à la coordination aident les professionnels, les "
        "patients et leurs aidants à organiser les parcours complexes.",
        "Les services numériques d'appui à la coordination aident les professionnels du "
        "sanitaire, du médico-social et du social à organiser les parcours complexes.",
    ],
    "Ils sont déployés en région par les agences régionales de santé et leurs groupements "
    "régionaux d'appui au développement de la e-santé.": [
        "Ils sont déployés en région par les agences régionales de santé et leurs groupements "
        "régionaux d'appui au développement de la e-santé, avec les représentants des "
        "professionnels.",
    ],
    "Les services numériques de coordination partagent un socle commun : identification des "
    "professionnels par Pro Santé Connect, identification des patients par l'INS, échanges par "
    "MSSanté et alimentation du DMP.": [
        "Les services numériques de coordination partagent un socle commun : identification des "
        "professionnels par Pro Santé Connect, identification des patients par l'INS, échanges "
        "par MSSanté, alimentation du DMP et respect du CI-SIS.",
    ],
    "Les équipes de soins primaires, les communautés professionnelles territoriales de santé "
    "(CPTS) et les dispositifs d'appui à la coordination utilisent ces services pour partager "
    "un plan personnalisé de soins.": [
        "Les équipes de soins primaires, les communautés professionnelles territoriales de santé "
        "(CPTS) et les dispositifs d'appui à la coordination utilisent ces services pour "
        "partager avec le patient un plan personnalisé de soins.",
    ],
}
REWORDING_INTROS = [
    "Je propose de compléter ce paragraphe pour qu'il corresponde à la réalité du terrain.",
    "Proposition de reformulation, plus précise sur le périmètre.",
    "Une reformulation pour lever une ambiguïté du texte actuel.",
    "Le texte gagnerait à être plus explicite ; voici une proposition.",
    "Reformulation proposée après discussion avec nos adhérents.",
]

# The two rewordings that led to version 2 of the security chapter, and that version's changes.
REWORDING_ORIGINALS = (
    "Tout service numérique en santé identifie ses utilisateurs de façon fiable : les "
    "professionnels par l'e-carte de professionnel de santé (e-CPS), les usagers par des moyens "
    "d'identification électronique adaptés.",
    "Les établissements déclarent leurs incidents de sécurité et disposent d'un plan de "
    "continuité d'activité testé au moins une fois par an.",
)
ACCEPTED_REWORDING = (
    "Les établissements déclarent leurs incidents de sécurité et disposent d'un plan de "
    "continuité d'activité testé au moins une fois par an, avec l'appui de leur groupement "
    "régional pour les plus petites structures."
)
PARTLY_ACCEPTED_REWORDING = (
    "Tout service numérique en santé identifie ses utilisateurs de façon fiable : les "
    "professionnels par la carte CPS ou l'e-CPS, sur ordinateur comme sur mobile et sans "
    "lecteur de carte, les usagers par des moyens d'identification électronique adaptés."
)
VERSION_2_IDENTIFICATION = (
    "Tout service numérique en santé identifie ses utilisateurs de façon fiable : les "
    "professionnels par la carte CPS ou par l'e-carte de professionnel de santé (e-CPS), "
    "utilisable sur mobile, les usagers par des moyens d'identification électronique adaptés."
)
VERSION_2_ADDED = (
    "Un incident déclaré ouvre droit à l'appui du CERT Santé, qui aide l'établissement à le "
    "qualifier et à rétablir le service."
)
VERSION_2_NOTE = (
    "Après la concertation : l'e-CPS utilisable sur mobile (§ 2), l'appui régional aux plus "
    "petites structures pour tester leur plan de continuité (§ 3), l'appui du CERT Santé."
)

AGREE_REPLIES = [
    "Tout à fait d'accord.",
    "Je rejoins ce point.",
    "Même constat de notre côté.",
    "C'est exactement ce que nous vivons.",
    "D'accord avec cette contribution.",
]
DISAGREE_REPLIES = [
    "Je ne partage pas cet avis : une obligation trop rapide pénaliserait les petites structures.",
    "Attention à ne pas aller trop loin : les outils existants fonctionnent déjà bien dans notre "
    "région.",
    "Nuance : le coût pour les éditeurs se répercutera sur les professionnels.",
    "Je ne suis pas d'accord : c'est aux professionnels de choisir leurs outils, pas à la "
    "doctrine.",
    "Pas convaincu : cela ajoute encore une contrainte au quotidien des soignants.",
]
QUESTION_REPLIES = [
    "Bonne question : nous nous la posons aussi dans notre établissement.",
    "Je crois que la réponse dépendra des éditeurs autant que de la doctrine.",
    "Même interrogation de notre côté ; une foire aux questions serait bienvenue.",
    "La question a été posée à l'étape du Tour de France de la e-santé {stop}, sans réponse "
    "définitive pour l'instant.",
    "À ma connaissance, le calendrier doit être précisé dans la feuille de route #MaSanté2022.",
    "Les éditeurs attendent justement cette précision pour planifier leurs développements.",
    "Dans notre région, le groupement régional d'appui à la e-santé a posé la même question.",
]

# Contributions the moderation took offline: (status, reason, public note, flags and their
# reason, body). Three flags reach the threshold (settings.CONTRIBUTION_FLAGS_TO_HIDE) and hold
# the contribution before a moderator decides.
MODERATED = [
    (S.HIDDEN, "advertising", "Promotion d'un produit commercial, contraire à la charte.",
     (2, "spam"),
     "Notre solution de téléconsultation clé en main répond déjà à toutes ces exigences : "
     "demandez une démonstration gratuite sur notre site."),
    (S.HIDDEN, "advertising", "Promotion d'un produit commercial, contraire à la charte.",
     (1, "spam"),
     "Découvrez notre boîtier de sauvegarde pour cabinets médicaux, à prix réduit pour toute "
     "commande avant la fin de l'année !"),
    (S.HIDDEN, "abuse", "Propos injurieux envers des professionnels.", (3, "abuse"),
     "Encore une usine à gaz écrite par des gens qui n'ont jamais vu un patient ; ils feraient "
     "mieux de changer de métier."),
    (S.HIDDEN, "personal_data", "La contribution donnait des informations de santé sur une "
     "personne identifiable.", (1, "personal_data"),
     "Mon voisin, soigné pour un cancer à l'hôpital de notre ville, a vu son compte rendu envoyé "
     "au mauvais médecin : je donne son nom complet pour que vous vérifiiez."),
    (S.HIDDEN, "off_topic", "Sans rapport avec la doctrine technique.", (0, "spam"),
     "Quand la ligne de bus vers l'hôpital sera-t-elle rétablie le dimanche ?"),
    (S.HIDDEN, "off_topic", "Sans rapport avec la doctrine technique.", (1, "spam"),
     "Les tarifs du parking de l'hôpital sont devenus indécents pour les familles des "
     "patients."),
    (S.REJECTED, "abuse", "Propos haineux.", (3, "abuse"),
     "Tous ces informaticiens sont des incapables et des voleurs d'argent public."),
    (S.REJECTED, "advertising", "Message publicitaire répété.", (2, "spam"),
     "Formation certifiante RGPD santé en deux jours, places limitées, inscrivez-vous "
     "vite !"),
]  # fmt: skip
DUPLICATES = 2  # hidden as "duplicate": the same text posted twice, a few minutes apart
DUPLICATE_NOTE = "Doublon d'une contribution publiée quelques minutes plus tôt par son auteur."
KEPT_NOTE = "Contribution conforme à la charte : une critique argumentée a sa place ici."
WITHDRAWN = 3
EDITED = 6
ANSWERED_SHARE = 0.63  # of each theme's published contributions, besides those answered first

TEMPLATES = [
    ("Déjà prévu par la feuille de route #MaSanté2022", A.ALREADY_PLANNED,
     "Merci pour votre contribution. Ce que vous proposez est déjà prévu par la feuille de route "
     "#MaSanté2022 : [préciser l'action et son calendrier]."),
    ("Hors champ de la doctrine technique", A.OUT_OF_SCOPE,
     "Merci pour votre contribution. Le sujet que vous abordez ne relève pas de la doctrine "
     "technique, qui décrit le cadre technique cible du numérique en santé ; nous l'avons "
     "transmis au service compétent : [préciser lequel]."),
    ("Non retenu, avec son motif", A.NOT_RETAINED,
     "Merci pour votre contribution. Nous ne la retenons pas, pour la raison suivante : "
     "[motif]. Elle figure dans la synthèse de la concertation."),
    ("Pris en compte dans une nouvelle version", A.TAKEN,
     "Merci pour votre contribution, dont la nouvelle version du chapitre tient compte : "
     "[préciser le paragraphe modifié]."),
]  # fmt: skip
ANSWER_OPENERS = {
    1: ["Merci pour votre contribution.", "Merci pour cette contribution argumentée.", ""],
    2: [
        "Merci pour ces contributions, qui vont dans le même sens.",
        "Plusieurs contributions soulèvent ce point ; nous y répondons ensemble.",
        "Merci à chacune et à chacun pour ces contributions convergentes.",
    ],
}
ANSWER_CLOSERS = {
    A.TAKEN: ["", "Merci d'avoir contribué à améliorer la doctrine."],
    A.PARTLY: ["", "Les autres points restent à l'étude avec les représentants des "
               "professionnels et des éditeurs."],
    A.NOT_RETAINED: ["", "Votre désaccord figure dans la synthèse de la concertation."],
    A.OUT_OF_SCOPE: ["", "Merci néanmoins d'avoir pris le temps de contribuer."],
    A.ALREADY_PLANNED: ["", "Le calendrier détaillé figure dans la feuille de route "
                        "#MaSanté2022."],
}  # fmt: skip


# --- The plan: everything drawn, nothing written yet ----------------------------------------------


@dataclass
class Person:
    email: str
    display_name: str
    kind: str
    role: str
    organisation: str
    interests: str
    region: str  # slug, or "" (not given)
    joined: datetime.datetime | None = None
    charter_at: datetime.datetime | None = None


@dataclass
class Item:
    """One contribution to write."""

    chapter: str
    position: int | None
    author: int
    kind: str
    body: str
    created_at: datetime.datetime
    theme: str = ""
    proposed_text: str = ""
    parent: int | None = None  # index in Plan.items
    status: str = S.PUBLISHED
    is_anonymous: bool = False
    reason: str = ""
    note: str = ""
    moderated_at: datetime.datetime | None = None
    withdrawn_at: datetime.datetime | None = None
    edited_at: datetime.datetime | None = None
    agree: list = field(default_factory=list)  # [(person, moment)]
    disagree: list = field(default_factory=list)
    flags: list = field(default_factory=list)  # [(person, reason, moment)]
    rewording_outcome: str = ""
    decided_at: datetime.datetime | None = None


@dataclass
class AnswerPlan:
    chapter: str
    state: str
    body: str
    items: list  # indices in Plan.items, or "earlier:<name>"
    created_at: datetime.datetime
    published_at: datetime.datetime | None
    position: int | None = None
    team: str = ""
    template: str = ""
    on_version_2: bool = False


@dataclass
class Plan:
    people: list
    items: list
    answers: list


def _lower_first(sentence: str) -> str:
    """The sentence without its capital, unless it starts with an acronym (INS, MSSanté...)."""
    if len(sentence) > 1 and (sentence[1].islower() or sentence[1] == "'"):
        return sentence[0].lower() + sentence[1:]
    return sentence


class Planner:
    """Draws the whole demo from one generator, in a fixed order: the same plan on every load."""

    def __init__(self, *, texts: dict[str, list[str]], opens_at, closes_at):
        # Demo data, not secrets: a seeded generator is the point (the same demo everywhere).
        self.rng = random.Random(SEED)  # noqa: S311
        self.texts = texts  # chapter slug -> its paragraphs in version 1
        self.opens_at = opens_at
        self.closes_at = closes_at
        self.themes = {t.key: (slug, t) for slug, themes in THEMES.items() for t in themes}

    # Dates ---------------------------------------------------------------------------------------

    def moment(self) -> datetime.datetime:
        """A moment of the consultation: many at the opening, many before the close, fewer at
        weekends, mostly in working hours and in the evening."""
        rng = self.rng
        first = self.opens_at.date()
        days = (self.closes_at.date() - first).days + 1
        weights = []
        for day in range(days):
            weight = 1.5 + 5 * math.exp(-day / 4) + 6 * math.exp(-(days - 1 - day) / 6)
            if (first + datetime.timedelta(days=day)).weekday() >= 5:
                weight *= 0.45
            weights.append(weight)
        day = rng.choices(range(days), weights=weights)[0]
        hours = list(range(7, 24))
        hour = rng.choices(hours, weights=[2, 5, 8, 9, 9, 7, 5, 6, 8, 8, 7, 5, 4, 4, 5, 4, 2])[0]
        date = first + datetime.timedelta(days=day)
        if day == 0:
            hour = max(hour, self.opens_at.hour)
        moment = datetime.datetime(
            date.year, date.month, date.day, hour, rng.randrange(60), tzinfo=PARIS
        )
        return min(max(moment, self.opens_at), self.last_minute)

    @property
    def last_minute(self):
        return self.closes_at - datetime.timedelta(minutes=1)

    def later(self, moment, *, low_hours: float, high_hours: float, cap=None):
        """A moment between `low_hours` and `high_hours` after `moment`, in waking hours, not
        after `cap` (the close, unless said otherwise); None if there is no room left."""
        low = moment + datetime.timedelta(hours=low_hours)
        high = min(moment + datetime.timedelta(hours=high_hours), cap or self.last_minute)
        if high <= low:
            return None
        minutes = int((high - low).total_seconds() // 60)
        later = low + datetime.timedelta(minutes=self.rng.randint(0, minutes))
        if later.hour < 7:  # people sleep: the morning after, still before the close
            later = later.replace(hour=7 + self.rng.randrange(4), minute=self.rng.randrange(60))
        return later

    def between(self, start, end):
        seconds = int((end - start).total_seconds())
        return start + datetime.timedelta(seconds=self.rng.randrange(seconds // 60) * 60)

    # People --------------------------------------------------------------------------------------

    def people(self, region_names: dict[str, str]) -> list[Person]:
        rng = self.rng
        kinds = list(KIND_WEIGHTS)
        slugs = list(REGIONS)
        people = []
        for number in range(1, PARTICIPANTS + 1):
            kind = rng.choices(kinds, weights=list(KIND_WEIGHTS.values()))[0]
            female = rng.random() < 0.55
            first = rng.choice(FEMALE if female else MALE)
            last = rng.choice(SURNAMES)
            role, role_f, physician, organisations = rng.choice(ROLES[kind])
            region = rng.choices(slugs, weights=[REGIONS[s][0] for s in slugs])[0]
            city = rng.choice(REGIONS[region][1])
            organisation = rng.choice(organisations).format(
                city=city, region=region_names.get(region, city)
            )
            if kind == ST.CITIZEN:
                name = f"{first} {last[0]}."
            elif physician:
                name = f"Dr {first} {last}"
            else:
                name = f"{first} {last}"
            interests = INTERESTS.get(kind, ("", ""))[1 if female else 0]
            if kind == ST.HEALTH_PROFESSIONAL and rng.random() < 0.2:
                interests = "Membre d'une union régionale des professionnels de santé (URPS)."
            if rng.random() < 0.05:
                region = ""  # not everyone says where they live
            people.append(
                Person(
                    email=EMAIL.format(number),
                    display_name=name,
                    kind=kind,
                    role=role_f if female else role,
                    organisation=organisation,
                    interests=interests.format(organisation=organisation),
                    region=region,
                )
            )
        return people

    # Texts ---------------------------------------------------------------------------------------

    def opener(self, person: Person, theme: Theme) -> str:
        """How they start: "Côté éditeurs, " only on what editors know best; on the rest, who
        they are or nothing."""
        home = HOME_AUDIENCE.get(person.kind)
        openers = OPENERS[person.kind] if home in (None, theme.audience) else NEUTRAL_OPENERS
        return self.rng.choice(openers).format(role=person.role)

    @staticmethod
    def joined(opener: str, sentence: str) -> str:
        """`opener` then `sentence`, in lower case after it."""
        return opener + _lower_first(sentence) if opener else sentence

    def comment(self, person: Person, theme: Theme) -> str:
        rng = self.rng
        if person.kind != ST.CITIZEN and rng.random() < 0.1:
            points = [rng.choice(theme.points), *rng.sample(theme.asks, min(2, len(theme.asks)))]
            count = {2: "Deux", 3: "Trois"}[len(points)]
            lines = "\n".join(f"- {p}" for p in points)
            return f"{count} remarques sur ce point :\n\n{lines}"
        first = rng.choice(theme.points)
        parts = [self.joined(self.opener(person, theme), first)]
        if rng.random() < 0.2:
            parts.append(rng.choice([p for p in theme.points if p != first]))
        if rng.random() < 0.85:
            parts.append(rng.choice(theme.asks))
        if rng.random() < 0.25:
            parts.append(rng.choice(CLOSERS))
        return " ".join(p for p in parts if p)

    def question(self, person: Person, theme: Theme) -> str:
        rng = self.rng
        asked = rng.choice(theme.questions)
        if rng.random() < 0.55:
            context = self.joined(self.opener(person, theme), rng.choice(theme.points))
            return f"{context} {asked}"
        return asked

    def rewording(self, person: Person, theme: Theme, text: str) -> tuple[str, str]:
        rng = self.rng
        variants = REWORDINGS.get(text)
        proposed = rng.choice(variants) if variants else f"{text} {rng.choice(theme.asks)}"
        body = self.joined(self.opener(person, theme), rng.choice(REWORDING_INTROS))
        if rng.random() < 0.5:
            body = f"{body} {rng.choice(theme.points)}"
        return body, proposed

    # Contributions -------------------------------------------------------------------------------

    def theme_for(self, person: Person) -> tuple[str, Theme]:
        rng = self.rng
        slug = rng.choices(list(CHAPTER_WEIGHTS), weights=list(CHAPTER_WEIGHTS.values()))[0]
        themes = THEMES[slug]
        weights = [t.weight * AUDIENCE[person.kind][t.audience] for t in themes]
        return slug, rng.choices(themes, weights=weights)[0]

    def on_paragraph(self, slug: str, theme: Theme) -> int | None:
        position = theme.position
        if position is None or position > len(self.texts.get(slug, [])):
            return None
        return position

    def items(self, people: list[Person]) -> list[Item]:
        rng = self.rng
        # Everyone writes at least once; a few write a lot.
        activity = [1 / (rank + 1) ** 0.8 for rank in range(len(people))]
        order = rng.sample(range(len(people)), len(people))
        authors = order + rng.choices(order, weights=activity, k=TOP_LEVEL - len(people))
        rng.shuffle(authors)
        items = []
        for author in authors:
            person = people[author]
            slug, theme = self.theme_for(person)
            position = self.on_paragraph(slug, theme)
            if position is not None and rng.random() < 0.3:
                position = None  # on the chapter as a whole
            roll = rng.random()
            if position is not None and roll < 0.15:
                kind = K.REWORDING
                body, proposed = self.rewording(person, theme, self.texts[slug][position - 1])
            elif roll < 0.4:
                kind, body, proposed = K.QUESTION, self.question(person, theme), ""
            else:
                kind, body, proposed = K.COMMENT, self.comment(person, theme), ""
            items.append(
                Item(
                    chapter=slug,
                    position=position,
                    author=author,
                    kind=kind,
                    body=body,
                    proposed_text=proposed,
                    created_at=self.moment(),
                    theme=theme.key,
                    is_anonymous=person.kind == ST.CITIZEN and rng.random() < 0.15,
                )
            )
        items += self.rewordings_of_version_2(people)
        items += self.moderated(people, items)
        return items

    def rewordings_of_version_2(self, people) -> list[Item]:
        """The two rewordings version 2 takes in: one whole, one in part."""
        rng = self.rng
        establishment = [i for i, p in enumerate(people) if p.kind == ST.ESTABLISHMENT]
        professional = [i for i, p in enumerate(people) if p.kind == ST.HEALTH_PROFESSIONAL]
        accepted = Item(
            chapter=SECURITY,
            position=3,
            author=rng.choice(establishment),
            kind=K.REWORDING,
            body="Un test annuel est la bonne règle, mais les petites structures ne peuvent pas "
            "l'organiser seules : je propose de prévoir l'appui du groupement régional.",
            proposed_text=ACCEPTED_REWORDING,
            created_at=datetime.datetime(2019, 11, 5, 14, 12, tzinfo=PARIS),
            theme="pca",
            rewording_outcome=RewordingOutcome.ACCEPTED,
        )
        partly = Item(
            chapter=SECURITY,
            position=2,
            author=rng.choice(professional),
            kind=K.REWORDING,
            body="Préciser que l'e-CPS s'utilise sur mobile, sans lecteur, et que la carte CPS "
            "reste valable : c'est ce qui fera adopter le dispositif.",
            proposed_text=PARTLY_ACCEPTED_REWORDING,
            created_at=datetime.datetime(2019, 10, 2, 18, 40, tzinfo=PARIS),
            theme="ecps",
            rewording_outcome=RewordingOutcome.PARTLY_ACCEPTED,
        )
        return [accepted, partly]

    def moderated(self, people, items) -> list[Item]:
        rng = self.rng
        extra = []
        for status, reason, note, (flag_count, flag_reason), body in MODERATED:
            slug = rng.choice(list(CHAPTER_WEIGHTS))
            created_at = self.moment()
            if created_at > self.last_minute - datetime.timedelta(days=3):
                created_at -= datetime.timedelta(days=7)  # room for the flags before the close
            item = Item(
                chapter=slug,
                position=None,
                author=rng.randrange(len(people)),
                kind=K.COMMENT,
                body=body,
                created_at=created_at,
                status=status,
                reason=reason,
                note=note,
            )
            flaggers = [p for p in rng.sample(range(len(people)), 4) if p != item.author]
            moment = item.created_at
            for flagger in flaggers[:flag_count]:
                moment = self.later(moment, low_hours=0.2, high_hours=10)
                item.flags.append((flagger, flag_reason, moment))
            last = max([m for _, _, m in item.flags], default=item.created_at)
            item.moderated_at = self.later(last, low_hours=1, high_hours=30, cap=_far_future())
            extra.append(item)
        early = self.last_minute - datetime.timedelta(days=3)
        originals = rng.sample(
            [i for i in items if i.kind == K.COMMENT and i.created_at < early], DUPLICATES
        )
        for original in originals:
            extra.append(
                Item(
                    chapter=original.chapter,
                    position=original.position,
                    author=original.author,
                    kind=K.COMMENT,
                    body=original.body,
                    created_at=self.later(original.created_at, low_hours=0.05, high_hours=0.2),
                    status=S.HIDDEN,
                    reason="duplicate",
                    note=DUPLICATE_NOTE,
                    moderated_at=self.later(
                        original.created_at, low_hours=3, high_hours=20, cap=_far_future()
                    ),
                )
            )
        return extra

    def replies(self, people, items) -> list[Item]:
        rng = self.rng
        activity = [1 / (rank + 1) ** 0.6 for rank in range(len(people))]
        replies = []
        for index, parent in enumerate(items):
            if parent.status != S.PUBLISHED or parent.created_at > self.last_minute - (
                datetime.timedelta(hours=3)
            ):
                continue
            chance = 0.35 if parent.kind == K.QUESTION else 0.18
            if rng.random() >= chance:
                continue
            when = parent.created_at
            for _ in range(rng.choices([1, 2, 3], weights=[7, 2, 1])[0]):
                author = rng.choices(range(len(people)), weights=activity)[0]
                if author == parent.author:
                    continue
                when = self.later(when, low_hours=0.3, high_hours=72)
                if when is None:
                    break
                replies.append(
                    Item(
                        chapter=parent.chapter,
                        position=parent.position,
                        author=author,
                        kind=K.COMMENT,
                        body=self.reply(people[author], parent),
                        created_at=when,
                        theme=parent.theme,
                        parent=index,
                    )
                )
        return replies

    def reply(self, person: Person, parent: Item) -> str:
        rng = self.rng
        _, theme = self.themes[parent.theme]
        if parent.kind == K.QUESTION and rng.random() < 0.6:
            return rng.choice(QUESTION_REPLIES).format(stop=rng.choice(TOUR_STOPS))
        roll = rng.random()
        if roll < 0.5:
            point = self.joined(self.opener(person, theme), rng.choice(theme.points))
            return f"{rng.choice(AGREE_REPLIES)} {point}"
        if roll < 0.8:
            return self.joined("Pour compléter : ", rng.choice(theme.asks))
        return rng.choice(DISAGREE_REPLIES)

    # What happened to them -----------------------------------------------------------------------

    def lifecycle(self, people, items) -> None:
        """Reactions, edits, withdrawals, flags examined and kept: on the published ones."""
        rng = self.rng
        replied = {item.parent for item in items if item.parent is not None}
        plain = [
            item
            for index, item in enumerate(items)
            if item.status == S.PUBLISHED
            and item.parent is None
            and item.kind != K.REWORDING
            and index not in replied
            and item.created_at < self.last_minute - datetime.timedelta(days=5)
        ]
        for item in rng.sample(plain, WITHDRAWN):
            item.status = S.WITHDRAWN
            item.withdrawn_at = self.later(item.created_at, low_hours=2, high_hours=96)
        for item in rng.sample([i for i in plain if i.status == S.PUBLISHED], EDITED):
            # Within the edit window (15 minutes), and before the close.
            minutes = datetime.timedelta(minutes=rng.randint(2, 14))
            item.edited_at = min(item.created_at + minutes, self.last_minute)
        kept = rng.sample([i for i in plain if i.status == S.PUBLISHED and not i.edited_at], 2)
        for item in kept:
            flagger = (item.author + 1 + rng.randrange(len(people) - 1)) % len(people)
            moment = self.later(item.created_at, low_hours=1, high_hours=48)
            item.flags.append((flagger, "misinformation", moment))
            item.moderated_at = self.later(moment, low_hours=2, high_hours=24, cap=_far_future())
            item.note = KEPT_NOTE
        for item in items:
            if item.status != S.PUBLISHED:
                continue
            if item.parent is None:
                count = rng.choices(
                    [0, 1, 2, 3, 5, 8, 13, 21, 34], weights=[22, 18, 16, 12, 10, 8, 6, 3, 1]
                )[0]
                count += rng.randint(0, 2)
            else:
                count = rng.choices([0, 1, 2, 3], weights=[5, 3, 2, 1])[0]
            agree_share = 0.55 if item.kind == K.REWORDING else 0.78
            reactors = [p for p in rng.sample(range(len(people)), count) if p != item.author]
            for person in reactors:
                moment = self.later(item.created_at, low_hours=0.2, high_hours=240)
                if moment is None:
                    continue
                side = item.agree if rng.random() < agree_share else item.disagree
                side.append((person, moment))

    def decisions(self, items) -> None:
        """Some rewordings not retained; the others still undecided."""
        rng = self.rng
        open_rewordings = [
            i
            for i in items
            if i.kind == K.REWORDING and i.status == S.PUBLISHED and not i.rewording_outcome
        ]
        for item in rng.sample(open_rewordings, min(9, len(open_rewordings))):
            item.rewording_outcome = RewordingOutcome.REJECTED
            item.decided_at = REJECTIONS_AT + datetime.timedelta(minutes=rng.randrange(90))

    # Official answers ----------------------------------------------------------------------------

    def answers(self, items) -> list[AnswerPlan]:
        rng = self.rng
        answers = []
        pools: dict[str, list] = {key: [] for key in self.themes}
        for index, item in enumerate(items):
            if item.parent is None and item.status == S.PUBLISHED and item.theme:
                pools[item.theme].append(index)
        accepted = next(
            i for i, it in enumerate(items) if it.rewording_outcome == RewordingOutcome.ACCEPTED
        )
        partly = next(
            i
            for i, it in enumerate(items)
            if it.rewording_outcome == RewordingOutcome.PARTLY_ACCEPTED
        )
        # The answers version 2 takes up: each with the contributions that asked for it, the two
        # demo contributions of concertation/demo.py included.
        for key, state, lead, earlier, position in (
            ("pca", A.TAKEN, accepted, "earlier:pca", 3),
            ("ecps", A.PARTLY, partly, "earlier:ecps", 2),
        ):
            pool = pools[key]
            pool.remove(lead)
            others = [pool.pop(0) for _ in range(min(2, len(pool)))]
            answers.append(
                self.answer(
                    SECURITY,
                    key,
                    state,
                    [lead, earlier, *others],
                    items,
                    session=VERSION_2_SESSION,
                    position=position if position <= len(self.texts[SECURITY]) else None,
                    on_version_2=True,
                )
            )
        unanswered = []
        for key, pool in pools.items():
            slug, theme = self.themes[key]
            chosen = set(rng.sample(pool, round(ANSWERED_SHARE * len(pool))))
            answered = [i for i in pool if i in chosen]  # in the order they were written
            unanswered += [i for i in pool if i not in answered]
            states = list(theme.answers)
            while answered:
                size = rng.choices([1, 2, 3, 4, 5], weights=[5, 3, 2, 1, 1])[0]
                group, answered = answered[:size], answered[size:]
                state = states[0] if len(states) == 1 or rng.random() < 0.75 else states[1]
                positions = {items[i].position for i in group}
                position = positions.pop() if len(positions) == 1 else None
                on_paragraph = position is not None and len(group) > 1 and rng.random() < 0.5
                on_version_2 = (
                    slug == SECURITY and key in ("pca", "ecps") and state != (A.ALREADY_PLANNED)
                )
                answers.append(
                    self.answer(
                        slug,
                        key,
                        state,
                        group,
                        items,
                        session=VERSION_2_SESSION if on_version_2 else rng.choice(SESSIONS),
                        position=position if on_paragraph else None,
                        on_version_2=on_version_2,
                    )
                )
        # A general answer on a paragraph (the terminologies), to all who commented it.
        if len(self.texts[INTEROPERABILITY]) >= 6:
            answers.append(
                AnswerPlan(
                    chapter=INTEROPERABILITY,
                    state=A.ALREADY_PLANNED,
                    body="Réponse à l'ensemble des contributions sur ce paragraphe : un serveur "
                    "national de terminologies de santé sera ouvert en 2020 ; il diffusera "
                    "gratuitement les terminologies de référence et leurs traductions françaises, "
                    "par téléchargement et par API.",
                    items=[],
                    created_at=self.between(*DRAFTING),
                    published_at=SESSIONS[1] + datetime.timedelta(minutes=30),
                    position=6,
                    team=ANS_TEAM,
                )
            )
        # Drafts still in the works: no date of publication, nothing public.
        rng.shuffle(unanswered)
        for _ in range(7):
            group = [unanswered.pop()]
            _, theme = self.themes[items[group[0]].theme]
            while unanswered and items[unanswered[-1]].theme == theme.key:
                group.append(unanswered.pop())
            slug = items[group[0]].chapter
            state = next(iter(theme.answers))
            answers.append(
                AnswerPlan(
                    chapter=slug,
                    state=state,
                    body=self.answer_body(theme, state, group, items),
                    items=group,
                    created_at=self.between(*LATE_DRAFTS),
                    published_at=None,
                    team=ANS_TEAM if slug in (INTEROPERABILITY, MSSANTE) else "",
                )
            )
        # Published in sessions: a session publishes its answers one after the other.
        by_session: dict = {}
        for answer in answers:
            if answer.published_at in SESSIONS or answer.published_at == VERSION_2_SESSION:
                count = by_session.get(answer.published_at, 0)
                by_session[answer.published_at] = count + 1
                answer.published_at += datetime.timedelta(seconds=7 * count)
        return answers

    def answer(self, slug, key, state, group, items, *, session, position, on_version_2):
        rng = self.rng
        _, theme = self.themes[key]
        template = next((title for title, s, _ in TEMPLATES if s == state), "")
        return AnswerPlan(
            chapter=slug,
            state=state,
            body=self.answer_body(theme, state, group, items),
            items=group,
            created_at=self.between(*DRAFTING),
            published_at=session,
            position=position,
            team=ANS_TEAM if slug in (INTEROPERABILITY, MSSANTE) and rng.random() < 0.5 else "",
            template=template if rng.random() < 0.4 else "",
            on_version_2=on_version_2,
        )

    def answer_body(self, theme, state, group, items) -> str:
        rng = self.rng
        single = len(group) == 1
        opener = rng.choice(ANSWER_OPENERS[1 if single else 2])
        if single and not isinstance(group[0], str) and items[group[0]].kind == K.QUESTION:
            opener = "Merci pour votre question."
        closer = rng.choice(ANSWER_CLOSERS[state])
        return " ".join(p for p in (opener, theme.answers[state], closer) if p)

    def joined_dates(self, people, items) -> None:
        """Each participant signed up a little before their first contribution (the accounts
        of the demo are created for the consultation: not before it opened)."""
        first = {}
        for item in items:
            first[item.author] = min(first.get(item.author, item.created_at), item.created_at)
        for index, person in enumerate(people):
            days, minutes = self.rng.randrange(5), self.rng.randint(3, 50)
            before = datetime.timedelta(days=days, minutes=minutes)
            person.joined = max(first[index] - before, self.opens_at)
            person.charter_at = max(first[index] - datetime.timedelta(minutes=1), person.joined)

    def plan(self, region_names) -> Plan:
        people = self.people(region_names)
        items = self.items(people)
        items.sort(key=lambda item: item.created_at)
        items += self.replies(people, items)
        self.joined_dates(people, items)
        self.lifecycle(people, items)
        self.decisions(items)
        answers = self.answers(items)
        return Plan(people=people, items=items, answers=answers)


def _far_future():
    """Moderation may come after the close: no cap but the end of the story."""
    return VERSION_2_AT


# --- Writing the plan -----------------------------------------------------------------------------


def load(*, consultation, earlier: dict[str, Contribution], log) -> None:
    """Write the results of `consultation` (the 2019 doctrine) once; `earlier` names the
    contributions concertation/demo.py wrote by hand ("ecps", "pca", "hidden")."""
    chapters = {chapter.slug: chapter for chapter in consultation.chapters.all()}
    if set(THEMES) - set(chapters):
        log("Résultats de la doctrine 2019 : chapitres introuvables, rien n'est ajouté.")
        return
    generated = Contribution.objects.filter(
        consultation=consultation, author__email__startswith=EMAIL_PREFIX
    )
    if not generated.exists():
        # One transaction (load_demo's): written whole or not at all, so "already there" is
        # "the participants' contributions are there".
        _write(consultation, chapters, earlier)
    log(summary(consultation))


def _write(consultation, chapters, earlier) -> None:
    actor = User.objects.filter(email=DNS_EMAIL).first()
    first_versions = {slug: chapter.versions.get(number=1) for slug, chapter in chapters.items()}
    paragraphs = {
        slug: list(version.texts.select_related("paragraph").order_by("position"))
        for slug, version in first_versions.items()
    }
    regions = {region.slug: region for region in Region.objects.all()}
    planner = Planner(
        texts={slug: [t.text for t in texts] for slug, texts in paragraphs.items()},
        opens_at=timezone.localtime(consultation.opens_at, PARIS),
        closes_at=timezone.localtime(consultation.closes_at, PARIS),
    )
    plan = planner.plan({slug: region.name for slug, region in regions.items()})
    users = _write_people(plan.people, regions, consultation)
    version_2 = _revise_security(chapters[SECURITY], actor)

    logs = []
    answered = {}  # item index -> (state, published_at)
    for answer in plan.answers:
        if answer.published_at is not None:
            for index in answer.items:
                answered[index] = (answer.state, answer.published_at)

    def row(index: int, item: Item) -> Contribution:
        texts = paragraphs[item.chapter]
        paragraph = texts[item.position - 1].paragraph if item.position else None
        state, answered_at = answered.get(index, ("", None))
        decided = item.rewording_outcome in (
            RewordingOutcome.ACCEPTED,
            RewordingOutcome.PARTLY_ACCEPTED,
        )
        moderated = item.status in (S.HIDDEN, S.REJECTED) or item.note == KEPT_NOTE
        return Contribution(
            consultation=consultation,
            chapter=chapters[item.chapter],
            version=first_versions[item.chapter],
            paragraph=paragraph,
            author=users[item.author],
            is_anonymous=item.is_anonymous,
            kind=item.kind,
            body=item.body,
            proposed_text=item.proposed_text,
            status=item.status,
            moderation_reason=item.reason if item.status in (S.HIDDEN, S.REJECTED) else "",
            moderation_note=item.note if moderated else "",
            moderated_at=item.moderated_at if moderated else None,
            agree_count=len(item.agree),
            disagree_count=len(item.disagree),
            flag_count=len(_flags(item)),
            created_at=item.created_at,
            edited_at=item.edited_at,
            answer_state=state,
            answered_at=answered_at,
            rewording_outcome=item.rewording_outcome,
            rewording_version=version_2 if decided else None,
        )

    # Top-level contributions first, in the order they were written, then the replies.
    rows = {}
    order = sorted(range(len(plan.items)), key=lambda i: (plan.items[i].created_at, i))
    for wave in (False, True):
        batch = []
        for index in order:
            item = plan.items[index]
            if (item.parent is not None) != wave:
                continue
            contribution = row(index, item)
            contribution.fill_rendered()  # bulk_create skips save(), which renders.
            if item.parent is not None:
                contribution.parent = rows[item.parent]
            rows[index] = contribution
            batch.append(contribution)
        Contribution.objects.bulk_create(batch)

    reactions, flags = [], []
    for index, item in enumerate(plan.items):
        contribution = rows[index]
        for value, side in (
            (Reaction.Value.AGREE, item.agree),
            (Reaction.Value.DISAGREE, item.disagree),
        ):
            for person, moment in side:
                reactions.append(
                    Reaction(
                        contribution=contribution,
                        user=users[person],
                        value=value,
                        created_at=moment,
                    )
                )
        for person, reason, moment in _flags(item):
            flags.append(
                Flag(
                    contribution=contribution,
                    user=users[person],
                    reason=reason,
                    created_at=moment,
                    resolved_at=item.moderated_at,
                )
            )
        logs += _lifecycle_logs(item, contribution, actor)
    Reaction.objects.bulk_create(reactions)
    Flag.objects.bulk_create(flags)

    logs += _write_earlier(earlier, actor)
    logs += _write_answers(plan, rows, earlier, chapters, paragraphs, version_2, actor)
    for index, item in enumerate(plan.items):
        if item.rewording_outcome:
            decided = rows[index]
            logs.append(
                ModerationLog(
                    contribution=decided,
                    target_user_id=decided.author_id,
                    actor=actor,
                    action=ModerationLog.Action.REWORDING,
                    before={"rewording_outcome": "", "rewording_version": None},
                    after={
                        "rewording_outcome": item.rewording_outcome,
                        "rewording_version": decided.rewording_version_id,
                    },
                    created_at=item.decided_at or VERSION_2_AT + datetime.timedelta(minutes=5),
                )
            )
    # The log in the order it was written: by date.
    ModerationLog.objects.bulk_create(sorted(logs, key=lambda entry: entry.created_at))
    _write_synthesis(consultation, plan, version_2)


def _flags(item: Item) -> list:
    """A posteriori, the flag that reaches the threshold takes the contribution offline (held):
    nobody flags it after that."""
    return item.flags[: settings.CONTRIBUTION_FLAGS_TO_HIDE]


def _write_people(people: list[Person], regions, consultation) -> dict[int, User]:
    emails = [person.email for person in people]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    new = []
    for person in people:
        if person.email in existing:
            continue
        user = User(
            email=person.email,
            display_name=person.display_name,
            stakeholder_type=person.kind,
            organisation=person.organisation,
            declaration_of_interests=person.interests,
            region=regions.get(person.region),
            # Invented people: no digest e-mail, ever.
            digest_frequency="none",
            date_joined=person.joined,
        )
        user.set_unusable_password()
        new.append(user)
    User.objects.bulk_create(new)
    by_email = {user.email: user for user in User.objects.filter(email__in=emails)}
    users = {index: by_email[person.email] for index, person in enumerate(people)}
    # They accepted the charter before contributing, as the contribution form asks.
    accepted = set(
        CharterAcceptance.objects.filter(consultation=consultation).values_list("user", flat=True)
    )
    CharterAcceptance.objects.bulk_create(
        [
            CharterAcceptance(
                user=users[index], consultation=consultation, accepted_at=person.charter_at
            )
            for index, person in enumerate(people)
            if users[index].pk not in accepted
        ]
    )
    return users


def _moderation_log(contribution, *, action, actor, before_status, reason, note, at):
    """The entry `lifecycle._moderate` writes for a publish, hide or reject decision."""
    return ModerationLog(
        contribution=contribution,
        target_user_id=contribution.author_id,
        actor=actor,
        action=action,
        before={"status": before_status, "moderation_reason": "", "moderation_note": ""},
        after={
            "status": contribution.status,
            "moderation_reason": contribution.moderation_reason,
            "moderation_note": contribution.moderation_note,
        },
        reason=reason,
        note=note,
        created_at=at,
    )


def _lifecycle_logs(item: Item, contribution: Contribution, actor) -> list[ModerationLog]:
    """What the lifecycle logged for this contribution before any answer."""
    logs = []
    author = contribution.author_id
    if item.edited_at:
        logs.append(
            ModerationLog(
                contribution=contribution,
                target_user_id=author,
                actor_id=author,
                action=ModerationLog.Action.EDIT,
                before={"status": S.PUBLISHED.value},
                after={"status": S.PUBLISHED.value, "fields": ["body"]},
                created_at=item.edited_at,
            )
        )
    if item.withdrawn_at:
        logs.append(
            ModerationLog(
                contribution=contribution,
                target_user_id=author,
                actor_id=author,
                action=ModerationLog.Action.WITHDRAW,
                before={"status": S.PUBLISHED.value},
                after={"status": S.WITHDRAWN.value},
                created_at=item.withdrawn_at,
            )
        )
    if not contribution.moderated_at:
        return logs
    before = S.PUBLISHED.value
    flags = _flags(item)
    if len(flags) >= settings.CONTRIBUTION_FLAGS_TO_HIDE:
        logs.append(
            ModerationLog(
                contribution=contribution,
                target_user_id=author,
                action=ModerationLog.Action.AUTO_HIDE,
                before={"status": S.PUBLISHED.value},
                after={"status": S.PENDING.value},
                reason="flags",
                note=f"{len(flags)} signalements",
                created_at=flags[-1][2],
            )
        )
        before = S.PENDING.value
    action = {
        S.HIDDEN: ModerationLog.Action.HIDE,
        S.REJECTED: ModerationLog.Action.REJECT,
        S.PUBLISHED: ModerationLog.Action.PUBLISH,
    }[contribution.status]
    logs.append(
        _moderation_log(
            contribution,
            action=action,
            actor=actor,
            before_status=before,
            reason=contribution.moderation_reason,
            note=contribution.moderation_note,
            at=contribution.moderated_at,
        )
    )
    return logs


def _write_earlier(earlier, actor) -> list[ModerationLog]:
    """The hand-written hidden contribution of concertation/demo.py gets the decision that hid
    it, as the moderation would have logged it."""
    hidden = earlier.get("hidden")
    if hidden is None or hidden.status != S.HIDDEN or hidden.moderation_logs.exists():
        return []
    if hidden.moderated_at is None:
        hidden.moderated_at = hidden.created_at + datetime.timedelta(hours=15, minutes=15)
        hidden.save(update_fields=["moderated_at"])
    return [
        _moderation_log(
            hidden,
            action=ModerationLog.Action.HIDE,
            actor=actor,
            before_status=S.PUBLISHED.value,
            reason=hidden.moderation_reason,
            note=hidden.moderation_note,
            at=hidden.moderated_at,
        )
    ]


def _write_answers(plan, rows, earlier, chapters, paragraphs, version_2, actor):
    """The answers, their contributions, and what publishing them wrote: the contributions'
    `answer_state` and `answered_at` (set on the generated rows already) and one log entry per
    answered contribution."""
    templates = {}
    for title, state, body in TEMPLATES:
        templates[title], _ = AnswerTemplate.objects.get_or_create(
            title=title, defaults={"state": state, "body": body, "created_at": TEMPLATES_AT}
        )
    answers, links = [], []
    updated = []
    for answer in plan.answers:
        contributions = []
        for index in answer.items:
            if isinstance(index, str):
                contribution = earlier.get(index.removeprefix("earlier:"))
                if contribution is None or contribution.status != S.PUBLISHED:
                    continue  # the team changed it since: nothing to answer
                if answer.published_at:
                    contribution.answer_state = answer.state
                    contribution.answered_at = answer.published_at
                    updated.append(contribution)
            else:
                contribution = rows[index]
            contributions.append(contribution)
        texts = paragraphs[answer.chapter]
        published = answer.published_at is not None
        answers.append(
            OfficialAnswer(
                consultation=chapters[answer.chapter].consultation,
                chapter=chapters[answer.chapter],
                paragraph=texts[answer.position - 1].paragraph if answer.position else None,
                state=answer.state,
                body=answer.body,
                team=answer.team or DEFAULT_TEAM,
                status=OfficialAnswer.Status.PUBLISHED
                if published
                else OfficialAnswer.Status.DRAFT,
                template=templates.get(answer.template),
                version=version_2 if answer.on_version_2 else None,
                created_by=actor,
                created_at=answer.created_at,
                published_at=answer.published_at,
                published_by=actor if published else None,
            )
        )
        links.append(contributions)
    for answer in answers:
        answer.fill_rendered()  # bulk_create skips save(), which renders.
    OfficialAnswer.objects.bulk_create(answers)
    Contribution.objects.bulk_update(updated, ["answer_state", "answered_at"])
    Through = OfficialAnswer.contributions.through
    Through.objects.bulk_create(
        [
            Through(officialanswer_id=answer.pk, contribution_id=contribution.pk)
            for answer, contributions in zip(answers, links, strict=True)
            for contribution in contributions
        ]
    )
    return [
        ModerationLog(
            contribution=contribution,
            target_user_id=contribution.author_id,
            actor=actor,
            action=ModerationLog.Action.ANSWER,
            before={"answer_state": ""},
            after={"answer_state": answer.state, "answer": answer.pk},
            created_at=answer.published_at,
        )
        for answer, contributions in zip(answers, links, strict=True)
        if answer.published_at is not None
        for contribution in contributions
    ]


def _revise_security(chapter, actor):
    """Version 2 of the security chapter, after the close, through the service that keeps the
    paragraphs' anchors: the accepted rewording whole, the e-CPS one in part, and a paragraph
    added. A chapter the team has revised already keeps its own version 2."""
    existing = chapter.versions.filter(number=2).first()
    if existing is not None:
        return existing
    texts = [t.text for t in chapter.versions.get(number=1).texts.order_by("position")]
    replaced = {
        2: (REWORDING_ORIGINALS[0], VERSION_2_IDENTIFICATION),
        3: (REWORDING_ORIGINALS[1], ACCEPTED_REWORDING),
    }
    for position, (original, new) in replaced.items():
        if len(texts) >= position and texts[position - 1] == original:
            texts[position - 1] = new
    version = services.chapter_revise(
        chapter=chapter, body="\n\n".join([*texts, VERSION_2_ADDED]), note=VERSION_2_NOTE, by=actor
    )
    version.created_at = VERSION_2_AT
    version.save(update_fields=["created_at"])
    return version


# --- The synthesis and the figures ----------------------------------------------------------------

STATE_LABELS = {  # French content, whatever the language the command runs in
    A.TAKEN: "pris en compte",
    A.PARTLY: "partiellement pris en compte",
    A.ALREADY_PLANNED: "déjà prévu",
    A.NOT_RETAINED: "non retenu",
    A.OUT_OF_SCOPE: "hors champ",
}


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole) if whole else 0}\xa0%"


def _number(value: int) -> str:
    """1\xa0331, as French writes it."""
    return f"{value:,}".replace(",", "\xa0")


def _decision(theme: Theme, state: str) -> str:
    """A theme's usual answer, as the synthesis tells it: after a colon, to all contributors."""
    text = theme.answers[state]
    for yours, theirs in (
        ("votre contribution leur est transmise", "ces contributions leur sont transmises"),
        ("votre contribution est transmise", "ces contributions sont transmises"),
    ):
        text = text.replace(yours, theirs)
    return _lower_first(text)


def _synthesis_body(consultation, plan: Plan, version_2) -> str:
    published = Contribution.objects.filter(consultation=consultation, status=S.PUBLISHED)
    top = published.filter(parent__isnull=True)
    counts = published.aggregate(
        contributions=Count("pk"),
        replies=Count("pk", filter=Q(parent__isnull=False)),
        participants=Count("author", distinct=True),
        regions=Count("author__region", distinct=True),
    )
    reactions = Reaction.objects.filter(contribution__consultation=consultation).count()
    opens = consultation.opens_at
    first_week = published.filter(created_at__lt=opens + datetime.timedelta(days=7)).count()
    last_fortnight = published.filter(
        created_at__gte=consultation.closes_at - datetime.timedelta(days=14)
    ).count()
    by_kind = {
        row["author__stakeholder_type"]: row
        for row in published.values("author__stakeholder_type").annotate(
            contributions=Count("pk"), participants=Count("author", distinct=True)
        )
    }
    answered = dict(
        top.exclude(answer_state="").values_list("answer_state").annotate(count=Count("pk"))
    )
    answered_total = sum(answered.values())
    top_total = top.count()
    rejected = published.filter(rewording_outcome=RewordingOutcome.REJECTED).count()

    themes: dict[str, int] = {}
    for item in plan.items:
        if item.parent is None and item.status == S.PUBLISHED and item.theme:
            themes[item.theme] = themes.get(item.theme, 0) + 1
    lines = [
        "### Une participation large",
        "",
        f"Du 30 septembre au 15 décembre 2019, **{counts['participants']} participants** ont "
        f"publié **{counts['contributions']} contributions** sur la première partie de la "
        f"doctrine technique : {counts['contributions'] - counts['replies']} sur les chapitres "
        f"et leurs paragraphes, et {counts['replies']} réponses entre participants. Ils ont "
        f"réagi {_number(reactions)} fois aux contributions des autres (« d'accord » ou « pas "
        "d'accord »).",
        "",
        "| Type d'acteur | Participants | Contributions |",
        "|---|---|---|",
    ]
    for kind, label in KIND_LABELS.items():
        if kind in by_kind:
            row = by_kind[kind]
            lines.append(f"| {label} | {row['participants']} | {row['contributions']} |")
    lines += [
        "",
        f"Les participants viennent de {counts['regions']} des 18 régions. La participation a "
        f"été la plus forte dans la semaine d'ouverture ({first_week} contributions) et dans "
        f"les quinze derniers jours ({last_fortnight} contributions), après les étapes du Tour "
        "de France de la e-santé et les relances des fédérations professionnelles.",
        "",
        "### Les grands thèmes",
    ]
    for slug, chapter_themes in THEMES.items():
        chapter = consultation.chapters.get(slug=slug)
        ranked = sorted(chapter_themes, key=lambda t: -themes.get(t.key, 0))[:3]
        lines += ["", f"#### {chapter.title}", ""]
        lines += [
            f"- **{theme.label}** ({themes.get(theme.key, 0)} contributions) : {theme.summary}"
            for theme in ranked
        ]
    lines += [
        "",
        "### Ce que nous retenons, et pourquoi",
        "",
        f"- **La version {version_2.number} du chapitre « {version_2.chapter.title} »**, publiée "
        "le 2 mars 2020, intègre la reformulation proposée sur les plans de continuité "
        "d'activité (l'appui régional aux plus petites structures), reprend en partie celle sur "
        "l'e-CPS (utilisable sur mobile, la carte CPS restant valable) et ajoute l'appui du CERT "
        "Santé après un incident déclaré.",
    ]
    for theme in (t for themes_ in THEMES.values() for t in themes_):
        state = next(iter(theme.answers))
        if state in (A.TAKEN, A.PARTLY) and theme.key not in ("pca", "ecps"):
            lines.append(f"- **{theme.label}** : {_decision(theme, state)}")
    lines += ["", "### Ce que nous ne retenons pas", ""]
    for theme in (t for themes_ in THEMES.values() for t in themes_):
        state = next(iter(theme.answers))
        if state in (A.NOT_RETAINED, A.OUT_OF_SCOPE):
            label = f"**{theme.label}** ({STATE_LABELS[state]})"
            lines.append(f"- {label} : {_decision(theme, state)}")
    lines += [
        f"- {rejected} autres propositions de reformulation ne sont pas retenues : elles "
        "changeaient le sens du texte au-delà de ce que la concertation a fait apparaître.",
        "",
        "### Les réponses officielles",
        "",
        f"{answered_total} des {top_total} contributions publiées sur les chapitres et leurs "
        f"paragraphes ({_percent(answered_total, top_total)}) ont reçu une réponse officielle, "
        "souvent commune à plusieurs contributions qui disaient la même chose :",
        "",
    ]
    lines += [
        f"- {STATE_LABELS[state]} : {answered.get(state, 0)}"
        for state in (A.TAKEN, A.PARTLY, A.ALREADY_PLANNED, A.NOT_RETAINED, A.OUT_OF_SCOPE)
    ]
    lines += [
        "",
        "Les réponses aux autres contributions sont en préparation ; chacune est publiée sous la "
        "contribution à laquelle elle répond.",
        "",
        "### Prochaines étapes",
        "",
        "- Les chapitres « Interopérabilité », « MSSanté » et « Services numériques de "
        "coordination pour les parcours de santé » seront révisés à leur tour pour intégrer les "
        "réponses « pris en compte ».",
        "- La deuxième partie de la doctrine technique sera mise en concertation au printemps "
        "2020, selon les mêmes modalités.",
        "- Le Conseil du numérique en santé du 20 février 2020 a reçu un premier bilan de cette "
        "concertation ; ses groupes de travail reprennent les propositions qui les concernent.",
    ]
    return "\n".join(lines)


def _write_synthesis(consultation, plan: Plan, version_2) -> None:
    synthesis, created = Synthesis.objects.get_or_create(
        consultation=consultation,
        defaults={
            "body": _synthesis_body(consultation, plan, version_2),
            "is_published": True,
            "published_at": SYNTHESIS_AT,
        },
    )
    if created:  # `updated_at` is stamped with the clock on save: the story's date instead
        Synthesis.objects.filter(pk=synthesis.pk).update(updated_at=SYNTHESIS_AT)


def summary(consultation) -> str:
    """The line load_demo prints: what the consultation holds now."""
    contributions = Contribution.objects.filter(consultation=consultation)
    top = contributions.filter(status=S.PUBLISHED, parent__isnull=True)
    answered = top.exclude(answer_state="").count()
    answers = OfficialAnswer.objects.filter(consultation=consultation)
    published = answers.filter(status=OfficialAnswer.Status.PUBLISHED).count()
    synthesis = Synthesis.objects.filter(consultation=consultation, is_published=True).exists()
    return (
        f"Résultats de « {consultation.title} » : {contributions.count()} contributions de "
        f"{contributions.values('author').distinct().count()} participants, {published} "
        f"réponses officielles publiées ({_percent(answered, top.count())} des contributions "
        f"publiées répondues) et {answers.count() - published} en préparation, synthèse "
        f"{'publiée' if synthesis else 'à venir'}."
    )
