"""The « thème » filter of the contributions' moderation and answering queues (issue 18)."""

from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Theme

PARAMETER = "theme"


class ThemeFilter(admin.SimpleListFilter):
    """A theme of the consultation being filtered (all consultations' themes otherwise), or
    « sans thème ». Staff answer a whole theme by filtering on it, selecting all and using the
    answering queue's « répondre ensemble » action."""

    title = _("thème")
    parameter_name = PARAMETER
    NONE = "sans"

    def lookups(self, request, model_admin):
        themes = Theme.objects.filter(merged_into__isnull=True, size__gt=0).select_related(
            "consultation"
        )
        consultation = request.GET.get("consultation__id__exact")
        if consultation and consultation.isdigit():
            themes = themes.filter(consultation_id=consultation)
        choices = [(self.NONE, gettext("Sans thème"))]
        for theme in themes.order_by("consultation__title", "-size", "pk"):
            text = f"{theme.display_label} ({theme.size})"
            if not consultation:
                text = f"{theme.consultation.title} — {text}"
            choices.append((str(theme.pk), text))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.NONE:
            return queryset.filter(theme_membership__isnull=True)
        if value and value.isdigit():
            return queryset.filter(theme_membership__theme_id=int(value))
        return queryset
