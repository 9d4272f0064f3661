from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from esante.models import Region

from .querysets import NewsItemQuerySet, PublishedQuerySet

DEMO_HELP = _("Contenu rédigé pour la démonstration, absent des documents sources.")


class Roadmap(models.Model):
    """An edition of the national e-health roadmap (#MaSanté2022, 2023-2027...)."""

    class Status(models.TextChoices):
        IN_CONCERTATION = "concertation", _("En concertation")
        CURRENT = "current", _("En vigueur")
        COMPLETED = "completed", _("Achevée")

    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=100, unique=True)
    start_year = models.PositiveSmallIntegerField(_("première année"))
    end_year = models.PositiveSmallIntegerField(_("dernière année"))
    status = models.CharField(_("état"), max_length=20, choices=Status.choices)
    concertation_until = models.DateField(_("concertation ouverte jusqu'au"), null=True, blank=True)
    summary = models.TextField(_("résumé"))
    body = models.TextField(_("présentation (Markdown)"), blank=True)
    axis_label = models.CharField(
        _("nom des regroupements"),
        max_length=40,
        default="Axe",
        help_text=_("« Orientation » pour #MaSanté2022, « Axe » pour 2023-2027."),
    )
    # Written by hand: a French plural is not always the singular plus "s" (« enjeu », « enjeux »).
    axis_label_plural = models.CharField(
        _("nom des regroupements au pluriel"),
        max_length=40,
        default="Axes",
        help_text=_("« Orientations » pour #MaSanté2022, « Axes » pour 2023-2027."),
    )
    is_published = models.BooleanField(_("publiée"), default=True)
    is_demo = models.BooleanField(_("contenu de démonstration"), default=False, help_text=DEMO_HELP)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("feuille de route")
        verbose_name_plural = _("feuilles de route")
        ordering = ["-start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")), name="roadmap_years_ordered"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("roadmap:roadmap_detail", kwargs={"slug": self.slug})

    @property
    def period(self) -> str:
        return f"{self.start_year}-{self.end_year}"

    @property
    def concertation_is_open(self) -> bool:
        return bool(self.concertation_until and timezone.localdate() <= self.concertation_until)

    def axis_label_for(self, count: int) -> str:
        """The label agreed with `count` by the French rule (0 and 1 take the singular): it is
        French content, in every interface language."""
        return self.axis_label if count <= 1 else self.axis_label_plural

    @property
    def axes_label(self) -> str:
        """The label agreed with `axis_count`, annotated by roadmap.selectors.roadmap_list."""
        return self.axis_label_for(self.axis_count)


class Axis(models.Model):
    """A group of actions: an "orientation" (2019-2022) or an "axe" (2023-2027)."""

    roadmap = models.ForeignKey(
        Roadmap, verbose_name=_("feuille de route"), on_delete=models.CASCADE, related_name="axes"
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("titre"), max_length=250)
    summary = models.TextField(_("résumé"), blank=True)

    class Meta:
        verbose_name = _("axe")
        ordering = ["roadmap", "number"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "number"], name="axis_number_unique"),
        ]

    def __str__(self):
        return f"{self.roadmap.axis_label} {self.number} : {self.title}"


