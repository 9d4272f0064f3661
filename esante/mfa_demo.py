"""TOTP for the demo staff accounts (development only, settings.DEMO_ACCOUNTS).

Staff must pass MFA to reach the admin (esante.auth.StaffSecurityMiddleware), the demo staff too:
their authenticator shares this published secret, so a developer adds it to any authenticator
app (or computes a code with `manage.py shell -c "from esante.mfa_demo import code; print(code())"`)
and signs in as production staff do. Never for real accounts: the secret is in this repository.
"""

import time

DEMO_TOTP_SECRET = "ESANTEDEMOTOTPSECRETDEVONLY23456"  # noqa: S105 - published on purpose.


def give_demo_totp(user) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)


def code(secret: str = DEMO_TOTP_SECRET) -> str:
    """The code an authenticator app shows now for the demo secret."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
