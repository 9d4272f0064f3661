from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from roadmap.models import Roadmap

from .querysets import ConsultationQuerySet, ContributionQuerySet


class Consultation(models.Model):
    """A text put to public consultation between two dates (the doctrine, a roadmap...)."""

    class ModerationMode(models.TextChoices):
        A_PRIORI = "a_priori", "A priori : les contributions sont publiées après validation"
        A_POSTERIORI = "a_posteriori", "A posteriori : publication immédiate, masquage si besoin"

    class State(models.TextChoices):
        UPCOMING = "upcoming", "À venir"
        OPEN = "open", "Ouverte"
        CLOSED = "closed", "Close"

    title = models.CharField("titre", max_length=250)
    slug = models.SlugField("identifiant d'URL", max_length=120, unique=True)
    topic = models.CharField("thème", max_length=150, blank=True)
    introduction = models.TextField("introduction (Markdown)")
    roadmap = models.ForeignKey(
        Roadmap,
        verbose_name="feuille de route",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
    )
    published_on = models.DateField("date de mise en ligne", null=True, blank=True)
    opens_at = models.DateTimeField("ouverture des contributions")
    closes_at = models.DateTimeField("clôture des contributions")
    moderation_mode = models.CharField(
        "modération",
        max_length=20,
        choices=ModerationMode.choices,
        default=ModerationMode.A_POSTERIORI,
    )
    charter = models.TextField("charte de modération (Markdown)")
    is_published = models.BooleanField("publiée", default=False)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = "consultation"
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
    def days_left(self) -> int:
        return max((self.closes_at - timezone.now()).days, 0)


