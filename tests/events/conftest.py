import pytest


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """A test client whose requests run their on-commit callbacks (the outbox publishing), as
    they do outside the test transaction."""

    class CommittingClient:
        def __getattr__(self, name):
            return getattr(client, name)

        def get(self, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return client.get(*args, **kwargs)

        def post(self, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return client.post(*args, **kwargs)

    return CommittingClient()
