"""The themes in the DNS team's admin (issue 18): per consultation, each theme's size, top terms,
chapters and most representative contributions; its label to edit; actions to merge, hide,
show and recompute; the members' list, whose action splits selected contributions off into a
new theme; a link from each theme to the answering queue filtered on it (answer a whole theme:
select all there, « répondre ensemble »)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from concertation.models import Consultation

from . import services, tasks
from .filters import PARAMETER
from .models import Theme, ThemeMembership, ThemeModel


def answering_url(theme: Theme, chapter_id: int | None = None) -> str:
    parameters = {"consultation__id__exact": theme.consultation_id, PARAMETER: theme.pk}
    if chapter_id:
        parameters["chapter__id__exact"] = chapter_id
    return f"{reverse('admin:concertation_contribution_answering')}?{urlencode(parameters)}"


def members_url(theme: Theme) -> str:
    query = urlencode({"theme__id__exact": theme.pk})
    return f"{reverse('admin:themes_thememembership_changelist')}?{query}"


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["label", "hidden"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    form = ThemeForm
    change_list_template = "admin/themes/theme/change_list.html"
    list_display = [
        "display_label",
        "consultation",
        "size",
        "terms",
        "chapters_column",
        "hidden",
        "state",
        "answer_link",
    ]
    list_filter = ["consultation", "hidden", "edited"]
    list_select_related = ["consultation", "merged_into"]
    search_fields = ["label"]
    actions = ["merge", "hide", "show", "recompute"]
    fields = [
        "consultation",
        "label",
        "hidden",
        "terms",
        "size",
        "chapters_column",
        "representatives",
        "state",
        "answer_link",
    ]
    readonly_fields = [
        "consultation",
        "terms",
        "size",
        "chapters_column",
        "representatives",
        "state",
        "answer_link",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Themes come from the computation; staff hide or merge them instead.
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def changelist_view(self, request, extra_context=None):
        models = {m.consultation_id: m for m in ThemeModel.objects.defer("arrays", "vocabulary")}
        extra_context = {
            **(extra_context or {}),
            "consultations": [
                (consultation, models.get(consultation.pk))
                for consultation in Consultation.objects.order_by("-opens_at")
            ],
            "minimum": services.MIN_CONTRIBUTIONS,
        }
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        return [
            path(
                "recalculer/",
                self.admin_site.admin_view(require_POST(self.recompute_view)),
                name="themes_theme_recompute",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        if form.changed_data:
            obj.edited = True
        super().save_model(request, obj, form, change)

    @admin.display(description=_("mots principaux"))
    def terms(self, obj):
        return ", ".join(obj.top_terms)

    @admin.display(description=_("chapitres"))
    def chapters_column(self, obj):
        return "; ".join(f"{c['title']} ({c['count']})" for c in obj.chapters[:5])

    @admin.display(description=_("état"))
    def state(self, obj):
        if obj.merged_into_id:
            return gettext("Fusionné dans « %(theme)s »") % {"theme": obj.merged_into}
        return gettext("Modifié par l'équipe") if obj.edited else gettext("Calculé")

    @admin.display(description=_("répondre"))
    def answer_link(self, obj):
        """The answering queue filtered on the theme: all of it, and chapter by chapter (an
        official answer covers contributions of one chapter: select all there, then « répondre
        ensemble »)."""
        if obj.merged_into_id:
            return "—"
        chapters = format_html_join(
            "",
            '<li><a href="{}">{}</a></li>',
            (
                (
                    answering_url(obj, chapter["id"]),
                    gettext("Répondre — %(chapter)s (%(count)s)")
                    % {"chapter": chapter["title"], "count": chapter["count"]},
                )
                for chapter in obj.chapters
            ),
        )
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a><ul>{}</ul>',
            answering_url(obj),
            gettext("Contributions à répondre du thème"),
            members_url(obj),
            gettext("Contributions du thème"),
            chapters,
        )

    @admin.display(description=_("contributions les plus représentatives"))
    def representatives(self, obj):
        members = obj.memberships.filter(representative=True).select_related("contribution")
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({})</li>',
            (
                (
                    reverse("admin:concertation_contribution_change", args=[m.contribution_id]),
                    m.contribution.body[:160],
                    f"{m.weight:.2f}",
                )
                for m in members.order_by("-weight")
            ),
        )
        return format_html("<ul>{}</ul>", items) if items else "—"

    # -- actions

    @admin.action(description=_("Fusionner les thèmes sélectionnés (dans le plus grand)"))
    def merge(self, request, queryset):
        themes = list(queryset.filter(merged_into__isnull=True).order_by("-size", "pk"))
        if len({theme.consultation_id for theme in themes}) != 1 or len(themes) < 2:
            self.message_user(
                request,
                gettext("Choisissez au moins deux thèmes d'une même consultation."),
                messages.ERROR,
            )
            return
        services.themes_merge(themes=themes[1:], into=themes[0])
        self.message_user(
            request,
            gettext("%(count)s thèmes fusionnés dans « %(theme)s ».")
            % {"count": len(themes) - 1, "theme": themes[0]},
        )

    @admin.action(description=_("Masquer les thèmes sélectionnés (jamais publics)"))
    def hide(self, request, queryset):
        services.themes_hide(themes=list(queryset), hidden=True)

    @admin.action(description=_("Montrer les thèmes sélectionnés"))
    def show(self, request, queryset):
        services.themes_hide(themes=list(queryset), hidden=False)

    @admin.action(description=_("Recalculer entièrement les thèmes de leurs consultations"))
    def recompute(self, request, queryset):
        for consultation_id in set(queryset.values_list("consultation_id", flat=True)):
            self._queue_fit(consultation_id)
        self.message_user(request, gettext("Recalcul des thèmes demandé."))

    def recompute_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        consultation = get_object_or_404(Consultation, pk=request.POST.get("consultation") or 0)
        self._queue_fit(consultation.pk)
        self.message_user(
            request,
            gettext("Recalcul des thèmes de « %(title)s » demandé.") % {"title": consultation},
        )
        return HttpResponseRedirect(reverse("admin:themes_theme_changelist"))

    @staticmethod
    def _queue_fit(consultation_id: int) -> None:
        # After commit, in the worker (with Celery eager, in this request: development only).
        transaction.on_commit(lambda: tasks.themes_fit.delay(consultation_id))


class SplitForm(ActionForm):
    label = forms.CharField(label=_("Intitulé du nouveau thème"), required=False, max_length=150)


@admin.register(ThemeMembership)
class ThemeMembershipAdmin(admin.ModelAdmin):
    """The contributions of the themes, strongest first; split off selected ones into a new
    theme."""

    action_form = SplitForm
    actions = ["split_off"]
    list_display = ["excerpt", "theme", "weight_column", "representative", "by_staff"]
    list_filter = ["theme__consultation", "theme", "by_staff"]
    list_select_related = ["contribution", "theme"]
    ordering = ["theme", "-weight"]
    fields = ["contribution", "theme", "weight", "representative", "by_staff"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("contribution"))
    def excerpt(self, obj):
        body = obj.contribution.body
        return body[:100] + ("…" if len(body) > 100 else "")

    @admin.display(description=_("poids"), ordering="weight")
    def weight_column(self, obj):
        return f"{obj.weight:.3f}"

    @admin.action(description=_("Détacher dans un nouveau thème"))
    def split_off(self, request, queryset):
        consultations = set(queryset.values_list("theme__consultation_id", flat=True))
        if len(consultations) != 1:
            self.message_user(
                request,
                gettext("Choisissez des contributions d'une même consultation."),
                messages.ERROR,
            )
            return
        label = request.POST.get("label", "").strip()[:150] or gettext("Nouveau thème")
        ids = list(queryset.values_list("contribution_id", flat=True))
        theme = services.theme_split(contribution_ids=ids, label=label)
        self.message_user(
            request,
            ngettext(
                "%(count)s contribution détachée dans « %(theme)s ».",
                "%(count)s contributions détachées dans « %(theme)s ».",
                len(ids),
            )
            % {"count": len(ids), "theme": theme},
        )


@admin.register(ThemeModel)
class ThemeModelAdmin(admin.ModelAdmin):
    list_display = ["consultation", "contributions", "fitted_at", "refreshed_at"]
    fields = ["consultation", "contributions", "fitted_at", "refreshed_at", "theme_ids"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
