import django_filters
from django.utils.translation import gettext_lazy as _

from ..models import AnswerState, Contribution


class AnsweredFilter(django_filters.FilterSet):
    """The answered contributions of one consultation, by position taken and by chapter; all
    carried by the URL (?etat=taken&chapitre=securite)."""

    etat = django_filters.ChoiceFilter(
        label=_("Position"),
        field_name="answer_state",
        choices=AnswerState.choices,
        empty_label=_("Toutes"),
    )
    chapitre = django_filters.ChoiceFilter(
        label=_("Chapitre"), field_name="chapter__slug", empty_label=_("Tous")
    )

    class Meta:
        model = Contribution
        fields = []

    def __init__(self, *args, chapters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["chapitre"].extra["choices"] = [
            (chapter.slug, f"{chapter.number}. {chapter.title}") for chapter in chapters
        ]
