"""More journeys through the running site, as a visitor or a signed-in user would make them:
sign-up with e-mail confirmation, the chapter discussion (comment, reply, react, flag), an
application to a council working group, the event waitlist, the dark display theme."""

import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from concertation.models import (
    Application,
    CharterAcceptance,
    Consultation,
    Contribution,
    Flag,
    Reaction,
)
from esante.demo import DEMO_PASSWORD
from esante.models import User
from events.models import Registration
from tests.e2e.conftest import screenshot, serious_violations, sign_in
from tests.esante.factories import UserFactory
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)


def tick(scope, label):
    """Tick a DSFR checkbox or radio button as a user does: the label is what they click (it
    covers the styled control)."""
    scope.locator("label").filter(has_text=label).click()
    expect(scope.get_by_label(label)).to_be_checked()


def roadmap_chapter(number):
    return Consultation.objects.get(slug="feuille-de-route-2023-2027").chapters.get(number=number)


# --- 1. Sign-up and e-mail confirmation ------------------------------------------------------


def test_a_visitor_signs_up_confirms_the_address_and_lands_signed_in(
    page, live_server, demo, mailoutbox
):
    email = "nouvelle.inscrite@example.org"
    page.goto(live_server.url + "/")
    with page.expect_navigation():
        page.get_by_role("banner").get_by_role("link", name="Créer un compte").click()
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill("un-long-mot-de-passe-2026")
    page.get_by_label("Mot de passe (confirmation)").fill("un-long-mot-de-passe-2026")
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("button", name="Créer mon compte").click()

    # The account exists but the address is not verified yet: a confirmation e-mail went out.
    user = User.objects.get(email=email)
    assert not EmailAddress.objects.get(user=user, email=email).verified
    sent = [m for m in mailoutbox if email in m.to]
    assert len(sent) == 1, [(m.subject, m.to) for m in mailoutbox]
    links = re.findall(r"https?://\S+/comptes/confirm-email/\S+/", sent[0].body)
    assert links, sent[0].body
    screenshot(page, "inscription-courriel-envoye")

    # Mail links carry the public scheme (https outside DEBUG): open its path on this server.
    page.goto(live_server.url + urlsplit(links[0]).path)
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("button", name="Confirmer mon adresse").click()

    assert page.url == f"{live_server.url}/mon-compte/", page.url
    expect(page.get_by_role("heading", name="Mon compte", level=1)).to_be_visible()
    expect(page.get_by_text(f"Connecté avec l'adresse {email}")).to_be_visible()
    expect(page.get_by_role("button", name="Se déconnecter").first).to_be_attached()
    assert EmailAddress.objects.get(user=user, email=email).verified
    screenshot(page, "inscription-confirmee")


# --- 2. The discussion on a chapter -------------------------------------------------------------


