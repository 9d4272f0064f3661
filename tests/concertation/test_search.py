"""Search (/recherche/) of chapters and published contributions. Both backends ignore case and
accents; PostgreSQL also stems French words and ranks the results."""

import re

import pytest
from django.conf import settings as django_settings

from concertation import search as search_module
from concertation import services
from concertation.models import Contribution
from concertation.search import search
from tests.concertation.factories import (
    ChapterFactory,
    ConsultationFactory,
    ContributionFactory,
    paragraph_at,
)
from tests.tools import missing_tool

URL = "/recherche/"


def page(client, q) -> str:
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def hits_section(html: str, heading: str) -> str:
    """The part of the results page under the <h2> "Chapitres" or "Contributions"."""
    after = html.split(f">{heading}</h2>", 1)[1]
    return after.split("<h2", 1)[0] if heading == "Chapitres" else after.split("</main>", 1)[0]


@pytest.fixture
def corpus(db):
    chapter = ChapterFactory(
        title="Sécurité des systèmes d'information",
        body="La sécurité des systèmes d'information protège chaque établissement de santé.\n\n"
        "Un paragraphe sur la messagerie sécurisée.",
    )
    other = ChapterFactory(
        consultation=chapter.consultation,
        title="Interopérabilité",
        body="Les logiciels échangent des données sans ressaisie.",
    )
    contributions = {
        status: ContributionFactory(
            chapter=chapter, body=f"Renforcer la SÉCURITÉ, contribution {status}.", status=status
        )
        for status in ("published", "pending", "hidden", "rejected", "withdrawn")
    }
    return {"chapter": chapter, "other": other, **contributions}


def test_search_page_lists_matching_chapters_and_published_contributions_only(client, corpus):
    html = page(client, "sécurité")
    chapters = hits_section(html, "Chapitres")
    contributions = hits_section(html, "Contributions")
    assert corpus["chapter"].get_absolute_url() in chapters
    assert corpus["other"].get_absolute_url() not in chapters
    assert "contribution published" in contributions
    for status in ("pending", "hidden", "rejected", "withdrawn"):
        assert f"contribution {status}" not in html
    assert "1 chapitre et 1 contribution pour « sécurité »" in html


@pytest.mark.parametrize("q", ["securite", "SECURITE", "Sécurité", "sécurité"])
def test_case_and_accents_are_ignored(corpus, q):
    results = search(q)
    assert [h.url for h in results.chapters] == [corpus["chapter"].get_absolute_url()]
    assert [h.url for h in results.contributions] == [corpus["published"].get_absolute_url()]


def test_every_word_must_match(corpus):
    assert search("sécurité messagerie").chapters
    assert search("sécurité télésanté").chapters == []


def test_a_query_of_several_unknown_words_finds_nothing(corpus):
    """No chapter or contribution holds any of these words: nothing must come back (on
    PostgreSQL, ts_rank gives 1e-20, not 0, to a document that does not match a query of
    several words, so a `rank > 0` filter lets every document through)."""
    results = search("télésanté ruralité")
    assert results.chapters == [] and results.contributions == [] and results.total == 0


def test_excerpt_is_highlighted_and_escaped(client, corpus):
    # Written directly: the services would strip the tag, the search must escape it anyway.
    ContributionFactory(
        chapter=corpus["chapter"],
        body="<script>alert(1)</script> La sécurité & la confiance <b>d'abord</b>.",
    )
    html = page(client, "securite")
    contributions = hits_section(html, "Contributions")
    assert re.search(r"<mark>s[ée]curit[ée]</mark>", contributions, re.I)
    # Escaped (SQLite fallback) or dropped (PostgreSQL's headline parser): never live markup.
    assert "<script>" not in contributions and "<b>" not in contributions
    assert "&amp; la confiance" in contributions


