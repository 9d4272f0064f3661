import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from roadmap.models import Roadmap

from .querysets import ConsultationQuerySet, ContributionQuerySet


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

    class Meta:
        verbose_name = _("paragraphe")
        constraints = [
            models.UniqueConstraint(fields=["chapter", "anchor"], name="paragraph_anchor_unique"),
        ]

    def __str__(self):
        return f"{self.chapter} §{self.anchor}"


class ParagraphText(models.Model):
    """The text of one paragraph in one version of its chapter."""

    version = models.ForeignKey(
        ChapterVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="texts"
    )
    paragraph = models.ForeignKey(
        Paragraph, verbose_name=_("paragraphe"), on_delete=models.CASCADE, related_name="texts"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("texte (Markdown)"))

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


class Contribution(models.Model):
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
    parent = models.ForeignKey(
        "self",
        verbose_name=_("en réponse à"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    is_anonymous = models.BooleanField(_("publiée sans le nom de l'auteur"), default=False)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.COMMENT)
    body = models.TextField(_("texte (Markdown)"))
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

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribution")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["chapter", "status", "-created_at"], name="contrib_chapter_idx"),
            models.Index(fields=["paragraph", "status"], name="contrib_paragraph_idx"),
        ]

    def __str__(self):
        return gettext("%(kind)s de %(author)s (%(date)s)") % {
            "kind": self.get_kind_display(),
            "author": self.public_author_name,
            "date": f"{self.created_at:%d/%m/%Y}",
        }

    def get_absolute_url(self):
        """The chapter page that shows it: its paragraph's panel, or the general list."""
        query = f"?paragraphe={self.paragraph.anchor}" if self.paragraph_id else ""
        return f"{self.chapter.get_absolute_url()}{query}#contribution-{self.pk}"

    @property
    def public_author_name(self) -> str:
        if self.is_anonymous or not self.author.display_name:
            return gettext("Contributeur (%(stakeholder_type)s)") % {
                "stakeholder_type": self.author.get_stakeholder_type_display()
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


class ContributorBlock(models.Model):
    """A user barred from contributing, with a reason and an optional end."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utilisateur"),
        on_delete=models.CASCADE,
        related_name="contribution_blocks",
    )
    reason = models.TextField(_("motif (communiqué à l'utilisateur)"))
    until = models.DateTimeField(
        _("jusqu'au"), null=True, blank=True, help_text=_("Vide : sans fin.")
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décidé par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    lifted_at = models.DateTimeField(_("levé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("blocage d'un contributeur")
        verbose_name_plural = _("blocages de contributeurs")
        ordering = ["-created_at"]

    def __str__(self):
        return gettext("%(user)s bloqué") % {"user": self.user}

    def is_active_at(self, now) -> bool:
        return self.lifted_at is None and (self.until is None or self.until > now)


class ModerationLog(models.Model):
    """An append-only record of every moderation decision: who, when, what, before/after, why."""

    class Action(models.TextChoices):
        PUBLISH = "publish", _("Publication")
        HIDE = "hide", _("Masquage")
        REJECT = "reject", _("Rejet")
        AUTO_HOLD = "auto_hold", _("Retenue automatique")
        AUTO_HIDE = "auto_hide", _("Masquage automatique (signalements)")
        BLOCK = "block", _("Blocage d'un contributeur")
        UNBLOCK = "unblock", _("Levée d'un blocage")

    contribution = models.ForeignKey(
        Contribution,
        verbose_name=_("contribution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_logs",
    )
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utilisateur concerné"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur de la décision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Vide pour une décision automatique."),
    )
    action = models.CharField(_("décision"), max_length=20, choices=Action.choices)
    before = models.JSONField(_("avant"), default=dict)
    after = models.JSONField(_("après"), default=dict)
    reason = models.CharField(_("motif"), max_length=40, blank=True)
    note = models.TextField(_("précision"), blank=True)
    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("journal de modération")
        verbose_name_plural = _("journal de modération")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_action_display()} — {self.created_at:%d/%m/%Y %H:%M}"

    def save(self, *args, **kwargs):
        # Integrity guard, not business logic: a log entry is written once, never rewritten.
        if self.pk is not None:
            raise ValueError("Moderation log entries cannot be modified.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Moderation log entries cannot be deleted.")


# --- Conseil du Numérique en Santé -------------------------------------------------------------


class CouncilMeeting(models.Model):
    """A plenary meeting of the Conseil du Numérique en Santé."""

    title = models.CharField(_("titre"), max_length=250)
    slug = models.SlugField(_("identifiant d'URL"), max_length=120, unique=True)
    starts_at = models.DateTimeField(_("date"))
    place = models.CharField(_("lieu"), max_length=200, blank=True)
    online_url = models.URLField(_("lien de retransmission"), blank=True)
    agenda = models.TextField(_("ordre du jour (Markdown)"), blank=True)
    minutes = models.TextField(_("compte rendu (Markdown)"), blank=True)
    minutes_url = models.URLField(_("compte rendu (document)"), blank=True)
    announcements = models.TextField(
        _("annonces et lancements (Markdown)"),
        blank=True,
        help_text=_(
            "Ce que la réunion a lancé : groupes de travail, consultations, Tour des régions…"
        ),
    )
    consultations = models.ManyToManyField(
        Consultation, verbose_name=_("consultations lancées"), blank=True, related_name="meetings"
    )
    is_published = models.BooleanField(_("publiée"), default=True)

    class Meta:
        verbose_name = _("réunion du Conseil")
        verbose_name_plural = _("réunions du Conseil")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("concertation:meeting_detail", kwargs={"slug": self.slug})

    @property
    def is_held(self) -> bool:
        return self.starts_at < timezone.now()


class WorkingGroup(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Ouvert aux candidatures")
        ACTIVE = "active", _("En activité")
        CLOSED = "closed", _("Clos")

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=120, unique=True)
    mission = models.TextField(_("mission (Markdown)"))
    meeting = models.ForeignKey(
        CouncilMeeting,
        verbose_name=_("lancé lors de la réunion"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="working_groups",
    )
    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.OPEN)
    applications_close_at = models.DateTimeField(_("candidatures jusqu'au"), null=True, blank=True)
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("pilotes"), blank=True, related_name="led_groups"
    )
    is_published = models.BooleanField(_("publié"), default=True)

    class Meta:
        verbose_name = _("groupe de travail")
        verbose_name_plural = _("groupes de travail")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("concertation:group_detail", kwargs={"slug": self.slug})

    def accepts_applications(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.is_published
            and self.status == self.Status.OPEN
            and (self.applications_close_at is None or now < self.applications_close_at)
        )


class Deliverable(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="deliverables")
    title = models.CharField(_("titre"), max_length=250)
    url = models.URLField(_("lien"))
    published_on = models.DateField(_("publié le"))

    class Meta:
        verbose_name = _("livrable")
        ordering = ["-published_on"]

    def __str__(self):
        return self.title


class Application(models.Model):
    """A volunteer's application to a working group; accepted, they become a member."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En cours d'examen")
        ACCEPTED = "accepted", _("Acceptée")
        DECLINED = "declined", _("Non retenue")
        WITHDRAWN = "withdrawn", _("Retirée")

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("groupe"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidat"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    organisation = models.CharField(_("organisme"), max_length=200, blank=True)
    stakeholder_type = models.CharField(_("type d'acteur"), max_length=32)
    motivation = models.TextField(_("motivation"))
    contribution = models.TextField(_("ce que je peux apporter"), blank=True)
    consent_public = models.BooleanField(_("nom affiché parmi les membres"), default=False)
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decision_message = models.TextField(_("message au candidat"), blank=True)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décidée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("déposée le"), default=timezone.now)

    class Meta:
        verbose_name = _("candidature")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=~Q(status="withdrawn"),
                name="one_application_per_group",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.group}"


class EthicsPilot(models.Model):
    """A pilot of the ethics cell of digital health (cellule d'éthique du numérique en santé)."""

    class State(models.TextChoices):
        PREPARING = "preparing", _("En préparation")
        RUNNING = "running", _("En cours")
        DONE = "done", _("Terminé")

    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"))
    state = models.CharField(_("état"), max_length=20, choices=State.choices)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    is_demo = models.BooleanField(_("contenu de démonstration"), default=False)

    class Meta:
        verbose_name = _("pilote de la cellule d'éthique")
        verbose_name_plural = _("pilotes de la cellule d'éthique")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name
