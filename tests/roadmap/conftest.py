import pytest


@pytest.fixture(autouse=True)
def _fast_test_settings(settings):
    """Two production costs that tests do not need to pay again for every test:

    - the default password hasher takes ~0.3 s a user (factories, log-ins);
    - WhiteNoise scans every static file each time a test client is created (~0.4 s);
      with autorefresh it finds them on request instead.

    Nothing here changes what a test observes. Candidate for tests/conftest.py.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.WHITENOISE_AUTOREFRESH = True