def test_a_verified_user_comments_replies_reacts_and_flags_on_a_chapter(page, live_server, demo):
    user = UserFactory(display_name="Dominique Débat")
    chapter = roadmap_chapter(1)
    consultation = chapter.consultation
    target = Contribution.objects.get(chapter=chapter, author__email="dr.martin@demo.esante.local")
    agree_before, disagree_before = target.agree_count, target.disagree_count
    sign_in(page, live_server, user)
    page.goto(live_server.url + chapter.get_absolute_url())

    # A comment on paragraph 3, accepting the moderation charter on the way (first contribution).
    with page.expect_navigation():
        page.get_by_role("link", name="Contribuer sur le paragraphe 3").click()
    page.get_by_label("Votre contribution").fill("Associer les centres sociaux aux évaluations.")
    tick(page, "J'ai lu et j'accepte la charte de modération")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer ma contribution").click()
    expect(page.get_by_text("Merci : votre contribution est publiée.")).to_be_visible()
    comment = Contribution.objects.get(author=user, parent=None)
    assert comment.status == Contribution.Status.PUBLISHED
    assert comment.paragraph.anchor in page.url
    mine = page.locator(f"#contribution-{comment.pk}")
    expect(mine).to_contain_text("Associer les centres sociaux aux évaluations.")
    expect(mine).to_contain_text("Dominique Débat")
    assert CharterAcceptance.objects.filter(user=user, consultation=consultation).exists()

    # A reply to Dr Martin's rewording proposal, on paragraph 1: the charter is not asked again.
    with page.expect_navigation():
        page.get_by_role("link", name="1 contribution sur le paragraphe 1").click()
    thread = page.locator(f"#contribution-{target.pk}")
    thread.get_by_text("Répondre", exact=False).first.click()
    assert thread.get_by_label("J'ai lu et j'accepte la charte").count() == 0
    thread.get_by_label("Votre réponse").fill("D'accord, le caractère facultatif rassure.")
    with page.expect_navigation():
        thread.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.get_by_text("Merci : votre contribution est publiée.")).to_be_visible()
    reply = Contribution.objects.get(author=user, parent=target)
    replies = page.locator(f"#contribution-{target.pk}").get_by_role("list", name="Réponses")
    expect(replies.locator(f"#contribution-{reply.pk}")).to_contain_text(
        "D'accord, le caractère facultatif rassure."
    )

    # A reaction: the counter under the contribution goes up by one.
    thread = page.locator(f"#contribution-{target.pk}")
    counts = f"{agree_before} d'accord · {disagree_before} pas d'accord"
    expect(thread.get_by_text(counts)).to_be_visible()
    agree = thread.get_by_role("button", name="D'accord avec Dr Claire Martin", exact=True)
    expect(agree).to_have_attribute("aria-pressed", "false")
    with page.expect_navigation():
        agree.click()
    expect(page.get_by_text("Votre réaction est enregistrée.")).to_be_visible()
    thread = page.locator(f"#contribution-{target.pk}")
    expect(
        thread.get_by_text(f"{agree_before + 1} d'accord · {disagree_before} pas d'accord")
    ).to_be_visible()
    expect(
        thread.get_by_role("button", name="D'accord avec Dr Claire Martin", exact=True)
    ).to_have_attribute("aria-pressed", "true")
    target.refresh_from_db()
    assert target.agree_count == agree_before + 1
    assert Reaction.objects.get(contribution=target, user=user).value == "agree"

    # A flag, with its reason and a note.
    with page.expect_navigation():
        thread.get_by_role("link", name="Signaler la contribution de Dr Claire Martin").click()
    expect(page.get_by_role("heading", name="Signaler une contribution")).to_be_visible()
    tick(page, "Information fausse ou trompeuse")
    page.get_by_label("Précision").fill("Le texte actuel ne dit pas que c'est obligatoire.")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer le signalement").click()
    expect(
        page.get_by_text("Merci : votre signalement a été transmis à la modération.")
    ).to_be_visible()
    flag = Flag.objects.get(contribution=target, user=user)
    assert flag.reason == Flag.Reason.MISINFORMATION
    assert flag.note == "Le texte actuel ne dit pas que c'est obligatoire."
    target.refresh_from_db()
    assert target.flag_count == 1
    # One flag is below the automatic hiding threshold: the contribution stays public.
    assert target.status == Contribution.Status.PUBLISHED
    expect(page.locator(f"#contribution-{target.pk}")).to_contain_text(target.body)
    screenshot(page, "chapitre-reponse-reaction-signalement")


# --- 3. An application to a council working group --------------------------------------------


def test_a_user_applies_to_a_working_group_and_follows_the_application(page, live_server, demo):
    user = UserFactory(display_name="Alex Durable", organisation="CHU de Rouen")
    sign_in(page, live_server, user)
    page.goto(f"{live_server.url}/conseil/")
    with page.expect_navigation():
        page.get_by_role("main").get_by_role(
            "link", name="Développement durable et numérique"
        ).first.click()
    expect(
        page.get_by_role("heading", name="Développement durable et numérique", level=1)
    ).to_be_visible()
    expect(page.get_by_label("Organisme")).to_have_value("CHU de Rouen")
    page.get_by_label("Type d'acteur").select_option(
        label="Établissement sanitaire ou médico-social"
    )
    page.get_by_label("Motivation").fill("Réduire l'empreinte du numérique hospitalier.")
    page.get_by_label("Ce que vous pouvez apporter").fill("Un bilan carbone de notre DSI.")
    tick(page, "J'accepte que mon nom figure publiquement")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer ma candidature").click()

    expect(page.get_by_text("Votre candidature est enregistrée.")).to_be_visible()
    expect(page.get_by_text("Votre candidature : en cours d'examen")).to_be_visible()
    expect(page.get_by_role("button", name="Envoyer ma candidature")).to_have_count(0)
    application = Application.objects.get(user=user)
    assert application.group.slug == "developpement-durable-et-numerique"
    assert application.status == Application.Status.PENDING
    assert application.stakeholder_type == "establishment"
    assert application.motivation == "Réduire l'empreinte du numérique hospitalier."
    assert application.consent_public
    screenshot(page, "conseil-candidature-envoyee")

    with page.expect_navigation():
        page.get_by_role("banner").get_by_role("link", name="Mon compte").click()
    section = page.locator("#mes-candidatures + ul")
    expect(section).to_contain_text("Développement durable et numérique — en cours d'examen")

    # Withdrawn from the group page, it leaves the account page too.
    with page.expect_navigation():
        section.get_by_role("link", name="Développement durable et numérique").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Retirer ma candidature").click()
    expect(page.get_by_text("Votre candidature est retirée.")).to_be_visible()
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    page.goto(f"{live_server.url}/mon-compte/")
    expect(page.get_by_text("Vous n'avez candidaté à aucun groupe de travail.")).to_be_visible()


