"""The pages issue a bounded number of SQL queries whatever the amount of content: the same
bound holds with 10 and with 500 contributions."""

import pytest

from concertation import services
from concertation.models import Contribution, Reaction
from tests.concertation.factories import (
    PARAGRAPHS,
    ChapterFactory,
    ConsultationFactory,
    paragraph_at,
)
from tests.esante.factories import UserFactory

# Chapter page, signed in: session and user (2); chapter, paragraphs and their counts (3);
# contributions count, page and replies (3); originals of rewording proposals (1); the viewer's
# reactions (1); verified e-mail and block, for the permission and again for the notice (4);
# charter (1); follows (1); DSFR site settings (1): 17. One of headroom, for a new context
# processor; nothing that grows with the page size.
CHAPTER_PAGE_MAX_QUERIES = 18
LIST_PAGE_MAX_QUERIES = 4


def populate(chapter, size, authors):
    """`size` top-level contributions written in bulk: a third on paragraph 1, some rewording
    proposals, some hidden; the 40 most recent ones get a reply and reactions."""
    first = paragraph_at(chapter, 1)
    version = chapter.current_version
    Contribution.objects.bulk_create(
        Contribution(
            consultation=chapter.consultation,
            chapter=chapter,
            version=version,
            paragraph=first if n % 3 == 0 else None,
            author=authors[n % len(authors)],
            body=f"Contribution n° {n}.",
            kind="rewording" if n % 15 == 0 else ("question" if n % 4 == 0 else "comment"),
            proposed_text="La sécurité est la première priorité." if n % 15 == 0 else "",
            status="hidden" if n % 11 == 5 else "published",
            is_anonymous=n % 6 == 1,
        )
        for n in range(size)
    )
    tops = list(Contribution.objects.filter(chapter=chapter).order_by("-created_at", "-pk")[:40])
    Contribution.objects.bulk_create(
        Contribution(
            consultation=chapter.consultation,
            chapter=chapter,
            version=version,
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


@pytest.fixture
def authors(db):
    return [UserFactory(stakeholder_type=kind) for kind in ("citizen", "industry", "other")]


def urls(chapter):
    anchor = paragraph_at(chapter, 1).anchor
    base = chapter.get_absolute_url()
    return [
        base,
        f"{base}?paragraphe={anchor}",
        f"{base}?tri=-agreed&type=comment&acteur=industry",
        f"{base}?page=2",
    ]


@pytest.mark.parametrize("size", [10, 500])
@pytest.mark.parametrize("viewer", ["anonymous", "contributor"])
def test_chapter_page_queries_do_not_grow_with_contributions(
    client, authors, size, viewer, django_assert_max_num_queries
):
    chapter = ChapterFactory()
    populate(chapter, size, authors)
    if viewer == "contributor":
        member = authors[0]
        services.charter_accept(user=member, consultation=chapter.consultation)
        client.force_login(member)
    for url in urls(chapter):
        with django_assert_max_num_queries(CHAPTER_PAGE_MAX_QUERIES):
            response = client.get(url)
        assert response.status_code == 200
    # The page did show contributions and replies.
    html = client.get(chapter.get_absolute_url()).content.decode()
    assert html.count('class="esante-contribution') > 10


@pytest.mark.parametrize("size", [10, 500])
def test_chapter_page_queries_are_bounded_after_a_revision(
    client, authors, size, django_assert_max_num_queries
):
    """Contributions and replies written on version 1 are shown with "Sur la version 1" once the
    chapter is revised: the page must not fetch their version one by one."""
    chapter = ChapterFactory()
    populate(chapter, size, authors)
    services.chapter_revise(chapter=chapter, body="\n\n".join([*PARAGRAPHS, "Un ajout."]))
    chapter.refresh_from_db()
    client.force_login(authors[0])
    for url in urls(chapter):
        with django_assert_max_num_queries(CHAPTER_PAGE_MAX_QUERIES):
            response = client.get(url)
        assert response.status_code == 200
    assert "Sur la version 1" in client.get(chapter.get_absolute_url()).content.decode()


@pytest.mark.parametrize("size", [2, 25])
def test_consultation_list_queries_do_not_grow(client, db, size, django_assert_max_num_queries):
    author = UserFactory()
    states = [{}, {"closed": True}, {"upcoming": True}]
    for n in range(size):
        chapter = ChapterFactory(consultation=ConsultationFactory(**states[n % 3]))
        Contribution.objects.bulk_create(
            Contribution(
                consultation=chapter.consultation,
                chapter=chapter,
                version=chapter.current_version,
                author=author,
                body="x",
                status="published",
            )
            for _ in range(3)
        )
    with django_assert_max_num_queries(LIST_PAGE_MAX_QUERIES):
        response = client.get("/concertation/")
    assert response.status_code == 200
    shown = response.context["open"] + response.context["closed"] + response.context["upcoming"]
    assert len(shown) == size
    assert all(c.contribution_count == 3 and c.participant_count == 1 for c in shown)


@pytest.mark.parametrize("chapters", [1, 12])
def test_consultation_page_queries_do_not_grow(
    client, authors, chapters, django_assert_max_num_queries
):
    consultation = ConsultationFactory()
    for _ in range(chapters):
        populate(ChapterFactory(consultation=consultation), 5, authors)
    client.force_login(authors[0])
    with django_assert_max_num_queries(8):
        response = client.get(consultation.get_absolute_url())
    assert response.status_code == 200
    # Five contributions and five replies per chapter, all published.
    assert response.content.decode().count(">10 contributions<") == chapters
