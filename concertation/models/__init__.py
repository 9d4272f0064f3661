"""The concertation's models, one module per part; all are imported here so that the app label
stays `concertation` and `from concertation.models import X` works for every model.

- `texts`: consultations, chapters, versions, paragraphs;
- `participation`: contributions, reactions, flags, follows, charter acceptances;
- `moderation`: contributor blocks, the moderation log;
- `answers`: official answers, answer templates, syntheses;
- `concertation.council.models`: the Conseil du Numérique en Santé.
"""

# In the order of the single models.py this package replaced, which is the order the app
# registry keeps (content types, permissions, future migrations): not alphabetical.
# isort: off
from .texts import Chapter, ChapterVersion, Consultation, Paragraph, ParagraphText
from .participation import CharterAcceptance, Contribution, Flag, Follow, Reaction
from .moderation import ContributorBlock, ModerationLog
from .answers import AnswerState, AnswerTemplate, OfficialAnswer, RewordingOutcome, Synthesis
from ..council.models import Application, CouncilMeeting, Deliverable, EthicsPilot, WorkingGroup

# isort: on

__all__ = [
    "AnswerState",
    "AnswerTemplate",
    "Application",
    "Chapter",
    "ChapterVersion",
    "CharterAcceptance",
    "Consultation",
    "Contribution",
    "ContributorBlock",
    "CouncilMeeting",
    "Deliverable",
    "EthicsPilot",
    "Flag",
    "Follow",
    "ModerationLog",
    "OfficialAnswer",
    "Paragraph",
    "ParagraphText",
    "Reaction",
    "RewordingOutcome",
    "Synthesis",
    "WorkingGroup",
]
