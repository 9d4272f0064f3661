"""The DNS team answers in the admin: official answers (drafted from a template, checked beside
their fields, published through the service, corrected but never unpublished), answer templates,
syntheses and their PDF, and the answering view of the contributions (unanswered first, the
answer rate of what is filtered, one answer for many, the decisions on rewordings)."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from concertation import services
from concertation.models import (
    AnswerTemplate,
    Contribution,
    ModerationLog,
    OfficialAnswer,
    Synthesis,
)
from tests.concertation.factories import (
    ChapterFactory,
    ConsultationFactory,
    ContributionFactory,
    paragraph_at,
)
from tests.esante.factories import UserFactory

ANSWERS = "/admin/concertation/officialanswer/"
ANSWERING = "/admin/concertation/contribution/a-repondre/"
CONTRIBUTIONS = "/admin/concertation/contribution/"
NEW_YEAR = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)


@pytest.fixture
def chapter(db):
    return ChapterFactory(
        consultation=ConsultationFactory(title="Doctrine technique 2019"),
        title="Identité numérique",
        number=3,
    )


def draft(actor, contributions, state="taken", body="Nous le retenons."):
    return services.answer_draft(actor=actor, contributions=contributions, state=state, body=body)


def listed(response) -> list:
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def form_errors(response) -> dict:
    assert response.status_code == 200, response.get("Location")
    return response.context["adminform"].form.errors


def answer_data(**data):
    return {
        "contributions": [],
        "paragraph": "",
        "state": "",
        "body": "",
        "team": "Délégation au numérique en santé",
        "template": "",
        "version": "",
        **data,
    }


# --- The list of official answers ----------------------------------------------------------------


def test_answer_list_names_the_chapter_with_its_consultation_counts_and_reads_paris_time(
    dns_client, dns_staff, chapter
):
    answer = draft(dns_staff, ContributionFactory.create_batch(2, chapter=chapter))
    OfficialAnswer.objects.filter(pk=answer.pk).update(status="published", published_at=NEW_YEAR)
    html = dns_client.get(ANSWERS).content.decode()
    row = html.split(f'value="{answer.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "Doctrine technique 2019 — 3. Identité numérique" in row
    assert '<td class="field-contribution_count">2</td>' in row
    assert "1 janvier 2027 00:30" in row and "31 décembre 2026" not in row
    assert "Pris en compte" in row and "Publiée" in row
    for header in ("Réponse", "Chapitre", "Contributions", "Position", "État", "Publiée le"):
        assert f">{header}</a>" in html or f"<span>{header}</span>" in html, header


def test_answer_list_filters_and_search(dns_client, dns_staff, chapter):
    other = ChapterFactory()
    taken = draft(dns_staff, [ContributionFactory(chapter=chapter)], body="Sur l'identité.")
    refused = draft(dns_staff, [ContributionFactory(chapter=other)], state="not_retained")
    services.answers_publish(actor=dns_staff, answer_ids=[refused.pk])

    def pks(**query):
        return {a.pk for a in listed(dns_client.get(ANSWERS, query))}

    assert pks() == {taken.pk, refused.pk}
    assert pks(consultation__id__exact=other.consultation_id) == {refused.pk}
    assert pks(chapter__id__exact=chapter.pk) == {taken.pk}
    assert pks(state__exact="not_retained") == {refused.pk}
    assert pks(status__exact="draft") == {taken.pk}
    assert pks(q="identité") == {taken.pk}
    # The chapter filter names chapters with their consultation.
    assert "Doctrine technique 2019 — 3. Identité numérique" in dns_client.get(ANSWERS).text


# --- Drafting ------------------------------------------------------------------------------------


def test_a_draft_is_written_from_the_add_form_through_the_service(dns_client, dns_staff, chapter):
    contributions = ContributionFactory.create_batch(2, chapter=chapter)
    response = dns_client.post(
        f"{ANSWERS}add/",
        answer_data(
            contributions=[c.pk for c in contributions],
            state="partly",
            body="Nous retenons une partie.",
        ),
    )
    assert response.status_code == 302
    answer = OfficialAnswer.objects.get()
    assert (answer.status, answer.state, answer.created_by) == ("draft", "partly", dns_staff)
    assert (answer.chapter, answer.consultation) == (chapter, chapter.consultation)
    assert set(answer.contributions.all()) == set(contributions)
    assert mail.outbox == []  # a draft tells nobody
    assert {c.answer_state for c in Contribution.objects.all()} == {""}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"body": "Oui."}, "state", "Choisissez la position de la réponse dans la liste."),
        ({"state": "taken", "body": "  "}, "body", "Écrivez la réponse argumentée."),
        (
            {"state": "taken", "body": "Oui.", "contributions": []},
            "contributions",
            "Choisissez les contributions auxquelles elle répond, ou un paragraphe.",
        ),
    ],
)
def test_the_add_form_says_what_is_missing_beside_the_field(
    dns_client, chapter, data, field, message
):
    contribution = ContributionFactory(chapter=chapter)
    response = dns_client.post(
        f"{ANSWERS}add/", answer_data(**{"contributions": [contribution.pk], **data})
    )
    assert form_errors(response)[field] == [message]
    assert not OfficialAnswer.objects.exists()


def test_the_add_form_refuses_two_chapters_and_unpublished_contributions(dns_client, chapter):
    mine = ContributionFactory(chapter=chapter)
    elsewhere = ContributionFactory()
    response = dns_client.post(
        f"{ANSWERS}add/",
        answer_data(contributions=[mine.pk, elsewhere.pk], state="taken", body="Oui."),
    )
    assert "un seul chapitre" in form_errors(response)["contributions"][0]
    held = ContributionFactory(chapter=chapter, status="pending")
    response = dns_client.post(
        f"{ANSWERS}add/", answer_data(contributions=[held.pk], state="taken", body="Oui.")
    )
    assert form_errors(response)["contributions"] == [
        "Seule une contribution publiée reçoit une réponse officielle."
    ]
    assert not OfficialAnswer.objects.exists()


def test_an_answer_on_a_paragraph_is_chosen_by_its_position_and_words(dns_client, chapter):
    page = dns_client.get(f"{ANSWERS}add/").content.decode()
    assert "§ 2 — Les établissements déclarent leurs incidents de sécurité." in page
    assert 'label="Doctrine technique 2019 — 3. Identité numérique"' in page
    paragraph = paragraph_at(chapter, 2)
    response = dns_client.post(
        f"{ANSWERS}add/",
        answer_data(paragraph=paragraph.pk, state="already_planned", body="Prévu."),
    )
    assert response.status_code == 302
    answer = OfficialAnswer.objects.get()
    assert (answer.paragraph, answer.chapter) == (paragraph, chapter)


def test_an_answer_starts_from_a_template(dns_client, chapter):
    template = AnswerTemplate.objects.create(
        title="Hors du champ de la doctrine", state="out_of_scope", body="Ce point relève de…"
    )
    page = dns_client.get(f"{ANSWERS}add/", {"contributions": "7"})
    assert f'href="?contributions=7&amp;template={template.pk}"' in page.content.decode()
    assert "Hors du champ de la doctrine" in page.content.decode()
    prefilled = dns_client.get(f"{ANSWERS}add/", {"template": template.pk})
    form = prefilled.context["adminform"].form
    assert (form.initial["state"], form.initial["body"]) == ("out_of_scope", "Ce point relève de…")
    assert form.initial["template"] == template.pk
    # Chosen in the select with the text left empty: the template's position and text.
    contribution = ContributionFactory(chapter=chapter)
    response = dns_client.post(
        f"{ANSWERS}add/", answer_data(contributions=[contribution.pk], template=template.pk)
    )
    assert response.status_code == 302
    answer = OfficialAnswer.objects.get()
    assert (answer.state, answer.body, answer.template) == (
        "out_of_scope",
        "Ce point relève de…",
        template,
    )


def test_the_version_must_be_one_of_the_answers_chapter(dns_client, chapter):
    contribution = ContributionFactory(chapter=chapter)
    other = ChapterFactory()
    response = dns_client.post(
        f"{ANSWERS}add/",
        answer_data(
            contributions=[contribution.pk],
            state="taken",
            body="Oui.",
            version=other.current_version_id,
        ),
    )
    assert form_errors(response)["version"] == [
        "Cette version est celle d'un autre chapitre que celui de la réponse."
    ]


def test_the_contributions_autocomplete_offers_published_ones_named_with_their_chapter(
    dns_client, chapter
):
    published = ContributionFactory(chapter=chapter, body="Sur l'identité numérique.")
    ContributionFactory(chapter=chapter, body="Sur l'identité, retenue.", status="pending")
    response = dns_client.get(
        f"{CONTRIBUTIONS}autocomplete/",
        {
            "term": "identité",
            "app_label": "concertation",
            "model_name": "officialanswer",
            "field_name": "contributions",
        },
    )
    assert response.status_code == 200
    assert response.json()["results"] == [
        {
            "id": str(published.pk),
            "text": f"n° {published.pk} — Sur l'identité numérique. "
            "(Doctrine technique 2019 — 3. Identité numérique)",
        }
    ]
    by_number = dns_client.get(
        f"{CONTRIBUTIONS}autocomplete/",
        {"term": str(published.pk), "app_label": "concertation",
         "model_name": "officialanswer", "field_name": "contributions"},
    )  # fmt: skip
    assert [r["id"] for r in by_number.json()["results"]] == [str(published.pk)]


# --- Publishing ----------------------------------------------------------------------------------


def test_bulk_publish_goes_through_the_service_and_says_how_many(dns_client, dns_staff, chapter):
    first, second = ContributionFactory.create_batch(2, chapter=chapter)
    answers = [draft(dns_staff, [first]), draft(dns_staff, [second], state="not_retained")]
    response = dns_client.post(
        ANSWERS,
        {"action": "publish_selected", "_selected_action": [a.pk for a in answers]},
        follow=True,
    )
    assert "2 réponses publiées" in response.content.decode()
    assert set(OfficialAnswer.objects.values_list("status", flat=True)) == {"published"}
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.answer_state, second.answer_state) == ("taken", "not_retained")
    assert ModerationLog.objects.filter(action="answer").count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.author.email, second.author.email])

    again = dns_client.post(
        ANSWERS, {"action": "publish_selected", "_selected_action": [answers[0].pk]}, follow=True
    )
    assert "sont prévenus par courriel" not in again.content.decode()
    assert "1 réponse était déjà publiée : inchangée." in again.content.decode()
    assert len(mail.outbox) == 2


def test_publish_button_of_the_change_form(dns_client, dns_staff, chapter):
    contribution = ContributionFactory(chapter=chapter)
    answer = draft(dns_staff, [contribution])
    page = dns_client.get(f"{ANSWERS}{answer.pk}/change/").content.decode()
    assert 'name="_publish"' in page
    assert "Doctrine technique 2019 — 3. Identité numérique" in page  # its subtitle
    breadcrumbs = page.split('class="breadcrumbs"', 1)[1].split("</div>", 1)[0]
    assert "Doctrine technique 2019 — 3. Identité numérique" in breadcrumbs
    response = dns_client.post(
        f"{ANSWERS}{answer.pk}/change/",
        answer_data(contributions=[contribution.pk], state="partly", body="En partie.",
                    _publish="1"),
        follow=True,
    )  # fmt: skip
    assert "1 réponse publiée" in response.content.decode()
    answer.refresh_from_db()
    assert (answer.status, answer.state, answer.published_by) == ("published", "partly", dns_staff)
    contribution.refresh_from_db()
    assert contribution.answer_state == "partly"
    [message] = mail.outbox
    assert "En partie." in message.body


def test_a_draft_is_edited_in_full_and_not_published_by_saving(dns_client, dns_staff, chapter):
    first, second = ContributionFactory.create_batch(2, chapter=chapter)
    answer = draft(dns_staff, [first])
    response = dns_client.post(
        f"{ANSWERS}{answer.pk}/change/",
        answer_data(contributions=[first.pk, second.pk], state="not_retained", body="Non."),
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.status, answer.state, answer.body) == ("draft", "not_retained", "Non.")
    assert set(answer.contributions.all()) == {first, second}
    assert mail.outbox == []


def test_a_published_answer_is_corrected_but_not_unpublished_nor_deleted(
    dns_client, dns_staff, chapter
):
    contribution = ContributionFactory(chapter=chapter)
    answer = draft(dns_staff, [contribution], body="Texte avec une coquile.")
    services.answers_publish(actor=dns_staff, answer_ids=[answer.pk])
    mail.outbox.clear()
    page = dns_client.get(f"{ANSWERS}{answer.pk}/change/").content.decode()
    assert 'name="_publish"' not in page and 'name="state"' not in page
    assert 'name="status"' not in page
    response = dns_client.post(
        f"{ANSWERS}{answer.pk}/change/",
        answer_data(state="not_retained", status="draft", body="Texte sans coquille.",
                    contributions=[]),
    )  # fmt: skip
    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.body, answer.state, answer.status) == (
        "Texte sans coquille.",
        "taken",
        "published",
    )
    assert list(answer.contributions.all()) == [contribution]
    assert mail.outbox == []  # a correction is not announced again
    assert dns_client.post(f"{ANSWERS}{answer.pk}/delete/", {"post": "yes"}).status_code == 403
    assert 'value="delete_selected"' not in dns_client.get(ANSWERS).content.decode()
    assert OfficialAnswer.objects.filter(pk=answer.pk).exists()


def test_ars_team_cannot_answer(ars_client, dns_staff, chapter):
    answer = draft(dns_staff, [ContributionFactory(chapter=chapter)])
    assert ars_client.get(ANSWERS).status_code == 403
    assert ars_client.get(ANSWERING).status_code == 403
    ars_client.post(ANSWERS, {"action": "publish_selected", "_selected_action": [answer.pk]})
    answer.refresh_from_db()
    assert answer.status == "draft"


# --- Templates and syntheses ---------------------------------------------------------------------


def test_answer_templates_are_written_in_the_admin(dns_client):
    response = dns_client.post(
        "/admin/concertation/answertemplate/add/",
        {"title": "Déjà prévu par la feuille de route", "state": "already_planned",
         "body": "L'action 12 le prévoit."},
    )  # fmt: skip
    assert response.status_code == 302
    listing = dns_client.get("/admin/concertation/answertemplate/").content.decode()
    assert "Déjà prévu par la feuille de route" in listing and "L&#x27;action 12" in listing


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


def synthesis_post(client, consultation, document, **data):
    return client.post(
        "/admin/concertation/synthesis/add/",
        {"consultation": consultation.pk, "body": "Ce que nous avons entendu.",
         "document": document, **data},
    )  # fmt: skip


def test_a_synthesis_is_published_with_its_pdf(dns_client, media, db):
    consultation = ConsultationFactory(closed=True)
    document = SimpleUploadedFile("synthese.pdf", PDF, content_type="application/pdf")
    response = synthesis_post(dns_client, consultation, document, is_published="on")
    assert response.status_code == 302
    synthesis = Synthesis.objects.get()
    assert synthesis.is_published and synthesis.published_at is not None
    assert synthesis.document.name.endswith(".pdf")
    assert (media / synthesis.document.name).read_bytes() == PDF


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("synthese.docx", PDF, "application/pdf"),
        ("synthese.pdf", b"PK\x03\x04 not a pdf", "application/pdf"),
        ("synthese.pdf", PDF, "text/html"),
    ],
)
def test_a_synthesis_document_must_be_a_pdf(dns_client, media, db, name, content, content_type):
    consultation = ConsultationFactory(closed=True)
    document = SimpleUploadedFile(name, content, content_type=content_type)
    response = synthesis_post(dns_client, consultation, document)
    assert form_errors(response)["document"] == ["Le document doit être un PDF (un fichier .pdf)."]
    assert not Synthesis.objects.exists()


def test_a_synthesis_document_has_a_size_limit(dns_client, media, db, monkeypatch):
    monkeypatch.setattr("concertation.admin.answers.SYNTHESIS_MAX_MB", 0.0001)  # 104 bytes
    consultation = ConsultationFactory(closed=True)
    document = SimpleUploadedFile("synthese.pdf", PDF + b" " * 200, content_type="application/pdf")
    response = synthesis_post(dns_client, consultation, document)
    [error] = form_errors(response)["document"]
    assert error.startswith("Le document dépasse 0,0001 Mo")
    assert not Synthesis.objects.exists()


def test_unpublishing_a_synthesis_clears_its_publication_date(dns_client, media, db):
    consultation = ConsultationFactory(closed=True)
    synthesis_post(dns_client, consultation, "", is_published="on")
    synthesis = Synthesis.objects.get()
    response = dns_client.post(
        f"/admin/concertation/synthesis/{synthesis.pk}/change/",
        {"consultation": consultation.pk, "body": "Revue.", "document": ""},
    )
    assert response.status_code == 302
    synthesis.refresh_from_db()
    assert (synthesis.is_published, synthesis.published_at) == (False, None)


# --- The answering view of the contributions -----------------------------------------------------


def test_answering_view_lists_published_contributions_unanswered_first(
    dns_client, dns_staff, chapter
):
    answered = ContributionFactory(chapter=chapter, body="Répondue")
    services.answers_publish(actor=dns_staff, answer_ids=[draft(dns_staff, [answered]).pk])
    ContributionFactory(chapter=chapter, body="Retenue", status="pending")
    ContributionFactory(chapter=chapter, body="Sans réponse")
    assert [c.body for c in listed(dns_client.get(ANSWERING))] == ["Sans réponse", "Répondue"]
    # The moderation queue leads to it.
    assert ANSWERING in dns_client.get(CONTRIBUTIONS).content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"reponse": "sans"}, {"Citoyen, sans réponse", "Industriel, reformulation"}),
        ({"reponse": "taken"}, {"Professionnelle, retenue"}),
        ({"acteur": "health_professional"}, {"Professionnelle, retenue"}),
        ({"kind__exact": "rewording"}, {"Industriel, reformulation"}),
        ({"reformulation": "sans"}, {"Industriel, reformulation"}),
    ],
)
def test_answering_view_filters(dns_client, dns_staff, chapter, query, expected):
    citizen = UserFactory(stakeholder_type="citizen")
    doctor = UserFactory(stakeholder_type="health_professional")
    industry = UserFactory(stakeholder_type="industry")
    ContributionFactory(chapter=chapter, author=citizen, body="Citoyen, sans réponse")
    retained = ContributionFactory(chapter=chapter, author=doctor, body="Professionnelle, retenue")
    ContributionFactory(
        chapter=chapter, author=industry, body="Industriel, reformulation", kind="rewording",
        proposed_text="Mieux dit.",
    )  # fmt: skip
    services.answers_publish(actor=dns_staff, answer_ids=[draft(dns_staff, [retained]).pk])
    assert {c.body for c in listed(dns_client.get(ANSWERING, query))} == expected


def test_answering_view_speaks_french_labels_not_codes(dns_client, chapter):
    ContributionFactory(chapter=chapter, author=UserFactory(stakeholder_type="health_professional"))
    html = dns_client.get(ANSWERING).content.decode()
    assert "Professionnel de santé" in html and "Sans réponse" in html
    assert "Doctrine technique 2019 — 3. Identité numérique" in html
    assert "health_professional</td>" not in html and ">citizen<" not in html


def test_answer_rate_of_the_filtered_contributions(dns_client, dns_staff, chapter):
    other = ChapterFactory(consultation=chapter.consultation)
    mine = ContributionFactory.create_batch(4, chapter=chapter)
    other_ones = ContributionFactory.create_batch(2, chapter=other)
    ContributionFactory(chapter=chapter, status="pending")  # not published: not counted
    # A reply between participants is not counted, as on the public results page.
    ContributionFactory(chapter=chapter, parent=mine[0], body="Une réponse")
    services.answers_publish(actor=dns_staff, answer_ids=[draft(dns_staff, mine[:3]).pk])
    everything = dns_client.get(ANSWERING)
    assert everything.context["answer_rate"]["text"] == (
        "Taux de réponse : 50 % — 3 contributions publiées sur 6 ont une réponse officielle."
    )
    assert "Taux de réponse : 50 %" in everything.content.decode()
    one_chapter = dns_client.get(ANSWERING, {"chapter__id__exact": chapter.pk})
    assert one_chapter.context["answer_rate"]["text"] == (
        "Taux de réponse : 75 % — 3 contributions publiées sur 4 ont une réponse officielle."
    )
    services.answers_publish(actor=dns_staff, answer_ids=[draft(dns_staff, [other_ones[0]]).pk])
    singular = dns_client.get(ANSWERING, {"chapter__id__exact": other.pk})
    assert singular.context["answer_rate"]["text"] == (
        "Taux de réponse : 50 % — 1 contribution publiée sur 2 a une réponse officielle."
    )
    replies = dns_client.get(ANSWERING, {"niveau": "reponses"})
    assert [c.body for c in replies.context["cl"].result_list] == ["Une réponse"]
    empty = dns_client.get(ANSWERING, {"reponse": "sans", "chapter__id__exact": other.pk})
    assert "Taux de réponse : 0 %" in empty.context["answer_rate"]["text"]


def test_answering_view_queries_do_not_grow(dns_client, dns_staff, assert_flat_queries, chapter):
    other = ChapterFactory()

    def grow(count):
        for index in range(count):
            contribution = ContributionFactory(
                chapter=(chapter, other)[index % 2],
                author=UserFactory(stakeholder_type="industry"),
                kind=("comment", "rewording")[index % 2],
            )
            if index % 3 == 0:
                services.answers_publish(
                    actor=dns_staff, answer_ids=[draft(dns_staff, [contribution]).pk]
                )

    assert_flat_queries(ANSWERING, grow, most=20)


def test_answer_list_queries_do_not_grow(dns_client, dns_staff, assert_flat_queries, chapter):
    def grow(count):
        for _index in range(count):
            draft(dns_staff, ContributionFactory.create_batch(2, chapter=chapter))

    assert_flat_queries(ANSWERS, grow, most=20)


def answer_together(client, contributions, query="", **data):
    return client.post(
        f"{ANSWERING}{query}",
        {"action": "answer_together", "_selected_action": [c.pk for c in contributions], **data},
        follow=True,
    )


def test_one_answer_for_many_contributions_through_the_intermediate_page(
    dns_client, dns_staff, chapter
):
    contributions = ContributionFactory.create_batch(3, chapter=chapter)
    page = answer_together(dns_client, contributions, index="0")
    html = page.content.decode()
    assert page.templates[0].name == "admin/concertation/contribution/answer_together.html"
    assert "3 contributions sur le chapitre « Doctrine technique 2019 — 3. Identité" in html
    assert 'name="_publish"' in html and 'name="_draft"' in html and 'name="state"' in html
    assert not OfficialAnswer.objects.exists()

    response = answer_together(
        dns_client, contributions, state="taken", body="Retenu pour tous.",
        team="DNS — pôle doctrine", template="", _publish="1",
    )  # fmt: skip
    assert "Réponse publiée sur 3 contributions" in response.content.decode()
    answer = OfficialAnswer.objects.get()
    assert set(answer.contributions.all()) == set(contributions)
    assert (answer.status, answer.team, answer.created_by) == (
        "published",
        "DNS — pôle doctrine",
        dns_staff,
    )
    assert set(Contribution.objects.values_list("answer_state", flat=True)) == {"taken"}
    assert len(mail.outbox) == 3


def test_one_answer_as_a_draft(dns_client, chapter):
    contributions = ContributionFactory.create_batch(2, chapter=chapter)
    response = answer_together(
        dns_client, contributions, state="partly", body="En partie.", team="DNS", _draft="1"
    )
    assert "Réponse enregistrée en brouillon pour 2 contributions" in response.content.decode()
    assert OfficialAnswer.objects.get().status == "draft"
    assert mail.outbox == []


def test_one_answer_needs_one_chapter_and_nothing_changes_otherwise(dns_client, chapter):
    contributions = [ContributionFactory(chapter=chapter), ContributionFactory()]
    response = answer_together(
        dns_client, contributions, state="taken", body="Oui.", team="DNS", _publish="1"
    )
    assert "Une réponse porte sur un seul chapitre" in response.content.decode()
    assert "sont de 2 chapitres" in response.content.decode()
    assert not OfficialAnswer.objects.exists()
    assert set(Contribution.objects.values_list("answer_state", flat=True)) == {""}


def test_one_answer_says_what_is_missing_on_its_page(dns_client, chapter):
    contributions = ContributionFactory.create_batch(2, chapter=chapter)
    response = answer_together(dns_client, contributions, state="", body="", team="DNS", _draft="1")
    assert response.templates[0].name == "admin/concertation/contribution/answer_together.html"
    form = response.context["form"]
    assert form.errors["state"] == ["Choisissez la position de la réponse dans la liste."]
    assert form.errors["body"] == ["Écrivez la réponse argumentée."]
    assert not OfficialAnswer.objects.exists()


def test_one_answer_takes_up_a_template(dns_client, chapter):
    template = AnswerTemplate.objects.create(title="Prévu", state="already_planned", body="Prévu.")
    contributions = ContributionFactory.create_batch(2, chapter=chapter)
    page = answer_together(
        dns_client, contributions, template=template.pk, team="DNS", _apply_template="1"
    )
    form = page.context["form"]
    assert (form.initial["state"], form.initial["body"]) == ("already_planned", "Prévu.")
    assert not form.is_bound and not OfficialAnswer.objects.exists()


def test_one_answer_for_all_the_filtered_contributions(dns_client, chapter):
    contributions = ContributionFactory.create_batch(3, chapter=chapter)
    ContributionFactory()  # another chapter, filtered out
    response = answer_together(
        dns_client, contributions[:1], query=f"?chapter__id__exact={chapter.pk}",
        select_across="1", state="taken", body="Tous.", team="DNS", _draft="1",
    )  # fmt: skip
    assert "pour 3 contributions" in response.content.decode()
    assert set(OfficialAnswer.objects.get().contributions.all()) == set(contributions)


def decide(client, contributions, **data):
    return client.post(
        ANSWERING,
        {"action": "decide_rewording", "_selected_action": [c.pk for c in contributions], **data},
        follow=True,
    )


def test_rewording_decision_through_the_intermediate_page(dns_client, dns_staff, chapter):
    rewording = ContributionFactory(chapter=chapter, kind="rewording", proposed_text="Plus clair.")
    page = decide(dns_client, [rewording], index="0")
    assert page.templates[0].name == "admin/concertation/contribution/decide_rewording.html"
    assert "Plus clair." in page.content.decode()
    missing = decide(dns_client, [rewording], outcome="accepted", version="", _decide="1")
    assert missing.context["form"].errors["version"] == [
        "Indiquez la version du chapitre qui intègre cette reformulation."
    ]
    version = chapter.current_version
    response = decide(dns_client, [rewording], outcome="accepted", version=version.pk, _decide="1")
    assert "1 reformulation : « Acceptée »" in response.content.decode()
    rewording.refresh_from_db()
    assert (rewording.rewording_outcome, rewording.rewording_version) == ("accepted", version)
    log = ModerationLog.objects.get(action="rewording")
    assert log.actor == dns_staff
    [message] = mail.outbox
    assert message.to == [rewording.author.email]


def test_rewording_decision_only_for_rewordings(dns_client, chapter):
    comment = ContributionFactory(chapter=chapter)
    rewording = ContributionFactory(chapter=chapter, kind="rewording", proposed_text="Autre.")
    response = decide(dns_client, [comment, rewording], outcome="rejected", _decide="1")
    assert "Seules les propositions de reformulation" in response.content.decode()
    assert set(Contribution.objects.values_list("rewording_outcome", flat=True)) == {""}


# --- A contribution's page -----------------------------------------------------------------------


def test_contribution_page_shows_its_official_answers(dns_client, dns_staff, chapter):
    contribution = ContributionFactory(chapter=chapter)
    answer = draft(dns_staff, [contribution], state="partly", body="Nous retenons **une part**.")
    services.answers_publish(actor=dns_staff, answer_ids=[answer.pk])
    answer.refresh_from_db()
    html = dns_client.get(f"{CONTRIBUTIONS}{contribution.pk}/change/").content.decode()
    block = html.split('class="official-answers"', 1)[1].split("</ul>", 1)[0]
    assert f'href="{ANSWERS}{answer.pk}/change/"' in block
    assert "Partiellement pris en compte" in block and "Publiée" in block
    assert "<strong>une part</strong>" in block
    assert f"{ANSWERS}add/?contributions={contribution.pk}" in html


def test_moderation_log_list_queries_do_not_grow(dns_client, dns_staff, assert_flat_queries):
    def grow(count):
        for _index in range(count):
            rewording = ContributionFactory(kind="rewording", proposed_text="Mieux.")
            services.rewording_decide(
                actor=dns_staff,
                contribution=rewording,
                outcome="accepted",
                version=rewording.chapter.current_version,
            )

    assert_flat_queries("/admin/concertation/moderationlog/", grow, most=20)


def test_the_log_tells_a_published_answer_s_correction_in_sentences(dns_client, dns_staff):
    contribution = ContributionFactory()
    answer = services.answer_draft(
        actor=dns_staff, contributions=[contribution], state="taken", body="Retenu en 2026."
    )
    services.answers_publish(actor=dns_staff, answer_ids=[answer.pk])
    services.answer_update(actor=dns_staff, answer_id=answer.pk, body="Retenu en 2027.")
    html = dns_client.get("/admin/concertation/moderationlog/").content.decode()
    assert "Texte de la réponse : Retenu en 2026. → Retenu en 2027." in html
