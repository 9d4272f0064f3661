from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from esante.markdown import render_markdown

from . import services
from .models import (
    Application,
    Chapter,
    ChapterVersion,
    Consultation,
    Contribution,
    ContributorBlock,
    CouncilMeeting,
    Deliverable,
    EthicsPilot,
    Flag,
    ModerationLog,
    ParagraphText,
    WorkingGroup,
)
from .moderation import REASON_LABELS, REASONS


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ChapterInline(admin.TabularInline):
    model = Chapter
    fields = ["number", "title", "slug"]
    readonly_fields = ["number", "title", "slug"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "state_label",
        "opens_at",
        "closes_at",
        "moderation_mode",
        "is_published",
    ]
    list_filter = ["is_published", "moderation_mode"]
    search_fields = ["title", "topic", "introduction"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "closes_at"
    inlines = [ChapterInline]

    @admin.display(description=_("état"))
    def state_label(self, obj):
        return obj.state.label


class ChapterAdminForm(forms.ModelForm):
    """The chapter's text is edited here; saving it publishes a new version."""

    body = forms.CharField(
        label=_("Texte (Markdown)"),
        widget=forms.Textarea(attrs={"rows": 20, "cols": 100}),
        help_text=_(
            "Séparez les paragraphes par une ligne vide. Chaque enregistrement qui change "
            "le texte crée une nouvelle version ; les paragraphes inchangés gardent leur ancre et "
            "leurs contributions."
        ),
    )
    note = forms.CharField(label=_("Nature des changements"), max_length=250, required=False)

    class Meta:
        model = Chapter
        fields = ["consultation", "number", "title", "slug", "summary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.current_version_id:
            self.fields["body"].initial = self.instance.current_version.body


class VersionInline(ReadOnlyInline):
    model = ChapterVersion
    fields = ["number", "created_at", "created_by", "note"]
    readonly_fields = fields


@admin.register(Chapter)
class ChapterAdmin(admin.ModelAdmin):
    form = ChapterAdminForm
    list_display = ["__str__", "consultation", "version_number"]
    list_filter = ["consultation"]
    search_fields = ["title", "summary"]
    list_select_related = ["consultation", "current_version"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [VersionInline]

    @admin.display(description=_("version en ligne"))
    def version_number(self, obj):
        return obj.current_version.number if obj.current_version else "—"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.chapter_revise(
            chapter=obj,
            body=form.cleaned_data["body"],
            note=form.cleaned_data["note"] or ("Version initiale" if not change else ""),
            by=request.user,
        )


class ModerationActionForm(ActionForm):
    reason = forms.ChoiceField(
        label=_("Motif"),
        choices=[("", _("— motif (masquer, rejeter) —")), *REASONS],
        required=False,
    )
    note = forms.CharField(label=_("Précision"), required=False, max_length=1000)


class FlaggedFilter(admin.SimpleListFilter):
    title = _("signalée")
    parameter_name = "signalee"

    def lookups(self, request, model_admin):
        return [("oui", gettext("Signalée")), ("non", gettext("Non signalée"))]

    def queryset(self, request, queryset):
        if self.value() == "oui":
            return queryset.filter(flag_count__gt=0)
        if self.value() == "non":
            return queryset.filter(flag_count=0)
        return queryset


class FlagInline(ReadOnlyInline):
    model = Flag
    fields = ["created_at", "user", "reason", "note", "resolved_at"]
    readonly_fields = fields


class LogInline(ReadOnlyInline):
    model = ModerationLog
    fk_name = "contribution"
    fields = ["created_at", "actor", "action", "before", "after", "reason", "note"]
    readonly_fields = fields


class ContributionModerationForm(forms.ModelForm):
    moderation_reason = forms.ChoiceField(
        label=_("Motif"), choices=[("", "—"), *REASONS], required=False
    )

    class Meta:
        model = Contribution
        fields = ["status", "moderation_reason", "moderation_note"]

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status not in STATUS_TO_ACTION:
            raise forms.ValidationError(
                gettext("Choisissez « publiée », « masquée » ou « rejetée ».")
            )
        if status != Contribution.Status.PUBLISHED and not data.get("moderation_reason"):
            self.add_error("moderation_reason", gettext("Choisissez le motif de la décision."))
        if data.get("moderation_reason") == "other" and not data.get("moderation_note", "").strip():
            self.add_error("moderation_note", gettext("Précisez le motif « autre »."))
        return data


# What a bulk moderation action reports: (without a reason, with the reason).
MODERATION_DONE = {
    ModerationLog.Action.PUBLISH: (
        ngettext_lazy(
            "%(count)s contribution publiée.",
            "%(count)s contributions publiées.",
            "count",
        ),
        None,
    ),
    ModerationLog.Action.HIDE: (
        ngettext_lazy(
            "%(count)s contribution masquée.",
            "%(count)s contributions masquées.",
            "count",
        ),
        ngettext_lazy(
            "%(count)s contribution masquée (motif : %(reason)s).",
            "%(count)s contributions masquées (motif : %(reason)s).",
            "count",
        ),
    ),
    ModerationLog.Action.REJECT: (
        ngettext_lazy(
            "%(count)s contribution rejetée.",
            "%(count)s contributions rejetées.",
            "count",
        ),
        ngettext_lazy(
            "%(count)s contribution rejetée (motif : %(reason)s).",
            "%(count)s contributions rejetées (motif : %(reason)s).",
            "count",
        ),
    ),
}

STATUS_TO_ACTION = {
    Contribution.Status.PUBLISHED: ModerationLog.Action.PUBLISH,
    Contribution.Status.HIDDEN: ModerationLog.Action.HIDE,
    Contribution.Status.REJECTED: ModerationLog.Action.REJECT,
}


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    """The moderation queue: waiting and flagged contributions first."""

    form = ContributionModerationForm
    action_form = ModerationActionForm
    actions = ["publish", "hide", "reject"]
    list_display = [
        "excerpt",
        "status",
        "held_reason",
        "flag_count",
        "kind",
        "author_label",
        "chapter",
        "created_at",
    ]
    list_filter = [
        "status",
        FlaggedFilter,
        "held_reason",
        "consultation",
        "chapter",
        "kind",
        "author__stakeholder_type",
    ]
    search_fields = ["body", "proposed_text", "author__email", "author__display_name"]
    list_select_related = ["author", "chapter", "consultation"]
    readonly_fields = [
        "context",
        "author_label",
        "declaration",
        "kind",
        "body_html",
        "proposed_text",
        "created_at",
        "edited_at",
        "flag_count",
        "agree_count",
        "disagree_count",
        "held_reason",
        "moderated_at",
    ]
    fieldsets = [
        (
            _("Contribution"),
            {
                "fields": [
                    "context",
                    "author_label",
                    "declaration",
                    "kind",
                    "body_html",
                    "proposed_text",
                    "created_at",
                    "edited_at",
                ]
            },
        ),
        (
            _("Modération"),
            {
                "fields": [
                    "status",
                    "held_reason",
                    "moderation_reason",
                    "moderation_note",
                    "moderated_at",
                    "flag_count",
                    "agree_count",
                    "disagree_count",
                ]
            },
        ),
    ]
    inlines = [FlagInline, LogInline]

    def get_ordering(self, request):
        # Waiting first, then published but flagged, then the rest; oldest first in each.
        priority = Case(
            When(status=Contribution.Status.PENDING, then=Value(0)),
            When(flag_count__gt=0, status=Contribution.Status.PUBLISHED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        return [priority.asc(), "created_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Contributions are hidden or rejected with a reason, never silently deleted.
        return False

    @admin.display(description=_("contribution"))
    def excerpt(self, obj):
        return obj.body[:80] + ("…" if len(obj.body) > 80 else "")

    @admin.display(description=_("auteur"))
    def author_label(self, obj):
        return f"{obj.public_author_name} <{obj.author.email}>"

    @admin.display(description=_("liens d'intérêts déclarés"))
    def declaration(self, obj):
        return obj.author.declaration_of_interests or "—"

    @admin.display(description=_("texte"))
    def body_html(self, obj):
        return render_markdown(obj.body)

    @admin.display(description=_("contexte"))
    def context(self, obj):
        """The paragraph as it read when the contribution was written."""
        head = format_html(
            "<strong>{}</strong> — {}",
            obj.consultation,
            gettext("chapitre %(chapter)s (version %(version)s)")
            % {"chapter": obj.chapter, "version": obj.version.number},
        )
        if obj.paragraph_id is None:
            # Our own catalogue's text, not user input: kept as is (its apostrophe unescaped).
            whole = mark_safe(gettext("Contribution sur l'ensemble du chapitre."))  # noqa: S308
            return format_html("{}<br>{}", head, whole)
        text = ParagraphText.objects.filter(version=obj.version, paragraph=obj.paragraph).first()
        return format_html(
            "{}<blockquote>{}</blockquote>",
            head,
            render_markdown(text.text if text else ""),
        )

    def save_model(self, request, obj, form, change):
        # Every decision goes through the service so that it is logged with before/after.
        action = STATUS_TO_ACTION.get(obj.status)
        if action is None:
            messages.error(request, gettext("Choisissez « publiée », « masquée » ou « rejetée »."))
            return
        try:
            services.contributions_moderate(
                actor=request.user,
                contribution_ids=[obj.pk],
                action=action,
                reason=form.cleaned_data["moderation_reason"],
                note=form.cleaned_data["moderation_note"],
            )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))

    def _moderate(self, request, queryset, action):
        try:
            count = services.contributions_moderate(
                actor=request.user,
                contribution_ids=list(queryset.values_list("pk", flat=True)),
                action=action,
                reason=request.POST.get("reason", ""),
                note=request.POST.get("note", ""),
            )
        except (ValidationError, PermissionDenied) as exc:
            self.message_user(
                request, " ".join(getattr(exc, "messages", [str(exc)])), messages.ERROR
            )
            return
        reason = REASON_LABELS.get(request.POST.get("reason", ""), "")
        without_reason, with_reason = MODERATION_DONE[action]
        message = with_reason if reason and with_reason else without_reason
        self.message_user(request, message % {"count": count, "reason": reason}, messages.SUCCESS)

    @admin.action(description=_("Publier les contributions sélectionnées"), permissions=["change"])
    def publish(self, request, queryset):
        self._moderate(request, queryset, ModerationLog.Action.PUBLISH)

    @admin.action(description=_("Masquer (avec un motif)"), permissions=["change"])
    def hide(self, request, queryset):
        self._moderate(request, queryset, ModerationLog.Action.HIDE)

    @admin.action(description=_("Rejeter (avec un motif)"), permissions=["change"])
    def reject(self, request, queryset):
        self._moderate(request, queryset, ModerationLog.Action.REJECT)


@admin.register(ModerationLog)
class ModerationLogAdmin(admin.ModelAdmin):
    """Append-only: visible to the DNS team, never editable or deletable."""

    list_display = ["created_at", "action", "actor", "target_user", "contribution", "reason"]
    list_filter = ["action", "reason"]
    search_fields = ["note", "actor__email", "target_user__email"]
    list_select_related = ["actor", "target_user", "contribution"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BlockForm(forms.ModelForm):
    class Meta:
        model = ContributorBlock
        fields = ["user", "reason", "until"]


@admin.register(ContributorBlock)
class ContributorBlockAdmin(admin.ModelAdmin):
    form = BlockForm
    list_display = ["user", "reason", "until", "created_by", "created_at", "lifted_at"]
    list_filter = ["lifted_at"]
    search_fields = ["user__email", "reason"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "created_by"]
    actions = ["lift"]

    def get_readonly_fields(self, request, obj=None):
        return ["user", "reason", "until"] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            return
        try:
            block = services.contributor_block(
                actor=request.user,
                user=form.cleaned_data["user"],
                reason=form.cleaned_data["reason"],
                until=form.cleaned_data["until"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return
        obj.pk = block.pk

    @admin.action(description=_("Lever les blocages sélectionnés"), permissions=["change"])
    def lift(self, request, queryset):
        for block in queryset.filter(lifted_at__isnull=True):
            services.contributor_unblock(actor=request.user, block=block)
        self.message_user(request, gettext("Blocages levés."), messages.SUCCESS)


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ["created_at", "reason", "contribution", "user", "resolved_at"]
    list_filter = ["reason", "resolved_at"]
    list_select_related = ["contribution", "user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# --- Conseil du Numérique en Santé ----------------------------------------------------------------


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
        "stakeholder_type",
        "organisation",
        "region",
        "created_at",
        "decided_by",
    ]
    list_filter = ["group", "status", "stakeholder_type", "user__region"]
    search_fields = ["user__email", "user__display_name", "organisation", "motivation"]
    list_select_related = ["user", "user__region", "group", "decided_by"]
    readonly_fields = [
        "group",
        "user",
        "organisation",
        "stakeholder_type",
        "motivation",
        "contribution",
        "consent_public",
        "status",
        "decision_message",
        "decided_at",
        "decided_by",
        "created_at",
    ]

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
