"""Detection of personal data in a contribution (RGPD article 9: health data is sensitive).

Simple, tested patterns: a French social security number (NIR) whose control key is valid,
a French phone number, an e-mail address. A match holds the contribution for moderation.
"""

import re

from django.utils.translation import gettext_lazy

NIR_RE = re.compile(
    r"(?<![\dA-Za-z])([12])[\s.]?(\d{2})[\s.]?(\d{2})[\s.]?(\d{2}|2[AaBb])[\s.]?(\d{3})[\s.]?"
    r"(\d{3})[\s.]?(\d{2})(?![\dA-Za-z])"
)
PHONE_RE = re.compile(r"(?<![\d+])(?:(?:\+|00)33[\s.-]?(?:\(0\))?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")


def nir_key_is_valid(sex, year, month, department, commune, order, key) -> bool:
    department = department.upper()
    # Corsica: 2A and 2B count as 19 and 18 in the key computation.
    department = {"2A": "19", "2B": "18"}.get(department, department)
    number = int(f"{sex}{year}{month}{department}{commune}{order}")
    return 97 - number % 97 == int(key)


def find_personal_data(text: str, *, already_published: str = "") -> list[str]:
    """The kinds of personal data found, as phrases translated when shown: in the interface
    language for the author's warning, in French for the moderation log.

    `already_published` is official text the contribution quotes (the paragraph a rewording
    starts from): what it already holds (a service's contact address) is not the author's
    personal data, and must not hold every rewording of that paragraph for moderation."""

    def new_matches(matches):
        return [m for m in matches if _squeeze(m.group(0)) not in known]

    known = _squeeze(already_published)
    found = []
    if any(nir_key_is_valid(*m.groups()) for m in new_matches(NIR_RE.finditer(text))):
        found.append(gettext_lazy("un numéro de sécurité sociale"))
    if new_matches(PHONE_RE.finditer(text)):
        found.append(gettext_lazy("un numéro de téléphone"))
    if new_matches(EMAIL_RE.finditer(text)):
        found.append(gettext_lazy("une adresse électronique"))
    return found


def _squeeze(text: str) -> str:
    """Without spaces, dots and dashes: « 01 23 45 67 89 » and « 01.23.45.67.89 » are one."""
    return re.sub(r"[\s.-]", "", text).lower()