class Action(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Prévue")
        IN_PROGRESS = "in_progress", _("En cours")
        DONE = "done", _("Réalisée")

    roadmap = models.ForeignKey(
        Roadmap,
        verbose_name=_("feuille de route"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    axis = models.ForeignKey(
        Axis, verbose_name=_("axe"), on_delete=models.PROTECT, related_name="actions"
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("titre"), max_length=250)
    summary = models.TextField(_("résumé"))
    body = models.TextField(_("description (Markdown)"), blank=True)
    status = models.CharField(
        _("état d'avancement"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    lead = models.CharField(_("pilote"), max_length=200, blank=True)
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    is_demo = models.BooleanField(_("contenu de démonstration"), default=False, help_text=DEMO_HELP)

    class Meta:
        verbose_name = _("action")
        ordering = ["roadmap", "number"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "number"], name="action_number_unique"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="action_progress_percent"),
        ]

    def __str__(self):
        return gettext("Action %(number)s : %(title)s") % {
            "number": self.number,
            "title": self.title,
        }

    def get_absolute_url(self):
        return reverse(
            "roadmap:action_detail",
            kwargs={"slug": self.roadmap.slug, "number": self.number},
        )


class Milestone(models.Model):
    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("jalon"), max_length=250)
    due_on = models.DateField(_("échéance"))
    is_done = models.BooleanField(_("atteint"), default=False)

    class Meta:
        verbose_name = _("jalon")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title


class Programme(models.Model):
    """A national programme (SUN-ES, ESMS Numérique, Mon espace santé...) followed by region."""

    name = models.CharField(_("nom"), max_length=200)
    acronym = models.CharField(_("sigle"), max_length=40, blank=True)
    slug = models.SlugField(_("identifiant d'URL"), max_length=100, unique=True)
    summary = models.TextField(_("résumé"))
    body = models.TextField(_("description (Markdown)"), blank=True)
    roadmap = models.ForeignKey(
        Roadmap,
        verbose_name=_("feuille de route"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programmes",
    )
    is_published = models.BooleanField(_("publié"), default=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        ordering = ["name"]

    def __str__(self):
        return self.acronym or self.name


class RegionalIndicator(models.Model):
    """A published figure of a programme in one region, with its date and source."""

    class Qualifier(models.TextChoices):
        EXACT = "", "—"
        MORE_THAN = "more_than", _("plus de")
        NEARLY = "nearly", _("près de")
        ABOUT = "about", _("environ")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="indicators"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("région"), on_delete=models.CASCADE, related_name="indicators"
    )
    label = models.CharField(_("indicateur"), max_length=250)
    qualifier = models.CharField(
        _("précision"), max_length=20, choices=Qualifier.choices, default="", blank=True
    )
    value = models.DecimalField(_("valeur"), max_digits=14, decimal_places=2)
    unit = models.CharField(
        _("unité"), max_length=40, blank=True, help_text=_("%, M€, structures…")
    )
    date = models.DateField(_("date de la mesure"))
    source = models.CharField(_("source"), max_length=250)
    source_url = models.URLField(_("lien vers la source"), blank=True)

    class Meta:
        verbose_name = _("indicateur régional")
        verbose_name_plural = _("indicateurs régionaux")
        ordering = ["region", "programme", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "region", "label", "date"], name="indicator_unique_per_date"
            ),
        ]

    def __str__(self):
        return f"{self.region} — {self.label}"

    @property
    def display_value(self) -> str:
        """The value as French readers write it: "plus de 6,6 M€", "64 %"."""
        # As many decimals as the figure has (6.60 → "6,6", 12.75 → "12,75"), never rounded.
        decimals = max(0, -self.value.normalize().as_tuple().exponent)
        text = number_format(self.value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
        if self.unit:
            text = f"{text}\u00a0{self.unit}"
        if self.qualifier:
            text = f"{self.get_qualifier_display()} {text}"
        return text


class NewsItem(models.Model):
    class Kind(models.TextChoices):
        PRESS_RELEASE = "press_release", _("Communiqué de presse")
        NEWS = "news", _("Actualité")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    title = models.CharField(_("titre"), max_length=300)
    slug = models.SlugField(_("identifiant d'URL"), max_length=150, unique=True)
    published_on = models.DateField(_("date de publication"))
    place = models.CharField(_("lieu"), max_length=100, blank=True)
    summary = models.TextField(_("chapeau"))
    body = models.TextField(_("texte (Markdown)"))
    press_contact = models.TextField(_("contact presse"), blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("région concernée"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news",
    )
    is_published = models.BooleanField(_("publiée"), default=True)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("actualité")
        ordering = ["-published_on", "-pk"]
        indexes = [models.Index(fields=["-published_on"], name="news_published_on_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("roadmap:news_detail", kwargs={"slug": self.slug})
