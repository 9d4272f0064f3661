"""Every public page of the concertation and of the council runs as many queries with a few as
with many of what it shows: contributions, replies, reactions, chapters, versions, members."""

import datetime

import pytest
from django.utils import timezone

from concertation import services
from concertation.models import Contribution, OfficialAnswer, Reaction
from tests.concertation.factories import (
    PARAGRAPHS,
    ApplicationFactory,
    ChapterFactory,
    ConsultationFactory,
    ContributionFactory,
    CouncilMeetingFactory,
    DeliverableFactory,
    EthicsPilotFactory,
    WorkingGroupFactory,
    paragraph_at,
)
from tests.esante.factories import UserFactory

# Chapter page: 9 queries for a visitor, 13 signed in (session, user, the viewer's reactions,
# their held contributions, and one for their e-mail, block, charter and follows), one more with
# ?paragraphe= (the paragraph's thread). Three of them are the published official answers: on
# the paragraphs, on the contributions shown and on their replies. Issue 16: at most 15.
CHAPTER_PAGE_QUERIES = {"anonymous": 10, "contributor": 14}


def populate(chapter, authors):
    """`grow(n)`: n more top-level contributions written in bulk (a third on paragraph 1, some
    rewording proposals, questions, hidden or anonymous ones), each with a reply and reactions;
    most answered officially (an answer for two contributions, some taken into a version, one
    on a reply, one on paragraph 1, drafts that are never shown), the rewordings accepted into
    the current version."""
    first = paragraph_at(chapter, 1)

    def grow(n):
        start = chapter.contributions.count()
        tops = Contribution.objects.bulk_create(
            Contribution(
                consultation=chapter.consultation,
                chapter=chapter,
                version=chapter.current_version,
                paragraph=first if i % 3 == 0 else None,
                author=authors[i % len(authors)],
                body=f"Contribution n° {i}.",
                kind="rewording" if i % 15 == 0 else ("question" if i % 4 == 0 else "comment"),
                proposed_text="La sécurité est la première priorité." if i % 15 == 0 else "",
                status="hidden" if i % 11 == 5 else "published",
                is_anonymous=i % 6 == 1,
                created_at=timezone.now(),
            )
            for i in range(start, start + n)
        )
        replies = Contribution.objects.bulk_create(
            Contribution(
                consultation=chapter.consultation,
                chapter=chapter,
                version=top.version,
                paragraph=top.paragraph,
                parent=top,
                author=authors[(i + 1) % len(authors)],
                body=f"Réponse {i}.",
                status="published",
            )
            for i, top in enumerate(tops)
        )
        Reaction.objects.bulk_create(
            Reaction(contribution=top, user=author, value="agree" if i % 2 else "disagree")
            for i, top in enumerate(tops)
            for author in authors[:2]
        )
        answer_in_bulk(chapter, tops, replies=replies, paragraph=first)
        # Written in bulk, past the lifecycle: counted as a data migration counts them.
        services.counters_refresh(chapter_ids=[chapter.pk])

    return grow


STATES = ["taken", "partly", "not_retained", "out_of_scope", "already_planned"]


