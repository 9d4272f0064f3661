import pytest


@pytest.fixture(autouse=True)
def _staff_without_mfa(monkeypatch):
    """These tests are about the audit trail, not staff MFA (tests/esante covers it): staff
    signed in with force_login reach the admin."""
    try:
        import esante.auth
    except ImportError:  # before the MFA work
        return
    if hasattr(esante.auth, "mfa_enforced"):
        monkeypatch.setattr(esante.auth, "mfa_enforced", lambda: False)
