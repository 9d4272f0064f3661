import pytest

from tests.esante.factories import ArsStaffFactory, DnsStaffFactory, UserFactory


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def dns_staff(db):
    return DnsStaffFactory()


@pytest.fixture
def ars_staff(db):
    """An "Équipe ARS" member who publishes for Normandie only."""
    return ArsStaffFactory()


@pytest.fixture
def dns_client(client, dns_staff):
    client.force_login(dns_staff)
    return client


@pytest.fixture
def ars_client(client, ars_staff):
    client.force_login(ars_staff)
    return client


@pytest.fixture(autouse=True)
def _celery_eager():
    """Unit tests run Celery tasks in-process, even where CI sets REDIS_URL; integration tests
    that need the real broker and worker switch this off."""
    from esante.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _site_language():
    """A request under /en/ leaves English active in this thread (servers reactivate a
    language for every request; tests that render outside a request would inherit it)."""
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_test_settings(settings):
    """Two production costs that tests need not pay for every test: the default password
    hasher (~0.3 s a user) and WhiteNoise scanning every static file whenever a test client
    is created (~0.4 s; with autorefresh it finds them on request). Nothing observable changes.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests (threads, live server, worker processes) end with a flush that also
    empties the reference data the migrations loaded (regions, staff groups): put it back."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    from importlib import import_module

    from django.apps import apps

    from esante.models import Region

    if not Region.objects.exists():
        migration = import_module("esante.migrations.0002_load_regions_and_staff_groups")
        migration.load_reference_data(apps, None)
