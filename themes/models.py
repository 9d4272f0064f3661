"""Themes of a consultation's contributions (issue 18): what a TF-IDF + NMF model found in
their words, and what staff made of it.

- ThemeModel: the fitted model of a consultation, kept so that new contributions are assigned to
  the existing themes without fitting again: the vocabulary (a JSON list), and the idf vector and
  NMF components as numpy arrays in a BinaryField (numpy.savez, float32; never pickle, which
  would run code on loading).
- Theme: one theme; its top terms and figures come from the model, its label, hidden flag and
  merge from staff (`edited` says staff touched it: a full recomputation keeps those edits,
  themes.services.themes_fit).
- ThemeMembership: the theme of a contribution (one at most) and its weight in it; `by_staff`
  when staff put it there (split off), which a recomputation leaves alone.
"""

import io

import numpy as np
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concertation.models import Consultation, Contribution


def arrays_dump(**arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **{k: np.asarray(v, dtype=np.float32) for k, v in arrays.items()})
    return buffer.getvalue()


def arrays_load(data: bytes) -> dict:
    with np.load(io.BytesIO(bytes(data)), allow_pickle=False) as loaded:
        return {name: loaded[name] for name in loaded.files}


class ThemeModel(models.Model):
    consultation = models.OneToOneField(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="theme_model",
    )
    vocabulary = models.JSONField(_("vocabulaire"), default=list)
    # numpy.savez of `idf` (vocabulary size) and `components` (themes by vocabulary).
    arrays = models.BinaryField(_("tableaux du modèle"))
    # The Theme id of each component row, in order.
    theme_ids = models.JSONField(_("thèmes des composantes"), default=list)
    contributions = models.PositiveIntegerField(_("contributions à l'ajustement"), default=0)
    fitted_at = models.DateTimeField(_("calculé le"), default=timezone.now)
    refreshed_at = models.DateTimeField(_("mis à jour le"), default=timezone.now)

    class Meta:
        verbose_name = _("modèle de thèmes")
        verbose_name_plural = _("modèles de thèmes")

    def __str__(self):
        return str(self.consultation)


class Theme(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="themes",
    )
    label = models.CharField(_("intitulé"), max_length=150, blank=True)
    top_terms = models.JSONField(_("mots principaux"), default=list)
    size = models.PositiveIntegerField(_("contributions"), default=0)
    # [{"id": 4, "title": "1. Interopérabilité", "count": 12}, ...], the most frequent first:
    # kept here so that pages read a theme in one row.
    chapters = models.JSONField(_("chapitres"), default=list)
    hidden = models.BooleanField(_("masqué"), default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("fusionné dans"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged",
    )
    edited = models.BooleanField(_("modifié par l'équipe"), default=False)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("thème")
        ordering = ["-size", "pk"]
        indexes = [models.Index(fields=["consultation", "-size"], name="theme_consultation_idx")]

    def __str__(self):
        return self.display_label

    @property
    def display_label(self) -> str:
        return self.label or ", ".join(self.top_terms[:4]) or f"#{self.pk}"


class ThemeMembership(models.Model):
    contribution = models.OneToOneField(
        Contribution,
        verbose_name=_("contribution"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="theme_membership",
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("thème"), on_delete=models.CASCADE, related_name="memberships"
    )
    weight = models.FloatField(_("poids"), default=0)
    representative = models.BooleanField(_("représentative"), default=False)
    by_staff = models.BooleanField(_("placée par l'équipe"), default=False)

    class Meta:
        verbose_name = _("contribution d'un thème")
        verbose_name_plural = _("contributions des thèmes")
        indexes = [models.Index(fields=["theme", "-weight"], name="theme_member_weight_idx")]

    def __str__(self):
        return f"{self.theme} — {self.contribution_id}"
