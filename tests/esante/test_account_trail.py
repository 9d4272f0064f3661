"""« Mes contributions » on /mon-compte/: each contribution of the member, whatever became of it,
its official answer and the change of the text it led to, each a link that leads there; what
the member follows, groups and the council included, named and linked."""

import pytest
from django.urls import reverse

from concertation import services
from concertation.models import Contribution, Follow, OfficialAnswer
from tests.concertation.factories import (
    PARAGRAPHS,
    ChapterFactory,
    ContributionFactory,
    WorkingGroupFactory,
    paragraph_at,
)
from tests.concertation.test_answer_display import element, publish, text


def section(page: str, start: str, end: str) -> str:
    return page[page.index(f'id="{start}"') : page.index(f'id="{end}"')]


def item_of(trail: str, contribution: Contribution) -> str:
    """The list item of the trail that shows `contribution` (found by its text)."""
    [item] = [i for i in trail.split('class="esante-trail__item"')[1:] if contribution.body in i]
    return item


def versions_url(chapter, older, newer) -> str:
    path = reverse(
        "concertation:chapter_versions",
        kwargs={"slug": chapter.consultation.slug, "chapter": chapter.slug},
    )
    return f"{path}?de={older}&a={newer}#comparaison"


def test_my_contributions_lead_to_their_answers_and_to_the_change_they_caused(
    client, user, dns_staff
):
    chapter = ChapterFactory()
    paragraph = paragraph_at(chapter, 1)
    answered = ContributionFactory(chapter=chapter, author=user, paragraph=paragraph)
    rewording = ContributionFactory(
        chapter=chapter,
        author=user,
        paragraph=paragraph,
        kind="rewording",
        proposed_text="La sécurité des systèmes d'information est la première priorité.",
    )
    unanswered = ContributionFactory(chapter=chapter, author=user)
    pending = ContributionFactory(
        chapter=chapter, author=user, status="pending", held_reason="personal_data"
    )
    hidden = ContributionFactory(
        chapter=chapter, author=user, status="hidden", moderation_reason="off_topic"
    )
    rejected = ContributionFactory(
        chapter=chapter, author=user, status="rejected", moderation_reason="advertising"
    )
    someone_else = ContributionFactory(chapter=chapter)
    services.chapter_revise(
        chapter=chapter,
        body="\n\n".join([rewording.proposed_text, *PARAGRAPHS[1:]]),
    )
    chapter.refresh_from_db()
    version_2 = chapter.current_version
    answer = publish(
        dns_staff,
        services.answer_draft(
            actor=dns_staff, contributions=[answered], state="taken", body="C'est repris."
        ),
    )
    OfficialAnswer.objects.filter(pk=answer.pk).update(version=version_2)
    services.answer_draft(
        actor=dns_staff, contributions=[unanswered], state="taken", body="Brouillon."
    )
    services.rewording_decide(
        actor=dns_staff, contribution=rewording, outcome="accepted", version=version_2
    )
    client.force_login(user)

    page = client.get(reverse("account")).content.decode()
    trail = section(page, "mes-contributions", "mes-candidatures")
    assert someone_else.body not in trail
    assert trail.count('class="esante-trail__item"') == 6

    item = item_of(trail, answered)
    assert 'fr-badge--success">Publiée</p>' in item
    assert 'fr-badge--success">Pris en compte</p>' in item
    answer_link = (
        f"{chapter.get_absolute_url()}?paragraphe={paragraph.anchor}"
        f"#reponse-{answer.pk}-{answered.pk}"
    )
    assert f'href="{answer_link}"' in item
    changes = versions_url(chapter, 1, 2)
    assert f'href="{changes.replace("&", "&amp;")}"' in item
    assert "Prise en compte dans la version 2 du chapitre" in text(item)
    # Each link leads where it says: the answer under the contribution, then the comparison.
    path, anchor = answer_link.split("#")
    callout = element(client.get(path).content.decode(), anchor)
    assert "C'est repris." in text(callout).replace("&#x27;", "'")
    comparison = client.get(changes).content.decode()
    assert "Modifications entre la version 1 et la version 2" in comparison

    item = item_of(trail, rewording)
    assert 'fr-badge--success">Acceptée</p>' in item
    assert "Intégrée à la version 2 du chapitre : voir la modification" in text(item)
    assert f'href="{changes.replace("&", "&amp;")}"' in item

    item = item_of(trail, unanswered)
    assert "Pas encore de réponse officielle." in item and "reponse-" not in item

    item = item_of(trail, pending)
    assert 'fr-badge--info">En attente de modération</p>' in item
    assert "données personnelles" in item

    item = item_of(trail, hidden)
    assert 'fr-badge--warning">Masquée</p>' in item and "Motif : Hors sujet." in text(item)

    item = item_of(trail, rejected)
    assert 'fr-badge--error">Rejetée</p>' in item
    assert "Motif : Publicité ou promotion commerciale." in text(item)
    assert "<a " not in item.split("</h3>")[0]  # not published: no page to lead to


