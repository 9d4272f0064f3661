import re

from django.core import mail

from concertation.rules import has_verified_email
from esante.models import User


def confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/comptes/confirm-email/[^\s]+/)", message.body).group(1)


def test_sign_up_confirm_email_then_sign_in(client, db):
    response = client.post(
        "/comptes/signup/",
        {
            "email": "Camille@Example.org",
            "password1": "une-phrase-de-passe-solide",
            "password2": "une-phrase-de-passe-solide",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email__iexact="camille@example.org")
    assert not has_verified_email(user)
    assert len(mail.outbox) == 1
    link = confirmation_link(mail.outbox[0])

    page = client.get(link)
    assert page.status_code == 200
    assert 'class="fr-header"' in page.content.decode()
    assert client.post(link).status_code == 302
    assert has_verified_email(user)

    client.logout()
    response = client.post(
        "/comptes/login/",
        {"login": "camille@example.org", "password": "une-phrase-de-passe-solide"},
    )
    assert response.status_code == 302
    assert client.get("/mon-compte/").status_code == 200


def test_unverified_account_cannot_sign_in_before_confirming(client, db):
    from tests.esante.factories import UserFactory

    UserFactory(email="nouveau@example.org", verified=False)
    response = client.post(
        "/comptes/login/", {"login": "nouveau@example.org", "password": "motdepasse-de-test-42"}
    )
    # allauth's mandatory verification: a confirmation e-mail is sent instead of a session.
    assert client.get("/mon-compte/").status_code == 302
    assert response.status_code == 302 and "confirm" in response["Location"]


def test_sign_up_errors_are_french_and_linked_to_their_field(client, db):
    response = client.post(
        "/comptes/signup/",
        {"email": "pas-une-adresse", "password1": "abc", "password2": "abd"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "fr-input-group--error" in html
    assert 'aria-describedby="id_email-error"' in html
    assert 'id="id_email-error"' in html
    assert "Saisissez une adresse de courriel valide." in html
    assert not User.objects.exists()


def test_password_reset_sends_an_email(client, user):
    response = client.post("/comptes/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/comptes/password/reset/key/" in mail.outbox[0].body


def test_account_pages_use_the_site_layout(client, db):
    for url in ("/comptes/login/", "/comptes/signup/", "/comptes/password/reset/"):
        html = client.get(url).content.decode()
        assert 'class="fr-header"' in html and 'class="fr-input' in html
        assert "Menu :" not in html
