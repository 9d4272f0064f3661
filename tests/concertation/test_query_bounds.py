"""The chapter page costs the same number of queries with 10 or 500 contributions."""

import pytest

from concertation.models import Contribution, Reaction
from tests.concertation.builders import make_chapter, paragraph
from tests.esante.factories import UserFactory

CHAPTER_PAGE_MAX_QUERIES = 18


def populate(chapter, size):
    authors = [UserFactory() for _ in range(4)]
    rows = [
        Contribution(
            consultation=chapter.consultation,
            chapter=chapter,
            version=chapter.current_version,
            paragraph=paragraph(chapter, 1) if n % 3 == 0 else None,
            author=authors[n % 4],
            body=f"Contribution n°{n}",
            kind="rewording" if n % 5 == 0 and n % 3 == 0 else "comment",
            proposed_text="Texte proposé" if n % 5 == 0 and n % 3 == 0 else "",
            status="hidden" if n % 7 == 0 else "published",
        )
        for n in range(size)
    ]
    Contribution.objects.bulk_create(rows)
    tops = list(Contribution.objects.filter(chapter=chapter)[:30])
    Contribution.objects.bulk_create(
        Contribution(
            consultation=chapter.consultation,
            chapter=chapter,
            version=chapter.current_version,
            paragraph=top.paragraph,
            parent=top,
            author=authors[(i + 1) % 4],
            body="Réponse",
            status="published",
        )
        for i, top in enumerate(tops)
    )
    Reaction.objects.bulk_create(
        Reaction(contribution=top, user=authors[0], value="agree") for top in tops
    )


@pytest.mark.parametrize("size", [10, 500])
@pytest.mark.parametrize("signed_in", [False, True])
def test_chapter_page_queries_are_bounded(
    client, db, size, signed_in, django_assert_max_num_queries
):
    chapter = make_chapter()
    populate(chapter, size)
    if signed_in:
        client.force_login(UserFactory())
    for query in ("", f"?paragraphe={paragraph(chapter, 1).anchor}", "?tri=-agreed&type=comment"):
        with django_assert_max_num_queries(CHAPTER_PAGE_MAX_QUERIES):
            response = client.get(chapter.get_absolute_url() + query)
        assert response.status_code == 200
        assert response.context["page_obj"].object_list


@pytest.mark.parametrize("size", [2, 20])
def test_consultation_list_queries_are_bounded(client, db, size, django_assert_max_num_queries):
    from tests.concertation.builders import make_consultation

    for _ in range(size):
        make_chapter(make_consultation())
    with django_assert_max_num_queries(6):
        assert client.get("/concertation/").status_code == 200
