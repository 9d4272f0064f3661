"""The concertation's admin, one module per part; importing them here registers them.

- `texts`: consultations and chapters;
- `moderation`: the moderation queue, flags, blocks, the moderation log;
- `answers`: official answers, answer templates, syntheses, the answering view of contributions;
- `concertation.council.admin`: the Conseil du Numérique en Santé.
"""

# In the order of the single admin.py this package replaced (the order of the admin's URLs).
# isort: off
from . import texts
from . import moderation
from . import answers
from ..council import admin as council_admin

# isort: on

__all__ = ["answers", "council_admin", "moderation", "texts"]
