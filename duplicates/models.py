"""Near-duplicates marked by staff: « this contribution says what that one says ». A contribution
is marked as the duplicate of at most one original; answering the original officially answers its
marked duplicates too (duplicates.services.with_duplicates, called by the answers service)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concertation.models import Contribution


class DuplicateMark(models.Model):
    contribution = models.OneToOneField(
        Contribution,
        verbose_name=_("contribution en double"),
        on_delete=models.CASCADE,
        related_name="duplicate_mark",
    )
    original = models.ForeignKey(
        Contribution,
        verbose_name=_("contribution d'origine"),
        on_delete=models.CASCADE,
        related_name="duplicate_marks",
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marquée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marquée le"), default=timezone.now)

    class Meta:
        verbose_name = _("contribution en double")
        verbose_name_plural = _("contributions en double")
        ordering = ["-marked_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(contribution=F("original")), name="duplicate_not_itself"
            ),
        ]

    def __str__(self):
        text = gettext("Contribution n° %(duplicate)s, double de la contribution n° %(original)s")
        return text % {
            "duplicate": self.contribution_id,
            "original": self.original_id,
        }
