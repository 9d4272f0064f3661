"""Personal health data guard (RGPD article 9): a text that looks like it holds a social security
number with a valid key, a phone number or an e-mail address is held for moderation, even in a
posteriori mode, and the author is told why before it is sent."""

import pytest
from django.urls import reverse

from concertation.models import Contribution, ModerationLog
from concertation.personal_data import find_personal_data
from tests.concertation.factories import (
    ChapterFactory,
    ConsultationFactory,
    ContributionFactory,
    paragraph_at,
)
from tests.esante.factories import UserFactory

NIR = "un numéro de sécurité sociale"
PHONE = "un numéro de téléphone"
EMAIL = "une adresse électronique"


def nir(sex="1", year="85", month="05", department="78", commune="006", order="084", *, key=None):
    """A NIR with its control key: 97 minus the 13-digit number modulo 97; for Corsica, 2A and
    2B count as 19 and 18 in the computation."""
    digits = {"2A": "19", "2B": "18"}.get(department, department)
    number = int(f"{sex}{year}{month}{digits}{commune}{order}")
    valid = 97 - number % 97
    return f"{sex} {year} {month} {department} {commune} {order} {key or valid:02d}", valid


# --- detection -----------------------------------------------------------------------------------


def test_nir_with_a_valid_key_is_found_in_any_layout():
    spaced, key = nir()
    compact = spaced.replace(" ", "")
    dotted = spaced.replace(" ", ".")
    assert compact == f"1850578006084{key:02d}"
    for text in (spaced, compact, dotted, f"Mon numéro : {spaced}, merci."):
        assert find_personal_data(text) == [NIR], text


def test_nir_with_a_wrong_key_is_not_taken_for_one():
    _, key = nir()
    wrong = key % 97 + 1  # another key between 1 and 97
    assert find_personal_data(nir(key=wrong)[0]) == []
    assert find_personal_data(nir(key=wrong)[0].replace(" ", "")) == []


@pytest.mark.parametrize("department", ["2A", "2B", "2a"])
def test_corsican_nir_is_found(department):
    text, key = nir(sex="2", year="91", month="12", department=department.upper(), commune="004")
    assert find_personal_data(text.replace(department.upper(), department)) == [NIR]
    wrong = nir(sex="2", year="91", month="12", department=department.upper(), commune="004",
                key=key % 97 + 1)[0]  # fmt: skip
    assert find_personal_data(wrong) == []


def test_nir_inside_a_longer_number_is_not_one():
    spaced, _ = nir()
    assert find_personal_data("Référence 9" + spaced.replace(" ", "") + "7") == []


@pytest.mark.parametrize(
    "text",
    [
        "Appelez-moi au 06 12 34 56 78.",
        "Mon portable : +33 6 12 34 56 78",
        "Standard : 01.58.45.33.20",
        "0612345678",
        "+33612345678",
        "+33 (0)6 12 34 56 78",
        "0033 6 12 34 56 78",
        "04-91-00-00-00",
    ],
)
def test_french_phone_numbers_are_found(text):
    assert find_personal_data(text) == [PHONE]


@pytest.mark.parametrize(
    "text",
    [
        "La feuille de route 2023-2027 compte 4 axes.",
        "Article 9 du RGPD, délai de 15 minutes.",
        "Un budget de 2 000 000 euros pour 650 établissements.",
        "Version 1.2.3 du CI-SIS, norme ISO 27001.",
        "Action 26 : 600 établissements, 10,6 M€ en 2023",
        "00 12 34 56 78",
    ],
)
def test_ordinary_numbers_are_not_personal_data(text):
    assert find_personal_data(text) == []


@pytest.mark.parametrize(
    "text", ["jean.dupont@example.org", "Écrivez à prenom+esante@chu-caen.fr svp"]
)
def test_email_addresses_are_found(text):
    assert find_personal_data(text) == [EMAIL]


def test_mentions_are_not_email_addresses():
    assert find_personal_data("Merci @ARS pour la réponse, voir a@b.") == []


