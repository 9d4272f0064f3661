import django_filters
from django.utils.translation import gettext_lazy as _

from esante.models import StakeholderType

from .models import Contribution


class ContributionFilter(django_filters.FilterSet):
    """Sort and filters of a chapter's contributions; all carried by the URL."""

    tri = django_filters.OrderingFilter(
        label=_("Trier par"),
        fields=(("created_at", "recent"), ("agree_count", "agreed")),
        field_labels={"-recent": _("Les plus récentes"), "-agreed": _("Les plus approuvées")},
        choices=[("-recent", _("Les plus récentes")), ("-agreed", _("Les plus approuvées"))],
        empty_label=None,
        null_label=None,
    )
    type = django_filters.ChoiceFilter(
        label=_("Type"), field_name="kind", choices=Contribution.Kind.choices, empty_label=_("Tous")
    )
    acteur = django_filters.ChoiceFilter(
        label=_("Type d'acteur"),
        field_name="author__stakeholder_type",
        choices=StakeholderType.choices,
        empty_label=_("Tous"),
    )

    class Meta:
        model = Contribution
        fields = []

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # Ties broken down to the primary key, in the order of the thread indexes
        # (Contribution.Meta.indexes): pages never repeat nor skip a contribution.
        if self.form.cleaned_data.get("tri") == ["-agreed"]:
            return queryset.order_by("-agree_count", "-created_at", "-pk")
        return queryset.order_by("-created_at", "-pk")

    @property
    def narrows(self) -> bool:
        """Whether it keeps only some threads (by kind or stakeholder), not merely sorts them."""
        data = getattr(self.form, "cleaned_data", {}) if self.is_bound else {}
        return bool(data.get("type") or data.get("acteur"))
