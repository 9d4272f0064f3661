"""Computing and storing a consultation's opinion groups (opinions.method). Called by the Celery
task (opinions.tasks), the admin's recompute action and the demo; never in a web request."""

import numpy as np
from django.db import transaction
from django.utils import timezone

from concertation.models import Consultation, Contribution, Reaction

from . import method
from .models import OpinionGroups

CHUNK = 20_000


def _reactions(consultation: Consultation) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The reactions to the consultation's published contributions, as three arrays, read in
    chunks so that a million rows never become a million model instances."""
    rows = (
        Reaction.objects.filter(
            contribution__consultation=consultation,
            contribution__status=Contribution.Status.PUBLISHED,
        )
        .order_by()
        .values_list("user_id", "contribution_id", "value")
        .iterator(chunk_size=CHUNK)
    )
    users, contributions, values = [], [], []
    for user, contribution, value in rows:
        users.append(user)
        contributions.append(contribution)
        values.append(1 if value == Reaction.Value.AGREE else -1)
    return (
        np.array(users, dtype=np.int64),
        np.array(contributions, dtype=np.int64),
        np.array(values, dtype=np.int8),
    )


def opinion_groups_compute(*, consultation: Consultation) -> OpinionGroups:
    """Compute the groups from the current reactions and store them, replacing the previous
    result. Safe to run twice: the second run stores the same thing."""
    result = method.compute(*_reactions(consultation))
    stored = {
        "computed_at": timezone.now(),
        "voters": result.voters,
        "participants": result.participants,
        "contributions": result.contributions,
        "reactions": result.reactions,
        "hidden": result.hidden,
        "silhouette": None if result.silhouette is None else round(result.silhouette, 3),
        "groups": [
            {
                "size": group.size,
                "center": list(group.center),
                "representative": [
                    {
                        "id": statement.contribution,
                        "agree": statement.agree,
                        "others": statement.others,
                        "votes": statement.votes,
                    }
                    for statement in group.representative
                ],
            }
            for group in result.groups
        ],
        "points": [list(point) for point in result.points],
        "consensus": [{"id": pk, "agree": agree} for pk, agree in result.consensus],
    }
    with transaction.atomic():
        groups, _ = OpinionGroups.objects.update_or_create(
            consultation=consultation, defaults=stored
        )
    return groups