def test_several_kinds_are_all_named():
    spaced, _ = nir()
    assert find_personal_data(f"{spaced} / 06 12 34 56 78 / a.b@example.org") == [
        NIR,
        PHONE,
        EMAIL,
    ]


# --- through the pages ---------------------------------------------------------------------------


@pytest.fixture
def chapter(db):
    return ChapterFactory()


@pytest.fixture
def member(client, db):
    user = UserFactory()
    client.force_login(user)
    return user


def create_url(chapter):
    return reverse(
        "concertation:contribution_create", args=[chapter.consultation.slug, chapter.slug]
    )


def test_author_is_warned_then_contribution_is_held_even_a_posteriori(client, chapter, member):
    assert chapter.consultation.moderation_mode == "a_posteriori"
    spaced, _ = nir()
    data = {
        "kind": "comment",
        "body": f"Mon fils (NIR {spaced}) a attendu trois mois.",
        "paragraph": paragraph_at(chapter, 2).anchor,
        "accept_charter": "on",
    }
    warned = client.post(create_url(chapter), data)
    assert warned.status_code == 400
    html = warned.content.decode()
    assert "Votre texte semble contenir un numéro de sécurité sociale" in html
    assert "article 9 du RGPD" in html
    assert 'type="checkbox" name="confirm_personal_data"' in html
    # The text is kept in the form so that the author can edit it.
    assert "a attendu trois mois." in html
    assert not Contribution.objects.exists()
    assert not ModerationLog.objects.exists()

    sent = client.post(create_url(chapter), {**data, "confirm_personal_data": "on"})
    assert sent.status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.status, contribution.held_reason) == ("pending", "personal_data")
    log = ModerationLog.objects.get()
    assert (log.contribution, log.action, log.actor, log.target_user) == (
        contribution,
        ModerationLog.Action.AUTO_HOLD,
        None,
        member,
    )
    assert log.reason == "personal_data" and log.after == {"status": "pending"}
    assert "un numéro de sécurité sociale" in log.note

    page = client.get(sent["Location"]).content.decode()
    assert "elle sera relue par la modération avant d&#x27;être publiée" in page
    assert "a attendu trois mois." not in page.split("</form>")[-1]
    client.logout()
    public = client.get(chapter.get_absolute_url(), {"paragraphe": data["paragraph"]})
    assert "a attendu trois mois." not in public.content.decode()


def test_the_author_is_warned_in_english_and_the_staff_log_stays_french(client, chapter, member):
    data = {
        "kind": "comment",
        "body": "Appelez-moi au 06 12 34 56 78.",
        "paragraph": paragraph_at(chapter, 2).anchor,
        "accept_charter": "on",
    }
    url = "/en" + create_url(chapter)
    warned = client.post(url, data).content.decode()
    assert "Your text seems to contain a phone number" in warned
    assert client.post(url, {**data, "confirm_personal_data": "on"}).status_code == 302
    assert ModerationLog.objects.get().note == "Détecté : un numéro de téléphone"


def test_personal_data_in_a_proposed_rewording_is_held(client, chapter, member):
    data = {
        "kind": "rewording",
        "body": "Ajouter un contact.",
        "proposed_text": "Contact : jean.dupont@example.org",
        "paragraph": paragraph_at(chapter, 1).anchor,
        "accept_charter": "on",
    }
    assert client.post(create_url(chapter), data).status_code == 400
    assert not Contribution.objects.exists()
    client.post(create_url(chapter), {**data, "confirm_personal_data": "on"})
    assert Contribution.objects.get().held_reason == "personal_data"


