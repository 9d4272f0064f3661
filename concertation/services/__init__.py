"""Every write of the concertation with a business rule: views, admin, commands and tasks call
them through this package (`from concertation import services`), whichever module holds them.

- `texts`: chapters and their versions;
- `participation`: contributions, reactions, flags, follows, the charter;
- `lifecycle`: every change of a contribution's state, with its log and notices;
- `moderation`: the DNS team's decisions and contributor blocks;
- `answers`: official answers and the decisions on rewordings;
- `counters`: the published and thread counters of chapters and paragraphs;
- `concertation.council.services`: applications to the council's working groups.
"""

from ..council.services import application_create, application_withdraw, applications_decide
from .answers import (
    answer_draft,
    answer_publish,
    answer_update,
    answers_publish,
    rewording_decide,
)
from .counters import counters_refresh
from .lifecycle import TRANSITIONS, contribution_move, state_refusal
from .moderation import contributions_moderate, contributor_block, contributor_unblock
from .participation import (
    REWORDING_MISSING,
    PersonalDataWarning,
    charter_accept,
    clean_text,
    contribution_create,
    contribution_edit,
    contribution_withdraw,
    flag_create,
    follow_toggle,
    has_accepted_charter,
    reaction_set,
)
from .texts import chapter_create, chapter_revise

__all__ = [
    "REWORDING_MISSING",
    "TRANSITIONS",
    "PersonalDataWarning",
    "answer_draft",
    "answer_publish",
    "answer_update",
    "answers_publish",
    "application_create",
    "application_withdraw",
    "applications_decide",
    "chapter_create",
    "chapter_revise",
    "charter_accept",
    "clean_text",
    "contribution_create",
    "contribution_edit",
    "contribution_move",
    "contribution_withdraw",
    "contributions_moderate",
    "contributor_block",
    "contributor_unblock",
    "counters_refresh",
    "flag_create",
    "follow_toggle",
    "has_accepted_charter",
    "reaction_set",
    "rewording_decide",
    "state_refusal",
]