def test_an_answer_on_the_paragraph_i_commented_is_in_my_trail(client, user, dns_staff):
    chapter = ChapterFactory()
    paragraph = paragraph_at(chapter, 3)
    mine = ContributionFactory(chapter=chapter, author=user, paragraph=paragraph)
    answer = publish(
        dns_staff,
        services.answer_draft(
            actor=dns_staff, paragraph=paragraph, state="already_planned", body="Déjà prévu."
        ),
    )
    client.force_login(user)
    trail = section(
        client.get(reverse("account")).content.decode(), "mes-contributions", "mes-candidatures"
    )
    item = item_of(trail, mine)
    assert "sur ce paragraphe" in text(item) and 'fr-badge--new">Déjà prévu</p>' in item
    link = f"{chapter.get_absolute_url()}?paragraphe={paragraph.anchor}#reponse-{answer.pk}"
    assert f'href="{link}"' in item


def test_my_contributions_are_paginated_newest_first(client, user):
    chapter = ChapterFactory()
    ContributionFactory.create_batch(25, chapter=chapter, author=user)
    oldest = Contribution.objects.filter(author=user).order_by("created_at", "pk").first()
    client.force_login(user)
    first = client.get(reverse("account")).content.decode()
    assert first.count('class="esante-trail__item"') == 20
    assert 'href="?page=2#mes-contributions"' in first and oldest.body not in first
    second = client.get(reverse("account") + "?page=2").content.decode()
    assert second.count('class="esante-trail__item"') == 5 and oldest.body in second
    assert 'href="?page=1#mes-contributions"' in second


def test_follows_of_a_working_group_and_of_the_council_are_named_and_linked(client, user):
    group = WorkingGroupFactory(name="Fracture numérique")
    Follow.objects.create(user=user, working_group=group)
    Follow.objects.create(user=user, council=True)
    client.force_login(user)
    page = client.get(reverse("account")).content.decode()
    follows = page[page.index('id="mes-abonnements"') :].split("</ul>")[0]
    assert (
        f'<a href="{group.get_absolute_url()}">'
        "Fracture numérique (groupe de travail du Conseil du Numérique en Santé)</a>"
    ) in follows
    assert f'<a href="{reverse("concertation:council_home")}">Tout le Conseil' in follows
    assert 'href=""' not in follows and "></a>" not in follows


@pytest.mark.parametrize("page", ["", "?page=2"])
def test_the_trail_runs_as_many_queries_with_few_or_many_answers(
    client, user, dns_staff, assert_flat_queries, page
):
    """Answered contributions (an answer taken into a version, an answer on their paragraph), an
    accepted rewording, a hidden contribution; follows of chapters, groups and the council."""
    client.force_login(user)
    Follow.objects.create(user=user, council=True)

    def grow(n):
        for _ in range(n):
            chapter = ChapterFactory()
            paragraph = paragraph_at(chapter, 1)
            version = chapter.current_version
            mine = ContributionFactory(chapter=chapter, author=user, paragraph=paragraph)
            rewording = ContributionFactory(
                chapter=chapter, author=user, paragraph=paragraph, kind="rewording"
            )
            ContributionFactory(
                chapter=chapter, author=user, status="hidden", moderation_reason="off_topic"
            )
            answers = [
                services.answer_draft(
                    actor=dns_staff, contributions=[mine], state="partly", body="En partie."
                ),
                services.answer_draft(
                    actor=dns_staff, paragraph=paragraph, state="taken", body="Sur le paragraphe."
                ),
            ]
            services.answers_publish(actor=dns_staff, answer_ids=[a.pk for a in answers])
            OfficialAnswer.objects.filter(pk=answers[0].pk).update(version=version)
            services.rewording_decide(
                actor=dns_staff, contribution=rewording, outcome="accepted", version=version
            )
            chapter.follows.create(user=user)
            Follow.objects.create(user=user, working_group=WorkingGroupFactory())

    response = assert_flat_queries(reverse("account") + page, grow, most=9)
    html = response.content.decode()
    assert html.count('class="esante-trail__item"') == (16 if page else 20)  # 36 in all: 12 times 3
    assert "Prise en compte dans la version 1 du chapitre" in html
    assert "Intégrée à la version 1 du chapitre" in html
    assert "sur ce paragraphe" in html
