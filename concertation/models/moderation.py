"""Moderation records: contributors barred from contributing and the append-only log of every
decision (the statuses themselves live on Contribution)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from esante.i18n import date_in_words

from .participation import Contribution


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
        EDIT = "edit", _("Modification par son auteur")
        WITHDRAW = "withdraw", _("Retrait par son auteur")
        ANSWER = "answer", _("Réponse officielle")
        REWORDING = "rewording", _("Suite donnée à une reformulation")

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
        return f"{self.get_action_display()} — {date_in_words(self.created_at, 'd/m/Y H:i')}"

    def save(self, *args, **kwargs):
        # Integrity guard, not business logic: a log entry is written once, never rewritten.
        if self.pk is not None:
            raise ValueError("Moderation log entries cannot be modified.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Moderation log entries cannot be deleted.")