def test_nothing_found_and_odd_queries(client, corpus):
    empty = page(client, "zzzzzz")
    assert "Aucun résultat" in empty and "<mark>" not in empty
    assert "Aucun résultat" not in page(client, "")
    for q in ["\x00", "a", "' OR 1=1 --", "x" * 5000, "&|!:*()", "-", '"']:
        page(client, q)
    html = page(client, "<script>alert(1)</script>")
    assert "<script>alert(1)" not in html
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_contributions_of_an_unpublished_consultation_are_not_found(corpus):
    """Like its chapters, the contributions of a consultation taken offline must not be found:
    their links lead to a 404 and their text is no longer public."""
    hidden_consultation = ConsultationFactory(is_published=False, title="Brouillon")
    chapter = ChapterFactory(consultation=hidden_consultation, body="Texte sur la télésanté.")
    ContributionFactory(chapter=chapter, body="La télésanté dans les territoires ruraux.")
    results = search("télésanté")
    assert results.chapters == []
    assert results.contributions == []


def test_a_contribution_found_links_to_a_page_that_shows_it(client, corpus):
    chapter = corpus["chapter"]
    on_paragraph = ContributionFactory(
        chapter=chapter, paragraph=paragraph_at(chapter, 2), body="La messagerie par défaut."
    )
    [hit] = search("défaut").contributions
    response = client.get(hit.url)
    assert response.status_code == 200
    assert f'id="contribution-{on_paragraph.pk}"' in response.content.decode()


# --- PostgreSQL full-text search -----------------------------------------------------------------


@pytest.fixture
def postgres():
    # Skipped on a developer's SQLite, failed in CI (ESANTE_REQUIRE_EVERY_TOOL): never a silent
    # skip where PostgreSQL is expected.
    if not django_settings.IS_POSTGRES:
        missing_tool(
            "needs PostgreSQL: French stemming and ranking come from its full-text search "
            "(run with DATABASE_URL=postgres://...)"
        )


def test_the_stored_vector_follows_every_write_on_postgresql(postgres, corpus, dns_staff):
    """The triggers of migration 0010: a write path (service, save, bulk update, moderation)
    cannot leave a contribution findable by words it no longer holds, or the reverse."""
    urls = lambda q: [h.url for h in search(q).contributions]  # noqa: E731 - a local shorthand.
    created = ContributionFactory(chapter=corpus["other"], body="La téléexpertise en EHPAD.")
    assert urls("téléexpertise") == [created.get_absolute_url()]
    created.body = "La télésurveillance à domicile."
    created.save()
    assert urls("téléexpertise") == [] and urls("télésurveillance") == [created.get_absolute_url()]
    Contribution.objects.filter(pk=created.pk).update(body="Le dossier médical partagé.")
    assert urls("télésurveillance") == [] and urls("dossier médical") != []
    created.refresh_from_db()
    created.agree_count += 1  # A write of other fields keeps the vector.
    created.save(update_fields=["agree_count"])
    assert urls("dossier médical") == [created.get_absolute_url()]
    services.contributions_moderate(
        actor=dns_staff, contribution_ids=[created.pk], action="hide", reason="off_topic"
    )
    assert urls("dossier médical") == []
    services.contributions_moderate(
        actor=dns_staff, contribution_ids=[created.pk], action="publish"
    )
    assert urls("dossier médical") == [created.get_absolute_url()]
    rewording = ContributionFactory(
        chapter=corpus["other"],
        kind="rewording",
        body="Reformuler.",
        proposed_text="Cybersécurité.",
    )
    assert urls("cybersecurite") == [rewording.get_absolute_url()]


def test_chapter_versions_keep_their_vector_on_postgresql(postgres, corpus):
    chapter = corpus["other"]
    assert search("ressaisie").chapters
    version = chapter.current_version
    version.body = "Un texte sur la télémédecine."
    version.save()
    assert search("ressaisie").chapters == []
    assert [h.url for h in search("télémédecine").chapters] == [chapter.get_absolute_url()]


def test_inflection_is_ignored_on_postgresql(postgres, corpus):
    found = search("établissements")
    assert [h.url for h in found.chapters] == [corpus["chapter"].get_absolute_url()]
    ContributionFactory(chapter=corpus["other"], body="Chaque établissement déclare ses incidents.")
    assert len(search("etablissements").contributions) == 1
    assert len(search("déclarer").contributions) == 1
    assert "<mark>" in str(search("établissements").contributions[0].excerpt)


