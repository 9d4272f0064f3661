"""Hostile input is refused or neutralised; personal data is held back (RGPD article 9)."""

import pytest
from django.urls import reverse

from concertation.models import Contribution, ModerationLog
from concertation.personal_data import find_personal_data
from tests.concertation.builders import contribute, make_chapter
from tests.esante.factories import UserFactory


@pytest.fixture
def chapter(db):
    return make_chapter()


@pytest.fixture
def member(client, db):
    user = UserFactory()
    client.force_login(user)
    return user


def post(client, chapter, body, **extra):
    url = reverse(
        "concertation:contribution_create", args=[chapter.consultation.slug, chapter.slug]
    )
    return client.post(url, {"kind": "comment", "body": body, "accept_charter": "on", **extra})


def test_script_and_event_handlers_are_neutralised(client, chapter, member):
    post(client, chapter, "Avant <script>alert('x')</script> <img src=x onerror=alert(1)> après")
    stored = Contribution.objects.get().body
    assert "<script" not in stored and "onerror" not in stored and "<img" not in stored
    assert "Avant" in stored and "après" in stored
    html = client.get(chapter.get_absolute_url()).content.decode()
    assert "alert('x')" not in html and "onerror=alert" not in html


@pytest.mark.parametrize(
    "body", ["[clic](javascript:alert(1))", "<a href='javascript:alert(1)'>x</a>", "JaVaScRiPt :x"]
)
def test_javascript_urls_are_refused(client, chapter, member, body):
    response = post(client, chapter, body)
    assert response.status_code == 400
    assert "ne sont pas acceptés" in response.content.decode()
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("body", ["", "   \n\t  "])
def test_empty_bodies_are_refused(client, chapter, member, body):
    response = post(client, chapter, body)
    assert response.status_code == 400
    assert not Contribution.objects.exists()


def test_oversized_body_is_refused_with_the_limit(client, chapter, member, settings):
    settings.CONTRIBUTION_MAX_LENGTH = 100
    response = post(client, chapter, "a" * 101)
    assert response.status_code == 400
    assert "dépasse 100 caractères" in response.content.decode()
    assert not Contribution.objects.exists()


def test_null_bytes_are_refused(client, chapter, member):
    response = post(client, chapter, "abc\x00def")
    assert response.status_code == 400
    assert not Contribution.objects.exists()


def test_user_controlled_names_are_escaped_everywhere(client, chapter):
    author = UserFactory(
        display_name="<script>alert('nom')</script>",
        organisation="<img src=x onerror=alert(2)>",
        declaration_of_interests="<b onmouseover=alert(3)>liens</b>",
    )
    contribute(chapter, author)
    html = client.get(chapter.get_absolute_url()).content.decode()
    assert "<script>alert('nom')" not in html
    assert "&lt;script&gt;alert(&#x27;nom&#x27;)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "<b onmouseover" not in html


def nir(sex="1", year="85", month="05", dept="76", commune="540", order="123"):
    digits = f"{sex}{year}{month}{dept}{commune}{order}"
    number = int(digits.replace("2A", "19").replace("2B", "18"))
    return f"{digits}{97 - number % 97:02d}"


def test_social_security_numbers_need_a_valid_key():
    good = nir()
    assert find_personal_data(f"Mon numéro est {good}") == ["un numéro de sécurité sociale"]
    spaced = f"{good[0]} {good[1:3]} {good[3:5]} {good[5:7]} {good[7:10]} {good[10:13]} {good[13:]}"
    assert find_personal_data(spaced) == ["un numéro de sécurité sociale"]
    corsica = nir(dept="2A")
    assert find_personal_data(corsica) == ["un numéro de sécurité sociale"]
    wrong = good[:-2] + f"{(int(good[-2:]) + 1) % 97:02d}"
    assert find_personal_data(wrong) == []


@pytest.mark.parametrize(
    "text", ["06 12 34 56 78", "+33 6 12 34 56 78", "01.58.45.33.20", "0612345678"]
)
def test_phone_numbers(text):
    assert find_personal_data(f"Appelez le {text}") == ["un numéro de téléphone"]


def test_email_addresses_and_ordinary_text():
    assert find_personal_data("écrire à jean.dupont@example.org") == ["une adresse électronique"]
    assert find_personal_data("Action 26 : 600 établissements, 10,6 M€ en 2023") == []


def test_personal_data_warns_then_holds_even_a_posteriori(client, chapter, member):
    text = "Pour le suivi de mon diabète, appelez-moi au 06 12 34 56 78"
    warned = post(client, chapter, text)
    assert warned.status_code == 400
    assert "un numéro de téléphone" in warned.content.decode()
    assert "article 9 du RGPD" in warned.content.decode()
    assert not Contribution.objects.exists()

    saved = post(client, chapter, text, confirm_personal_data="on")
    assert saved.status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.status, contribution.held_reason) == ("pending", "personal_data")
    log = ModerationLog.objects.get(contribution=contribution)
    assert log.action == "auto_hold" and "téléphone" in log.note
    # Its author sees it, marked as held; nobody else does.
    assert "visible par vous seulement" in client.get(saved["Location"]).content.decode()
    client.logout()
    assert text not in client.get(chapter.get_absolute_url()).content.decode()


def test_non_utf8_bytes_are_neutralised(client, chapter, member):
    url = reverse(
        "concertation:contribution_create", args=[chapter.consultation.slug, chapter.slug]
    )
    raw = b"kind=comment&accept_charter=on&body=caf%E9+%FF%FE+ok"
    response = client.generic("POST", url, raw, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    body = Contribution.objects.get().body
    body.encode("utf-8")  # valid Unicode: undecodable bytes became U+FFFD
    assert body.startswith("caf") and body.endswith("ok") and "\ufffd" in body
