"""What the consultation gives back: the official answers of the DNS team (drafted, then
published, on one or many contributions or on a paragraph), the reusable answer templates, and
the synthesis of a closed consultation.

A contribution keeps, denormalised, the state of its published answer (`answer_state`,
`answered_at`): "unanswered first", the answer rate and the results page read one column
instead of joining answers on every request. Only concertation.services.answers writes them,
through the lifecycle (concertation.services.lifecycle)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .rendered import RenderedMarkdown

DEFAULT_TEAM = "Délégation au numérique en santé"


class AnswerState(models.TextChoices):
    """What became of what a contribution says."""

    TAKEN = "taken", _("Pris en compte")
    PARTLY = "partly", _("Partiellement pris en compte")
    NOT_RETAINED = "not_retained", _("Non retenu")
    OUT_OF_SCOPE = "out_of_scope", _("Hors champ")
    ALREADY_PLANNED = "already_planned", _("Déjà prévu")


class RewordingOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Acceptée")
    PARTLY_ACCEPTED = "partly_accepted", _("Partiellement acceptée")
    REJECTED = "rejected", _("Non retenue")


class AnswerTemplate(models.Model):
    """A reusable starting point for answers that come back often."""

    title = models.CharField(_("titre"), max_length=150, unique=True)
    state = models.CharField(
        _("position proposée"), max_length=20, choices=AnswerState.choices, blank=True
    )
    body = models.TextField(_("texte (Markdown)"))
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)

    class Meta:
        verbose_name = _("modèle de réponse")
        verbose_name_plural = _("modèles de réponse")
        ordering = ["title"]

    def __str__(self):
        return self.title


class OfficialAnswer(RenderedMarkdown):
    """The DNS team's argued answer, on contributions (one answer may answer many) or on a
    paragraph of a chapter. Drafted first, published when ready: its publication is a step of
    each answered contribution's lifecycle (logged; the authors told once)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PUBLISHED = "published", _("Publiée")

    RENDERED = {"body": "body_html"}

    consultation = models.ForeignKey(
        "Consultation",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="official_answers",
    )
    chapter = models.ForeignKey(
        "Chapter",
        verbose_name=_("chapitre"),
        on_delete=models.CASCADE,
        related_name="official_answers",
    )
    paragraph = models.ForeignKey(
        "Paragraph",
        verbose_name=_("paragraphe"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="official_answers",
        help_text=_("Pour répondre sur un paragraphe, à tous ceux qui l'ont commenté."),
    )
    contributions = models.ManyToManyField(
        "Contribution",
        verbose_name=_("contributions répondues"),
        related_name="official_answers",
        blank=True,
    )
    state = models.CharField(_("position"), max_length=20, choices=AnswerState.choices)
    body = models.TextField(_("réponse argumentée (Markdown)"))
    body_html = models.TextField(_("réponse argumentée (HTML)"), blank=True, editable=False)
    team = models.CharField(_("équipe qui répond"), max_length=150, default=DEFAULT_TEAM)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    template = models.ForeignKey(
        AnswerTemplate,
        verbose_name=_("modèle de départ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.ForeignKey(
        "ChapterVersion",
        verbose_name=_("version du chapitre qui en tient compte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="official_answers",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rédigée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("rédigée le"), default=timezone.now)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publiée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("réponse officielle")
        verbose_name_plural = _("réponses officielles")
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["consultation", "status"], name="answer_consult_idx")]

    def __str__(self):
        return gettext("Réponse « %(state)s » — %(consultation)s — %(chapter)s") % {
            "state": self.get_state_display(),
            "consultation": self.consultation,
            "chapter": self.chapter,
        }

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Synthesis(models.Model):
    """The DNS team's account of a closed consultation: what it heard, what it retained and
    why. Shown on the results page once published."""

    consultation = models.OneToOneField(
        "Consultation",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="synthesis",
    )
    body = models.TextField(_("synthèse (Markdown)"))
    document = models.FileField(
        _("document (PDF)"),
        upload_to="syntheses/",
        blank=True,
        help_text=_("La synthèse complète, en PDF, à télécharger."),
    )
    is_published = models.BooleanField(_("publiée"), default=False)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("synthèse")
        verbose_name_plural = _("synthèses")

    def __str__(self):
        return gettext("Synthèse — %(consultation)s") % {"consultation": self.consultation}
