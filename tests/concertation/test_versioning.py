"""Chapter versions: paragraphs keep their anchors across revisions, contributions stay attached
to the version and paragraph they were written on, older versions and diffs stay readable."""

import re

import pytest
from django.urls import reverse

from concertation import services
from concertation.models import ChapterVersion, Contribution, Paragraph
from concertation.versioning import match_paragraphs, split_paragraphs, word_diff
from tests.concertation.factories import (
    PARAGRAPHS,
    ChapterFactory,
    anchors_of,
    paragraph_at,
)
from tests.esante.factories import UserFactory

P1, P2, P3 = PARAGRAPHS


def versions_url(chapter):
    return reverse("concertation:chapter_versions", args=[chapter.consultation.slug, chapter.slug])


# --- split and match -----------------------------------------------------------------------------


def test_split_paragraphs_on_blank_lines_keeping_lists_and_tables_whole():
    body = (
        "\r\n  Premier paragraphe,\r\nsur deux lignes.\r\n\r\n"
        "- un\n- deux\n- trois\n"
        "\n   \t \n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n\n"
    )
    assert split_paragraphs(body) == [
        "Premier paragraphe,\nsur deux lignes.",
        "- un\n- deux\n- trois",
        "| a | b |\n|---|---|\n| 1 | 2 |",
    ]
    assert split_paragraphs(" \n\n \n") == []


def test_match_keeps_unchanged_and_lightly_edited_and_leaves_new_ones_without_anchor():
    old = [("p-a", P1), ("p-b", P2), ("p-c", P3)]
    new = [
        P1,
        "Un paragraphe entièrement nouveau sur la messagerie de santé.",
        "Les établissements de santé déclarent leurs incidents de sécurité.",  # light edit of P2
        "Tout autre chose : la télésanté dans les territoires ruraux.",  # replaces P3
    ]
    assert match_paragraphs(old, new) == ["p-a", None, "p-b", None]


def test_match_from_nothing_gives_no_anchor():
    assert match_paragraphs([], [P1, P2]) == [None, None]


def test_match_never_gives_one_anchor_twice():
    old = [("p-a", P2)]
    new = [P2 + " Première copie.", P2 + " Seconde copie."]
    result = match_paragraphs(old, new)
    assert result.count("p-a") == 1


# --- revising a chapter --------------------------------------------------------------------------


@pytest.fixture
def chapter(db):
    return ChapterFactory()


def test_first_version_stores_ordered_paragraphs_with_unique_anchors(chapter):
    version = chapter.current_version
    assert version.number == 1 and version.note == "Version initiale"
    assert [t.text for t in version.texts.all()] == PARAGRAPHS
    anchors = anchors_of(version)
    assert len(set(anchors)) == 3
    assert all(re.fullmatch(r"p-[0-9a-f]{6}", a) for a in anchors)


def test_revision_keeps_anchors_of_unchanged_and_lightly_edited_paragraphs(chapter):
    a1, a2, a3 = anchors_of(chapter.current_version)
    body = "\n\n".join(
        [
            P1,
            "Un paragraphe ajouté au milieu du chapitre sur la messagerie sécurisée.",
            "Les établissements déclarent sans délai leurs incidents de sécurité.",
            P3,
        ]
    )
    v2 = services.chapter_revise(chapter=chapter, body=body, note="Précisions")
    chapter.refresh_from_db()

    assert chapter.current_version == v2 and v2.number == 2 and v2.note == "Précisions"
    n1, new, n2, n3 = anchors_of(v2)
    assert (n1, n2, n3) == (a1, a2, a3)
    assert new not in {a1, a2, a3}
    assert Paragraph.objects.filter(chapter=chapter).count() == 4
    # Version 1 is kept as it was.
    v1 = chapter.versions.get(number=1)
    assert [t.text for t in v1.texts.all()] == PARAGRAPHS
    assert anchors_of(v1) == [a1, a2, a3]