def answer_in_bulk(chapter, tops, *, replies=(), paragraph=None):
    """Published answers on most published `tops` (one answer for two), one on the first reply,
    one on `paragraph`, and a draft on them all; rewordings accepted into the current version."""
    version = chapter.current_version
    answered = [c for i, c in enumerate(tops) if c.status == "published" and i % 5 != 4]
    answered += list(replies[:1])

    def answer(i, **fields):
        defaults = {
            "state": STATES[i % len(STATES)],
            "body": f"Réponse officielle n° {i}, **argumentée**.",
            "status": "published",
            "published_at": timezone.now(),
            "version": version if i % 2 else None,
        }
        return OfficialAnswer(
            consultation=chapter.consultation, chapter=chapter, **(defaults | fields)
        )

    published = OfficialAnswer.objects.bulk_create(
        answer(i) for i in range((len(answered) + 1) // 2)
    )
    [draft] = OfficialAnswer.objects.bulk_create(
        [answer(0, status="draft", published_at=None, body="Brouillon jamais montré.")]
    )
    if paragraph is not None:
        OfficialAnswer.objects.bulk_create([answer(1, paragraph=paragraph)])
    through = OfficialAnswer.contributions.through
    through.objects.bulk_create(
        [
            *(
                through(officialanswer_id=published[j // 2].pk, contribution_id=c.pk)
                for j, c in enumerate(answered)
            ),
            *(through(officialanswer_id=draft.pk, contribution_id=c.pk) for c in tops),
        ]
    )
    for j, contribution in enumerate(answered):
        Contribution.objects.filter(pk=contribution.pk).update(
            answer_state=published[j // 2].state, answered_at=published[j // 2].published_at
        )
    Contribution.objects.filter(pk__in=[c.pk for c in tops if c.kind == "rewording"]).update(
        rewording_outcome="accepted", rewording_version=version
    )


@pytest.fixture
def authors(db):
    return [UserFactory(stakeholder_type=kind) for kind in ("citizen", "industry", "other")]


@pytest.mark.parametrize("viewer", ["anonymous", "contributor"])
@pytest.mark.parametrize(
    "query", ["", "?paragraphe=first", "?tri=-agreed&type=comment&acteur=industry", "?page=2"]
)
def test_chapter_page_queries_do_not_grow(client, authors, assert_flat_queries, viewer, query):
    chapter = ChapterFactory()
    if viewer == "contributor":
        services.charter_accept(user=authors[0], consultation=chapter.consultation)
        client.force_login(authors[0])
    url = chapter.get_absolute_url() + query.replace("first", paragraph_at(chapter, 1).anchor)
    most = CHAPTER_PAGE_QUERIES[viewer]
    response = assert_flat_queries(url, populate(chapter, authors), most=most, sizes=(25, 80))
    page = response.content.decode()
    # The answers are on the page, with the versions that took them in; never the drafts.
    assert page.count("Réponse officielle de la Délégation au numérique en santé") >= 5
    assert "Prise en compte dans la version 1 du chapitre" in page
    assert "Brouillon jamais montré" not in page


@pytest.mark.parametrize(
    "case", ["fine", "unverified", "blocked", "blocked_until", "lifted", "closed", "upcoming"]
)
def test_chapter_page_reads_the_viewer_as_the_gate_does(client, db, django_user_model, case):
    """The page reads the viewer's e-mail, block, charter and follows in one query and decides
    from them whether to offer the forms: it must agree with the gate, which the services ask
    again on every POST, and show the same notices and follows as before."""
    from concertation import rules as concertation_rules
    from concertation.models import ContributorBlock
    from tests.esante.factories import DnsStaffFactory

    consultation = ConsultationFactory(**({case: True} if case in ("closed", "upcoming") else {}))
    chapter = ChapterFactory(consultation=consultation)
    user = UserFactory(verified=case != "unverified")
    if case.startswith("blocked") or case == "lifted":
        until = timezone.now() + datetime.timedelta(days=3) if case == "blocked_until" else None
        services.contributor_block(
            actor=DnsStaffFactory(), user=user, reason="Propos injurieux.", until=until
        )
        if case == "lifted":
            services.contributor_unblock(
                actor=DnsStaffFactory(), block=ContributorBlock.objects.get(user=user)
            )
    if case == "fine":
        services.charter_accept(user=user, consultation=consultation)
        services.follow_toggle(user=user, chapter=chapter)
        services.follow_toggle(user=user, consultation=consultation)
    client.force_login(user)
    response = client.get(chapter.get_absolute_url())

    gate = concertation_rules.why_not("concertation.contribute", user, consultation) is None
    assert response.context["can_contribute"] is gate
    assert gate is (case in ("fine", "lifted"))
    assert response.context["blocked"] == concertation_rules.active_block(user)
    assert response.context["verified"] is concertation_rules.has_verified_email(user)
    assert response.context["charter_accepted"] is (case == "fine")
    page = response.content.decode()
    assert ("Propos injurieux." in page) is case.startswith("blocked")
    assert ("Ne plus suivre ce chapitre" in page) is (case == "fine")
    assert response.context["follows"]["consultation"] is (case == "fine")


def test_chapter_page_queries_do_not_grow_after_a_revision(client, authors, assert_flat_queries):
    """Contributions and replies written on version 1 are shown with "Sur la version 1" once the
    chapter is revised: the page must not fetch their version one by one."""
    chapter = ChapterFactory()
    grow = populate(chapter, authors)
    grow(5)
    services.chapter_revise(chapter=chapter, body="\n\n".join([*PARAGRAPHS, "Un ajout."]))
    chapter.refresh_from_db()
    version_1 = chapter.versions.get(number=1)

    def grow_on_version_1(n):
        grow(n)
        chapter.contributions.filter(reactions__isnull=False).update(version=version_1)

    client.force_login(authors[0])
    response = assert_flat_queries(
        chapter.get_absolute_url(), grow_on_version_1, most=CHAPTER_PAGE_QUERIES["contributor"]
    )
    assert "Sur la version 1" in response.content.decode()


def test_chapter_page_queries_do_not_grow_with_the_authors_held_contributions(
    client, authors, assert_flat_queries
):
    """Its author sees their contributions held for moderation in place, replies included."""
    member = authors[0]
    chapter = ChapterFactory()
    services.charter_accept(user=member, consultation=chapter.consultation)
    client.force_login(member)

    def grow(n):
        tops = Contribution.objects.bulk_create(
            Contribution(
                consultation=chapter.consultation,
                chapter=chapter,
                version=chapter.current_version,
                author=member,
                body=f"Retenue {i}.",
                status="pending",
                held_reason="personal_data" if i % 2 else "",
            )
            for i in range(n)
        )
        ContributionFactory(chapter=chapter, parent=tops[-1], author=member, status="pending")

    response = assert_flat_queries(
        chapter.get_absolute_url(), grow, most=CHAPTER_PAGE_QUERIES["contributor"]
    )
    held = "En attente de modération : visible par vous seulement."
    assert response.content.decode().count(held) == 12 + 2  # and a reply at each size


def test_chapter_versions_page_queries_do_not_grow(client, db, assert_flat_queries):
    chapter = ChapterFactory()

    def grow(n):
        for _ in range(n):
            number = chapter.versions.count() + 1
            services.chapter_revise(
                chapter=chapter, body="\n\n".join([*PARAGRAPHS, f"Ajout de la version {number}."])
            )

    assert_flat_queries(chapter.get_absolute_url() + "versions/", grow, most=4)


def test_consultation_list_queries_do_not_grow(client, db, assert_flat_queries):
    states = [{}, {"closed": True}, {"upcoming": True}]

    def grow(n):
        for i in range(n):
            chapter = ChapterFactory(consultation=ConsultationFactory(**states[i % 3]))
            ContributionFactory.create_batch(3, chapter=chapter)

    response = assert_flat_queries("/concertation/", grow, most=1)
    shown = response.context["open"] + response.context["closed"] + response.context["upcoming"]
    assert len(shown) == 12
    assert all(c.contribution_count == 3 and c.participant_count == 3 for c in shown)


def test_consultation_page_queries_do_not_grow(client, authors, assert_flat_queries):
    consultation = ConsultationFactory()

    def grow(n):
        for _ in range(n):
            populate(ChapterFactory(consultation=consultation), authors)(5)

    client.force_login(authors[0])
    response = assert_flat_queries(consultation.get_absolute_url(), grow, most=5)
    # Five contributions and five replies per chapter, all published.
    assert response.content.decode().count(">10 contributions<") == 12


def test_search_page_queries_do_not_grow(client, db, assert_flat_queries):
    def grow(n):
        for _ in range(n):
            chapter = ChapterFactory(title="Sécurité des systèmes")
            ContributionFactory(chapter=chapter, body="La sécurité d'abord.")
            ContributionFactory(
                chapter=chapter, body="Sécurité du paragraphe.", paragraph=paragraph_at(chapter, 2)
            )

    # Three on PostgreSQL (chapters, ranked candidates, shown rows), two on SQLite.
    response = assert_flat_queries("/recherche/?q=sécurité", grow, most=3)
    assert len(response.context["results"].contributions) > 12


@pytest.mark.parametrize(
    ("url", "most"),
    [
        ("/conseil/", 7),
        ("/conseil/cellule-ethique/", 3),
        ("/conseil/reunions/pleniere/", 5),
        ("/conseil/groupes/fracture-numerique/", 10),
    ],
)
def test_council_pages_queries_do_not_grow(client, user, assert_flat_queries, url, most):
    """The council's home (meetings, groups and their members), the ethics cell (its pilots), a
    meeting (the groups and consultations it launched) and a group (members, deliverables)."""
    meeting = CouncilMeetingFactory(slug="pleniere")
    group = WorkingGroupFactory(slug="fracture-numerique", meeting=meeting)
    client.force_login(user)

    def grow(n):
        for _ in range(n):
            CouncilMeetingFactory()
            ApplicationFactory(group=WorkingGroupFactory(meeting=meeting), status="accepted")
            ApplicationFactory(group=group, status="accepted")
            DeliverableFactory(group=group)
            EthicsPilotFactory()
            meeting.consultations.add(ConsultationFactory())

    assert_flat_queries(url, grow, most=most)
