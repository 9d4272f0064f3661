from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse


class Region(models.Model):
    """One of the 18 French regions, with its regional health agency (ARS)."""

    code = models.CharField("code INSEE", max_length=3, unique=True)
    name = models.CharField("nom", max_length=100, unique=True)
    slug = models.SlugField("identifiant d'URL", max_length=100, unique=True)
    ars_name = models.CharField("agence régionale de santé", max_length=150)
    ars_url = models.URLField("site de l'ARS", blank=True)
    is_overseas = models.BooleanField("outre-mer", default=False)

    class Meta:
        verbose_name = "région"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("region_detail", kwargs={"slug": self.slug})


class StakeholderType(models.TextChoices):
    CITIZEN = "citizen", "Citoyen ou patient"
    HEALTH_PROFESSIONAL = "health_professional", "Professionnel de santé"
    ESTABLISHMENT = "establishment", "Établissement sanitaire ou médico-social"
    INDUSTRY = "industry", "Industriel ou éditeur"
    INSTITUTION = "institution", "Institution publique"
    ASSOCIATION = "association", "Association"
    OTHER = "other", "Autre"


class UserManager(BaseUserManager):
    """Users sign in with their e-mail address; there is no user name."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField("adresse électronique", unique=True)
    display_name = models.CharField(
        "nom public",
        max_length=80,
        blank=True,
        help_text="Le nom affiché à côté de vos contributions.",
    )
    stakeholder_type = models.CharField(
        "type d'acteur",
        max_length=32,
        choices=StakeholderType.choices,
        default=StakeholderType.CITIZEN,
    )
    organisation = models.CharField("organisme", max_length=200, blank=True)
    declaration_of_interests = models.TextField(
        "déclaration de liens d'intérêts",
        max_length=2000,
        blank=True,
        help_text=(
            "Si vous représentez un industriel, un éditeur ou un établissement, ou avez des liens "
            "avec l'un d'eux, déclarez-les ici : la déclaration est affichée à côté de chacune "
            "de vos contributions."
        ),
    )
    region = models.ForeignKey(
        Region,
        verbose_name="région",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
    )
    digest_frequency = models.CharField(
        "récapitulatif des nouveautés",
        max_length=10,
        choices=[("none", "Jamais"), ("daily", "Chaque jour"), ("weekly", "Chaque semaine")],
        default="weekly",
    )
    editor_regions = models.ManyToManyField(
        Region,
        verbose_name="régions publiées (Équipe ARS)",
        blank=True,
        related_name="editors",
        help_text="Les régions pour lesquelles ce membre de l'Équipe ARS publie des contenus.",
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = "utilisateur"
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.display_name or self.email

    @property
    def public_name(self) -> str:
        """The name shown publicly: never the e-mail address."""
        return self.display_name or f"Contributeur ({self.get_stakeholder_type_display()})"


class OutboxMessage(models.Model):
    """A task to publish to Celery, written in the same transaction as the change that causes
    it: the change and its notification commit together, and a broker outage loses nothing."""

    task = models.CharField("tâche", max_length=200)
    kwargs = models.JSONField("arguments", default=dict)
    created_at = models.DateTimeField("créé le", auto_now_add=True, db_index=True)
    published_at = models.DateTimeField("publié le", null=True, blank=True)
    attempts = models.PositiveIntegerField("tentatives", default=0)
    last_error = models.TextField("dernière erreur", blank=True)

    class Meta:
        verbose_name = "message à publier"
        verbose_name_plural = "messages à publier (outbox)"
        indexes = [
            models.Index(
                fields=["created_at"],
                name="outbox_unpublished_idx",
                condition=models.Q(published_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.task} {self.kwargs}"


class Notification(models.Model):
    """One e-mail owed to one address, recorded once per (kind, key, address): a re-run, a
    retried task or two concurrent beats can never create it twice, so never send it twice."""

    class Status(models.TextChoices):
        PENDING = "pending", "À envoyer"
        SENT = "sent", "Envoyée"
        FAILED = "failed", "En échec"

    kind = models.CharField("type", max_length=40)
    key = models.CharField("objet", max_length=120)
    email = models.EmailField("adresse")
    user = models.ForeignKey(
        "User", on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    payload = models.JSONField("contenu", default=dict, blank=True)
    status = models.CharField(
        "état", max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField("tentatives", default=0)
    last_error = models.TextField("dernière erreur", blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True, db_index=True)
    enqueued_at = models.DateTimeField("confiée à Celery le", null=True, blank=True)
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True)

    class Meta:
        verbose_name = "notification"
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "email"], name="notification_once"),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                name="notification_unqueued_idx",
                condition=models.Q(enqueued_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.key} → {self.email}"


class Unsubscription(models.Model):
    """An address that asked, through a signed link, to stop one kind of notification."""

    email = models.EmailField("adresse")
    kind = models.CharField("type", max_length=40)
    created_at = models.DateTimeField("date", auto_now_add=True)

    class Meta:
        verbose_name = "désabonnement"
        constraints = [
            models.UniqueConstraint(Lower("email"), "kind", name="unsubscribe_once_per_kind"),
        ]

    def __str__(self):
        return f"{self.email} — {self.kind}"