def test_rewritten_paragraph_gets_a_new_anchor_and_removed_one_leaves_the_version(chapter):
    a1, a2, a3 = anchors_of(chapter.current_version)
    body = "\n\n".join([P1, "Texte sans aucun rapport avec le précédent : la télésanté."])
    v2 = services.chapter_revise(chapter=chapter, body=body)
    kept, rewritten = anchors_of(v2)
    assert kept == a1
    assert rewritten not in {a1, a2, a3}


def test_same_text_creates_no_version(chapter):
    same = services.chapter_revise(chapter=chapter, body="\n\n".join(PARAGRAPHS) + "\n\n")
    assert same == chapter.current_version
    assert ChapterVersion.objects.filter(chapter=chapter).count() == 1


def test_empty_revision_is_refused(chapter):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.chapter_revise(chapter=chapter, body=" \n\n ")
    assert chapter.versions.count() == 1


def test_moved_paragraph_keeps_its_anchor(chapter):
    """Reordering paragraphs leaves their texts unchanged: they are the same paragraphs and the
    contributions on them must stay attached (the issue: "a revised chapter keeps the ids of
    unchanged paragraphs")."""
    a1, a2, a3 = anchors_of(chapter.current_version)
    v2 = services.chapter_revise(chapter=chapter, body="\n\n".join([P3, P1, P2]))
    assert anchors_of(v2) == [a3, a1, a2]


# --- contributions across versions ---------------------------------------------------------------


