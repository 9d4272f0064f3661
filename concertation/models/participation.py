"""What participants write and do on a text: contributions and replies, reactions, flags,
follows, and the acceptance of a consultation's charter."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from esante.i18n import date_in_words
from esante.models import StakeholderType

from ..querysets import ContributionQuerySet
from .answers import AnswerState, RewordingOutcome
from .rendered import RenderedMarkdown
from .texts import Chapter, ChapterVersion, Consultation, Paragraph

STAKEHOLDER_LABELS = dict(StakeholderType.choices)


class Contribution(RenderedMarkdown):
    RENDERED = {"body": "body_html"}

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Commentaire")
        QUESTION = "question", _("Question")
        REWORDING = "rewording", _("Proposition de reformulation")

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente de modération")
        PUBLISHED = "published", _("Publiée")
        HIDDEN = "hidden", _("Masquée")
        REJECTED = "rejected", _("Rejetée")
        WITHDRAWN = "withdrawn", _("Retirée par son auteur")

    class HeldReason(models.TextChoices):
        NONE = "", "—"  # A dash, nothing to translate.
        PERSONAL_DATA = "personal_data", _("Données personnelles possibles")
        FLAGS = "flags", _("Signalements")

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    chapter = models.ForeignKey(
        Chapter, verbose_name=_("chapitre"), on_delete=models.CASCADE, related_name="contributions"
    )
    version = models.ForeignKey(
        ChapterVersion,
        verbose_name=_("version commentée"),
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("paragraphe"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
    )
    # RESTRICT, never CASCADE: deleting one contribution must not take other people's replies
    # with it (finding 6 of issue 15: one deleted user took 100 replies of 30 others). A
    # contribution with replies is erased in place (esante.privacy); deleting its whole
    # consultation or chapter still deletes the thread, replies included.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("en réponse à"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="replies",
    )
    # PROTECT: a user is deleted through esante.privacy.account_delete, which hands the
    # contributions they keep to the « Contributeur anonyme » placeholder or erases them; a
    # plain delete elsewhere fails loudly instead of silently taking them.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    is_anonymous = models.BooleanField(_("publiée sans le nom de l'auteur"), default=False)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.COMMENT)
    body = models.TextField(_("texte (Markdown)"))
    body_html = models.TextField(_("texte (HTML)"), blank=True, editable=False)
    proposed_text = models.TextField(_("reformulation proposée"), blank=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    held_reason = models.CharField(
        _("retenue pour"), max_length=20, choices=HeldReason.choices, blank=True, default=""
    )
    moderation_reason = models.CharField(_("motif de modération"), max_length=40, blank=True)
    moderation_note = models.TextField(_("précision de la modération"), blank=True)
    moderated_at = models.DateTimeField(_("modérée le"), null=True, blank=True)
    agree_count = models.PositiveIntegerField(_("d'accord"), default=0)
    disagree_count = models.PositiveIntegerField(_("pas d'accord"), default=0)
    flag_count = models.PositiveIntegerField(_("signalements"), default=0)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("modifiée le"), null=True, blank=True)
    # The state of its latest published official answer (concertation.models.answers), kept
    # here so that lists and figures never join the answers: empty while unanswered.
    answer_state = models.CharField(
        _("réponse officielle"), max_length=20, choices=AnswerState.choices, blank=True
    )
    answered_at = models.DateTimeField(_("répondue le"), null=True, blank=True)
    # A rewording's fate, and the chapter version that took it in (accepted, partly accepted).
    rewording_outcome = models.CharField(
        _("suite donnée à la reformulation"),
        max_length=20,
        choices=RewordingOutcome.choices,
        blank=True,
    )
    rewording_version = models.ForeignKey(
        "ChapterVersion",
        verbose_name=_("version qui l'intègre"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_rewordings",
    )
    # Full-text search (concertation.search): body (weight A) and proposed text (B) in the
    # `french_unaccent` configuration. Filled by a PostgreSQL trigger on every insert and on
    # every update of those texts (migration 0010), so no write path can forget it; stays
    # empty on SQLite, whose search folds the texts themselves.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribution")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["chapter", "status", "-created_at"], name="contrib_chapter_idx"),
            models.Index(fields=["paragraph", "status"], name="contrib_paragraph_idx"),
            models.Index(
                fields=["consultation", "status", "answer_state"], name="contrib_answer_idx"
            ),
            # A chapter page's threads, in its two orders, for the general list (paragraph IS
            # NULL) and a paragraph's: read in index order, a page stops after its rows instead
            # of sorting the chapter's 20,000; status and author are in the key so that the
            # page's ids come from the index alone, even deep (selectors.chapter_page). The
            # general ones are partial on paragraph IS NULL: PostgreSQL does not take
            # « paragraph IS NULL » as fixing that column, so it would not read an index on
            # (chapter, paragraph, ...) in order (issue 16).
            models.Index(
                fields=["chapter", "-created_at", "-id", "status", "author"],
                condition=Q(parent__isnull=True, paragraph__isnull=True),
                name="contrib_general_recent_idx",
            ),
            models.Index(
                fields=["chapter", "-agree_count", "-created_at", "-id", "status", "author"],
                condition=Q(parent__isnull=True, paragraph__isnull=True),
                name="contrib_general_agreed_idx",
            ),
            models.Index(
                fields=["paragraph", "-created_at", "-id", "status", "author"],
                condition=Q(parent__isnull=True),
                name="contrib_paragraph_recent_idx",
            ),
            models.Index(
                fields=["paragraph", "-agree_count", "-created_at", "-id", "status", "author"],
                condition=Q(parent__isnull=True),
                name="contrib_paragraph_agreed_idx",
            ),
            # Only published contributions are searched. Built on PostgreSQL only (migration
            # 0010): SQLite has no GIN.
            GinIndex(
                fields=["search_vector"],
                condition=Q(status="published"),
                name="contrib_search_idx",
            ),
        ]

    def __str__(self):
        return gettext("%(kind)s de %(author)s (%(date)s)") % {
            "kind": self.get_kind_display(),
            "author": self.public_author_name,
            "date": date_in_words(self.created_at, "d/m/Y"),
        }

    def get_absolute_url(self):
        """The chapter page that shows it: its paragraph's panel, or the general list."""
        query = f"?paragraphe={self.paragraph.anchor}" if self.paragraph_id else ""
        return f"{self.chapter.get_absolute_url()}{query}#contribution-{self.pk}"

    @property
    def public_author_name(self) -> str:
        if self.author.is_deleted_placeholder:
            return gettext("Contributeur anonyme")
        if self.is_anonymous or not self.author.display_name:
            return gettext("Contributeur (%(stakeholder_type)s)") % {
                # A dictionary made once: get_FOO_display() makes one per call (issue 16).
                "stakeholder_type": STAKEHOLDER_LABELS.get(
                    self.author.stakeholder_type, self.author.stakeholder_type
                )
            }
        return self.author.display_name

    @property
    def is_visible(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Reaction(models.Model):
    class Value(models.TextChoices):
        AGREE = "agree", _("D'accord")
        DISAGREE = "disagree", _("Pas d'accord")

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="reactions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    value = models.CharField(_("réaction"), max_length=10, choices=Value.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("réaction")
        constraints = [
            models.UniqueConstraint(fields=["contribution", "user"], name="one_reaction_per_user"),
        ]

    def __str__(self):
        return f"{self.get_value_display()} — {self.contribution_id}"


class Flag(models.Model):
    class Reason(models.TextChoices):
        PERSONAL_DATA = "personal_data", _("Données personnelles ou de santé")
        ABUSE = "abuse", _("Propos injurieux, diffamatoires ou haineux")
        SPAM = "spam", _("Publicité ou hors sujet")
        MISINFORMATION = "misinformation", _("Information fausse ou trompeuse")
        OTHER = "other", _("Autre motif")

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags"
    )
    reason = models.CharField(_("motif"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("précision"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    resolved_at = models.DateTimeField(_("traité le"), null=True, blank=True)

    class Meta:
        verbose_name = _("signalement")
        constraints = [
            models.UniqueConstraint(fields=["contribution", "user"], name="one_flag_per_user"),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} — {self.contribution_id}"


class Follow(models.Model):
    """A user follows a consultation, a chapter, a working group or the whole council
    (reminders and digests use it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    working_group = models.ForeignKey(
        "WorkingGroup", on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    council = models.BooleanField(_("tout le Conseil"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("abonnement")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    consultation__isnull=False,
                    chapter__isnull=True,
                    working_group__isnull=True,
                    council=False,
                )
                | Q(
                    consultation__isnull=True,
                    chapter__isnull=False,
                    working_group__isnull=True,
                    council=False,
                )
                | Q(
                    consultation__isnull=True,
                    chapter__isnull=True,
                    working_group__isnull=False,
                    council=False,
                )
                | Q(
                    consultation__isnull=True,
                    chapter__isnull=True,
                    working_group__isnull=True,
                    council=True,
                ),
                name="follow_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "consultation"],
                condition=Q(consultation__isnull=False),
                name="follow_consultation_once",
            ),
            models.UniqueConstraint(
                fields=["user", "chapter"],
                condition=Q(chapter__isnull=False),
                name="follow_chapter_once",
            ),
            models.UniqueConstraint(
                fields=["user", "working_group"],
                condition=Q(working_group__isnull=False),
                name="follow_group_once",
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(council=True), name="follow_council_once"
            ),
        ]

    def __str__(self):
        target = self.consultation or self.chapter or self.working_group or gettext("le Conseil")
        return gettext("%(user)s suit %(target)s") % {"user": self.user, "target": target}


class CharterAcceptance(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="charter_acceptances"
    )
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="charter_acceptances"
    )
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("acceptation de la charte")
        constraints = [
            models.UniqueConstraint(fields=["user", "consultation"], name="charter_accepted_once"),
        ]

    def __str__(self):
        return f"{self.user} — {self.consultation}"
