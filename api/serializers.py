"""What each resource shows, field by field, each described in French for the OpenAPI
document. Read-only; enumerations as a code plus its French label; dates in ISO 8601 with the
offset of Paris; `url` the public page of the object, on the host that served the request.

No field reads a relation that the view's queryset (api.public) did not join or prefetch: a
page of the API runs the same number of queries whatever its length."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from concertation.models import AnswerState, Consultation, Contribution, RewordingOutcome
from esante.models import StakeholderType
from events.models import Event
from roadmap.models import Action

STAKEHOLDER_LABELS = dict(StakeholderType.choices)


def _absolute(serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class _PublicUrl(serializers.Serializer):
    url = serializers.SerializerMethodField(help_text="Adresse de la page publique de l'objet.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return _absolute(self, obj.get_absolute_url())


class RegionSerializer(_PublicUrl):
    code = serializers.CharField(help_text="Code INSEE de la région (identifiant stable).")
    name = serializers.CharField(help_text="Nom de la région.")
    slug = serializers.CharField(help_text="Identifiant d'URL de la région sur le portail.")
    ars_name = serializers.CharField(help_text="Nom de l'agence régionale de santé (ARS).")
    ars_url = serializers.CharField(help_text="Site de l'ARS (vide s'il n'est pas renseigné).")
    is_overseas = serializers.BooleanField(help_text="Région d'outre-mer.")


class ConsultationSerializer(_PublicUrl):
    id = serializers.IntegerField(help_text="Identifiant stable de la consultation.")
    slug = serializers.CharField(help_text="Identifiant d'URL de la consultation.")
    title = serializers.CharField(help_text="Titre.")
    topic = serializers.CharField(help_text="Thème (peut être vide).")
    introduction = serializers.CharField(help_text="Introduction, en Markdown.")
    published_on = serializers.DateField(
        allow_null=True, help_text="Date de mise en ligne (ISO 8601), ou null."
    )
    opens_at = serializers.DateTimeField(help_text="Ouverture des contributions (ISO 8601).")
    closes_at = serializers.DateTimeField(help_text="Clôture des contributions (ISO 8601).")
    state = serializers.SerializerMethodField(
        help_text="État au moment de la réponse : upcoming (à venir), open (ouverte), "
        "closed (close)."
    )
    state_label = serializers.SerializerMethodField(help_text="Libellé français de l'état.")
    moderation_mode = serializers.ChoiceField(
        choices=Consultation.ModerationMode.choices,
        help_text="Mode de modération : a_priori (publication après validation) ou "
        "a_posteriori (publication immédiate, masquage si besoin).",
    )
    moderation_mode_label = serializers.CharField(
        source="get_moderation_mode_display", help_text="Libellé français du mode de modération."
    )
    roadmap = serializers.SerializerMethodField(
        help_text="Identifiant d'URL de la feuille de route concernée, ou null."
    )

    def _state(self, obj):
        return obj.state_at(self.context["now"])

    @extend_schema_field(serializers.ChoiceField(choices=Consultation.State.choices))
    def get_state(self, obj) -> str:
        return self._state(obj).value

    def get_state_label(self, obj) -> str:
        return str(self._state(obj).label)

    def get_roadmap(self, obj) -> str | None:
        roadmap = obj.roadmap
        return roadmap.slug if roadmap is not None and roadmap.is_published else None


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text="Numéro de la version en ligne.")
    created_at = serializers.DateTimeField(help_text="Date de la version (ISO 8601).")
    note = serializers.CharField(help_text="Nature des changements (peut être vide).")


class ParagraphSerializer(serializers.Serializer):
    anchor = serializers.CharField(
        source="paragraph.anchor",
        help_text="Ancre stable du paragraphe (elle ne change pas d'une version à l'autre).",
    )
    position = serializers.IntegerField(help_text="Position dans la version (à partir de 1).")
    text = serializers.CharField(help_text="Texte du paragraphe, en Markdown.")
    text_html = serializers.CharField(help_text="Texte du paragraphe, en HTML assaini.")


class ChapterSerializer(_PublicUrl):
    id = serializers.IntegerField(help_text="Identifiant stable du chapitre.")
    consultation = serializers.IntegerField(
        source="consultation_id", help_text="Identifiant de la consultation."
    )
    number = serializers.IntegerField(help_text="Numéro du chapitre dans la consultation.")
    title = serializers.CharField(help_text="Titre.")
    slug = serializers.CharField(help_text="Identifiant d'URL du chapitre.")
    summary = serializers.CharField(help_text="Résumé (peut être vide).")
    version = VersionSerializer(
        source="current_version", allow_null=True, help_text="Version en ligne, ou null."
    )
    paragraphs = serializers.SerializerMethodField(
        help_text="Paragraphes de la version en ligne, dans l'ordre."
    )

    @extend_schema_field(ParagraphSerializer(many=True))
    def get_paragraphs(self, obj) -> list:
        if obj.current_version is None:
            return []
        return ParagraphSerializer(obj.current_version.texts.all(), many=True).data


class AuthorSerializer(serializers.Serializer):
    name = serializers.CharField(
        source="author_name",
        help_text="Nom public de l'auteur, seulement s'il a consenti à sa publication dans les "
        "données ouvertes et a signé la contribution ; sinon vide.",
    )
    stakeholder_type = serializers.ChoiceField(
        source="author_stakeholder_type",
        choices=StakeholderType.choices,
        allow_blank=True,
        help_text="Type d'acteur de l'auteur (vide pour un compte supprimé).",
    )
    stakeholder_type_label = serializers.SerializerMethodField(
        help_text="Libellé français du type d'acteur."
    )
    region = serializers.CharField(
        source="author_region", help_text="Code INSEE de la région de l'auteur, ou vide."
    )

    def get_stakeholder_type_label(self, obj) -> str:
        return str(STAKEHOLDER_LABELS.get(obj.author_stakeholder_type, ""))


class ContributionSerializer(_PublicUrl):
    id = serializers.IntegerField(help_text="Identifiant stable de la contribution.")
    consultation = serializers.IntegerField(
        source="consultation_id", help_text="Identifiant de la consultation."
    )
    chapter = serializers.IntegerField(source="chapter_id", help_text="Identifiant du chapitre.")
    version = serializers.IntegerField(
        source="version.number", help_text="Numéro de la version du chapitre commentée."
    )
    paragraph = serializers.CharField(
        source="paragraph.anchor",
        allow_null=True,
        default=None,
        help_text="Ancre du paragraphe commenté, ou null pour une contribution sur tout le "
        "chapitre.",
    )
    parent = serializers.IntegerField(
        source="public_parent_id",
        allow_null=True,
        help_text="Identifiant de la contribution à laquelle elle répond, ou null.",
    )
    kind = serializers.ChoiceField(
        choices=Contribution.Kind.choices,
        help_text="Type : comment (commentaire), question, rewording (proposition de "
        "reformulation).",
    )
    kind_label = serializers.CharField(
        source="get_kind_display", help_text="Libellé français du type."
    )
    body = serializers.CharField(help_text="Texte, en Markdown.")
    body_html = serializers.CharField(help_text="Texte, en HTML assaini.")
    proposed_text = serializers.CharField(
        help_text="Reformulation proposée (vide sauf pour une proposition de reformulation)."
    )
    author = AuthorSerializer(
        source="*", help_text="L'auteur, pseudonymisé : jamais d'adresse électronique."
    )
    agree_count = serializers.IntegerField(help_text="Réactions « d'accord ».")
    disagree_count = serializers.IntegerField(help_text="Réactions « pas d'accord ».")
    created_at = serializers.DateTimeField(help_text="Date de dépôt (ISO 8601).")
    edited_at = serializers.DateTimeField(
        allow_null=True, help_text="Date de la dernière modification par l'auteur, ou null."
    )
    answer_state = serializers.ChoiceField(
        choices=AnswerState.choices,
        allow_blank=True,
        help_text="Position de la réponse officielle publiée (vide sans réponse).",
    )
    answer_state_label = serializers.CharField(
        source="get_answer_state_display", help_text="Libellé français de la position."
    )
    answered_at = serializers.DateTimeField(
        allow_null=True, help_text="Date de la réponse officielle, ou null."
    )
    rewording_outcome = serializers.ChoiceField(
        choices=RewordingOutcome.choices,
        allow_blank=True,
        help_text="Suite donnée à une proposition de reformulation (vide sinon).",
    )
    rewording_outcome_label = serializers.CharField(
        source="get_rewording_outcome_display", help_text="Libellé français de la suite donnée."
    )


class OfficialAnswerSerializer(_PublicUrl):
    id = serializers.IntegerField(help_text="Identifiant stable de la réponse officielle.")
    consultation = serializers.IntegerField(
        source="consultation_id", help_text="Identifiant de la consultation."
    )
    chapter = serializers.IntegerField(source="chapter_id", help_text="Identifiant du chapitre.")
    paragraph = serializers.CharField(
        source="paragraph.anchor",
        allow_null=True,
        default=None,
        help_text="Ancre du paragraphe auquel elle répond, ou null.",
    )
    contributions = serializers.SerializerMethodField(
        help_text="Identifiants des contributions publiques auxquelles elle répond."
    )
    state = serializers.ChoiceField(
        choices=AnswerState.choices, help_text="Position prise sur ce qui a été proposé."
    )
    state_label = serializers.CharField(
        source="get_state_display", help_text="Libellé français de la position."
    )
    body = serializers.CharField(help_text="Réponse argumentée, en Markdown.")
    body_html = serializers.CharField(help_text="Réponse argumentée, en HTML assaini.")
    team = serializers.CharField(help_text="Équipe qui répond.")
    published_at = serializers.DateTimeField(help_text="Date de publication (ISO 8601).")

    def get_url(self, obj) -> str:
        # Shown on its chapter's page, under what it answers.
        query = f"?paragraphe={obj.paragraph.anchor}" if obj.paragraph_id else ""
        return _absolute(self, f"{obj.chapter.get_absolute_url()}{query}")

    def get_contributions(self, obj) -> list[int]:
        return [contribution.pk for contribution in obj.public_contributions]


class EventSerializer(_PublicUrl):
    id = serializers.IntegerField(help_text="Identifiant stable de l'événement.")
    slug = serializers.CharField(help_text="Identifiant d'URL de l'événement.")
    kind = serializers.ChoiceField(
        choices=Event.Kind.choices,
        help_text="Type : tour_stop (étape du Tour des régions), workshop (atelier citoyen), "
        "webinar (webinaire), other (autre).",
    )
    kind_label = serializers.CharField(
        source="get_kind_display", help_text="Libellé français du type."
    )
    status = serializers.ChoiceField(
        choices=[
            (Event.Status.PUBLISHED, Event.Status.PUBLISHED.label),
            (Event.Status.CANCELLED, Event.Status.CANCELLED.label),
        ],
        help_text="Statut : published (publié) ou cancelled (annulé).",
    )
    status_label = serializers.CharField(
        source="get_status_display", help_text="Libellé français du statut."
    )
    title = serializers.CharField(help_text="Titre.")
    region = serializers.CharField(source="region.code", help_text="Code INSEE de la région.")
    city = serializers.CharField(help_text="Ville (peut être vide).")
    venue = serializers.CharField(help_text="Lieu (peut être vide).")
    address = serializers.CharField(help_text="Adresse (peut être vide).")
    online_url = serializers.CharField(help_text="Lien de participation en ligne (peut être vide).")
    starts_at = serializers.DateTimeField(help_text="Début (ISO 8601).")
    ends_at = serializers.DateTimeField(help_text="Fin (ISO 8601).")
    summary = serializers.CharField(help_text="Résumé.")
    body = serializers.CharField(help_text="Présentation, en Markdown (peut être vide).")
    capacity = serializers.IntegerField(
        allow_null=True, help_text="Nombre de places, ou null sans limite."
    )
    registration_opens_at = serializers.DateTimeField(
        allow_null=True, help_text="Ouverture des inscriptions, ou null."
    )
    registration_closes_at = serializers.DateTimeField(
        allow_null=True, help_text="Clôture des inscriptions, ou null (au début de l'événement)."
    )
    attendance = serializers.IntegerField(
        allow_null=True, help_text="Nombre de participants, après l'événement, ou null."
    )
    updated_at = serializers.DateTimeField(help_text="Dernière modification (ISO 8601).")


class MilestoneSerializer(serializers.Serializer):
    title = serializers.CharField(help_text="Jalon.")
    due_on = serializers.DateField(help_text="Échéance (ISO 8601).")
    is_done = serializers.BooleanField(help_text="Jalon atteint.")


class ActionSerializer(_PublicUrl):
    id = serializers.IntegerField(help_text="Identifiant stable de l'action.")
    roadmap = serializers.CharField(
        source="roadmap.slug", help_text="Identifiant d'URL de la feuille de route."
    )
    roadmap_title = serializers.CharField(
        source="roadmap.title", help_text="Titre de la feuille de route."
    )
    axis_number = serializers.IntegerField(
        source="axis.number", help_text="Numéro de l'axe (ou de l'orientation)."
    )
    axis_title = serializers.CharField(source="axis.title", help_text="Titre de l'axe.")
    number = serializers.IntegerField(help_text="Numéro de l'action dans la feuille de route.")
    title = serializers.CharField(help_text="Titre.")
    summary = serializers.CharField(help_text="Résumé.")
    body = serializers.CharField(help_text="Description, en Markdown (peut être vide).")
    status = serializers.ChoiceField(
        choices=Action.Status.choices,
        help_text="État d'avancement : planned (prévue), in_progress (en cours), done (réalisée).",
    )
    status_label = serializers.CharField(
        source="get_status_display", help_text="Libellé français de l'état d'avancement."
    )
    lead = serializers.CharField(help_text="Pilote (peut être vide).")
    progress = serializers.IntegerField(help_text="Avancement, en pourcentage (0 à 100).")
    milestones = MilestoneSerializer(many=True, help_text="Jalons, par échéance.")