# --- 4. The waitlist --------------------------------------------------------------------------


def test_a_cancellation_promotes_the_first_person_on_the_waitlist(
    browser, page, live_server, demo, mailoutbox
):
    event = EventFactory(capacity=1, title="Atelier de Granville", slug="atelier-granville")
    first = UserFactory(display_name="Aline Première")
    second = UserFactory(display_name="Bruno Second")
    url = live_server.url + event.get_absolute_url()

    sign_in(page, live_server, first)
    page.goto(url)
    with page.expect_navigation():
        page.get_by_role("button", name="M'inscrire", exact=True).click()
    expect(page.get_by_text("Vous êtes inscrit.", exact=True)).to_be_visible()

    other = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    second_page = other.new_page()
    second_page.set_default_timeout(15_000)
    sign_in(second_page, live_server, second)
    second_page.goto(url)
    expect(second_page.get_by_text("Places restantes : 0 sur 1")).to_be_visible()
    with second_page.expect_navigation():
        second_page.get_by_role("button", name="M'inscrire sur la liste d'attente").click()
    expect(second_page.get_by_text("Vous êtes sur la liste d'attente.", exact=True)).to_be_visible()
    expect(second_page.get_by_text("(1 en liste d'attente)")).to_be_visible()
    waiting = Registration.objects.get(event=event, user=second)
    assert waiting.status == Registration.Status.WAITLISTED
    mailoutbox.clear()

    with page.expect_navigation():
        page.get_by_role("link", name="Annuler mon inscription").click()
    expect(page.get_by_role("heading", name="Annuler mon inscription")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Annuler mon inscription").click()
    expect(
        page.get_by_text("Votre inscription est annulée. Merci d'avoir libéré votre place.")
    ).to_be_visible()
    # The freed seat went to the waitlist at once: the event is full again.
    expect(page.get_by_role("button", name="M'inscrire sur la liste d'attente")).to_be_visible()

    assert Registration.objects.get(event=event, user=first).status == "cancelled"
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert waiting.promoted_at is not None
    promoted = [m for m in mailoutbox if m.to == [second.email]]
    assert [m.subject for m in promoted] == [
        "[Concertation e-santé] Une place s'est libérée, vous êtes inscrit : Atelier de Granville"
    ], [(m.subject, m.to) for m in mailoutbox]
    assert any(name.endswith(".ics") for name, *_ in promoted[0].attachments)

    second_page.reload()
    expect(second_page.get_by_text("Vous êtes inscrit.", exact=True)).to_be_visible()
    expect(second_page.get_by_text("Vous êtes sur la liste d'attente.", exact=True)).to_have_count(
        0
    )
    screenshot(second_page, "evenement-promu-depuis-la-liste-d-attente")
    other.close()


# --- 5. The dark theme ------------------------------------------------------------------------


def test_the_dark_theme_persists_and_stays_accessible(page, live_server, demo):
    html = page.locator("html")
    page.goto(live_server.url + "/")
    page.get_by_role("contentinfo").get_by_role("button", name="Paramètres d'affichage").click()
    # django-dsfr titles its dialog with a typographic apostrophe.
    dialog = page.get_by_role("dialog", name=re.compile("Paramètres d.affichage"))
    expect(dialog).to_be_visible()
    tick(dialog, "Thème sombre")
    expect(html).to_have_attribute("data-fr-theme", "dark")
    dialog.get_by_role("button", name="Fermer").click()
    expect(dialog).to_be_hidden()

    page.reload()
    expect(html).to_have_attribute("data-fr-theme", "dark")
    assert page.evaluate("localStorage.getItem('scheme')") == "dark"
    violations = serious_violations(page)
    screenshot(page, "sombre-accueil")
    assert not violations, f"home page in dark mode: {violations}"

    # The busiest chapter view: signed in (forms, reaction buttons), a paragraph's panel with a
    # rewording proposal and its word diff (the site's own colours).
    citizen = User.objects.get(email="citoyenne@demo.esante.local")
    sign_in(page, live_server, citizen, password=DEMO_PASSWORD)
    page.goto(live_server.url + roadmap_chapter(1).get_absolute_url())
    with page.expect_navigation():
        page.get_by_role("link", name="1 contribution sur le paragraphe 1").click()
    expect(page.locator(".esante-diff ins").first).to_be_visible()
    expect(html).to_have_attribute("data-fr-theme", "dark")
    violations = serious_violations(page)
    screenshot(page, "sombre-chapitre")
    assert not violations, f"chapter page in dark mode: {violations}"
