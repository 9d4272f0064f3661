"""The moderation queue of the DNS team (contributions, waiting and flagged first), flags,
contributor blocks and the append-only moderation log; every decision goes through the services."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.urls import path
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from esante.markdown import render_markdown
from themes.filters import ThemeFilter

from .. import services
from ..models import Contribution, ContributorBlock, Flag, ModerationLog, ParagraphText
from ..moderation import REASON_LABELS, REASONS
from ..services import lifecycle
from .inlines import ReadOnlyInline
from .labels import (
    DASH,
    ChapterFilter,
    ReasonFilter,
    chapter_label,
    log_html,
    reason_label,
    version_label,
    versions_of,
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
    fields = ["created_at", "flagged_by", "reason", "note", "resolved_at"]
    readonly_fields = fields

    @admin.display(description=_("signalée par"))
    def flagged_by(self, obj):
        return obj.user


class LogInline(ReadOnlyInline):
    """The history of a contribution, in sentences (« Statut : Publiée → Masquée »)."""

    model = ModerationLog
    fk_name = "contribution"
    fields = ["created_at", "actor", "action", "changes", "reason_label", "note"]
    readonly_fields = fields

    @admin.display(description=_("changements"))
    def changes(self, obj):
        return log_html(obj, versions_of([obj]))

    @admin.display(description=_("motif"))
    def reason_label(self, obj):
        return reason_label(obj.reason)


class ContributionModerationForm(forms.ModelForm):
    moderation_reason = forms.ChoiceField(
        label=_("Motif"), choices=[("", "—"), *REASONS], required=False
    )

    class Meta:
        model = Contribution
        fields = ["status", "moderation_reason", "moderation_note"]

    def clean(self):
        # The lifecycle's own checks, shown beside the fields they concern.
        data = super().clean()
        action = STATUS_TO_ACTION.get(data.get("status"), "")
        errors = lifecycle.moderation_errors(
            action=action,
            reason=data.get("moderation_reason", ""),
            note=data.get("moderation_note", ""),
        )
        for field, message in errors.items():
            self.add_error(field if field != "status" else None, message)
        if action and (refusal := lifecycle.state_refusal(action, self.instance.status)):
            self.add_error(None, refusal)
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
    change_list_template = "admin/concertation/contribution/change_list.html"
    list_display = [
        "excerpt",
        "status",
        "held_reason",
        "flag_count",
        "kind",
        "author_label",
        "chapter_column",
        "created_at",
    ]
    list_filter = [
        "status",
        FlaggedFilter,
        "held_reason",
        "consultation",
        ChapterFilter,
        ThemeFilter,
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
        "answer_state_label",
        "answered_at",
        "rewording_outcome",
        "rewording_version_label",
        "answers_list",
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
        (
            _("Réponse officielle"),
            {
                "fields": [
                    "answer_state_label",
                    "answered_at",
                    "rewording_outcome",
                    "rewording_version_label",
                    "answers_list",
                ]
            },
        ),
    ]
    inlines = [FlagInline, LogInline]

    def get_urls(self):
        # The answering view (the same contributions, for those who answer them) and the
        # autocomplete of the answer form, which names contributions by their first words.
        from .answers import ContributionAnsweringAdmin, ContributionAutocompleteView

        answering = ContributionAnsweringAdmin(self.model, self.admin_site)
        autocomplete = ContributionAutocompleteView.as_view(admin_site=self.admin_site)
        return [
            path(
                "a-repondre/",
                self.admin_site.admin_view(answering.changelist_view),
                name="concertation_contribution_answering",
            ),
            path(
                "autocomplete/",
                self.admin_site.admin_view(autocomplete),
                name="concertation_contribution_autocomplete",
            ),
            *super().get_urls(),
        ]

    def get_search_results(self, request, queryset, search_term):
        # « 42 » also finds the contribution n° 42 (the number the team quotes to each other).
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip().isdigit():
            results |= queryset.filter(pk=int(search_term))
        return results, may_have_duplicates

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

    @admin.display(description=_("chapitre"), ordering="chapter__number")
    def chapter_column(self, obj):
        return chapter_label(obj.chapter, obj.consultation)

    @admin.display(description=_("réponse officielle"))
    def answer_state_label(self, obj):
        return obj.get_answer_state_display() or gettext("Sans réponse")

    @admin.display(description=_("version qui l'intègre"))
    def rewording_version_label(self, obj):
        if obj.rewording_version_id is None:
            return DASH
        return version_label(obj.rewording_version, obj.chapter)

    @admin.display(description=_("réponses officielles"))
    def answers_list(self, obj):
        from .answers import official_answers_html

        return official_answers_html(obj)

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
        # Every decision goes through the lifecycle (logged, the author and flaggers told); the
        # form has already asked it what the decision lacks.
        action = STATUS_TO_ACTION[obj.status]
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


class LogChangeList(ChangeList):
    def get_results(self, request):
        # The chapter versions the page's rewording decisions name, in one query for the page.
        super().get_results(request)
        versions = versions_of(self.result_list)
        for log in self.result_list:
            log.named_versions = versions


@admin.register(ModerationLog)
class ModerationLogAdmin(admin.ModelAdmin):
    """Append-only: visible to the DNS team, never editable or deletable. What changed reads as
    sentences, not as the JSON it is stored as."""

    list_display = [
        "created_at",
        "action",
        "changes",
        "reason_label",
        "contribution",
        "actor",
        "target_user",
    ]
    list_filter = ["action", ReasonFilter]
    search_fields = ["note", "actor__email", "target_user__email"]
    list_select_related = ["actor", "target_user", "contribution__author"]
    date_hierarchy = "created_at"
    fields = [
        "created_at",
        "action",
        "actor",
        "target_user",
        "contribution",
        "changes",
        "reason_label",
        "note",
    ]
    readonly_fields = fields

    def get_changelist(self, request, **kwargs):
        return LogChangeList

    @admin.display(description=_("changements"))
    def changes(self, obj):
        versions = getattr(obj, "named_versions", None)
        return log_html(obj, versions if versions is not None else versions_of([obj]))

    @admin.display(description=_("motif"), ordering="reason")
    def reason_label(self, obj):
        return reason_label(obj.reason)

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
    list_display = ["created_at", "reason", "flagged", "flagged_by", "resolved_at"]
    list_filter = ["reason", "resolved_at"]
    list_select_related = ["contribution__author", "user"]
    fields = ["created_at", "reason", "note", "flagged", "flagged_by", "resolved_at"]
    readonly_fields = fields

    @admin.display(description=_("contribution signalée"))
    def flagged(self, obj):
        return obj.contribution

    @admin.display(description=_("signalée par"))
    def flagged_by(self, obj):
        return obj.user

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
