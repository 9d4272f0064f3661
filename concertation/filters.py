import django_filters

from esante.models import StakeholderType

from .models import Contribution


class ContributionFilter(django_filters.FilterSet):
    """Sort and filters of a chapter's contributions; all carried by the URL."""

    tri = django_filters.OrderingFilter(
        label="Trier par",
        fields=(("created_at", "recent"), ("agree_count", "agreed")),
        field_labels={"-recent": "Les plus récentes", "-agreed": "Les plus approuvées"},
        choices=[("-recent", "Les plus récentes"), ("-agreed", "Les plus approuvées")],
        empty_label=None,
        null_label=None,
    )
    type = django_filters.ChoiceFilter(
        label="Type", field_name="kind", choices=Contribution.Kind.choices, empty_label="Tous"
    )
    acteur = django_filters.ChoiceFilter(
        label="Type d'acteur",
        field_name="author__stakeholder_type",
        choices=StakeholderType.choices,
        empty_label="Tous",
    )

    class Meta:
        model = Contribution
        fields = []

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("tri"):
            queryset = queryset.order_by("-created_at", "-pk")
        return queryset
