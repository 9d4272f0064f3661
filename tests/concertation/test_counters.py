"""The thread and published counters of chapters and paragraphs (concertation.services.counters)
stay what the rows say through every transition of the lifecycle, and the Markdown stored
rendered beside each text is render_markdown() of its source on every write path."""

import pytest

from concertation import services
from concertation.models import Contribution, ParagraphText
from concertation.services.counters import counters_expected, counters_stored
from esante.markdown import MARKDOWN_VERSION, render_markdown
from tests.concertation.factories import ChapterFactory, paragraph_at
from tests.esante.factories import UserFactory


@pytest.fixture
def chapter(db):
    return ChapterFactory()


def _writer(chapter):
    user = UserFactory()
    services.charter_accept(user=user, consultation=chapter.consultation)
    return user


def test_counters_follow_the_lifecycle(chapter, dns_staff):
    first = paragraph_at(chapter, 1)
    author, other = _writer(chapter), _writer(chapter)
    general = services.contribution_create(user=author, chapter=chapter, body="Sur le chapitre.")
    on_paragraph = services.contribution_create(
        user=author, chapter=chapter, body="Sur le paragraphe.", paragraph=first
    )
    reply = services.contribution_create(
        user=other, chapter=chapter, body="Une réponse.", parent=on_paragraph
    )
    assert counters_stored(chapter=chapter) == counters_expected(chapter=chapter)
    assert counters_stored(chapter=chapter)["chapter"] == (3, 1)
    assert counters_stored(chapter=chapter)[first.anchor] == (2, 1)

    steps = [
        (general, "hide"),
        (on_paragraph, "reject"),
        (reply, "hide"),
        (general, "publish"),
        (on_paragraph, "publish"),
        (reply, "publish"),
    ]
    for contribution, action in steps:
        services.contributions_moderate(
            actor=dns_staff,
            contribution_ids=[contribution.pk],
            action=action,
            reason="" if action == "publish" else "off_topic",
        )
        assert counters_stored(chapter=chapter) == counters_expected(chapter=chapter), action

    services.contribution_withdraw(
        user=author, contribution=Contribution.objects.get(pk=general.pk)
    )
    stored = counters_stored(chapter=chapter)
    assert stored == counters_expected(chapter=chapter)
    # Withdrawn: no longer published, still a thread (its notice stays in the list).
    assert stored["chapter"] == (2, 1)


def test_counters_refresh_sets_right_what_bulk_writes_left(chapter):
    author = UserFactory()
    Contribution.objects.bulk_create(
        Contribution(
            consultation=chapter.consultation,
            chapter=chapter,
            version=chapter.current_version,
            author=author,
            body="En masse.",
            status=status,
        )
        for status in ["published", "published", "hidden", "pending", "rejected"]
    )
    assert counters_stored(chapter=chapter)["chapter"] == (0, 0)
    services.counters_refresh(chapter_ids=[chapter.pk])
    assert counters_stored(chapter=chapter) == counters_expected(chapter=chapter)
    assert counters_stored(chapter=chapter)["chapter"] == (2, 3)


def test_stored_html_is_the_sanitised_rendering_on_create_and_edit(chapter, settings):
    settings.CONTRIBUTION_EDIT_WINDOW_MINUTES = 60
    author = _writer(chapter)
    hostile = 'Voir **ceci** <script>alert(1)</script> <img src=x onerror="alert(2)">'
    contribution = services.contribution_create(user=author, chapter=chapter, body=hostile)
    contribution.refresh_from_db()
    assert contribution.body_html == render_markdown(contribution.body)
    assert "<script" not in contribution.body_html
    assert "onerror" not in contribution.body_html
    assert "<strong>ceci</strong>" in contribution.body_html
    assert contribution.markdown_version == MARKDOWN_VERSION

    services.contribution_edit(user=author, contribution=contribution, body="Texte *revu*.")
    contribution.refresh_from_db()
    assert contribution.body_html == render_markdown("Texte *revu*.")


def test_paragraph_texts_are_stored_rendered_on_each_revision(chapter):
    services.chapter_revise(chapter=chapter, body="Un **nouveau** texte.\n\nEt un autre.")
    texts = ParagraphText.objects.filter(version__chapter=chapter)
    assert texts.count() >= 5
    for text in texts:
        assert text.text_html == render_markdown(text.text)
        assert text.markdown_version == MARKDOWN_VERSION


def test_rerender_markdown_renders_rows_of_an_older_version(chapter):
    from django.core.management import call_command

    author = UserFactory()
    [stale] = Contribution.objects.bulk_create(
        [
            Contribution(
                consultation=chapter.consultation,
                chapter=chapter,
                version=chapter.current_version,
                author=author,
                body="Un *texte*.",
                status="published",
            )
        ]
    )
    call_command("rerender_markdown", "--recount")
    stale.refresh_from_db()
    assert stale.body_html == render_markdown("Un *texte*.")
    assert stale.markdown_version == MARKDOWN_VERSION
    assert counters_stored(chapter=chapter)["chapter"] == (1, 1)
