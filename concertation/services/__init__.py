"""Every write of the concertation with a business rule: views, admin, commands and tasks call
them through this package (`from concertation import services`), whichever module holds them.

- `texts`: chapters and their versions;
- `participation`: contributions, reactions, flags, follows, the charter;
- `moderation`: the DNS team's decisions and contributor blocks;
- `concertation.council.services`: applications to the council's working groups.
"""

from ..council.services import application_create, application_withdraw, applications_decide
from .moderation import contributions_moderate, contributor_block, contributor_unblock
from .participation import (
    REWORDING_MISSING,
    PersonalDataWarning,
    charter_accept,
    clean_text,
    contribution_create,
    contribution_edit,
    contribution_ensure_withdrawable,
    contribution_withdraw,
    flag_create,
    follow_toggle,
    has_accepted_charter,
    reaction_set,
)
from .texts import chapter_create, chapter_revise

__all__ = [
    "REWORDING_MISSING",
    "PersonalDataWarning",
    "application_create",
    "application_withdraw",
    "applications_decide",
    "chapter_create",
    "chapter_revise",
    "charter_accept",
    "clean_text",
    "contribution_create",
    "contribution_edit",
    "contribution_ensure_withdrawable",
    "contribution_withdraw",
    "contributions_moderate",
    "contributor_block",
    "contributor_unblock",
    "flag_create",
    "follow_toggle",
    "has_accepted_charter",
    "reaction_set",
]
