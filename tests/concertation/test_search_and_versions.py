import re

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from concertation import services
from concertation.models import Contribution
from concertation.search import search
from concertation.versioning import match_paragraphs, split_paragraphs, word_diff
from tests.concertation.builders import contribute, make_chapter, paragraph
from tests.esante.factories import UserFactory


def test_split_and_match_paragraphs():
    assert split_paragraphs("Un.\n\n\nDeux\nsuite.\r\n\r\nTrois.") == [
        "Un.",
        "Deux\nsuite.",
        "Trois.",
    ]
    old = [("p-a", "Premier paragraphe stable."), ("p-b", "Deuxième paragraphe à revoir.")]
    new = [
        "Nouveau en tête.",
        "Premier paragraphe stable.",
        "Deuxième paragraphe à revoir bientôt.",
    ]
    assert match_paragraphs(old, new) == [None, "p-a", "p-b"]
    assert match_paragraphs(old, ["Rien à voir du tout, vraiment."]) == [None]


def test_word_diff_escapes_html():
    html = word_diff("un <b>texte</b> ancien", "un texte nouveau")
    assert "<del>" in html and "<ins>nouveau</ins>" in html
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_revision_keeps_anchors_and_contributions_stay_attached(client, db):
    chapter = make_chapter()
    anchors = [paragraph(chapter, n).anchor for n in (1, 2, 3)]
    on_second = contribute(chapter, UserFactory(), body="Sur le 2", paragraph=paragraph(chapter, 2))
    v1 = chapter.current_version

    body = "\n\n".join(
        [
            "Un paragraphe tout neuf en tête du chapitre révisé.",
            "La sécurité des systèmes d'information est une priorité.",
            "Les établissements déclarent rapidement leurs incidents de sécurité.",
        ]
    )
    v2 = services.chapter_revise(chapter=chapter, body=body, note="Révision")
    chapter.refresh_from_db()
    assert v2.number == 2 and chapter.current_version == v2
    new_anchors = [t.paragraph.anchor for t in v2.texts.order_by("position")]
    assert new_anchors[1:] == anchors[:2]
    assert new_anchors[0] not in anchors
    assert services.chapter_revise(chapter=chapter, body=body) == v2  # nothing new

    on_second.refresh_from_db()
    assert on_second.version == v1 and on_second.paragraph.anchor == anchors[1]
    page = client.get(f"{chapter.get_absolute_url()}?paragraphe={anchors[1]}")
    html = page.content.decode()
    assert "Sur le 2" in html and "Sur la version 1" in html

    old = client.get(f"{chapter.get_absolute_url()}?version=1").content.decode()
    assert "L&#x27;interopérabilité repose sur des standards ouverts." in old or (
        "interopérabilité repose" in old
    )
    assert "version antérieure" in old

    versions = client.get(
        reverse("concertation:chapter_versions", args=[chapter.consultation.slug, chapter.slug])
    ).content.decode()
    assert re.search(r"<ins>\s*rapidement\s*</ins>", versions)
    assert "Paragraphe supprimé" in versions and "Paragraphe ajouté" in versions


def test_unknown_version_is_404(client, db):
    chapter = make_chapter()
    assert client.get(f"{chapter.get_absolute_url()}?version=9").status_code == 404


@pytest.fixture
def corpus(db):
    chapter = make_chapter(
        body="La sécurité des systèmes d'information protège les établissements de santé.\n\n"
        "Un autre paragraphe sur la messagerie."
    )
    contribute(chapter, UserFactory(), body="Renforcer la sécurité des petits établissements.")
    contribute(chapter, UserFactory(), body="Sécurité en attente de modération", status="pending")
    contribute(chapter, UserFactory(), body="Sécurité masquée", status="hidden")
    return chapter


def test_search_ignores_case_and_accents(corpus):
    results = search("SECURITE")
    assert [h.url for h in results["chapters"]] == [corpus.get_absolute_url()]
    bodies = [str(h.excerpt) for h in results["contributions"]]
    assert len(bodies) == 1 and "petits" in bodies[0]
    assert "<mark>" in bodies[0]


def test_search_page_escapes_and_highlights(client, corpus):
    contribute(corpus, UserFactory(), body="<i>sécurité</i> & confiance")
    Contribution.objects.filter(body__startswith="<i>").update(body="<i>sécurité</i> & confiance")
    html = client.get("/recherche/", {"q": "sécurité"}).content.decode()
    assert "<mark>" in html
    assert "<i>sécurité</i>" not in html
    assert client.get("/recherche/", {"q": "\x00" * 3}).status_code == 200
    assert client.get("/recherche/", {"q": "x" * 5000}).status_code == 200


def test_french_stemming_on_postgresql(corpus):
    if not django_settings.IS_POSTGRES:
        pytest.skip("needs PostgreSQL: French stemming comes from its text search (CI runs it)")
    results = search("établissement")
    assert results["chapters"] and results["contributions"]
    assert search("etablissements")["contributions"]
    ranked = search("sécurité établissements")
    assert ranked["contributions"][0].excerpt.count("<mark>") >= 2


@pytest.mark.sqlite_fallback
def test_plural_folding_on_sqlite(corpus):
    if django_settings.IS_POSTGRES:
        pytest.skip("SQLite fallback: .ci/run runs it again on SQLite (-m sqlite_fallback)")
    assert search("etablissements")["chapters"]
