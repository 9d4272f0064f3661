"""The texts put to consultation: a consultation, its chapters, and their versioned
paragraphs. A chapter keeps its identity across versions; a paragraph keeps its anchor."""

import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from roadmap.models import Roadmap

from ..querysets import ConsultationQuerySet
from .rendered import RenderedMarkdown


class Consultation(models.Model):
    """A text put to public consultation between two dates (the doctrine, a roadmap...)."""

    class ModerationMode(models.TextChoices):
        A_PRIORI = "a_priori", _("A priori : les contributions sont publiées après validation")
        A_POSTERIORI = "a_posteriori", _("A posteriori : publication immédiate, masquage si besoin")

    class State(models.TextChoices):
        UPCOMING = "upcoming", _("À venir")
        OPEN = "open", _("Ouverte")
        CLOSED = "closed", pgettext_lazy("consultation state", "Close")

    title = models.CharField(_("titre"), max_length=250)
    slug = models.SlugField(_("identifiant d'URL"), max_length=120, unique=True)
    topic = models.CharField(_("thème"), max_length=150, blank=True)
    introduction = models.TextField(_("introduction (Markdown)"))
    roadmap = models.ForeignKey(
        Roadmap,
        verbose_name=_("feuille de route"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
    )
    published_on = models.DateField(_("date de mise en ligne"), null=True, blank=True)
    opens_at = models.DateTimeField(_("ouverture des contributions"))
    closes_at = models.DateTimeField(_("clôture des contributions"))
    moderation_mode = models.CharField(
        _("modération"),
        max_length=20,
        choices=ModerationMode.choices,
        default=ModerationMode.A_POSTERIORI,
    )
    charter = models.TextField(_("charte de modération (Markdown)"))
    is_published = models.BooleanField(_("publiée"), default=False)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="consultation_dates_ordered"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("concertation:consultation_detail", kwargs={"slug": self.slug})

    def state_at(self, now) -> "Consultation.State":
        if now < self.opens_at:
            return self.State.UPCOMING
        if now < self.closes_at:
            return self.State.OPEN
        return self.State.CLOSED

    @property
    def state(self) -> "Consultation.State":
        return self.state_at(timezone.now())

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def last_day(self) -> datetime.date:
        """The last day (Paris calendar) one can contribute: a close at midnight sharp ends
        the day before."""
        return timezone.localdate(self.closes_at - datetime.timedelta(microseconds=1))

    def days_left_at(self, now) -> int:
        """Days left on the Paris calendar: 0 on the last day, 1 the day before. Counting
        24-hour blocks said « dernier jour » the evening before a close at noon, and moved with
        the hour of the day and the changes of clock."""
        return max((self.last_day - timezone.localdate(now)).days, 0)

    @property
    def days_left(self) -> int:
        return self.days_left_at(timezone.now())


class Chapter(models.Model):
    """A chapter keeps its identity across versions; its text lives in ChapterVersion."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="chapters",
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("titre"), max_length=250)
    slug = models.SlugField(_("identifiant d'URL"), max_length=120)
    summary = models.TextField(_("résumé"), blank=True)
    current_version = models.ForeignKey(
        "ChapterVersion",
        verbose_name=_("version en ligne"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Counters kept by concertation.services.counters at each change of a contribution's state
    # (and recounted from the rows by its `counters_refresh`): a chapter page reads them
    # instead of counting the chapter's rows at each request (issue 16).
    published_count = models.PositiveIntegerField(
        _("contributions publiées"), default=0, editable=False
    )
    thread_count = models.PositiveIntegerField(
        _("fils sur l'ensemble du chapitre"), default=0, editable=False
    )

    class Meta:
        verbose_name = _("chapitre")
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="chapter_number_unique"
            ),
            models.UniqueConstraint(fields=["consultation", "slug"], name="chapter_slug_unique"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse(
            "concertation:chapter_detail",
            kwargs={"slug": self.consultation.slug, "chapter": self.slug},
        )


class ChapterVersion(models.Model):
    chapter = models.ForeignKey(
        Chapter, verbose_name=_("chapitre"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    body = models.TextField(_("texte (Markdown)"))
    note = models.CharField(_("nature des changements"), max_length=250, blank=True)
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The body's full-text vector (weight B; the chapter's title, weight A, is added at query
    # time): filled by a PostgreSQL trigger (migration 0010), empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("version de chapitre")
        verbose_name_plural = _("versions de chapitre")
        ordering = ["chapter", "number"]
        constraints = [
            models.UniqueConstraint(fields=["chapter", "number"], name="chapter_version_unique"),
        ]

    def __str__(self):
        return gettext("%(chapter)s — version %(number)s") % {
            "chapter": self.chapter,
            "number": self.number,
        }


class Paragraph(models.Model):
    """A paragraph's stable identity: its anchor survives the chapter's revisions."""

    chapter = models.ForeignKey(
        Chapter, verbose_name=_("chapitre"), on_delete=models.CASCADE, related_name="paragraphs"
    )
    anchor = models.SlugField(_("ancre"), max_length=20)
    # As on Chapter (concertation.services.counters): published contributions, replies
    # included, and the threads shown in its panel (published, hidden or withdrawn).
    published_count = models.PositiveIntegerField(
        _("contributions publiées"), default=0, editable=False
    )
    thread_count = models.PositiveIntegerField(_("fils"), default=0, editable=False)

    class Meta:
        verbose_name = _("paragraphe")
        constraints = [
            models.UniqueConstraint(fields=["chapter", "anchor"], name="paragraph_anchor_unique"),
        ]

    def __str__(self):
        return f"{self.chapter} §{self.anchor}"


class ParagraphText(RenderedMarkdown):
    """The text of one paragraph in one version of its chapter."""

    RENDERED = {"text": "text_html"}

    version = models.ForeignKey(
        ChapterVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="texts"
    )
    paragraph = models.ForeignKey(
        Paragraph, verbose_name=_("paragraphe"), on_delete=models.CASCADE, related_name="texts"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("texte (Markdown)"))
    text_html = models.TextField(_("texte (HTML)"), blank=True, editable=False)

    class Meta:
        verbose_name = _("texte de paragraphe")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"], name="paragraph_position_unique"
            ),
            models.UniqueConstraint(
                fields=["version", "paragraph"], name="paragraph_once_per_version"
            ),
        ]

    def __str__(self):
        return self.text[:60]
