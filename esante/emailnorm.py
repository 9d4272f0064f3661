"""One mailbox, one spelling: the form of an e-mail address used to store and compare it.

Variants of one address that reach the same mailbox must not pass a duplicate check (the probe of
issue 15 sent 18 confirmations to one victim with zero-width and case variants). Normalised:
Unicode NFKC (full-width letters, ligatures), the invisible characters removed (zero-width space,
non-joiner, joiner, word joiner, byte-order mark, soft hyphen), surrounding spaces removed, the
domain lowercased and written in ASCII (IDNA: « pröbe.fr » and « xn--prbe-6qa.fr » are one
domain). The local part keeps its case (RFC 5321 lets a server tell them apart); comparisons use
`iexact` as before.

Accounts (esante.auth) use the same function, with the whole address lowercased as allauth
stores it, and refuse an address holding an invisible character at sign-up (`has_invisible`).
"""

import contextlib
import unicodedata

# Characters that render as nothing: an address holding one looks like someone else's.
INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u180e", "\u034f"}


def is_invisible(ch: str) -> bool:
    # Category Cf holds every format character (the list above, bidirectional marks...).
    return ch in INVISIBLE or unicodedata.category(ch) == "Cf"


def has_invisible(value: str) -> bool:
    return any(is_invisible(ch) for ch in value)


def normalise_email(value: str) -> str:
    value = "".join(ch for ch in (value or "") if not is_invisible(ch))
    value = unicodedata.normalize("NFKC", value).strip()
    local, at, domain = value.rpartition("@")
    if not at:
        return value
    domain = domain.rstrip(".").lower()
    # Not a valid internationalised name: left as it is, the e-mail validator refuses it.
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}"
