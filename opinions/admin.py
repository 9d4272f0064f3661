"""The DNS team's view of the opinion groups, during the consultation too: the same section as
the public results page, and a recomputation on demand (through the task: never in the request
when a worker runs)."""

from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import tasks
from .models import OpinionGroups
from .selectors import opinion_section


@admin.register(OpinionGroups)
class OpinionGroupsAdmin(admin.ModelAdmin):
    list_display = ["consultation", "computed_at", "participants", "group_count", "voters"]
    list_select_related = ["consultation"]
    fields = ["consultation", "computed_at", "voters", "participants", "contributions",
              "reactions", "hidden", "silhouette", "section"]  # fmt: skip
    readonly_fields = fields
    actions = ["recompute"]
    change_form_template = "opinions/admin_change_form.html"

    @admin.display(description=_("groupes montrés"))
    def group_count(self, obj):
        return len(obj.groups)

    @admin.display(description=_("groupes d'opinion"))
    def section(self, obj):
        section = render_to_string(
            "opinions/section.html",
            {"section": opinion_section(obj.consultation), "consultation": obj.consultation},
        )
        return format_html('<div class="esante-opinions-admin">{}</div>', section)

    @admin.action(description=_("Recalculer les groupes d'opinion"), permissions=["change"])
    def recompute(self, request, queryset):
        for consultation_id in queryset.values_list("consultation_id", flat=True):
            tasks.compute_opinion_groups.delay(consultation_id)
        self.message_user(
            request,
            gettext("Recalcul demandé : les groupes seront à jour dans quelques instants."),
            messages.SUCCESS,
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
