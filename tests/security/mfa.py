"""Staff sessions that passed MFA, as allauth records it (esante.auth.passed_mfa).

`mfa_login(client, user)` gives the user a TOTP authenticator and opens a session whose
authentication records hold the "mfa" step allauth writes after a correct code: the explicit way
for a test to stand for a staff member who signed in properly. `force_login` alone opens a
session that did not pass MFA, which StaffSecurityMiddleware sends back to the sign-in page."""

import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from esante.auth import LAST_SEEN_KEY, STARTED_KEY

# A fixed base32 secret for tests (and the demo's documented one is in esante.mfa_demo).
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def give_totp(user, secret=TEST_TOTP_SECRET):
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return existing or TOTP.activate(user, secret).instance


def totp_code(secret=TEST_TOTP_SECRET, *, offset=0) -> str:
    """The code an authenticator app shows now (offset: periods later or earlier)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def mfa_login(client, user):
    authenticator = give_totp(user)
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "email": user.email},
        {"method": "mfa", "at": time.time(), "type": "totp", "id": authenticator.pk},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    # As after the sign-in request: the staff session clock is running.
    session[STARTED_KEY] = session[LAST_SEEN_KEY] = time.time()
    session.save()
    return client
