"""The filters of each list (django-filter). Every value is checked before it reaches the
database: a wrong one is a 400 with a French message naming the parameter, never a 500 (no NUL
byte sent to PostgreSQL, no integer too large for SQLite, no date beyond what a time zone can
convert)."""

import datetime

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field

from concertation.models import AnswerState, Chapter, Consultation, Contribution, OfficialAnswer
from esante.formguards import CONTROL_RE
from esante.models import StakeholderType
from events.models import Event
from roadmap.models import Action

MAX_ID = 2**63 - 1
# Dates a filter accepts: beyond, converting midnight in Paris to UTC overflows a datetime.
FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(9999, 1, 1)

REGION_CODE = RegexValidator(r"^[0-9]{2,3}$", "Un code INSEE de région : deux ou trois chiffres.")
SLUG_OR_ID = RegexValidator(
    r"^[-a-zA-Z0-9_]{1,120}$",
    "L'identifiant numérique ou l'identifiant d'URL (lettres, chiffres et tirets).",
)


class GuardedForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        for name, values in self.data.lists():
            if any(CONTROL_RE.search(value) for value in values):
                self.add_error(
                    name if name in self.fields else None,
                    "La valeur contient un caractère de contrôle ou invisible non autorisé.",
                )
        return cleaned


@extend_schema_field(
    {"type": "integer", "minimum": 1, "maximum": MAX_ID, "description": "Identifiant du chapitre."}
)
class IdFilter(django_filters.NumberFilter):
    """A chapter's id (the only use so far: the annotation above documents it)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


def _midnight(day: datetime.date) -> datetime.datetime:
    day = min(max(day, FIRST_DAY), LAST_DAY)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class DayFilter(django_filters.DateFilter):
    """A day of the Paris calendar: `after` from its first instant, `before` up to its first
    instant (that day excluded)."""

    def __init__(self, *args, after: bool, **kwargs):
        self.after = after
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        lookup = "gte" if self.after else "lt"
        return qs.filter(**{f"{self.field_name}__{lookup}": _midnight(value)})


def _days(field: str, what: str):
    return (
        DayFilter(
            field_name=field,
            after=True,
            label=f"{what} ce jour (AAAA-MM-JJ, heure de Paris) ou après.",
        ),
        DayFilter(
            field_name=field, after=False, label=f"{what} avant ce jour (AAAA-MM-JJ, exclu)."
        ),
    )


class ApiFilterSet(django_filters.FilterSet):
    class Meta:
        form = GuardedForm


def _consultation_filter(field: str = "consultation"):
    return django_filters.CharFilter(
        method=f"filter_{field}",
        label="Consultation : son identifiant numérique ou son identifiant d'URL.",
        validators=[SLUG_OR_ID],
    )


def _by_consultation(qs, field: str, value: str):
    if value.isdigit():
        return qs.filter(**{f"{field}_id": int(value)}) if int(value) <= MAX_ID else qs.none()
    return qs.filter(**{f"{field}__slug": value})


class ConsultationFilter(ApiFilterSet):
    state = django_filters.ChoiceFilter(
        choices=Consultation.State.choices,
        method="filter_state",
        label="État : upcoming (à venir), open (ouverte), closed (close).",
    )

    class Meta(ApiFilterSet.Meta):
        model = Consultation
        fields = []

    def filter_state(self, qs, name, value):
        now = timezone.now()
        if value == Consultation.State.UPCOMING:
            return qs.filter(opens_at__gt=now)
        if value == Consultation.State.OPEN:
            return qs.filter(opens_at__lte=now, closes_at__gt=now)
        return qs.filter(closes_at__lte=now)


class ChapterFilter(ApiFilterSet):
    consultation = _consultation_filter()

    class Meta(ApiFilterSet.Meta):
        model = Chapter
        fields = []

    def filter_consultation(self, qs, name, value):
        return _by_consultation(qs, "consultation", value)


class ContributionFilter(ApiFilterSet):
    consultation = _consultation_filter()
    chapter = IdFilter(field_name="chapter_id", label="Identifiant du chapitre.")
    created_after, created_before = _days("created_at", "Déposées")
    kind = django_filters.ChoiceFilter(
        choices=Contribution.Kind.choices,
        label="Type : comment (commentaire), question, rewording (proposition de reformulation).",
    )
    answer_state = django_filters.ChoiceFilter(
        choices=[*AnswerState.choices, ("none", "Sans réponse officielle")],
        method="filter_answer_state",
        label="Position de la réponse officielle ; none : sans réponse officielle.",
    )
    stakeholder_type = django_filters.ChoiceFilter(
        field_name="author_stakeholder_type",
        choices=StakeholderType.choices,
        label="Type d'acteur de l'auteur.",
    )
    region = django_filters.CharFilter(
        field_name="author_region",
        validators=[REGION_CODE],
        label="Code INSEE de la région de l'auteur.",
    )

    class Meta(ApiFilterSet.Meta):
        model = Contribution
        fields = []

    def filter_consultation(self, qs, name, value):
        return _by_consultation(qs, "consultation", value)

    def filter_answer_state(self, qs, name, value):
        return qs.filter(answer_state="" if value == "none" else value)


class OfficialAnswerFilter(ApiFilterSet):
    consultation = _consultation_filter()
    chapter = IdFilter(field_name="chapter_id", label="Identifiant du chapitre.")
    published_after, published_before = _days("published_at", "Publiées")
    state = django_filters.ChoiceFilter(
        choices=AnswerState.choices, label="Position prise par la réponse."
    )

    class Meta(ApiFilterSet.Meta):
        model = OfficialAnswer
        fields = []

    def filter_consultation(self, qs, name, value):
        return _by_consultation(qs, "consultation", value)


class EventFilter(ApiFilterSet):
    region = django_filters.CharFilter(
        field_name="region__code", validators=[REGION_CODE], label="Code INSEE de la région."
    )
    kind = django_filters.ChoiceFilter(
        choices=Event.Kind.choices,
        label="Type : tour_stop, workshop, webinar, other.",
    )
    status = django_filters.ChoiceFilter(
        choices=[
            (Event.Status.PUBLISHED, Event.Status.PUBLISHED.label),
            (Event.Status.CANCELLED, Event.Status.CANCELLED.label),
        ],
        label="Statut : published (publié) ou cancelled (annulé).",
    )
    starts_after, starts_before = _days("starts_at", "Commençant")

    class Meta(ApiFilterSet.Meta):
        model = Event
        fields = []


class ActionFilter(ApiFilterSet):
    roadmap = django_filters.CharFilter(
        field_name="roadmap__slug",
        validators=[SLUG_OR_ID],
        label="Identifiant d'URL de la feuille de route.",
    )
    status = django_filters.ChoiceFilter(
        choices=Action.Status.choices,
        label="État d'avancement : planned, in_progress, done.",
    )

    class Meta(ApiFilterSet.Meta):
        model = Action
        fields = []
