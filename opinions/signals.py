"""A reaction given, changed or withdrawn asks for a (debounced) recomputation of its
consultation's groups. A signal because reactions are written by the concertation app's service,
which knows nothing of this app; the work itself goes to the task after the commit."""

from functools import lru_cache

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from concertation.models import Consultation, Contribution, Reaction

from . import tasks


@lru_cache(maxsize=20_000)
def _consultation_of(contribution_id: int) -> int | None:
    # A contribution never changes consultation, so the answer can be kept: a deletion that
    # cascades over many reactions asks once per contribution, not once per reaction.
    return (
        Contribution.objects.filter(pk=contribution_id)
        .values_list("consultation_id", flat=True)
        .first()
    )


@receiver(post_save, sender=Reaction, dispatch_uid="opinions_reaction_saved")
@receiver(post_delete, sender=Reaction, dispatch_uid="opinions_reaction_deleted")
def reaction_changed(sender, instance, **kwargs):
    if kwargs.get("raw") or isinstance(kwargs.get("origin"), Consultation):
        return  # a fixture being loaded, or the whole consultation going away
    if Reaction.contribution.is_cached(instance):
        consultation_id = instance.contribution.consultation_id
    else:
        consultation_id = _consultation_of(instance.contribution_id)
    if consultation_id is not None:
        tasks.schedule(consultation_id)
