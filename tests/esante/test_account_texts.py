"""The account pages and e-mails (django-allauth) are written as the portal speaks, in the
interface language of the request: they name the portal, never the host they were served from,
say why they were sent, what to do, how long a link lasts and what to do if it was not you."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache

from esante.models import User
from tests.esante.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-solide-2026"
SIGNATURE_FR = (
    "L'équipe de la concertation e-santé — Délégation ministérielle au Numérique en Santé"
)
SIGNATURE_EN = "The Concertation e-santé team — Ministerial Delegation for Digital Health"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth sends one confirmation per address every 3 minutes (a cache key): another test
    of the run must not swallow this one's e-mail."""
    cache.clear()
    yield
    cache.clear()


def sign_up(client, email, prefix=""):
    response = client.post(
        f"{prefix}/comptes/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    [message] = mail.outbox
    return message


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def assert_no_host_but_in_links(message):
    """The host appears in the links allauth builds from the request, nowhere else (allauth's
    default greeting reads « Bonjour, c'est testserver ! »)."""
    for line in message.body.splitlines():
        if "testserver" in line:
            assert line.startswith(("http://testserver/", "https://testserver/")), line
    assert "c'est testserver" not in message.body
    assert "testserver" not in message.subject


def test_the_sign_up_confirmation_e_mail_speaks_as_the_portal(client):
    message = sign_up(client, "camille.texte@example.org")

    assert message.subject == (
        "[Concertation e-santé] Confirmez votre adresse pour activer votre compte"
    )
    lines = message.body.splitlines()
    assert lines[0] == "Bonjour,"
    assert lines[-1] == SIGNATURE_FR
    assert (
        "Un compte vient d'être créé avec votre adresse camille.texte@example.org sur "
        "Concertation e-santé" in message.body
    )
    assert "Ce lien est valable 3 jours." in message.body
    assert "ignorez ce courriel : le compte ne sera pas activé" in message.body
    assert re.search(r"^https?://testserver/comptes/confirm-email/\S+/$", message.body, re.M)
    assert_no_host_but_in_links(message)

    html = html_of(message)
    assert '<html lang="fr">' in html
    assert ">Confirmer mon adresse</a>" in html
    assert 'href="http' in html and "/comptes/confirm-email/" in html
    assert SIGNATURE_FR in html


def test_the_sign_up_confirmation_e_mail_is_english_under_en(client):
    message = sign_up(client, "alex.text@example.org", prefix="/en")

    assert message.subject == "[Concertation e-santé] Confirm your address to activate your account"
    lines = message.body.splitlines()
    assert lines[0] == "Hello,"
    assert lines[-1] == SIGNATURE_EN
    assert "An account has just been created with your address alex.text@example.org" in (
        message.body
    )
    assert "This link is valid for 3 days." in message.body
    assert re.search(r"^https?://testserver/en/comptes/confirm-email/\S+/$", message.body, re.M)
    assert "Bonjour" not in message.body and "courriel" not in message.body
    assert_no_host_but_in_links(message)
    assert '<html lang="en">' in html_of(message)
    assert ">Confirm my address</a>" in html_of(message)


def test_the_sign_up_page_says_what_is_collected_and_why(client):
    html = client.get("/comptes/signup/").text
    assert "<title>Créer un compte — Concertation e-santé</title>" in html
    assert "Création de compte" not in html
    main = html.split('<main id="contenu"', 1)[1]
    assert 'href="/donnees-personnelles/">Vos données personnelles et vos droits</a>' in main
    assert "elle n'est jamais publiée" in main
    assert "charte de modération" in main
    assert re.search(r'<button class="fr-btn" type="submit">\s*Créer mon compte\s*</button>', main)

    english = client.get("/en/comptes/signup/").text.split('<main id="contenu"', 1)[1]
    assert 'href="/en/donnees-personnelles/">Your personal data and your rights</a>' in english
    assert re.search(r"<button[^>]*>\s*Create my account\s*</button>", english)


def test_the_sign_in_page_uses_the_words_of_the_header(client):
    html = client.get("/comptes/login/").text
    assert "<title>Se connecter — Concertation e-santé</title>" in html
    main = html.split('<main id="contenu"', 1)[1]
    assert re.search(r"<button[^>]*>\s*Se connecter\s*</button>", main)
    assert 'Pas encore de compte ? <a href="/comptes/signup/">Créez-en un</a>' in main
    assert "merci de vous" not in main


def test_the_confirmation_page_names_the_address_to_confirm(client):
    message = sign_up(client, "dominique.texte@example.org")
    path = re.search(r"https?://testserver(/comptes/confirm-email/\S+/)", message.body)[1]

    html = client.get(path).text
    assert "Confirmez votre adresse électronique" in html
    assert "l'adresse <strong>dominique.texte@example.org</strong> est bien la vôtre" in html
    assert "est l'adresse e-mail de" not in html
    assert re.search(r"<button[^>]*>\s*Confirmer mon adresse\s*</button>", html)

    expired = client.get("/comptes/confirm-email/pas-une-cle/").text
    assert "Lien de confirmation non valable" in expired
    assert '<a href="/comptes/login/">Connectez-vous</a>' in expired


def test_the_page_after_sign_up_says_what_to_do(client):
    response = client.post(
        "/comptes/signup/",
        {"email": "sacha.texte@example.org", "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )
    html = response.text
    assert "<title>Confirmez votre adresse électronique — Concertation e-santé</title>" in html
    assert "ouvrez le lien qu'il contient pour activer votre compte" in html
    assert "Merci de nous contacter" not in html


@pytest.mark.parametrize(
    ("prefix", "subject", "texts"),
    [
        (
            "",
            "[Concertation e-santé] Choisissez un nouveau mot de passe",
            [
                "Bonjour,",
                "Un nouveau mot de passe a été demandé pour votre compte sur Concertation e-santé",
                "Ce lien est valable 3 jours et ne sert qu'une fois.",
                "votre mot de passe actuel reste valable",
                SIGNATURE_FR,
            ],
        ),
        (
            "/en",
            "[Concertation e-santé] Choose a new password",
            [
                "Hello,",
                "A new password has been requested for your account on Concertation e-santé",
                "This link is valid for 3 days and can be used only once.",
                "your current password still works",
                SIGNATURE_EN,
            ],
        ),
    ],
)
def test_the_password_reset_e_mail(client, prefix, subject, texts):
    user = UserFactory()
    response = client.post(f"{prefix}/comptes/password/reset/", {"email": user.email})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject == subject
    for text in texts:
        assert text in message.body, text
    assert re.search(
        rf"^https?://testserver{prefix}/comptes/password/reset/key/\S+/$", message.body, re.M
    )
    assert_no_host_but_in_links(message)

    page = client.get(response["Location"]).text
    assert ("Consultez votre messagerie" if not prefix else "Check your email") in page


def test_an_address_with_an_account_or_without_one_is_told_so(client):
    user = UserFactory()
    message = sign_up(client, user.email)
    assert message.subject == "[Concertation e-santé] Vous avez déjà un compte"
    assert "Un compte utilise déjà cette adresse : aucun nouveau compte n'a été créé." in (
        message.body
    )
    assert re.search(r"^https?://testserver/comptes/password/reset/$", message.body, re.M)
    assert_no_host_but_in_links(message)

    mail.outbox.clear()
    client.post("/comptes/password/reset/", {"email": "personne@example.org"})
    [message] = mail.outbox
    assert message.subject == "[Concertation e-santé] Aucun compte n'utilise cette adresse"
    assert "ignorez ce courriel : aucun compte n'a été créé" in message.body
    assert re.search(r"^https?://testserver/comptes/signup/$", message.body, re.M)
    assert_no_host_but_in_links(message)
    assert not User.objects.filter(email="personne@example.org").exists()


def test_security_notices_say_what_to_do_if_it_was_not_you(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/comptes/password/change/",
        {"oldpassword": "motdepasse-de-test-42", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject == "[Concertation e-santé] Votre mot de passe a été modifié"
    assert "Le mot de passe de votre compte sur Concertation e-santé vient d'être modifié." in (
        message.body
    )
    assert "Si vous êtes à l'origine de cette modification, vous n'avez rien à faire." in (
        message.body
    )
    assert re.search(r"^https?://testserver/comptes/password/reset/$", message.body, re.M)
    assert "(heure de Paris)" in message.body and "Adresse IP : 127.0.0.1" in message.body
    assert_no_host_but_in_links(message)


def test_the_e_mail_addresses_page_uses_the_portal_words(client):
    user = UserFactory()
    EmailAddress.objects.create(user=user, email="seconde@example.org")
    client.force_login(user)
    html = client.get("/comptes/email/").text
    assert "<title>Adresses électroniques — Concertation e-santé</title>" in html
    for text in ("Confirmée", "Non confirmée", "Principale", "Renvoyer le lien de confirmation"):
        assert text in html, text
    assert "Rendre principale" not in html


def test_the_confirmation_link_of_an_added_address(client):
    user = UserFactory()
    address = EmailAddress.objects.create(user=user, email="ajoutee@example.org")
    client.force_login(user)
    client.post("/comptes/email/", {"action_send": "", "email": address.email})
    [message] = mail.outbox
    assert message.subject == "[Concertation e-santé] Confirmez votre adresse électronique"
    assert "Avant d'utiliser l'adresse ajoutee@example.org pour votre compte" in message.body
    assert re.search(r"^https?://testserver/comptes/confirm-email/\S+/$", message.body, re.M)
    assert_no_host_but_in_links(message)
