"""How the DNS team answers in the admin: official answers (drafted, corrected, published through
the services), the answer templates, the syntheses, and the answering view of the contributions
(unanswered first, the answer rate of what is filtered, one answer for many contributions, the
decisions on rewordings).

Nothing here publishes by setting a status: publishing is `services.answer_publish` (a step of
each answered contribution's lifecycle, logged, its author told once). A published answer can be
corrected (its text, its team, the version that takes it in) but neither unpublished nor
deleted: its contributions carry its position."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME, ActionForm
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from duplicates.admin_actions import mark_duplicates
from esante.markdown import render_markdown
from esante.models import StakeholderType
from themes.filters import ThemeFilter

from .. import services
from ..models import (
    AnswerState,
    AnswerTemplate,
    ChapterVersion,
    Contribution,
    OfficialAnswer,
    ParagraphText,
    RewordingOutcome,
    Synthesis,
)
from ..models.answers import DEFAULT_TEAM
from ..services.answers import answer_errors
from .labels import (
    DASH,
    ChapterFilter,
    chapter_label,
    contribution_label,
    excerpt,
    paris,
    version_label,
)
from .moderation import ContributionAdmin

ONE_CHAPTER = _(
    "Une réponse porte sur un seul chapitre : les contributions sélectionnées sont de "
    "%(count)s chapitres. Filtrez la liste sur un chapitre, puis sélectionnez-les."
)
ONLY_REWORDINGS = _(
    "Seules les propositions de reformulation reçoivent cette décision : retirez les autres "
    "contributions de la sélection (filtre « type »)."
)
VERSION_OF_ANOTHER_CHAPTER = _(
    "Cette version est celle d'un autre chapitre que celui de la réponse."
)


def _field_errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in errors] for field, errors in exc.message_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}


# --- Form fields ---------------------------------------------------------------------------------


class ContributionsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return contribution_label(obj)


class VersionField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return version_label(obj)


class ContributionAutocomplete(AutocompleteSelectMultiple):
    """Django's autocomplete, asking our view, which offers published contributions only and
    names them by their number, first words and chapter (not « Commentaire de X (date) »)."""

    url_name = "%s:concertation_contribution_autocomplete"


class ContributionAutocompleteView(AutocompleteJsonView):
    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(status=Contribution.Status.PUBLISHED)
            .select_related("chapter", "consultation")
        )

    def serialize_result(self, obj, to_field_name):
        return {"id": str(getattr(obj, to_field_name)), "text": contribution_label(obj)}


def paragraph_choices(extra=None) -> list:
    """The paragraphs of the chapters as they read now, grouped by chapter (named with its
    consultation), each by its position and first words: anchors (« p-3fa2c1 ») mean nothing to
    the team. One query. `extra`, a paragraph no longer in its chapter's text, is kept."""
    texts = (
        ParagraphText.objects.filter(version_id=F("version__chapter__current_version_id"))
        .select_related("paragraph", "version__chapter__consultation")
        .order_by(
            "-version__chapter__consultation__opens_at",
            "version__chapter__consultation_id",
            "version__chapter__number",
            "position",
        )
    )
    groups: dict[str, list] = {}
    seen = set()
    for text in texts:
        label = chapter_label(text.version.chapter)
        seen.add(text.paragraph_id)
        groups.setdefault(label, []).append(
            (
                str(text.paragraph_id),
                gettext("§ %(position)s — %(excerpt)s")
                % {"position": text.position, "excerpt": excerpt(text.text, 70)},
            )
        )
    choices = [("", gettext("— aucun : la réponse porte sur les contributions choisies —"))]
    if extra is not None and extra.pk not in seen:
        choices.append((str(extra.pk), f"{chapter_label(extra.chapter)} — § {extra.anchor}"))
    return choices + list(groups.items())


def template_data(data, template) -> None:
    """A template fills what the team left empty: the position and the text."""
    if template is None:
        return
    if not data.get("state") and template.state:
        data["state"] = template.state
    if not (data.get("body") or "").strip():
        data["body"] = template.body


def clean_body(value: str) -> str:
    if not (value or "").strip():
        return ""
    try:
        return services.clean_text(value, field="body")
    except ValidationError as exc:
        raise forms.ValidationError(_field_errors(exc).get("body", exc.messages)) from exc


# --- Official answers ----------------------------------------------------------------------------


