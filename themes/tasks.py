"""The themes' Celery tasks (issue 18): scikit-learn never runs in a web request."""

from celery import shared_task

from concertation.models import Consultation

from . import services


@shared_task(acks_late=True)
def themes_refresh(consultation_id: int) -> int:
    """New contributions join the existing themes (debounced, themes.signals). Safe to run twice:
    a contribution already in a theme is not assigned again."""
    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is None:
        return 0
    return services.themes_refresh(consultation=consultation)


@shared_task(acks_late=True)
def themes_fit(consultation_id: int) -> int:
    """Full recomputation, asked for by staff (admin action). Safe to run twice: the second run
    finds the first one's themes and keeps them."""
    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is None:
        return 0
    return services.themes_fit(consultation=consultation)