def test_results_are_ranked_on_postgresql(postgres, corpus):
    # The better match is the older one, so that a date ordering would put it second.
    strong = ContributionFactory(
        chapter=corpus["other"],
        body="Interopérabilité, interopérabilité : l'interopérabilité avant tout.",
    )
    weak = ContributionFactory(
        chapter=corpus["other"], body="Un mot en passant sur l'interopérabilité et le reste."
    )
    assert strong.created_at < weak.created_at
    # Equal ranks: the most recent first.
    twin_old, twin_new = (
        ContributionFactory(chapter=corpus["other"], body="Penser à l'interopérabilité.")
        for _ in range(2)
    )
    assert twin_old.created_at < twin_new.created_at
    results = search("interoperabilite")
    assert [h.url for h in results.contributions] == [
        strong.get_absolute_url(),
        twin_new.get_absolute_url(),
        twin_old.get_absolute_url(),
        weak.get_absolute_url(),
    ]
    # A chapter whose title matches ranks above one that only mentions the word.
    mention = ChapterFactory(
        consultation=corpus["chapter"].consultation,
        title="Annexes",
        body="Voir aussi le chapitre sur l'interopérabilité.",
    )
    urls = [h.url for h in search("interopérabilité").chapters]
    assert urls == [corpus["other"].get_absolute_url(), mention.get_absolute_url()]


@pytest.mark.sqlite_fallback
def test_sqlite_fallback_folds_plurals(corpus):
    if django_settings.IS_POSTGRES:
        pytest.skip("SQLite fallback only: PostgreSQL stems words instead")
    assert [h.url for h in search("etablissements").chapters] == [
        corpus["chapter"].get_absolute_url()
    ]


# --- Both databases: pages, a bounded ranking, a fixed number of queries ----------------------


def test_results_are_paginated(client, corpus):
    for i in range(25):
        ContributionFactory(chapter=corpus["other"], body=f"Note {i} sur la coordination.")
    first, second = search("coordination"), search("coordination", page=2)
    assert first.total == second.total == 25
    assert len(first.contributions) == 20 and len(second.contributions) == 5
    assert not {h.url for h in first.contributions} & {h.url for h in second.contributions}
    assert search("coordination", page="x").page.number == 1
    assert search("coordination", page=99).contributions  # Past the last page: the first.
    html = page(client, "coordination")
    assert "25 contributions" in html
    assert 'href="?q=coordination&amp;page=2"' in html
    html = client.get(URL, {"q": "coordination", "page": 2}).content.decode()
    assert ">Chapitres</h2>" not in html and "Note" in html


def test_common_words_rank_only_the_most_recent_matches(client, corpus, monkeypatch):
    """Past MAX_CANDIDATES matches, only the most recent ones are ranked, and the page says so."""
    monkeypatch.setattr(search_module, "MAX_CANDIDATES", 5)
    monkeypatch.setattr(search_module, "PER_PAGE", 2)
    made = [ContributionFactory(chapter=corpus["other"], body=f"Santé {i}.") for i in range(8)]
    results = search("santé")
    assert results.total == 5 and results.capped
    recent = {c.get_absolute_url() for c in sorted(made, key=lambda c: c.created_at)[-5:]}
    found = {h.url for n in (1, 2, 3) for h in search("santé", page=n).contributions}
    assert found == recent
    html = page(client, "santé")
    assert "au moins 5 contributions" in html and "les plus récentes" in html


@pytest.mark.parametrize("size", [3, 30])
def test_a_search_is_a_fixed_number_of_queries_whatever_the_number_of_contributions(
    corpus, size, django_assert_num_queries
):
    """PostgreSQL: the chapters, the ranked candidates, the shown rows; SQLite: the chapters and
    the shown rows with their total."""
    for i in range(size):
        ContributionFactory(chapter=corpus["other"], body=f"La sécurité, encore ({i}).")
    with django_assert_num_queries(3 if django_settings.IS_POSTGRES else 2):
        results = search("sécurité", page=2 if size > 20 else 1)
        assert results.contributions
