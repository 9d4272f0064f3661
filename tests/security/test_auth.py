"""One account per mailbox, and no way to learn which addresses have one (finding 7)."""

from unittest import mock

import pytest
from django.contrib.auth.hashers import get_hasher

from esante.auth import normalise_email
from esante.models import User
from tests.esante.factories import UserFactory

PASSWORD = "un-mot-de-passe-solide-42"
REAL = "citoyenne@demo.esante.local"


def _signup(client, email):
    return client.post(
        "/comptes/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


@pytest.fixture
def citizen(db):
    user = UserFactory(email=REAL)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.mark.parametrize(
    "spelling",
    [
        "Citoyenne@Demo.Esante.Local",
        "\uff43\uff49\uff54\uff4f\uff59\uff45\uff4e\uff4e\uff45@demo.esante.local",  # NFKC
    ],
)
def test_same_mailbox_other_spelling_makes_no_second_account(client, citizen, spelling):
    _signup(client, spelling)
    assert User.objects.count() == 1


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_invisible_characters_are_refused(client, citizen, invisible, mailoutbox):
    response = _signup(client, f"citoyenne@demo.esante.local{invisible}")
    if response.status_code == 200:
        assert "caractères invisibles" in response.content.decode() or response.context[
            "form"
        ].errors.get("email")
    assert User.objects.count() == 1
    assert mailoutbox == []  # nothing sent to the real mailbox either
    response = _signup(client, f"citoy{invisible}enne@demo.esante.local")
    assert User.objects.count() == 1
    assert mailoutbox == []


def test_invisible_characters_message(client, db):
    response = _signup(client, "nouvelle\u200b@example.org")
    assert response.status_code == 200
    assert "caractères invisibles" in response.content.decode()
    assert not User.objects.exists()


def test_idn_domain_in_both_spellings_is_one_mailbox(client, db):
    assert _signup(client, "anne@pröbe.fr").status_code == 302
    assert _signup(client, "anne@xn--prbe-6qa.fr").status_code == 302
    assert User.objects.count() == 1
    assert User.objects.get().email == "anne@xn--prbe-6qa.fr"


def test_normalise_email():
    assert normalise_email("Anne@PRÖBE.fr") == "anne@xn--prbe-6qa.fr"
    assert normalise_email("\uff41nne@example.org") == "anne@example.org"
    assert normalise_email("an\u00adne@example.org\u200b") == "anne@example.org"


def test_login_finds_the_account_whatever_the_spelling(client, citizen):
    response = client.post(
        "/comptes/login/", {"login": "CITOYENNE@demo.esante.local", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(citizen.pk)


def test_signup_hashes_a_password_for_a_known_address_too(client, citizen):
    """No enumeration by timing: the slow step runs on both paths (counted, not timed)."""
    hasher = type(get_hasher())
    with mock.patch.object(hasher, "encode", autospec=True, side_effect=hasher.encode) as known:
        assert _signup(client, REAL).status_code == 302
    with mock.patch.object(hasher, "encode", autospec=True, side_effect=hasher.encode) as new:
        assert _signup(client, "nouvelle@example.org").status_code == 302
    assert known.call_count == new.call_count >= 1
    assert User.objects.count() == 2


def test_signup_answers_the_same_for_known_and_new_addresses(client, citizen):
    known = _signup(client, REAL)
    new = _signup(client, "nouvelle@example.org")
    assert known.status_code == new.status_code == 302
    assert known["Location"] == new["Location"]


def test_password_reset_never_says_whether_the_account_exists(client, citizen, mailoutbox):
    known = client.post("/comptes/password/reset/", {"email": REAL})
    unknown = client.post("/comptes/password/reset/", {"email": "personne@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    done_known = client.get(known["Location"]).content
    done_unknown = client.get(unknown["Location"]).content
    assert done_known == done_unknown
