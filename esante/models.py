from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """One of the 18 French regions, with its regional health agency (ARS)."""

    code = models.CharField(_("code INSEE"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant d'URL"), max_length=100, unique=True)
    ars_name = models.CharField(_("agence régionale de santé"), max_length=150)
    ars_url = models.URLField(_("site de l'ARS"), blank=True)
    is_overseas = models.BooleanField(_("outre-mer"), default=False)

    class Meta:
        verbose_name = _("région")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("region_detail", kwargs={"slug": self.slug})


class StakeholderType(models.TextChoices):
    CITIZEN = "citizen", _("Citoyen ou patient")
    HEALTH_PROFESSIONAL = "health_professional", _("Professionnel de santé")
    ESTABLISHMENT = "establishment", _("Établissement sanitaire ou médico-social")
    INDUSTRY = "industry", _("Industriel ou éditeur")
    INSTITUTION = "institution", _("Institution publique")
    ASSOCIATION = "association", _("Association")
    OTHER = "other", _("Autre")


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


# The one account that holds the contributions their authors kept public when they deleted
# their account (esante.privacy): shown as « Contributeur anonyme », it cannot sign in (inactive,
# no password, an address of the reserved .invalid domain that no e-mail ever reaches).
DELETED_USER_EMAIL = "contributeur-anonyme@compte-supprime.invalid"


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("adresse électronique"), unique=True)
    display_name = models.CharField(
        _("nom public"),
        max_length=80,
        blank=True,
        help_text=_("Le nom affiché à côté de vos contributions."),
    )
    # Consent to the display name in the open data and the API (issue 17): the site shows it
    # beside the contributions, but a reuser's copy outlives a change of mind, so it is asked
    # for separately and off by default; without it, the author is a stakeholder type and a
    # region there.
    name_in_open_data = models.BooleanField(
        _("mon nom public dans les données ouvertes"),
        default=False,
        help_text=_(
            "Les contributions publiées sont aussi diffusées en données ouvertes (Licence "
            "Ouverte 2.0) et par l'API du site, que chacun peut copier et réutiliser. Cochée, "
            "votre nom public y figure à côté de vos contributions signées ; sinon, seuls votre "
            "type d'acteur et votre région y figurent."
        ),
    )
    stakeholder_type = models.CharField(
        _("type d'acteur"),
        max_length=32,
        choices=StakeholderType.choices,
        default=StakeholderType.CITIZEN,
    )
    organisation = models.CharField(_("organisme"), max_length=200, blank=True)
    declaration_of_interests = models.TextField(
        _("déclaration de liens d'intérêts"),
        max_length=2000,
        blank=True,
        help_text=_(
            "Si vous représentez un industriel, un éditeur ou un établissement, ou avez des liens "
            "avec l'un d'eux, déclarez-les ici : la déclaration est affichée à côté de chacune "
            "de vos contributions."
        ),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("région"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
    )
    digest_frequency = models.CharField(
        _("récapitulatif des nouveautés"),
        max_length=10,
        choices=[
            ("none", _("Jamais")),
            ("daily", _("Chaque jour")),
            ("weekly", _("Chaque semaine")),
        ],
        default="weekly",
    )
    flag_outcome_notices = models.BooleanField(
        _("suite donnée à mes signalements"),
        default=True,
        help_text=_(
            "Un courriel quand la modération a examiné une contribution que vous avez "
            "signalée : maintenue, masquée ou rejetée."
        ),
    )
    language = models.CharField(
        _("langue des courriels"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "Les courriels du site (rappels, récapitulatifs, accusés de réception) vous sont "
            "écrits dans cette langue. Les contributions et les textes restent en français."
        ),
    )
    editor_regions = models.ManyToManyField(
        Region,
        verbose_name=_("régions publiées (Équipe ARS)"),
        blank=True,
        related_name="editors",
        help_text=_("Les régions pour lesquelles ce membre de l'Équipe ARS publie des contenus."),
    )

    # When the owner was told their inactive account would be deleted (esante.privacy): the
    # deletion waits for this warning, however late the job ran.
    inactivity_warned_at = models.DateTimeField(
        _("prévenu de la suppression pour inactivité le"), null=True, blank=True, editable=False
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.display_name or self.email

    @property
    def is_deleted_placeholder(self) -> bool:
        return self.email == DELETED_USER_EMAIL

    @property
    def public_name(self) -> str:
        """The name shown publicly: never the e-mail address."""
        if self.is_deleted_placeholder:
            return gettext("Contributeur anonyme")
        if self.display_name:
            return self.display_name
        return gettext("Contributeur (%(stakeholder_type)s)") % {
            "stakeholder_type": self.get_stakeholder_type_display()
        }


class Notification(models.Model):
    """One e-mail owed to one address: every e-mail the portal sends (allauth's account
    e-mails included) is one of these rows, and the table is the outbox that delivers them.

    Recorded once per (kind, key, address), in the transaction of the change that causes it: a
    re-run, a retried task or two concurrent beats can never create it twice. It then moves
    pending → queued (handed to the broker, `queued_at`) → sent, or failed after the last try;
    the periodic drain publishes pending rows, and again the rows queued too long ago (a broker
    that lost its messages); the send task locks the row and sends only a row not sent yet
    (esante.outbox, esante.tasks.send_notification)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("À envoyer")
        QUEUED = "queued", _("En file d'envoi")
        SENT = "sent", _("Envoyée")
        FAILED = "failed", _("En échec")

    kind = models.CharField(_("type"), max_length=40)
    key = models.CharField(_("objet"), max_length=120)
    email = models.EmailField(_("adresse"))
    user = models.ForeignKey(
        "User", on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    payload = models.JSONField(_("contenu"), default=dict, blank=True)
    # Empty: the recipient's account language, else the site's (esante.i18n.email_language).
    language = models.CharField(_("langue"), max_length=8, blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(_("tentatives"), default=0)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True, db_index=True)
    # When the row was last handed to the broker; for an SMTP retry, when that retry is due.
    # The drain hands a queued row again when this is too long ago (its message was lost).
    queued_at = models.DateTimeField(_("en file depuis le"), null=True, blank=True)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("courriel")
        verbose_name_plural = _("courriels")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "email"], name="notification_once"),
        ]
        indexes = [
            # What the drain reads every few seconds: the few rows not sent yet, among millions.
            models.Index(
                fields=["created_at"],
                name="notification_unsent_idx",
                condition=models.Q(status__in=["pending", "queued"]),
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.key} → {self.email}"


class Unsubscription(models.Model):
    """An address that asked, through a signed link, to stop one kind of notification."""

    email = models.EmailField(_("adresse"))
    kind = models.CharField(_("type"), max_length=40)
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("désabonnement")
        constraints = [
            models.UniqueConstraint(Lower("email"), "kind", name="unsubscribe_once_per_kind"),
        ]

    def __str__(self):
        return f"{self.email} — {self.kind}"


class UnsubscribeKey(models.Model):
    """A random key standing for one address in unsubscribe links, so that a link never shows
    the address it unsubscribes (finding 9 of issue 15: it was readable base64). Deleted with
    the person's data (esante.privacy): their links then stop working."""

    email = models.EmailField(_("adresse"))
    key = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("clé de désabonnement")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="unsubscribe_key_once_per_address"),
        ]

    def __str__(self):
        return self.email
