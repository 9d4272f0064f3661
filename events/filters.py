import re

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from esante.models import Region

from .models import Event

# Years 1000 to 2999, ASCII digits: « 0000-01 » made a date of year 0 (a 500, issue 15), and
# \d accepts other scripts' digits.
MONTH_RE = re.compile(r"^([12][0-9]{3})-(0[1-9]|1[0-2])$")


class EventFilter(django_filters.FilterSet):
    """Filters of /evenements/, carried by the URL (shareable) and kept from page to page."""

    periode = django_filters.ChoiceFilter(
        label=_("Période"),
        choices=[
            ("a-venir", pgettext_lazy("évènements", "À venir")),
            ("passes", pgettext_lazy("évènements", "Passés")),
        ],
        empty_label=_("À venir puis passés"),
        method="filter_period",
    )

    region = django_filters.ModelChoiceFilter(
        label=_("Région"),
        queryset=Region.objects.all(),
        to_field_name="slug",
        empty_label=_("Toutes les régions"),
    )
    type = django_filters.ChoiceFilter(
        label=_("Type"), field_name="kind", choices=Event.Kind.choices, empty_label=_("Tous")
    )
    mois = django_filters.CharFilter(
        label=_("Mois"),
        method="filter_month",
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("Au format AAAA-MM, par exemple 2023-02."),
    )

    class Meta:
        model = Event
        fields = []

    def filter_period(self, queryset, name, value):
        now = timezone.now()
        return queryset.upcoming(now) if value == "a-venir" else queryset.past(now)

    def filter_month(self, queryset, name, value):
        match = MONTH_RE.match(value or "")
        if not match:
            return queryset
        return queryset.filter(
            starts_at__year=int(match.group(1)), starts_at__month=int(match.group(2))
        )

    @property
    def month_is_invalid(self) -> bool:
        value = self.data.get("mois") if self.data else None
        return bool(value) and not MONTH_RE.match(value)