class Chapter(models.Model):
    """A chapter keeps its identity across versions; its text lives in ChapterVersion."""

    consultation = models.ForeignKey(
        Consultation, verbose_name="consultation", on_delete=models.CASCADE, related_name="chapters"
    )
    number = models.PositiveSmallIntegerField("numéro")
    title = models.CharField("titre", max_length=250)
    slug = models.SlugField("identifiant d'URL", max_length=120)
    summary = models.TextField("résumé", blank=True)
    current_version = models.ForeignKey(
        "ChapterVersion",
        verbose_name="version en ligne",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "chapitre"
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
        Chapter, verbose_name="chapitre", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField("version")
    body = models.TextField("texte (Markdown)")
    note = models.CharField("nature des changements", max_length=250, blank=True)
    created_at = models.DateTimeField("date", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "version de chapitre"
        verbose_name_plural = "versions de chapitre"
        ordering = ["chapter", "number"]
        constraints = [
            models.UniqueConstraint(fields=["chapter", "number"], name="chapter_version_unique"),
        ]

    def __str__(self):
        return f"{self.chapter} — version {self.number}"


class Paragraph(models.Model):
    """A paragraph's stable identity: its anchor survives the chapter's revisions."""

    chapter = models.ForeignKey(
        Chapter, verbose_name="chapitre", on_delete=models.CASCADE, related_name="paragraphs"
    )
    anchor = models.SlugField("ancre", max_length=20)

    class Meta:
        verbose_name = "paragraphe"
        constraints = [
            models.UniqueConstraint(fields=["chapter", "anchor"], name="paragraph_anchor_unique"),
        ]

    def __str__(self):
        return f"{self.chapter} §{self.anchor}"


class ParagraphText(models.Model):
    """The text of one paragraph in one version of its chapter."""

    version = models.ForeignKey(
        ChapterVersion, verbose_name="version", on_delete=models.CASCADE, related_name="texts"
    )
    paragraph = models.ForeignKey(
        Paragraph, verbose_name="paragraphe", on_delete=models.CASCADE, related_name="texts"
    )
    position = models.PositiveSmallIntegerField("position")
    text = models.TextField("texte (Markdown)")

    class Meta:
        verbose_name = "texte de paragraphe"
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
        COMMENT = "comment", "Commentaire"
        QUESTION = "question", "Question"
        REWORDING = "rewording", "Proposition de reformulation"

    class Status(models.TextChoices):
        PENDING = "pending", "En attente de modération"
        PUBLISHED = "published", "Publiée"
        HIDDEN = "hidden", "Masquée"
        REJECTED = "rejected", "Rejetée"
        WITHDRAWN = "withdrawn", "Retirée par son auteur"

    class HeldReason(models.TextChoices):
        NONE = "", "—"
        PERSONAL_DATA = "personal_data", "Données personnelles possibles"
        FLAGS = "flags", "Signalements"

    consultation = models.ForeignKey(
        Consultation,
        verbose_name="consultation",
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    chapter = models.ForeignKey(
        Chapter, verbose_name="chapitre", on_delete=models.CASCADE, related_name="contributions"
    )
    version = models.ForeignKey(
        ChapterVersion,
        verbose_name="version commentée",
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    paragraph = models.ForeignKey(
        Paragraph,
        verbose_name="paragraphe",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="en réponse à",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    is_anonymous = models.BooleanField("publiée sans le nom de l'auteur", default=False)
    kind = models.CharField("type", max_length=20, choices=Kind.choices, default=Kind.COMMENT)
    body = models.TextField("texte (Markdown)")
    proposed_text = models.TextField("reformulation proposée", blank=True)
    status = models.CharField(
        "statut", max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    held_reason = models.CharField(
        "retenue pour", max_length=20, choices=HeldReason.choices, blank=True, default=""
    )
    moderation_reason = models.CharField("motif de modération", max_length=40, blank=True)
    moderation_note = models.TextField("précision de la modération", blank=True)
    moderated_at = models.DateTimeField("modérée le", null=True, blank=True)
    agree_count = models.PositiveIntegerField("d'accord", default=0)
    disagree_count = models.PositiveIntegerField("pas d'accord", default=0)
    flag_count = models.PositiveIntegerField("signalements", default=0)
    created_at = models.DateTimeField("créée le", default=timezone.now, db_index=True)
    edited_at = models.DateTimeField("modifiée le", null=True, blank=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = "contribution"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["chapter", "status", "-created_at"], name="contrib_chapter_idx"),
            models.Index(fields=["paragraph", "status"], name="contrib_paragraph_idx"),
        ]

    def __str__(self):
        return (
            f"{self.get_kind_display()} de {self.public_author_name} ({self.created_at:%d/%m/%Y})"
        )

    def get_absolute_url(self):
        """The chapter page that shows it: its paragraph's panel, or the general list."""
        query = f"?paragraphe={self.paragraph.anchor}" if self.paragraph_id else ""
        return f"{self.chapter.get_absolute_url()}{query}#contribution-{self.pk}"

    @property
    def public_author_name(self) -> str:
        if self.is_anonymous or not self.author.display_name:
            return f"Contributeur ({self.author.get_stakeholder_type_display()})"
        return self.author.display_name

    @property
    def is_visible(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Reaction(models.Model):
    class Value(models.TextChoices):
        AGREE = "agree", "D'accord"
        DISAGREE = "disagree", "Pas d'accord"

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="reactions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    value = models.CharField("réaction", max_length=10, choices=Value.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "réaction"
        constraints = [
            models.UniqueConstraint(fields=["contribution", "user"], name="one_reaction_per_user"),
        ]

    def __str__(self):
        return f"{self.get_value_display()} — {self.contribution_id}"


class Flag(models.Model):
    class Reason(models.TextChoices):
        PERSONAL_DATA = "personal_data", "Données personnelles ou de santé"
        ABUSE = "abuse", "Propos injurieux, diffamatoires ou haineux"
        SPAM = "spam", "Publicité ou hors sujet"
        MISINFORMATION = "misinformation", "Information fausse ou trompeuse"
        OTHER = "other", "Autre motif"

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags"
    )
    reason = models.CharField("motif", max_length=20, choices=Reason.choices)
    note = models.CharField("précision", max_length=500, blank=True)
    created_at = models.DateTimeField("date", default=timezone.now)
    resolved_at = models.DateTimeField("traité le", null=True, blank=True)

    class Meta:
        verbose_name = "signalement"
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
    council = models.BooleanField("tout le Conseil", default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "abonnement"
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
        target = self.consultation or self.chapter or self.working_group or "le Conseil"
        return f"{self.user} suit {target}"


class CharterAcceptance(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="charter_acceptances"
    )
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="charter_acceptances"
    )
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "acceptation de la charte"
        constraints = [
            models.UniqueConstraint(fields=["user", "consultation"], name="charter_accepted_once"),
        ]

    def __str__(self):
        return f"{self.user} — {self.consultation}"


class ContributorBlock(models.Model):
    """A user barred from contributing, with a reason and an optional end."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="utilisateur",
        on_delete=models.CASCADE,
        related_name="contribution_blocks",
    )
    reason = models.TextField("motif (communiqué à l'utilisateur)")
    until = models.DateTimeField("jusqu'au", null=True, blank=True, help_text="Vide : sans fin.")
    created_at = models.DateTimeField("date", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="décidé par",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    lifted_at = models.DateTimeField("levé le", null=True, blank=True)

    class Meta:
        verbose_name = "blocage d'un contributeur"
        verbose_name_plural = "blocages de contributeurs"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} bloqué"

    def is_active_at(self, now) -> bool:
        return self.lifted_at is None and (self.until is None or self.until > now)


class ModerationLog(models.Model):
    """An append-only record of every moderation decision: who, when, what, before/after, why."""

    class Action(models.TextChoices):
        PUBLISH = "publish", "Publication"
        HIDE = "hide", "Masquage"
        REJECT = "reject", "Rejet"
        AUTO_HOLD = "auto_hold", "Retenue automatique"
        AUTO_HIDE = "auto_hide", "Masquage automatique (signalements)"
        BLOCK = "block", "Blocage d'un contributeur"
        UNBLOCK = "unblock", "Levée d'un blocage"

    contribution = models.ForeignKey(
        Contribution,
        verbose_name="contribution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_logs",
    )
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="utilisateur concerné",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur de la décision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Vide pour une décision automatique.",
    )
    action = models.CharField("décision", max_length=20, choices=Action.choices)
    before = models.JSONField("avant", default=dict)
    after = models.JSONField("après", default=dict)
    reason = models.CharField("motif", max_length=40, blank=True)
    note = models.TextField("précision", blank=True)
    created_at = models.DateTimeField("date", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "journal de modération"
        verbose_name_plural = "journal de modération"
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

    title = models.CharField("titre", max_length=250)
    slug = models.SlugField("identifiant d'URL", max_length=120, unique=True)
    starts_at = models.DateTimeField("date")
    place = models.CharField("lieu", max_length=200, blank=True)
    online_url = models.URLField("lien de retransmission", blank=True)
    agenda = models.TextField("ordre du jour (Markdown)", blank=True)
    minutes = models.TextField("compte rendu (Markdown)", blank=True)
    minutes_url = models.URLField("compte rendu (document)", blank=True)
    announcements = models.TextField(
        "annonces et lancements (Markdown)",
        blank=True,
        help_text="Ce que la réunion a lancé : groupes de travail, consultations, "
        "Tour des régions…",
    )
    consultations = models.ManyToManyField(
        Consultation, verbose_name="consultations lancées", blank=True, related_name="meetings"
    )
    is_published = models.BooleanField("publiée", default=True)

    class Meta:
        verbose_name = "réunion du Conseil"
        verbose_name_plural = "réunions du Conseil"
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
        OPEN = "open", "Ouvert aux candidatures"
        ACTIVE = "active", "En activité"
        CLOSED = "closed", "Clos"

    name = models.CharField("nom", max_length=200)
    slug = models.SlugField("identifiant d'URL", max_length=120, unique=True)
    mission = models.TextField("mission (Markdown)")
    meeting = models.ForeignKey(
        CouncilMeeting,
        verbose_name="lancé lors de la réunion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="working_groups",
    )
    status = models.CharField("état", max_length=20, choices=Status.choices, default=Status.OPEN)
    applications_close_at = models.DateTimeField("candidatures jusqu'au", null=True, blank=True)
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="pilotes", blank=True, related_name="led_groups"
    )
    is_published = models.BooleanField("publié", default=True)

    class Meta:
        verbose_name = "groupe de travail"
        verbose_name_plural = "groupes de travail"
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
    title = models.CharField("titre", max_length=250)
    url = models.URLField("lien")
    published_on = models.DateField("publié le")

    class Meta:
        verbose_name = "livrable"
        ordering = ["-published_on"]

    def __str__(self):
        return self.title


class Application(models.Model):
    """A volunteer's application to a working group; accepted, they become a member."""

    class Status(models.TextChoices):
        PENDING = "pending", "En cours d'examen"
        ACCEPTED = "accepted", "Acceptée"
        DECLINED = "declined", "Non retenue"
        WITHDRAWN = "withdrawn", "Retirée"

    group = models.ForeignKey(
        WorkingGroup, verbose_name="groupe", on_delete=models.CASCADE, related_name="applications"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="candidat",
        on_delete=models.CASCADE,
        related_name="applications",
    )
    organisation = models.CharField("organisme", max_length=200, blank=True)
    stakeholder_type = models.CharField("type d'acteur", max_length=32)
    motivation = models.TextField("motivation")
    contribution = models.TextField("ce que je peux apporter", blank=True)
    consent_public = models.BooleanField("nom affiché parmi les membres", default=False)
    status = models.CharField(
        "état", max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decision_message = models.TextField("message au candidat", blank=True)
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="décidée par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("déposée le", default=timezone.now)

    class Meta:
        verbose_name = "candidature"
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
        PREPARING = "preparing", "En préparation"
        RUNNING = "running", "En cours"
        DONE = "done", "Terminé"

    name = models.CharField("nom", max_length=200)
    description = models.TextField("description")
    state = models.CharField("état", max_length=20, choices=State.choices)
    order = models.PositiveSmallIntegerField("ordre", default=0)
    is_demo = models.BooleanField("contenu de démonstration", default=False)

    class Meta:
        verbose_name = "pilote de la cellule d'éthique"
        verbose_name_plural = "pilotes de la cellule d'éthique"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name