def test_contribution_keeps_its_version_and_paragraph_after_a_revision(client, chapter):
    author = UserFactory(display_name="Claire Martin")
    client.force_login(author)
    anchor = paragraph_at(chapter, 2).anchor
    response = client.post(
        reverse("concertation:contribution_create", args=[chapter.consultation.slug, chapter.slug]),
        {
            "kind": "comment",
            "body": "Préciser le délai de déclaration.",
            "paragraph": anchor,
            "accept_charter": "on",
        },
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    v1 = chapter.current_version

    services.chapter_revise(
        chapter=chapter,
        body="\n\n".join(
            [
                "Nouveau paragraphe d'introduction sur la gouvernance.",
                P1,
                "Les établissements déclarent leurs incidents de sécurité sous 72 heures.",
            ]
        ),
    )
    chapter.refresh_from_db()
    contribution.refresh_from_db()
    assert contribution.version == v1
    assert contribution.paragraph.anchor == anchor
    assert chapter.current_version.texts.get(position=3).paragraph.anchor == anchor

    html = client.get(chapter.get_absolute_url(), {"paragraphe": anchor}).content.decode()
    panel = html.split('id="titre-contributions"', 1)[1]
    assert "Préciser le délai de déclaration." in panel
    assert "Sur la version 1" in panel
    # The paragraph's counter on the current text counts it.
    whole = client.get(chapter.get_absolute_url()).content.decode()
    assert re.search(rf'id="{anchor}".*?>1 contribution<', whole, re.S)


def test_older_version_is_viewable_read_only(client, chapter):
    client.force_login(UserFactory())
    services.chapter_revise(
        chapter=chapter, body="\n\n".join([P1, P2, "La messagerie sécurisée remplace le fax."])
    )
    current = client.get(chapter.get_absolute_url()).content.decode()
    assert "La messagerie sécurisée remplace le fax." in current
    assert "standards ouverts" not in current
    assert "Envoyer ma contribution" in current

    old = client.get(chapter.get_absolute_url(), {"version": "1"})
    assert old.status_code == 200
    html = old.content.decode()
    assert "standards ouverts" in html and "remplace le fax" not in html
    assert "Vous lisez une version antérieure de ce chapitre." in html
    assert "Version 1 du" in html
    # One comments the current text only.
    assert "Envoyer ma contribution" not in html

    assert client.get(chapter.get_absolute_url(), {"version": "7"}).status_code == 404
    fallback = client.get(chapter.get_absolute_url(), {"version": "abc"})
    assert fallback.status_code == 200 and "remplace le fax" in fallback.content.decode()


def test_contribution_on_a_paragraph_removed_by_a_revision_is_refused(client, chapter):
    """A form opened before a revision may post the anchor of a paragraph that the current
    version no longer has: the contribution would be saved on a version where its paragraph does
    not exist, and shown nowhere."""
    client.force_login(UserFactory())
    removed = paragraph_at(chapter, 3).anchor
    services.chapter_revise(chapter=chapter, body="\n\n".join([P1, P2]))
    response = client.post(
        reverse(
            "concertation:contribution_create", args=[chapter.consultation.slug, chapter.slug]
        ),
        {"kind": "comment", "body": "Sur le paragraphe retiré.", "paragraph": removed,
         "accept_charter": "on"},
    )  # fmt: skip
    assert response.status_code == 400
    assert not Contribution.objects.exists()


# --- the versions page ---------------------------------------------------------------------------


def test_versions_page_lists_versions_and_shows_a_word_diff(client, chapter):
    services.chapter_revise(
        chapter=chapter,
        body="\n\n".join(
            [
                P1,
                "Les établissements déclarent rapidement leurs incidents de sécurité.",
                "Un paragraphe ajouté sur la messagerie sécurisée de santé.",
            ]
        ),
        note="Délais de déclaration",
    )
    response = client.get(versions_url(chapter))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Délais de déclaration" in html and "Version initiale" in html
    assert f'href="{chapter.get_absolute_url()}?version=1"' in html
    assert "Modifications entre la version 1 et la version 2" in html
    assert re.search(r"<ins>\s*rapidement\s*</ins>", html)
    assert "Paragraphe modifié" in html and "Paragraphe ajouté" in html
    assert "Paragraphe supprimé" in html and re.search(r"<del>[^<]*standards", html)
    assert "Inchangé" in html


def test_versions_page_compares_chosen_versions(client, chapter):
    services.chapter_revise(chapter=chapter, body="\n\n".join([P1, P2, P3 + " Deuxième."]))
    services.chapter_revise(chapter=chapter, body="\n\n".join([P1, P2, P3 + " Troisième."]))
    html = client.get(versions_url(chapter), {"de": "1", "a": "3"}).content.decode()
    assert "Modifications entre la version 1 et la version 3" in html
    assert "Deuxième" not in html.split('id="comparaison"', 1)[1]
    fallback = client.get(versions_url(chapter), {"de": "x", "a": "1"}).content.decode()
    assert "Modifications entre la version 2 et la version 3" in fallback


def test_versions_page_escapes_html_of_the_text(client, chapter):
    services.chapter_revise(
        chapter=chapter,
        body="\n\n".join(
            [P1, P2 + ' <script>alert("v2")</script>', "<b onmouseover=alert(1)>gras</b>"]
        ),
    )
    html = client.get(versions_url(chapter)).content.decode()
    assert "<script>alert" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;alert(&quot;v2&quot;)&lt;/script&gt;" in html
    assert "&lt;b onmouseover=alert(1)&gt;" in html


def test_word_diff_marks_words_and_escapes_everything():
    html = str(word_diff("un <i>texte</i> ancien & sûr", "un texte nouveau & sûr"))
    assert "<del>&lt;i&gt;texte&lt;/i&gt;</del>" in html
    assert "<ins>texte</ins>" in html
    assert "<del>ancien</del><ins>nouveau</ins>" in html
    assert "&amp; sûr" in html
    assert "<i>" not in html
    assert str(word_diff("même texte", "même texte")) == "même texte"


def test_a_single_version_has_no_diff(client, chapter):
    html = client.get(versions_url(chapter)).content.decode()
    assert "<p>Ce chapitre n'a qu'une version.</p>" in html
    assert "Modifications entre" not in html