def test_reply_with_a_phone_number_is_warned_then_held(client, chapter, member):
    target = ContributionFactory(chapter=chapter)
    url = reverse("concertation:reply_create", args=[target.pk])
    data = {"body": "Appelez-moi au 06 12 34 56 78.", "accept_charter": "on"}
    warned = client.post(url, data)
    assert warned.status_code == 400
    html = warned.content.decode()
    assert "Votre texte semble contenir un numéro de téléphone" in html
    assert f'name="confirm_personal_data" id="id_reponse_{target.pk}_confirm_personal_data"' in html
    assert not Contribution.objects.filter(parent=target).exists()

    assert client.post(url, {**data, "confirm_personal_data": "on"}).status_code == 302
    reply = Contribution.objects.get(parent=target)
    assert (reply.status, reply.held_reason) == ("pending", "personal_data")
    assert ModerationLog.objects.get(contribution=reply).action == "auto_hold"


def test_a_priori_contribution_with_personal_data_is_held_for_that_reason(client, member):
    chapter = ChapterFactory(consultation=ConsultationFactory(a_priori=True))
    client.post(
        create_url(chapter),
        {
            "kind": "comment",
            "body": "Écrivez-moi : a.b@example.org",
            "accept_charter": "on",
            "confirm_personal_data": "on",
        },
    )
    assert Contribution.objects.get().held_reason == "personal_data"


def test_no_warning_for_an_ordinary_text(client, chapter, member):
    response = client.post(
        create_url(chapter),
        {"kind": "comment", "body": "Le délai de 72 heures est court.", "accept_charter": "on"},
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.status, contribution.held_reason) == ("published", "")
    assert not ModerationLog.objects.exists()


def test_personal_data_added_by_an_edit_is_held_and_logged(client, chapter, member):
    """An edit must not publish what the first submission would have held: the contribution goes
    back to moderation, and the automatic hold is recorded like any other moderation action."""
    client.post(
        create_url(chapter),
        {"kind": "comment", "body": "Une remarque.", "accept_charter": "on"},
    )
    contribution = Contribution.objects.get()
    edit = reverse("concertation:contribution_edit", args=[contribution.pk])
    response = client.post(edit, {"body": "Une remarque. Appelez le 06 12 34 56 78."}, follow=True)
    contribution.refresh_from_db()
    assert (contribution.status, contribution.held_reason) == ("pending", "personal_data")
    client.logout()
    assert "06 12 34 56 78" not in client.get(chapter.get_absolute_url()).content.decode()
    assert ModerationLog.objects.filter(
        contribution=contribution, action=ModerationLog.Action.AUTO_HOLD
    ).exists()
    assert "relue par la modération" in response.content.decode()


# --- official text quoted by a rewording ----------------------------------------------------------


@pytest.mark.django_db
def test_a_rewording_keeps_the_contact_details_the_paragraph_already_publishes():
    """A rewording starts from the paragraph's text: the service's own contact address in it is
    not the author's personal data, so the proposal is published, not held."""
    from concertation import services

    chapter = ChapterFactory(
        body="Premier paragraphe.\n\nÉcrivez à contact@esante.gouv.fr ou au 01 40 56 60 00."
    )
    author = UserFactory()
    paragraph = paragraph_at(chapter, 2)
    rewording = services.contribution_create(
        user=author,
        chapter=chapter,
        paragraph=paragraph,
        kind=Contribution.Kind.REWORDING,
        body="Plus clair ainsi.",
        proposed_text="Pour toute question : contact@esante.gouv.fr ou 01.40.56.60.00.",
        accept_charter=True,
    )
    assert rewording.status == Contribution.Status.PUBLISHED
    # What the author adds is still looked at.
    with pytest.raises(services.PersonalDataWarning):
        services.contribution_create(
            user=author,
            chapter=chapter,
            paragraph=paragraph,
            kind=Contribution.Kind.REWORDING,
            body="Plus clair ainsi.",
            proposed_text="Écrivez à contact@esante.gouv.fr ou à moi : camille@example.org.",
        )


def test_only_matches_absent_from_the_published_text_count():
    published = "Écrivez à contact@esante.gouv.fr ou au 01 40 56 60 00."
    assert (
        find_personal_data("contact@esante.gouv.fr, 01.40.56.60.00", already_published=published)
        == []
    )
    assert [str(k) for k in find_personal_data("06 12 34 56 78", already_published=published)] == [
        PHONE
    ]
