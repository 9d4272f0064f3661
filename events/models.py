import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from esante.models import Region
from roadmap.models import Programme

from .querysets import EventQuerySet


class Event(models.Model):
    class Kind(models.TextChoices):
        TOUR_STOP = "tour_stop", _("Étape du Tour des régions")
        WORKSHOP = "workshop", _("Atelier citoyen")
        WEBINAR = "webinar", _("Webinaire")
        OTHER = "other", _("Autre événement")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PUBLISHED = "published", _("Publié")
        CANCELLED = "cancelled", _("Annulé")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=250)
    slug = models.SlugField(_("identifiant d'URL"), max_length=150, unique=True)
    region = models.ForeignKey(
        Region, verbose_name=_("région"), on_delete=models.PROTECT, related_name="events"
    )
    city = models.CharField(_("ville"), max_length=100, blank=True)
    venue = models.CharField(_("lieu"), max_length=200, blank=True)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    online_url = models.URLField(_("lien de participation en ligne"), blank=True)
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    summary = models.TextField(_("résumé"))
    body = models.TextField(_("présentation (Markdown)"), blank=True)
    capacity = models.PositiveIntegerField(
        _("nombre de places"), null=True, blank=True, help_text=_("Vide : pas de limite.")
    )
    registration_opens_at = models.DateTimeField(
        _("ouverture des inscriptions"), null=True, blank=True
    )
    registration_closes_at = models.DateTimeField(
        _("clôture des inscriptions"),
        null=True,
        blank=True,
        help_text=_("Vide : les inscriptions ferment au début de l'événement."),
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    attendance = models.PositiveIntegerField(
        _("participants (après l'événement)"), null=True, blank=True
    )
    report = models.TextField(_("compte rendu (Markdown)"), blank=True)
    results = models.TextField(_("résultats de l'atelier (Markdown)"), blank=True)
    programmes = models.ManyToManyField(
        Programme, verbose_name=_("programmes présentés"), blank=True, related_name="events"
    )
    is_demo = models.BooleanField(_("contenu de démonstration"), default=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("événement")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__lte=F("starts_at")),
                name="event_registration_closes_before_start",
            ),
        ]
        indexes = [models.Index(fields=["region", "starts_at"], name="event_region_start_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:event_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = gettext("La fin doit être postérieure au début.")
        closes, opens = self.registration_closes_at, self.registration_opens_at
        if closes and self.starts_at and closes > self.starts_at:
            errors["registration_closes_at"] = gettext(
                "Les inscriptions doivent fermer au plus tard au début de l'événement."
            )
        if opens and closes and opens >= closes:
            errors["registration_opens_at"] = gettext(
                "L'ouverture des inscriptions doit précéder leur clôture."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def registration_deadline(self):
        return self.registration_closes_at or self.starts_at

    def registration_state(self, now=None) -> str:
        now = now or timezone.now()
        if self.status == self.Status.CANCELLED:
            return "cancelled"
        if self.status != self.Status.PUBLISHED:
            return "unpublished"
        if self.ends_at < now:
            return "past"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_yet"
        if now >= self.registration_deadline:
            return "closed"
        return "open"

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def place_label(self) -> str:
        parts = [p for p in (self.venue, self.city) if p]
        return ", ".join(parts) or (gettext("En ligne") if self.online_url else "")


class AgendaItem(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda")
    time = models.TimeField(_("heure"))
    title = models.CharField(_("séquence"), max_length=250)
    speakers = models.CharField(_("intervenants"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("séquence du programme")
        # Not the national programmes: the running order of the event.
        verbose_name_plural = pgettext_lazy("event agenda", "programme")
        ordering = ["time", "pk"]

    def __str__(self):
        return f"{self.time:%H:%M} {self.title}"


class Speaker(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("nom"), max_length=150)
    role = models.CharField(_("fonction"), max_length=200, blank=True)
    organisation = models.CharField(_("organisme"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("intervenant")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class EventDocument(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titre"), max_length=250)
    url = models.URLField(_("lien"))

    class Meta:
        verbose_name = _("document")
        ordering = ["pk"]

    def __str__(self):
        return self.title


class Persona(models.Model):
    """A persona profile used in a citizen workshop."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="personas")
    name = models.CharField(_("profil"), max_length=150)
    description = models.TextField(_("description"))
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("profil type")
        verbose_name_plural = _("profils types")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Adresse à confirmer")
        CONFIRMED = "confirmed", _("Inscrit")
        WAITLISTED = "waitlisted", _("Liste d'attente")
        CANCELLED = "cancelled", _("Annulée")

    event = models.ForeignKey(
        Event, verbose_name=_("événement"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    name = models.CharField(_("nom"), max_length=150)
    email = models.EmailField(_("adresse électronique"))
    # The interface language of the registration: its e-mails are written in it.
    language = models.CharField(_("langue"), max_length=8, default=settings.LANGUAGE_CODE)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, db_index=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("mise en attente le"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("sortie de la liste d'attente le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("inscription")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                F("event"),
                Lower("email"),
                condition=~Q(status="cancelled"),
                name="one_active_registration_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.name} — {self.event}"

    def get_cancel_url(self) -> str:
        return reverse("events:registration_cancel", kwargs={"token": self.token})

    def get_confirm_url(self) -> str:
        return reverse("events:registration_confirm", kwargs={"token": self.token})
