"""One mailbox, one spelling: the form of an e-mail address used to store and compare it.

Variants of one address that reach the same mailbox must not pass a duplicate check (the probe of
issue 15 sent 18 confirmations to one victim with zero-width and case variants). Normalised:
Unicode NFKC (full-width letters, ligatures), the invisible characters removed (zero-width space,
non-joiner, joiner, word joiner, byte-order mark, soft hyphen), surrounding spaces removed, the
domain lowercased and written in ASCII (IDNA: « pröbe.fr » and « xn--prbe-6qa.fr » are one
domain). The local part keeps its case (RFC 5321 lets a server tell them apart); comparisons use
`iexact` as before.

NB: the account side (allauth adapter) has its own normaliser written by another change of the
same issue; the two are meant to be merged into this one.
"""

import contextlib
import unicodedata

INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def normalise_email(value: str) -> str:
    value = unicodedata.normalize("NFKC", value or "").translate(INVISIBLE).strip()
    local, at, domain = value.rpartition("@")
    if not at:
        return value
    domain = domain.rstrip(".").lower()
    # Not a valid internationalised name: left as it is, the e-mail validator refuses it.
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}"
