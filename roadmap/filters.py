import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Action, Axis


class ActionFilter(django_filters.FilterSet):
    """Filters of an edition's actions; the URL carries them, so a filtered list is shareable."""

    axis = django_filters.ModelChoiceFilter(
        label=_("Axe"), queryset=Axis.objects.none(), empty_label=_("Tous")
    )
    status = django_filters.ChoiceFilter(
        label=_("État d'avancement"), choices=Action.Status.choices, empty_label=_("Tous")
    )

    class Meta:
        model = Action
        fields = ["axis", "status"]

    def __init__(self, *args, roadmap, **kwargs):
        super().__init__(*args, **kwargs)
        axis_field = self.filters["axis"]
        axis_field.queryset = roadmap.axes.all()
        axis_field.label = roadmap.axis_label
        # Labels that read well in a <select>: "2. Title", without the edition's name.
        self.form.fields["axis"].label_from_instance = lambda axis: f"{axis.number}. {axis.title}"