class OfficialAnswerForm(forms.ModelForm):
    """Checked by the service's own `answer_errors()`, its messages beside their fields. Once
    published, only the text, the team and the version can be corrected."""

    paragraph = forms.TypedChoiceField(
        label=_("Paragraphe"),
        required=False,
        help_text=_("Pour répondre sur un paragraphe, à tous ceux qui l'ont commenté."),
    )
    state = forms.ChoiceField(
        label=_("Position"), required=False, choices=[("", "—"), *AnswerState.choices]
    )
    body = forms.CharField(
        label=_("Réponse argumentée (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Vide, avec un modèle choisi : le texte du modèle."),
    )
    version = VersionField(
        label=_("Version du chapitre qui en tient compte"),
        queryset=ChapterVersion.objects.select_related("chapter__consultation").order_by(
            "-chapter__consultation__opens_at", "chapter__number", "number"
        ),
        required=False,
    )

    class Meta:
        model = OfficialAnswer
        fields = ["contributions", "paragraph", "state", "body", "team", "template", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        answer = self.instance
        if "paragraph" in self.fields:
            self.fields["paragraph"].choices = paragraph_choices(
                answer.paragraph if answer.paragraph_id else None
            )
            if answer.paragraph_id:
                self.initial["paragraph"] = str(answer.paragraph_id)
        if answer.is_published and "body" in self.fields:
            self.fields["body"].help_text = ""  # no template once published
        if answer.pk and "version" in self.fields:
            self.fields["version"].queryset = self.fields["version"].queryset.filter(
                chapter_id=answer.chapter_id
            )

    def clean_paragraph(self):
        value = self.cleaned_data.get("paragraph")
        if not value:
            return None
        from ..models import Paragraph

        paragraph = Paragraph.objects.select_related("chapter").filter(pk=value).first()
        if paragraph is None:
            raise forms.ValidationError(gettext("Choisissez un paragraphe de la liste."))
        return paragraph

    def clean_body(self):
        return clean_body(self.cleaned_data.get("body", ""))

    def clean(self):
        data = super().clean()
        answer = self.instance
        if answer.is_published:
            if not data.get("body"):
                self.add_error("body", gettext("Écrivez la réponse argumentée."))
            chapter = answer.chapter
        else:
            template_data(data, data.get("template"))
            try:
                data["body"] = clean_body(data.get("body", ""))
            except forms.ValidationError as exc:
                self.add_error("body", exc)
            contributions = list(
                (data.get("contributions") or Contribution.objects.none()).select_related("chapter")
            )
            paragraph = data.get("paragraph")
            chapter = paragraph.chapter if paragraph else None
            if chapter is None and contributions:
                chapter = contributions[0].chapter
            errors = answer_errors(
                chapter=chapter,
                paragraph=paragraph,
                contributions=contributions,
                state=data.get("state", ""),
                body=data.get("body", ""),
            )
            for field, message in errors.items():
                self.add_error(field if field in self.fields else None, message)
        version = data.get("version")
        if version is not None and chapter is not None and version.chapter_id != chapter.pk:
            self.add_error("version", str(VERSION_OF_ANOTHER_CHAPTER))
        return data


@admin.register(OfficialAnswer)
class OfficialAnswerAdmin(admin.ModelAdmin):
    form = OfficialAnswerForm
    change_form_template = "admin/concertation/officialanswer/change_form.html"
    change_list_template = "admin/concertation/officialanswer/change_list.html"
    list_display = [
        "answer_excerpt",
        "state",
        "status",
        "published_at",
        "contribution_count",
        "chapter_column",
    ]
    list_filter = ["consultation", ChapterFilter, "state", "status"]
    search_fields = ["body", "team", "chapter__title", "consultation__title"]
    list_select_related = ["chapter", "consultation"]
    actions = ["publish_selected"]
    date_hierarchy = "published_at"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(contribution_total=Count("contributions"))

    def get_actions(self, request):
        # A published answer is never deleted (its contributions carry its position); drafts
        # are deleted one by one from their page.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def has_answer_permission(self, request):
        return request.user.has_perm("concertation.answer")

    # -- columns

    @admin.display(description=_("réponse"))
    def answer_excerpt(self, obj):
        return excerpt(strip_tags(render_markdown(obj.body)), 70)

    @admin.display(description=_("chapitre"), ordering="chapter__number")
    def chapter_column(self, obj):
        return chapter_label(obj.chapter, obj.consultation)

    @admin.display(description=_("contributions"), ordering="contribution_total")
    def contribution_count(self, obj):
        return obj.contribution_total

    # -- the form

    def get_fieldsets(self, request, obj=None):
        if obj is not None and obj.is_published:
            answer = ["chapter_column", "answered", "paragraph_label", "state", "body", "team"]
        else:
            answer = ["template", "contributions", "paragraph", "state", "body", "team"]
        return [
            (_("Réponse"), {"fields": answer}),
            (
                _("Publication"),
                {
                    "fields": [
                        "status",
                        "version",
                        "created_by",
                        "created_at",
                        "published_by",
                        "published_at",
                    ]
                },
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = ["status", "created_by", "created_at", "published_by", "published_at"]
        if obj is not None and obj.is_published:
            # `paragraph` too: out of the form (shown by `paragraph_label`).
            fields += ["chapter_column", "answered", "paragraph", "paragraph_label", "state"]
        return fields

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "contributions":
            return ContributionsField(
                label=capfirst(db_field.verbose_name),
                queryset=Contribution.objects.select_related("chapter", "consultation"),
                required=False,
                widget=ContributionAutocomplete(db_field, self.admin_site),
                help_text=_(
                    "Des contributions publiées d'un même chapitre : cherchez par leur texte, "
                    "leur auteur ou leur numéro."
                ),
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("contributions répondues"))
    def answered(self, obj):
        contributions = obj.contributions.select_related("chapter", "consultation")
        if not contributions:
            return DASH
        return format_html(
            '<ul class="answered-contributions">{}</ul>',
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                (
                    (
                        reverse("admin:concertation_contribution_change", args=[c.pk]),
                        contribution_label(c),
                    )
                    for c in contributions
                ),
            ),
        )

    @admin.display(description=_("paragraphe"))
    def paragraph_label(self, obj):
        if obj.paragraph_id is None:
            return DASH
        text = (
            ParagraphText.objects.filter(paragraph_id=obj.paragraph_id)
            .order_by("-version__number")
            .first()
        )
        return gettext("§ %(position)s — %(excerpt)s") % {
            "position": text.position if text else obj.paragraph.anchor,
            "excerpt": excerpt(text.text if text else "", 120),
        }

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        pk = request.GET.get("template", "")
        template = AnswerTemplate.objects.filter(pk=pk).first() if pk.isdigit() else None
        if template is not None:
            initial.update(template=template.pk, body=template.body)
            if template.state:
                initial["state"] = template.state
        return initial

    def add_view(self, request, form_url="", extra_context=None):
        # « Partir d'un modèle » links, keeping what the page was opened with (the contributions
        # to answer, from a contribution's page or the answering list).
        query = request.GET.copy()
        query.pop("template", None)
        links = [
            (f"?{urlencode({**query.dict(), 'template': t.pk})}", t)
            for t in AnswerTemplate.objects.order_by("title")
        ]
        extra_context = {**(extra_context or {}), "answer_templates": links}
        return super().add_view(request, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        draft = obj is None or not obj.is_published
        context["can_publish"] = draft and self.has_answer_permission(request)
        if obj is not None:
            # The chapter named with its consultation, where Django would print str(obj).
            context["subtitle"] = gettext("Réponse « %(state)s » — %(chapter)s") % {
                "state": obj.get_state_display(),
                "chapter": chapter_label(obj.chapter, obj.consultation),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        """Through the services: a new answer is drafted, a draft changed, a published one
        corrected (its text, team and version only; logged)."""
        data = form.cleaned_data
        if not change:
            answer = services.answer_draft(
                actor=request.user,
                contributions=list(data["contributions"]),
                paragraph=data["paragraph"],
                state=data["state"],
                body=data["body"],
                team=data.get("team") or "",
                template=data.get("template"),
                version=data.get("version"),
            )
        else:
            published = obj.is_published
            answer = services.answer_update(
                actor=request.user,
                answer_id=obj.pk,
                body=data["body"],
                team=data.get("team") or "",
                version=data.get("version"),
                state="" if published else data["state"],
                contributions=None if published else list(data["contributions"]),
                paragraph=None if published else data["paragraph"],
            )
        # The admin goes on with `obj` (its message, its log, its redirect): it becomes the
        # answer the service wrote.
        obj.__dict__.update(answer.__dict__)

    def save_related(self, request, form, formsets, change):
        # The contributions were set with the answer (the service, or save_model for a draft);
        # then « Publier » publishes it through the service.
        if "_publish" in request.POST and not form.instance.is_published:
            self._publish(request, [form.instance.pk])

    def _publish(self, request, pks) -> int:
        try:
            count = services.answers_publish(actor=request.user, answer_ids=pks)
        except PermissionDenied as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return 0
        if not count:
            return 0
        self.message_user(
            request,
            ngettext(
                "%(count)s réponse publiée : elle est en ligne et les auteurs des contributions "
                "sont prévenus par courriel.",
                "%(count)s réponses publiées : elles sont en ligne et les auteurs des "
                "contributions sont prévenus par courriel.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
        return count

    @admin.action(description=_("Publier les réponses sélectionnées"), permissions=["answer"])
    def publish_selected(self, request, queryset):
        pks = list(queryset.values_list("pk", flat=True))
        count = self._publish(request, pks)
        if skipped := len(pks) - count:
            self.message_user(
                request,
                ngettext(
                    "%(count)s réponse était déjà publiée : inchangée.",
                    "%(count)s réponses étaient déjà publiées : inchangées.",
                    skipped,
                )
                % {"count": skipped},
                messages.INFO,
            )


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "body_excerpt", "created_at"]
    list_filter = ["state"]
    search_fields = ["title", "body"]
    fields = ["title", "state", "body"]

    @admin.display(description=_("texte"))
    def body_excerpt(self, obj):
        return excerpt(obj.body, 90)


# --- Syntheses -----------------------------------------------------------------------------------

SYNTHESIS_MAX_MB = 20


class SynthesisForm(forms.ModelForm):
    class Meta:
        model = Synthesis
        fields = ["consultation", "body", "document", "is_published"]

    def clean_document(self):
        document = self.cleaned_data.get("document")
        upload = self.files.get(self.add_prefix("document"))
        if not document or upload is None:
            return document  # unchanged, or cleared
        not_a_pdf = gettext("Le document doit être un PDF (un fichier .pdf).")
        if not upload.name.lower().endswith(".pdf"):
            raise forms.ValidationError(not_a_pdf)
        if upload.content_type not in ("application/pdf", "application/x-pdf"):
            raise forms.ValidationError(not_a_pdf)
        if upload.size > SYNTHESIS_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(
                gettext("Le document dépasse %(limit)s Mo (%(size)s Mo) : réduisez-le.")
                % {
                    "limit": formats.number_format(SYNTHESIS_MAX_MB),
                    "size": formats.number_format(upload.size / 1024 / 1024, 1),
                }
            )
        upload.seek(0)
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":  # the name and the declared type are the sender's word
            raise forms.ValidationError(not_a_pdf)
        return document


@admin.register(Synthesis)
class SynthesisAdmin(admin.ModelAdmin):
    form = SynthesisForm
    list_display = ["consultation", "is_published", "published_at", "has_document", "updated_at"]
    list_filter = ["is_published"]
    search_fields = ["consultation__title", "body"]
    list_select_related = ["consultation"]
    readonly_fields = ["published_at", "updated_at"]

    @admin.display(description=_("document PDF"), boolean=True)
    def has_document(self, obj):
        return bool(obj.document)

    def save_model(self, request, obj, form, change):
        # « publiée le »: the moment it went online (kept while it stays online).
        if obj.is_published and obj.published_at is None:
            obj.published_at = timezone.now()
        elif not obj.is_published:
            obj.published_at = None
        super().save_model(request, obj, form, change)


# --- The answering view of the contributions ----------------------------------------------------


class AnswerStateFilter(admin.SimpleListFilter):
    title = _("réponse officielle")
    parameter_name = "reponse"
    NONE = "sans"

    def lookups(self, request, model_admin):
        return [(self.NONE, gettext("Sans réponse")), *AnswerState.choices]

    def queryset(self, request, queryset):
        if self.value() == self.NONE:
            return queryset.filter(answer_state="")
        if self.value() in AnswerState.values:
            return queryset.filter(answer_state=self.value())
        return queryset


class StakeholderFilter(admin.SimpleListFilter):
    title = _("type d'acteur de l'auteur")
    parameter_name = "acteur"

    def lookups(self, request, model_admin):
        return StakeholderType.choices

    def queryset(self, request, queryset):
        if self.value() in StakeholderType.values:
            return queryset.filter(author__stakeholder_type=self.value())
        return queryset


class RewordingFilter(admin.SimpleListFilter):
    title = _("suite donnée à la reformulation")
    parameter_name = "reformulation"
    NONE = "sans"

    def lookups(self, request, model_admin):
        return [(self.NONE, gettext("Sans décision")), *RewordingOutcome.choices]

    def queryset(self, request, queryset):
        rewordings = queryset.filter(kind=Contribution.Kind.REWORDING)
        if self.value() == self.NONE:
            return rewordings.filter(rewording_outcome="")
        if self.value() in RewordingOutcome.values:
            return rewordings.filter(rewording_outcome=self.value())
        return queryset


class ThreadFilter(admin.SimpleListFilter):
    title = _("place dans la discussion")
    parameter_name = "niveau"

    def lookups(self, request, model_admin):
        return [
            ("texte", gettext("Contributions sur le texte")),
            ("reponses", gettext("Réponses entre participants")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "texte":
            return queryset.filter(parent__isnull=True)
        if self.value() == "reponses":
            return queryset.filter(parent__isnull=False)
        return queryset


def answer_rate(queryset) -> dict:
    """How many of these published contributions have a published official answer: one query.
    The replies between participants are left out, as on the public results page
    (concertation.results.figures): the rate is the same figure there and here."""
    counts = (
        queryset.filter(parent__isnull=True)
        .order_by()
        .aggregate(total=Count("pk"), answered=Count("pk", filter=~Q(answer_state="")))
    )
    total, answered = counts["total"], counts["answered"]
    if not total:
        return {"total": 0, "text": gettext("Aucune contribution publiée dans cette sélection.")}
    percent = round(100 * answered / total)
    text = ngettext(
        "Taux de réponse : %(percent)s %% — %(answered)s contribution publiée sur %(total)s a "
        "une réponse officielle.",
        "Taux de réponse : %(percent)s %% — %(answered)s contributions publiées sur %(total)s "
        "ont une réponse officielle.",
        answered,
    ) % {
        "percent": percent,
        "answered": formats.number_format(answered, force_grouping=True),
        "total": formats.number_format(total, force_grouping=True),
    }
    return {"total": total, "answered": answered, "percent": percent, "text": text}


class AnswerTogetherForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Modèle de départ"),
        queryset=AnswerTemplate.objects.order_by("title"),
        required=False,
        help_text=_("« Reprendre le modèle choisi » remplit la position et le texte."),
    )
    state = forms.ChoiceField(
        label=_("Position"), required=False, choices=[("", "—"), *AnswerState.choices]
    )
    body = forms.CharField(
        label=_("Réponse argumentée (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Vide, avec un modèle choisi : le texte du modèle."),
    )
    team = forms.CharField(label=_("Équipe qui répond"), max_length=150, initial=DEFAULT_TEAM)

    def __init__(self, *args, chapter, contributions, **kwargs):
        super().__init__(*args, **kwargs)
        self.chapter, self.contributions = chapter, contributions

    def clean_body(self):
        return clean_body(self.cleaned_data.get("body", ""))

    def clean(self):
        data = super().clean()
        template_data(data, data.get("template"))
        errors = answer_errors(
            chapter=self.chapter,
            contributions=self.contributions,
            state=data.get("state", ""),
            body=data.get("body", ""),
        )
        for field, message in errors.items():
            self.add_error(field if field in self.fields else None, message)
        return data


class RewordingForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Suite donnée"), choices=[("", "—"), *RewordingOutcome.choices], required=False
    )
    version = forms.ModelChoiceField(
        label=_("Version du chapitre qui l'intègre"),
        queryset=ChapterVersion.objects.none(),
        required=False,
        help_text=_("Pour une reformulation acceptée, même en partie."),
    )

    def __init__(self, *args, chapter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = chapter.versions.order_by("-number")
        self.fields["version"].label_from_instance = lambda v: (
            gettext("version %(number)s du %(date)s")
            % {"number": v.number, "date": paris(v.created_at, "j F Y")}
            + (f" — {v.note}" if v.note else "")
        )

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if outcome not in RewordingOutcome.values:
            self.add_error("outcome", gettext("Choisissez la suite donnée à la reformulation."))
        elif outcome != RewordingOutcome.REJECTED and data.get("version") is None:
            self.add_error(
                "version",
                gettext("Indiquez la version du chapitre qui intègre cette reformulation."),
            )
        return data


class ContributionAnsweringAdmin(ContributionAdmin):
    """The published contributions, unanswered first, for the team that answers them. Served at
    /admin/concertation/contribution/a-repondre/ by ContributionAdmin (not registered: one model,
    two lists)."""

    action_form = ActionForm
    actions = ["answer_together", "decide_rewording", mark_duplicates]
    change_list_template = "admin/concertation/contribution/answering_change_list.html"
    list_display = [
        "excerpt",
        "kind",
        "chapter_column",
        "stakeholder",
        "answer_state_label",
        "rewording_label",
        "created_at",
    ]
    list_display_links = ["excerpt"]
    list_filter = [
        "consultation",
        ChapterFilter,
        ThemeFilter,
        AnswerStateFilter,
        StakeholderFilter,
        "kind",
        RewordingFilter,
        ThreadFilter,
    ]
    list_select_related = ["author", "chapter", "consultation"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=Contribution.Status.PUBLISHED)

    def get_ordering(self, request):
        unanswered = Case(
            When(answer_state="", then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return [unanswered.asc(), "created_at"]

    def has_answer_permission(self, request):
        return request.user.has_perm("concertation.answer")

    @admin.display(description=_("type d'acteur"), ordering="author__stakeholder_type")
    def stakeholder(self, obj):
        return obj.author.get_stakeholder_type_display()

    @admin.display(description=_("réponse officielle"), ordering="answer_state")
    def answer_state_label(self, obj):
        return obj.get_answer_state_display() or gettext("Sans réponse")

    @admin.display(description=_("reformulation"), ordering="rewording_outcome")
    def rewording_label(self, obj):
        if obj.kind != Contribution.Kind.REWORDING:
            return ""
        return obj.get_rewording_outcome_display() or gettext("Sans décision")

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "title": gettext("Contributions publiées à répondre"),
        }
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None) or {}
        if "cl" in context:
            context["answer_rate"] = answer_rate(context["cl"].queryset)
        return response

    # -- intermediate pages

    def _intermediate(self, request, queryset, *, template, title, form, action, chapter):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "chapter": chapter_label(chapter),
            "contributions": [
                (c, reverse("admin:concertation_contribution_change", args=[c.pk]))
                for c in queryset
            ],
            "form": form,
            "action": action,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "select_across": request.POST.get("select_across", "0"),
            "media": self.media + form.media,
            "changelist_url": request.get_full_path(),
        }
        return TemplateResponse(request, template, context)

    def _one_chapter(self, request, contributions):
        chapters = {c.chapter_id for c in contributions}
        if len(chapters) > 1:
            self.message_user(request, ONE_CHAPTER % {"count": len(chapters)}, messages.ERROR)
            return None
        return contributions[0].chapter

    @admin.action(description=_("Répondre par une même réponse"), permissions=["answer"])
    def answer_together(self, request, queryset):
        contributions = list(
            queryset.select_related("chapter__consultation", "author").order_by("created_at")
        )
        chapter = self._one_chapter(request, contributions)
        if chapter is None:
            return None
        submitted = "_draft" in request.POST or "_publish" in request.POST
        if submitted:
            form = AnswerTogetherForm(request.POST, chapter=chapter, contributions=contributions)
        else:
            # First shown, or « Reprendre ce modèle »: the form filled, not yet checked.
            initial = {"team": request.POST.get("team") or DEFAULT_TEAM}
            pk = request.POST.get("template", "")
            template = AnswerTemplate.objects.filter(pk=pk).first() if pk.isdigit() else None
            if "_apply_template" in request.POST and template is not None:
                initial.update(
                    template=template.pk,
                    state=template.state or request.POST.get("state", ""),
                    body=template.body,
                )
            form = AnswerTogetherForm(initial=initial, chapter=chapter, contributions=contributions)
        if submitted and form.is_valid():
            try:
                with transaction.atomic():
                    answer = services.answer_draft(
                        actor=request.user,
                        contributions=contributions,
                        state=form.cleaned_data["state"],
                        body=form.cleaned_data["body"],
                        team=form.cleaned_data["team"],
                        template=form.cleaned_data["template"],
                    )
            except (ValidationError, PermissionDenied) as exc:
                errors = _field_errors(exc) if isinstance(exc, ValidationError) else {}
                for field, messages_ in (errors or {"__all__": [str(exc)]}).items():
                    for message in messages_:
                        form.add_error(field if field in form.fields else None, message)
            else:
                return self._answered(request, answer, len(contributions))
        return self._intermediate(
            request,
            contributions,
            template="admin/concertation/contribution/answer_together.html",
            title=gettext("Répondre par une même réponse"),
            form=form,
            action="answer_together",
            chapter=chapter,
        )

    def _answered(self, request, answer, count):
        link = reverse("admin:concertation_officialanswer_change", args=[answer.pk])
        if "_publish" in request.POST:
            services.answer_publish(actor=request.user, answer_id=answer.pk)
            message = ngettext(
                "Réponse publiée sur %(count)s contribution : son auteur est prévenu par courriel.",
                "Réponse publiée sur %(count)s contributions : leurs auteurs sont prévenus par "
                "courriel.",
                count,
            )
        else:
            message = ngettext(
                "Réponse enregistrée en brouillon pour %(count)s contribution : relisez-la et "
                "publiez-la depuis sa page.",
                "Réponse enregistrée en brouillon pour %(count)s contributions : relisez-la et "
                "publiez-la depuis sa page.",
                count,
            )
        self.message_user(
            request,
            format_html('{} <a href="{}">{}</a>', message % {"count": count}, link, answer),
            messages.SUCCESS,
        )
        return None

    @admin.action(description=_("Décider de la reformulation"), permissions=["answer"])
    def decide_rewording(self, request, queryset):
        contributions = list(
            queryset.select_related("chapter__consultation", "author").order_by("created_at")
        )
        if any(c.kind != Contribution.Kind.REWORDING for c in contributions):
            self.message_user(request, ONLY_REWORDINGS, messages.ERROR)
            return None
        chapter = self._one_chapter(request, contributions)
        if chapter is None:
            return None
        submitted = "_decide" in request.POST
        form = RewordingForm(request.POST if submitted else None, chapter=chapter)
        if submitted and form.is_valid():
            outcome, version = form.cleaned_data["outcome"], form.cleaned_data["version"]
            try:
                with transaction.atomic():  # all of them, or none
                    for contribution in contributions:
                        services.rewording_decide(
                            actor=request.user,
                            contribution=contribution,
                            outcome=outcome,
                            version=version if outcome != RewordingOutcome.REJECTED else None,
                        )
            except (ValidationError, PermissionDenied) as exc:
                for message in getattr(exc, "messages", [str(exc)]):
                    form.add_error(None, message)
            else:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)s reformulation : « %(outcome)s » ; son auteur est prévenu par "
                        "courriel.",
                        "%(count)s reformulations : « %(outcome)s » ; leurs auteurs sont "
                        "prévenus par courriel.",
                        len(contributions),
                    )
                    % {
                        "count": len(contributions),
                        "outcome": RewordingOutcome(outcome).label,
                    },
                    messages.SUCCESS,
                )
                return None
        return self._intermediate(
            request,
            contributions,
            template="admin/concertation/contribution/decide_rewording.html",
            title=gettext("Décider de la reformulation"),
            form=form,
            action="decide_rewording",
            chapter=chapter,
        )


def official_answers_html(contribution):
    """The official answers on a contribution, for its change page: position, state, date."""
    answers = list(contribution.official_answers.order_by("-published_at", "-created_at"))
    rows = [
        (
            reverse("admin:concertation_officialanswer_change", args=[a.pk]),
            a.get_state_display(),
            a.get_status_display(),
            paris(a.published_at) if a.published_at else gettext("non publiée"),
            render_markdown(a.body),
        )
        for a in answers
    ]
    add = reverse("admin:concertation_officialanswer_add") + f"?contributions={contribution.pk}"
    items = format_html_join(
        "",
        '<li class="official-answer"><a href="{}"><strong>{}</strong></a> — {} ({})'
        "<div>{}</div></li>",
        rows,
    )
    return format_html(
        '{}<p><a class="addlink" href="{}">{}</a></p>',
        format_html('<ul class="official-answers">{}</ul>', items)
        if rows
        else gettext("Aucune réponse officielle."),
        add,
        gettext("Rédiger une réponse officielle"),
    )
