"""Admin of the texts put to consultation: consultations and chapters; saving a chapter's text
publishes a new version through the service."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .. import services
from ..models import Chapter, ChapterVersion, Consultation
from .inlines import ReadOnlyInline


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
