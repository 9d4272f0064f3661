"""The registry of the open data (issue 17): each dataset described once, here.

Its CSV, its JSON, its Table Schema (frictionless), its page and its entry in the DCAT catalogue
and the Data Package are all generated from these descriptions, so a column cannot be added to
one and forgotten in another. Rows come from opendata.public only: what is published there is
decided in one place, shared with the API.

Column names are the API's (English, stable identifiers); every field has a French title and
description. Identifiers are the database ids. Moments are ISO 8601 in UTC
(`2027-03-01T09:30:00Z`), days ISO 8601 (`2027-03-01`), booleans `true` / `false`, an absent
value an empty cell (JSON `null`). Enumerated values are codes, their French labels in the
schema (`categories`) and on the page.
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concertation.models import AnswerState, Consultation, Contribution, RewordingOutcome
from esante.models import StakeholderType
from events.models import Event
from roadmap.models import Action, RegionalIndicator

from . import public

# Rows are read by batches of this many, each an ordinary query resuming after the last id read
# (keyset): memory stays flat whatever the table's size, and no server-side cursor is left
# half-read when a client stops reading (see events.selectors.following_events).
BATCH_SIZE = 2000

UTC = datetime.UTC


@dataclass(frozen=True)
class Field:
    """One column. `source` is the queryset's value path (defaults to `name`)."""

    name: str
    type: str  # Table Schema type: integer, number, string, boolean, date, datetime
    title: Promise | str
    description: Promise | str
    source: str = ""
    required: bool = False
    unique: bool = False
    choices: tuple[tuple[str, Promise | str], ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    @property
    def value_path(self) -> str:
        return self.source or self.name

    def csv_value(self, value) -> str:
        if value is None:
            return ""
        if self.type == "datetime":
            return _utc(value)
        if self.type == "date":
            return value.isoformat()
        if self.type == "boolean":
            return "true" if value else "false"
        return str(value)

    def json_value(self, value):
        if value is None:
            return None
        if self.type == "datetime":
            return _utc(value)
        if self.type == "date":
            return value.isoformat()
        if isinstance(value, Decimal):
            # A JSON number: the figures have at most 14 digits, exact in a double.
            return float(value)
        return value

    def descriptor(self) -> dict:
        """The Table Schema field, in French."""
        result = {
            "name": self.name,
            "type": self.type,
            "title": str(self.title),
            "description": str(self.description),
        }
        if self.type == "datetime":
            result["format"] = "default"
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.choices:
            constraints["enum"] = [code for code, _label in self.choices]
            result["categories"] = [
                {"value": code, "label": str(label)} for code, label in self.choices
            ]
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.maximum is not None:
            constraints["maximum"] = self.maximum
        if constraints:
            result["constraints"] = constraints
        return result


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _codes(choices, *, only=None) -> tuple[tuple[str, Promise | str], ...]:
    """(code, label) pairs of a TextChoices, without the blank one (an empty cell)."""
    return tuple(
        (code, label) for code, label in choices.choices if code and (only is None or code in only)
    )


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Promise | str
    description: Promise | str
    queryset: Callable[[], QuerySet]
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ("id",)
    # {column: (dataset slug, its column)}
    foreign_keys: dict[str, tuple[str, str]] = field(default_factory=dict)
    # The unique integer column rows are ordered and resumed by.
    keyset: str = "pk"

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def rows(self, *, batch_size: int | None = None) -> Iterator[tuple]:
        """Every row, as a tuple of database values in the order of `fields`, read by keyset
        batches (one query each)."""
        size = batch_size or BATCH_SIZE
        queryset = self.queryset().order_by(self.keyset)
        paths = [f.value_path for f in self.fields]
        last = None
        while True:
            batch_query = (
                queryset if last is None else queryset.filter(**{f"{self.keyset}__gt": last})
            )
            batch = list(batch_query.values_list(self.keyset, *paths)[:size])
            for row in batch:
                yield row[1:]
            if len(batch) < size:
                return
            last = batch[-1][0]

    def count(self) -> int:
        return self.queryset().count()

    def table_schema(self) -> dict:
        """The frictionless Table Schema, in French whatever the request's language."""
        with translation.override("fr"):
            schema = {
                "name": self.slug,
                "title": str(self.title),
                "description": str(self.description),
                "fields": [f.descriptor() for f in self.fields],
                "primaryKey": list(self.primary_key),
                "missingValues": [""],
            }
            if self.foreign_keys:
                schema["foreignKeys"] = [
                    {"fields": column, "reference": {"resource": slug, "fields": target}}
                    for column, (slug, target) in self.foreign_keys.items()
                ]
        return schema


# --- The fields shared by several datasets ----------------------------------------------------

ID = Field(
    "id",
    "integer",
    _("Identifiant"),
    _("Identifiant stable de la ligne."),
    required=True,
    unique=True,
)


def _ref(name, title, description, *, source="", required=True) -> Field:
    return Field(name, "integer", title, description, source=source, required=required)


def _text(name, title, description, *, source="", required=False) -> Field:
    return Field(name, "string", title, description, source=source, required=required)


def _moment(name, title, description, *, source="", required=False) -> Field:
    return Field(name, "datetime", title, description, source=source, required=required)


REGION_CODE = _("Code INSEE de la région (voir le jeu « Régions »).")


def _contributions():
    """Published contributions, with the id of their parent only when that parent is public
    too (a reply to a hidden contribution keeps `is_reply` but no dangling reference)."""
    return public.contributions().annotate(
        public_parent_id=public.PUBLIC_PARENT_ID,
        is_reply=ExpressionWrapper(Q(parent__isnull=False), output_field=BooleanField()),
    )


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        slug="consultations",
        title=_("Consultations"),
        description=_(
            "Les consultations publiques publiées sur le portail : le texte soumis à la "
            "concertation, ses dates d'ouverture et de clôture, son mode de modération."
        ),
        queryset=public.consultations,
        fields=(
            ID,
            _text(
                "slug",
                _("Identifiant d'URL"),
                _("Identifiant de la consultation dans l'adresse de sa page."),
                required=True,
            ),
            _text("title", _("Titre"), _("Titre de la consultation."), required=True),
            _text("topic", _("Thème"), _("Thème de la consultation.")),
            _text(
                "introduction",
                _("Introduction"),
                _("Présentation de la consultation, en Markdown."),
            ),
            Field(
                "published_on",
                "date",
                _("Mise en ligne"),
                _("Date de mise en ligne de la consultation."),
            ),
            _moment(
                "opens_at", _("Ouverture"), _("Ouverture des contributions (UTC)."), required=True
            ),
            _moment(
                "closes_at", _("Clôture"), _("Clôture des contributions (UTC)."), required=True
            ),
            Field(
                "moderation_mode",
                "string",
                _("Modération"),
                _(
                    "A priori : contributions publiées après validation ; a posteriori : publiées "
                    "aussitôt, masquées si besoin."
                ),
                required=True,
                choices=_codes(Consultation.ModerationMode),
            ),
        ),
    ),
    Dataset(
        slug="chapitres",
        title=_("Chapitres"),
        description=_(
            "Les chapitres des textes mis en consultation. Un chapitre garde son identifiant "
            "d'une version à l'autre ; son texte est dans le jeu « Versions des chapitres »."
        ),
        queryset=public.chapters,
        fields=(
            ID,
            _ref("consultation_id", _("Consultation"), _("Identifiant de la consultation.")),
            Field(
                "number",
                "integer",
                _("Numéro"),
                _("Numéro du chapitre dans la consultation."),
                required=True,
            ),
            _text("title", _("Titre"), _("Titre du chapitre."), required=True),
            _text(
                "slug",
                _("Identifiant d'URL"),
                _("Identifiant du chapitre dans l'adresse de sa page."),
                required=True,
            ),
            _text("summary", _("Résumé"), _("Résumé du chapitre.")),
            _ref(
                "current_version_id",
                _("Version en ligne"),
                _(
                    "Identifiant de la version affichée aujourd'hui (jeu « Versions des chapitres "
                    "»)."
                ),
            ),
        ),
        foreign_keys={"consultation_id": ("consultations", "id")},
    ),
    Dataset(
        slug="versions-chapitres",
        title=_("Versions des chapitres"),
        description=_(
            "Chaque version publiée du texte de chaque chapitre, la plus ancienne comprise : "
            "une contribution porte sur la version qu'elle a commentée."
        ),
        queryset=public.chapter_versions,
        fields=(
            ID,
            _ref("chapter_id", _("Chapitre"), _("Identifiant du chapitre.")),
            Field(
                "number", "integer", _("Version"), _("Numéro de la version (1, 2…)."), required=True
            ),
            _text(
                "note",
                _("Nature des changements"),
                _("Ce qui a changé par rapport à la version précédente."),
            ),
            _moment(
                "created_at",
                _("Date"),
                _("Date de publication de la version (UTC)."),
                required=True,
            ),
            _text(
                "body", _("Texte"), _("Texte complet de la version, en Markdown."), required=True
            ),
        ),
        foreign_keys={"chapter_id": ("chapitres", "id")},
    ),
    Dataset(
        slug="paragraphes",
        title=_("Paragraphes"),
        description=_(
            "Le texte de chaque paragraphe dans chaque version de son chapitre. Un paragraphe "
            "garde son identifiant (`paragraph_id`) et son ancre tant qu'il n'est que retouché : "
            "les contributions sur un paragraphe le désignent par cet identifiant."
        ),
        queryset=public.paragraph_texts,
        fields=(
            ID,
            _ref(
                "paragraph_id",
                _("Paragraphe"),
                _("Identifiant stable du paragraphe, d'une version à l'autre."),
            ),
            _text(
                "anchor",
                _("Ancre"),
                _("Ancre du paragraphe dans la page du chapitre."),
                source="paragraph__anchor",
                required=True,
            ),
            _ref(
                "chapter_id",
                _("Chapitre"),
                _("Identifiant du chapitre."),
                source="version__chapter_id",
            ),
            _ref("version_id", _("Version"), _("Identifiant de la version du chapitre.")),
            Field(
                "position",
                "integer",
                _("Position"),
                _("Rang du paragraphe dans la version (à partir de 1)."),
                required=True,
            ),
            _text("text", _("Texte"), _("Texte du paragraphe, en Markdown."), required=True),
        ),
        foreign_keys={
            "chapter_id": ("chapitres", "id"),
            "version_id": ("versions-chapitres", "id"),
        },
    ),
    Dataset(
        slug="contributions",
        title=_("Contributions"),
        description=_(
            "Les contributions publiées : commentaires, questions et propositions de "
            "reformulation, et les réponses entre participants. Jamais une contribution en "
            "attente, masquée, rejetée, retirée par son auteur ou retenue pour données "
            "personnelles. L'auteur n'y figure que par son type d'acteur et sa région, et par "
            "son nom public s'il a signé la contribution et accepté qu'il figure dans les "
            "données ouvertes ; jamais son adresse électronique, son organisme ni sa "
            "déclaration de liens d'intérêts."
        ),
        queryset=_contributions,
        fields=(
            ID,
            _ref("consultation_id", _("Consultation"), _("Identifiant de la consultation.")),
            _ref("chapter_id", _("Chapitre"), _("Identifiant du chapitre.")),
            _ref(
                "version_id",
                _("Version commentée"),
                _("Identifiant de la version du chapitre que la contribution a commentée."),
            ),
            _ref(
                "paragraph_id",
                _("Paragraphe"),
                _(
                    "Identifiant stable du paragraphe commenté (jeu « Paragraphes », colonne "
                    "`paragraph_id`) ; vide pour une contribution sur l'ensemble du chapitre."
                ),
                required=False,
            ),
            Field(
                "is_reply",
                "boolean",
                _("Réponse"),
                _("`true` pour une réponse à une autre contribution."),
                required=True,
            ),
            _ref(
                "parent_id",
                _("En réponse à"),
                _(
                    "Identifiant de la contribution à laquelle celle-ci répond, quand elle est "
                    "publiée ; vide sinon."
                ),
                source="public_parent_id",
                required=False,
            ),
            Field(
                "kind",
                "string",
                _("Type"),
                _("Type de contribution."),
                required=True,
                choices=_codes(Contribution.Kind),
            ),
            _text(
                "body",
                _("Texte"),
                _("Texte de la contribution, en Markdown, tel que publié."),
                required=True,
            ),
            _text(
                "proposed_text",
                _("Reformulation proposée"),
                _("Pour une proposition de reformulation : le texte proposé."),
            ),
            _moment("created_at", _("Date"), _("Date de dépôt (UTC)."), required=True),
            _moment(
                "edited_at",
                _("Modifiée le"),
                _("Date de la dernière modification par l'auteur (UTC), s'il y en a eu une."),
            ),
            _text(
                "author_name",
                _("Nom public de l'auteur"),
                _(
                    "Seulement si l'auteur a signé la contribution et accepté que son nom figure "
                    "dans les données ouvertes ; vide sinon."
                ),
            ),
            Field(
                "author_stakeholder_type",
                "string",
                _("Type d'acteur de l'auteur"),
                _(
                    "Type d'acteur déclaré par l'auteur ; vide pour une contribution d'un compte "
                    "supprimé."
                ),
                choices=_codes(StakeholderType),
            ),
            _text(
                "author_region",
                _("Région de l'auteur"),
                _(
                    "Code INSEE de la région déclarée par l'auteur ; vide si aucune, ou pour un "
                    "compte supprimé."
                ),
            ),
            Field(
                "answer_state",
                "string",
                _("Réponse officielle"),
                _(
                    "Position de la dernière réponse officielle publiée ; vide tant que la "
                    "contribution n'a pas de réponse."
                ),
                choices=_codes(AnswerState),
            ),
            _moment(
                "answered_at",
                _("Répondue le"),
                _("Date de publication de la réponse officielle (UTC)."),
            ),
            Field(
                "rewording_outcome",
                "string",
                _("Suite donnée à la reformulation"),
                _("Pour une proposition de reformulation : la décision de l'équipe ; vide sinon."),
                choices=_codes(RewordingOutcome),
            ),
            _ref(
                "rewording_version_id",
                _("Version qui l'intègre"),
                _("Identifiant de la version du chapitre qui intègre la reformulation acceptée."),
                required=False,
            ),
        ),
        foreign_keys={
            "consultation_id": ("consultations", "id"),
            "chapter_id": ("chapitres", "id"),
            "version_id": ("versions-chapitres", "id"),
            "parent_id": ("contributions", "id"),
            "author_region": ("regions", "code"),
        },
    ),
    Dataset(
        slug="reactions",
        title=_("Réactions aux contributions"),
        description=_(
            "Le nombre de réactions « D'accord » et « Pas d'accord » de chaque contribution "
            "publiée, agrégé : qui a réagi n'est jamais publié."
        ),
        queryset=public.contributions,
        fields=(
            Field(
                "contribution_id",
                "integer",
                _("Contribution"),
                _("Identifiant de la contribution."),
                source="pk",
                required=True,
                unique=True,
            ),
            Field(
                "agree_count",
                "integer",
                _("D'accord"),
                _("Nombre de réactions « D'accord »."),
                required=True,
                minimum=0,
            ),
            Field(
                "disagree_count",
                "integer",
                _("Pas d'accord"),
                _("Nombre de réactions « Pas d'accord »."),
                required=True,
                minimum=0,
            ),
        ),
        primary_key=("contribution_id",),
        foreign_keys={"contribution_id": ("contributions", "id")},
    ),
    Dataset(
        slug="reponses-officielles",
        title=_("Réponses officielles"),
        description=_(
            "Les réponses argumentées publiées par l'équipe de la Délégation au numérique en "
            "santé, sur des contributions ou sur un paragraphe. Les contributions répondues "
            "sont dans le jeu « Contributions répondues »."
        ),
        queryset=public.official_answers,
        fields=(
            ID,
            _ref("consultation_id", _("Consultation"), _("Identifiant de la consultation.")),
            _ref("chapter_id", _("Chapitre"), _("Identifiant du chapitre.")),
            _ref(
                "paragraph_id",
                _("Paragraphe"),
                _(
                    "Pour une réponse sur un paragraphe : son identifiant stable (jeu « "
                    "Paragraphes », colonne `paragraph_id`)."
                ),
                required=False,
            ),
            Field(
                "state",
                "string",
                _("Position"),
                _("Ce que devient ce que disent les contributions."),
                required=True,
                choices=_codes(AnswerState),
            ),
            _text("body", _("Réponse"), _("Réponse argumentée, en Markdown."), required=True),
            _text("team", _("Équipe"), _("Équipe qui répond."), required=True),
            _ref(
                "version_id",
                _("Version qui en tient compte"),
                _("Identifiant de la version du chapitre qui tient compte de la réponse."),
                required=False,
            ),
            _moment("published_at", _("Publiée le"), _("Date de publication (UTC).")),
        ),
        foreign_keys={
            "consultation_id": ("consultations", "id"),
            "chapter_id": ("chapitres", "id"),
            "version_id": ("versions-chapitres", "id"),
        },
    ),
    Dataset(
        slug="contributions-repondues",
        title=_("Contributions répondues"),
        description=_(
            "Quelle réponse officielle répond à quelle contribution (une réponse peut en "
            "couvrir plusieurs)."
        ),
        queryset=public.answered_contributions,
        fields=(
            _ref(
                "answer_id",
                _("Réponse officielle"),
                _("Identifiant de la réponse officielle."),
                source="officialanswer_id",
            ),
            _ref(
                "contribution_id", _("Contribution"), _("Identifiant de la contribution répondue.")
            ),
        ),
        primary_key=("answer_id", "contribution_id"),
        foreign_keys={
            "answer_id": ("reponses-officielles", "id"),
            "contribution_id": ("contributions", "id"),
        },
    ),
    Dataset(
        slug="evenements",
        title=_("Événements"),
        description=_(
            "Les étapes du Tour des régions, ateliers citoyens et webinaires publiés, et ceux "
            "qui ont été annulés. Les inscriptions ne sont jamais publiées."
        ),
        queryset=public.events,
        fields=(
            ID,
            _text(
                "slug",
                _("Identifiant d'URL"),
                _("Identifiant de l'événement dans l'adresse de sa page."),
                required=True,
            ),
            Field(
                "kind",
                "string",
                _("Type"),
                _("Type d'événement."),
                required=True,
                choices=_codes(Event.Kind),
            ),
            Field(
                "status",
                "string",
                _("Statut"),
                _("Publié, ou annulé."),
                required=True,
                choices=_codes(Event.Status, only={"published", "cancelled"}),
            ),
            _text("title", _("Titre"), _("Titre de l'événement."), required=True),
            _text("region", _("Région"), REGION_CODE, source="region__code", required=True),
            _text("city", _("Ville"), _("Ville où il se tient.")),
            _text("venue", _("Lieu"), _("Nom du lieu.")),
            _text("address", _("Adresse"), _("Adresse du lieu.")),
            _text(
                "online_url",
                _("Lien en ligne"),
                _("Lien de participation en ligne, s'il y en a un."),
            ),
            _moment("starts_at", _("Début"), _("Début (UTC)."), required=True),
            _moment("ends_at", _("Fin"), _("Fin (UTC)."), required=True),
            _text("summary", _("Résumé"), _("Résumé de l'événement."), required=True),
            Field(
                "capacity",
                "integer",
                _("Places"),
                _("Nombre de places ; vide : pas de limite."),
                minimum=0,
            ),
            Field(
                "attendance",
                "integer",
                _("Participants"),
                _("Nombre de participants, renseigné après l'événement."),
                minimum=0,
            ),
        ),
        foreign_keys={"region": ("regions", "code")},
    ),
    Dataset(
        slug="regions",
        title=_("Régions"),
        description=_("Les régions françaises et leur agence régionale de santé (ARS)."),
        queryset=public.regions,
        fields=(
            Field(
                "code",
                "string",
                _("Code INSEE"),
                _("Code officiel géographique de la région (INSEE)."),
                required=True,
                unique=True,
            ),
            _text("name", _("Nom"), _("Nom de la région."), required=True),
            _text(
                "slug",
                _("Identifiant d'URL"),
                _("Identifiant de la région dans l'adresse de sa page."),
                required=True,
            ),
            _text(
                "ars_name",
                _("Agence régionale de santé"),
                _("Nom de l'ARS de la région."),
                required=True,
            ),
            _text("ars_url", _("Site de l'ARS"), _("Adresse du site de l'ARS.")),
            Field(
                "is_overseas",
                "boolean",
                _("Outre-mer"),
                _("`true` pour une région d'outre-mer."),
                required=True,
            ),
        ),
        primary_key=("code",),
    ),
    Dataset(
        slug="indicateurs-regionaux",
        title=_("Indicateurs régionaux"),
        description=_(
            "Les chiffres publiés des programmes nationaux (SUN-ES, ESMS Numérique, Mon espace "
            "santé…) par région, avec leur date et leur source."
        ),
        queryset=public.regional_indicators,
        fields=(
            ID,
            _text(
                "programme",
                _("Programme"),
                _("Identifiant d'URL du programme."),
                source="programme__slug",
                required=True,
            ),
            _text(
                "programme_name",
                _("Nom du programme"),
                _("Nom du programme."),
                source="programme__name",
                required=True,
            ),
            _text("region", _("Région"), REGION_CODE, source="region__code", required=True),
            _text("label", _("Indicateur"), _("Ce que mesure le chiffre."), required=True),
            Field(
                "qualifier",
                "string",
                _("Précision"),
                _("« plus de », « près de », « environ » ; vide pour un chiffre exact."),
                choices=_codes(RegionalIndicator.Qualifier),
            ),
            Field("value", "number", _("Valeur"), _("Le chiffre, point décimal."), required=True),
            _text("unit", _("Unité"), _("Unité du chiffre (%, M€, structures…).")),
            Field("date", "date", _("Date de la mesure"), _("Date de la mesure."), required=True),
            _text("source", _("Source"), _("Source du chiffre."), required=True),
            _text("source_url", _("Lien vers la source"), _("Adresse de la source.")),
        ),
        foreign_keys={"region": ("regions", "code")},
    ),
    Dataset(
        slug="actions-feuille-de-route",
        title=_("Actions de la feuille de route"),
        description=_(
            "Les actions numérotées des éditions publiées de la feuille de route du numérique "
            "en santé, leur axe, leur pilote et leur avancement."
        ),
        queryset=public.roadmap_actions,
        fields=(
            ID,
            _text(
                "roadmap",
                _("Feuille de route"),
                _("Identifiant d'URL de l'édition de la feuille de route."),
                source="roadmap__slug",
                required=True,
            ),
            _text(
                "roadmap_title",
                _("Titre de la feuille de route"),
                _("Titre de l'édition."),
                source="roadmap__title",
                required=True,
            ),
            Field(
                "axis_number",
                "integer",
                _("Numéro de l'axe"),
                _("Numéro de l'axe (ou de l'orientation) de l'action."),
                source="axis__number",
                required=True,
            ),
            _text(
                "axis_title", _("Axe"), _("Titre de l'axe."), source="axis__title", required=True
            ),
            Field(
                "number",
                "integer",
                _("Numéro"),
                _("Numéro de l'action dans la feuille de route."),
                required=True,
            ),
            _text("title", _("Titre"), _("Titre de l'action."), required=True),
            _text("summary", _("Résumé"), _("Résumé de l'action."), required=True),
            Field(
                "status",
                "string",
                _("État d'avancement"),
                _("État d'avancement de l'action."),
                required=True,
                choices=_codes(Action.Status),
            ),
            _text(
                "lead",
                pgettext_lazy("action de la feuille de route", "Pilote"),
                _("Qui pilote l'action."),
            ),
            Field(
                "progress",
                "integer",
                _("Avancement (%)"),
                _("Avancement en pourcentage."),
                required=True,
                minimum=0,
                maximum=100,
            ),
        ),
    ),
)

BY_SLUG: dict[str, Dataset] = {dataset.slug: dataset for dataset in DATASETS}
