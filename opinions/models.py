"""The opinion groups of a consultation as last computed (opinions.method): aggregates and
anonymous points only, never a user id."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from concertation.models import Consultation


class OpinionGroups(models.Model):
    consultation = models.OneToOneField(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="opinion_groups",
    )
    computed_at = models.DateTimeField(_("calculés le"))
    voters = models.PositiveIntegerField(_("participants ayant réagi"), default=0)
    participants = models.PositiveIntegerField(_("participants comptés"), default=0)
    contributions = models.PositiveIntegerField(_("contributions comptées"), default=0)
    reactions = models.PositiveIntegerField(_("réactions comptées"), default=0)
    hidden = models.PositiveIntegerField(_("participants des groupes trop petits"), default=0)
    silhouette = models.FloatField(_("score de silhouette"), null=True, blank=True)
    # [{"size", "center": [x, y], "representative": [{"id", "agree", "others", "votes"}]}],
    # largest first.
    groups = models.JSONField(_("groupes"), default=list, blank=True)
    # [[group index, x, y]], coordinates rounded and scaled to [-1, 1], sorted (no user order).
    points = models.JSONField(_("points"), default=list, blank=True)
    # [{"id", "agree": [per group]}]
    consensus = models.JSONField(_("consensus"), default=list, blank=True)

    class Meta:
        verbose_name = _("groupes d'opinion")
        verbose_name_plural = _("groupes d'opinion")

    def __str__(self):
        return str(self.consultation)
