"""The participation journey through the pages, and every refusal the issue names."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from concertation import services
from concertation.models import Consultation, Contribution, Follow, Reaction
from tests.concertation.builders import contribute, make_chapter, make_consultation, paragraph
from tests.esante.factories import UserFactory


def create_url(chapter):
    return reverse(
        "concertation:contribution_create", args=[chapter.consultation.slug, chapter.slug]
    )


def post_contribution(client, chapter, **data):
    payload = {"kind": "comment", "body": "Je propose de préciser ce point.", **data}
    return client.post(create_url(chapter), payload)


@pytest.fixture
def chapter(db):
    return make_chapter()


@pytest.fixture
def member(client, db):
    user = UserFactory(display_name="Claire")
    client.force_login(user)
    return user


def test_full_journey_charter_paragraph_reply_react_flag_follow(client, chapter, member):
    anchor = paragraph(chapter, 2).anchor
    page = client.get(f"{chapter.get_absolute_url()}?paragraphe={anchor}")
    assert "Contribuer sur ce paragraphe" in page.content.decode()

    refused = post_contribution(client, chapter, paragraph=anchor)
    assert refused.status_code == 400
    assert "Acceptez la charte" in refused.content.decode()
    assert not Contribution.objects.exists()

    response = post_contribution(client, chapter, paragraph=anchor, accept_charter="on")
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.paragraph.anchor, contribution.status) == (anchor, "published")
    assert contribution.version == chapter.current_version
    html = client.get(response["Location"]).content.decode()
    assert "Je propose de préciser ce point." in html and "Claire" in html

    other = UserFactory()
    client.force_login(other)
    reply_url = reverse("concertation:reply_create", args=[contribution.pk])
    assert client.post(reply_url, {"body": "Bonne idée", "accept_charter": "on"}).status_code == 302
    reply = Contribution.objects.get(parent=contribution)
    # One level of threads: answering the reply attaches to the thread's start.
    client.post(reverse("concertation:reply_create", args=[reply.pk]), {"body": "Oui"})
    assert Contribution.objects.filter(parent=contribution).count() == 2

    react = reverse("concertation:reaction", args=[contribution.pk])
    client.post(react, {"value": "agree"})
    contribution.refresh_from_db()
    assert (contribution.agree_count, contribution.disagree_count) == (1, 0)
    client.post(react, {"value": "disagree"})
    contribution.refresh_from_db()
    assert (contribution.agree_count, contribution.disagree_count) == (0, 1)
    client.post(react, {"value": "disagree"})
    contribution.refresh_from_db()
    assert (contribution.agree_count, contribution.disagree_count) == (0, 0)
    assert not Reaction.objects.exists()

    flag_url = reverse("concertation:flag", args=[contribution.pk])
    assert client.get(flag_url).status_code == 200
    client.post(flag_url, {"reason": "abuse", "note": "insultant"})
    client.post(flag_url, {"reason": "abuse"})
    contribution.refresh_from_db()
    assert contribution.flag_count == 1

    client.post(
        reverse("concertation:follow_chapter", args=[chapter.consultation.slug, chapter.slug])
    )
    assert Follow.objects.filter(user=other, chapter=chapter).exists()
    client.post(reverse("concertation:follow_consultation", args=[chapter.consultation.slug]))
    assert Follow.objects.filter(user=other, consultation=chapter.consultation).exists()
    client.post(
        reverse("concertation:follow_chapter", args=[chapter.consultation.slug, chapter.slug])
    )
    assert not Follow.objects.filter(user=other, chapter=chapter).exists()


def test_reacting_to_ones_own_contribution_is_refused(client, chapter, member):
    mine = contribute(chapter, member)
    client.post(reverse("concertation:reaction", args=[mine.pk]), {"value": "agree"})
    mine.refresh_from_db()
    assert mine.agree_count == 0 and not Reaction.objects.exists()


def test_enough_flags_take_a_contribution_offline_in_a_posteriori_mode(db, chapter, settings):
    settings.CONTRIBUTION_FLAGS_TO_HIDE = 2
    target = contribute(chapter, UserFactory())
    services.flag_create(user=UserFactory(), contribution=target, reason="spam")
    target.refresh_from_db()
    assert target.status == "published"
    services.flag_create(user=UserFactory(), contribution=target, reason="abuse")
    target.refresh_from_db()
    assert (target.status, target.held_reason) == ("pending", "flags")
    assert target.moderation_logs.get().action == "auto_hide"


def test_a_priori_mode_holds_contributions(client, db, member):
    chapter = make_chapter(make_consultation(mode=Consultation.ModerationMode.A_PRIORI))
    response = post_contribution(client, chapter, accept_charter="on")
    assert response.status_code == 302
    assert Contribution.objects.get().status == "pending"
    client.force_login(UserFactory())  # its author sees it, marked as held; others do not
    page = client.get(chapter.get_absolute_url()).content.decode()
    assert "Je propose de préciser ce point." not in page


@pytest.mark.parametrize(
    ("state", "message"),
    [("closed", "Cette consultation est close"), ("upcoming", "pas encore ouverte")],
)
def test_closed_and_upcoming_consultations_are_read_only(client, db, member, state, message):
    chapter = make_chapter(make_consultation(state=state))
    page = client.get(chapter.get_absolute_url()).content.decode()
    assert "Envoyer ma contribution" not in page
    response = post_contribution(client, chapter, accept_charter="on")
    assert response.status_code == 302
    assert message in client.get(response["Location"]).content.decode()
    assert not Contribution.objects.exists()


def test_reactions_refused_once_closed(client, db, member):
    consultation = make_consultation()
    chapter = make_chapter(consultation)
    target = contribute(chapter, UserFactory())
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.post(reverse("concertation:reaction", args=[target.pk]), {"value": "agree"})
    assert not Reaction.objects.exists()


def test_unpublished_consultation_is_invisible_and_refuses(client, db, member):
    chapter = make_chapter(make_consultation(is_published=False))
    assert client.get(chapter.get_absolute_url()).status_code == 404
    assert post_contribution(client, chapter, accept_charter="on").status_code == 404
    assert not Contribution.objects.exists()


def test_paragraph_of_another_chapter_is_refused(client, chapter, member):
    other = make_chapter(chapter.consultation)
    response = post_contribution(
        client, chapter, paragraph=paragraph(other).anchor, accept_charter="on"
    )
    assert response.status_code == 400
    assert not Contribution.objects.exists()


def test_reply_to_a_hidden_contribution_is_refused(client, chapter, member):
    hidden = contribute(chapter, UserFactory(), status="hidden")
    services.charter_accept(user=member, consultation=chapter.consultation)
    response = client.post(reverse("concertation:reply_create", args=[hidden.pk]), {"body": "x"})
    assert response.status_code == 400
    assert not Contribution.objects.filter(parent=hidden).exists()


def test_unverified_email_cannot_contribute(client, chapter):
    client.force_login(UserFactory(verified=False))
    page = client.get(chapter.get_absolute_url()).content.decode()
    assert "Confirmez votre adresse électronique" in page
    response = post_contribution(client, chapter, accept_charter="on")
    assert "Confirmez votre adresse" in client.get(response["Location"]).content.decode()
    assert not Contribution.objects.exists()


def test_anonymous_visitors_are_sent_to_login(client, chapter):
    response = post_contribution(client, chapter)
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]


def test_blocked_user_is_told_why(client, chapter, member, dns_staff):
    services.contributor_block(actor=dns_staff, user=member, reason="Propos injurieux répétés")
    page = client.get(chapter.get_absolute_url()).content.decode()
    assert "Propos injurieux répétés" in page
    response = post_contribution(client, chapter, accept_charter="on")
    assert "Propos injurieux répétés" in client.get(response["Location"]).content.decode()
    assert not Contribution.objects.exists()


def test_edit_window_and_ownership(client, chapter, member):
    mine = contribute(chapter, member, body="Avant")
    edit = reverse("concertation:contribution_edit", args=[mine.pk])
    assert client.post(edit, {"body": "Après"}).status_code == 302
    mine.refresh_from_db()
    assert mine.body == "Après" and mine.edited_at is not None

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        assert client.post(edit, {"body": "Trop tard"}).status_code == 403
    mine.refresh_from_db()
    assert mine.body == "Après"

    theirs = contribute(chapter, UserFactory(), body="Pas à moi")
    edit_theirs = reverse("concertation:contribution_edit", args=[theirs.pk])
    assert client.post(edit_theirs, {"body": "Piraté"}).status_code == 403
    withdraw = reverse("concertation:contribution_withdraw", args=[theirs.pk])
    assert client.post(withdraw).status_code == 403
    theirs.refresh_from_db()
    assert (theirs.body, theirs.status) == ("Pas à moi", "published")

    client.post(reverse("concertation:contribution_withdraw", args=[mine.pk]), {"confirm": "1"})
    mine.refresh_from_db()
    assert mine.status == "withdrawn"
    assert (
        "Contribution retirée par son auteur"
        in client.get(chapter.get_absolute_url()).content.decode()
    )


def test_posting_is_rate_limited_per_user(client, chapter, member, settings):
    settings.CONTRIBUTION_RATE_PER_USER = "2/m"
    for n in range(2):
        assert (
            post_contribution(client, chapter, body=f"n°{n}", accept_charter="on").status_code
            == 302
        )
    response = post_contribution(client, chapter, body="de trop")
    assert response.status_code == 429
    assert "Trop de contributions" in response.content.decode()
    assert Contribution.objects.count() == 2


def test_anonymous_choice_hides_the_name(client, chapter, member):
    post_contribution(client, chapter, accept_charter="on", is_anonymous="on")
    html = client.get(chapter.get_absolute_url()).content.decode()
    assert "Contributeur (Citoyen ou patient)" in html
    assert "Claire" not in html.split('id="titre-contributions"')[1]


def test_declaration_of_interests_is_shown_beside_contributions(client, chapter):
    author = UserFactory(
        stakeholder_type="industry", declaration_of_interests="Salarié chez un éditeur"
    )
    contribute(chapter, author)
    html = client.get(chapter.get_absolute_url()).content.decode()
    assert "Liens d'intérêts déclarés" in html and "Salarié chez un éditeur" in html


def test_sort_and_filters(client, chapter):
    citizen = UserFactory(stakeholder_type="citizen")
    pro = UserFactory(stakeholder_type="health_professional")
    contribute(chapter, citizen, body="Ancienne question", kind="question", agree_count=5,
               created_at=timezone.now() - datetime.timedelta(days=2))  # fmt: skip
    contribute(chapter, pro, body="Récent commentaire")
    url = chapter.get_absolute_url()

    def bodies(**query):
        return [c.body for c in client.get(url, query).context["page_obj"]]

    assert bodies() == ["Récent commentaire", "Ancienne question"]
    assert bodies(tri="-agreed") == ["Ancienne question", "Récent commentaire"]
    assert bodies(type="question") == ["Ancienne question"]
    assert bodies(acteur="health_professional") == ["Récent commentaire"]
    assert bodies(tri="zz", type="yy", page="abc") == ["Récent commentaire", "Ancienne question"]
