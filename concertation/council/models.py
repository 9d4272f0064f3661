"""The Conseil du Numérique en Santé: plenary meetings, working groups and their deliverables,
applications to the groups, and the pilots of the ethics cell.

Same app label as the rest of the concertation (`concertation.WorkingGroup`...): the tables and
migrations stay in `concertation/migrations/`; `concertation.models` imports these models.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models.texts import Consultation


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
