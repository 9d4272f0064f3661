"""Admin of the Conseil du Numérique en Santé: meetings, working groups and their deliverables,
applications (decided by bulk actions, each e-mailed), the ethics cell's pilots."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from esante.models import StakeholderType

from .. import services
from .models import Application, CouncilMeeting, Deliverable, EthicsPilot, WorkingGroup


@admin.register(CouncilMeeting)
class CouncilMeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "place", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "agenda", "minutes"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["consultations"]
    date_hierarchy = "starts_at"


class DeliverableInline(admin.TabularInline):
    model = Deliverable
    extra = 0


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "applications_close_at", "meeting", "is_published"]
    list_filter = ["status", "is_published", "meeting"]
    search_fields = ["name", "mission"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["leads"]
    inlines = [DeliverableInline]


class StakeholderFilter(admin.SimpleListFilter):
    """The applicant's stakeholder type by its French name (the field stores the code)."""

    title = _("type d'acteur")
    parameter_name = "stakeholder_type"

    def lookups(self, request, model_admin):
        return StakeholderType.choices

    def queryset(self, request, queryset):
        return queryset.filter(stakeholder_type=self.value()) if self.value() else queryset


class DecisionActionForm(ActionForm):
    message = forms.CharField(label=_("Message au candidat"), required=False, max_length=2000)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    action_form = DecisionActionForm
    actions = ["accept", "decline"]
    list_display = [
        "user",
        "group",
        "status",
        "stakeholder",
        "organisation",
        "region",
        "created_at",
        "decided_by",
    ]
    list_filter = ["group", "status", StakeholderFilter, "user__region"]
    search_fields = ["user__email", "user__display_name", "organisation", "motivation"]
    list_select_related = ["user", "user__region", "group", "decided_by"]
    readonly_fields = [
        "group",
        "user",
        "organisation",
        "stakeholder",
        "motivation",
        "contribution",
        "consent_public",
        "status",
        "decision_message",
        "decided_at",
        "decided_by",
        "created_at",
    ]
    fields = readonly_fields  # not the stored code of `stakeholder_type`: its label

    @admin.display(description=_("type d'acteur"), ordering="stakeholder_type")
    def stakeholder(self, obj):
        return dict(StakeholderType.choices).get(obj.stakeholder_type, obj.stakeholder_type)

    @admin.display(description=_("région"), ordering="user__region__name")
    def region(self, obj):
        return obj.user.region or "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Decisions go through the actions, so that each is e-mailed and recorded.
        return obj is None and super().has_change_permission(request, obj)

    def _decide(self, request, queryset, accept):
        try:
            count = services.applications_decide(
                actor=request.user,
                application_ids=list(queryset.values_list("pk", flat=True)),
                accept=accept,
                message=request.POST.get("message", ""),
            )
        except PermissionDenied as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        message = ngettext_lazy(
            "%(count)s candidature acceptée ; le candidat est prévenu par courriel.",
            "%(count)s candidatures acceptées ; les candidats sont prévenus par courriel.",
            "count",
        )
        if not accept:
            message = ngettext_lazy(
                "%(count)s candidature non retenue ; le candidat est prévenu par courriel.",
                "%(count)s candidatures non retenues ; les candidats sont prévenus par courriel.",
                "count",
            )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Accepter (avec un message facultatif)"), permissions=["change"])
    def accept(self, request, queryset):
        self._decide(request, queryset, True)

    @admin.action(description=_("Ne pas retenir (avec un message)"), permissions=["change"])
    def decline(self, request, queryset):
        self._decide(request, queryset, False)


@admin.register(EthicsPilot)
class EthicsPilotAdmin(admin.ModelAdmin):
    list_display = ["name", "state", "order", "is_demo"]
    list_editable = ["state", "order"]
    list_filter = ["state"]
