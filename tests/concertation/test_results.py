"""The results of a consultation (/concertation/<slug>/resultats/): the figures of a known dataset,
who sees them and when, the synthesis, the charts and their tables, the answered contributions,
and queries that do not grow with the number of contributions.

Dates are built from the consultation's own: it opens on a Monday at 9:00 (Paris) ten weeks
before the week of the test and lasts four weeks, so that its weeks are the same whatever the day
the suite runs (tests also run at several fixed instants in CI)."""

import datetime
import re
import zoneinfo
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from concertation import services
from concertation.models import Contribution, Synthesis
from concertation.results import figures
from esante.i18n import date_in_words
from esante.models import Region
from tests.concertation.factories import (
    ChapterFactory,
    ConsultationFactory,
    ContributionFactory,
    paragraph_at,
)
from tests.esante.factories import UserFactory

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
S = Contribution.Status


def monday_weeks_ago(weeks: int) -> datetime.datetime:
    """9:00 in Paris on the Monday `weeks` weeks before this week's."""
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday() + 7 * weeks)
    return datetime.datetime.combine(monday, datetime.time(9), tzinfo=PARIS)


def consultation_of_four_weeks(**kwargs):
    opens_at = monday_weeks_ago(10)
    return ConsultationFactory(
        opens_at=opens_at, closes_at=opens_at + datetime.timedelta(days=28), **kwargs
    )


def chapter_of(consultation, **kwargs):
    """A chapter whose first version was online from the opening."""
    chapter = ChapterFactory(consultation=consultation, **kwargs)
    chapter.versions.update(created_at=consultation.opens_at)
    chapter.refresh_from_db()
    return chapter


def during(consultation, week: int, hours: int = 3) -> datetime.datetime:
    """A moment of the consultation's `week` (0 for the first): its Tuesday, after 9:00."""
    return consultation.opens_at + datetime.timedelta(days=7 * week + 1, hours=hours)


def squeeze(text: str) -> str:
    """Runs of spaces and line breaks as one space; no-break spaces kept (« 50,0 % »)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


class Page(HTMLParser):
    """The charts (`<svg role="img">`, their title) and tables (caption, rows) of a page, and
    whether any element has an inline style or script."""

    def __init__(self, source: str):
        super().__init__()
        self.svgs, self.titles, self.tables = [], {}, []
        self.inline_styles = self.scripts_inline = 0
        self._title_id = None
        self._cell = self._caption = None
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.inline_styles += 1
        if tag == "script" and "src" not in attrs:
            self.scripts_inline += 1
        if tag == "svg":
            self.svgs.append(attrs)
        elif tag == "title" and "id" in attrs:
            self._title_id = attrs["id"]
            self.titles[self._title_id] = ""
        elif tag == "table":
            self.tables.append({"caption": "", "caption_id": "", "rows": []})
        elif tag == "caption":
            self._caption = ""
            self.tables[-1]["caption_id"] = attrs.get("id", "")
        elif tag == "tr":
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "title":
            self._title_id = None
        elif tag == "caption":
            self.tables[-1]["caption"] = squeeze(self._caption)
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1]["rows"][-1].append(squeeze(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._title_id:
            self.titles[self._title_id] += data
        if self._caption is not None:
            self._caption += data
        if self._cell is not None:
            self._cell += data

    def table(self, caption: str) -> list[list[str]]:
        [table] = [t for t in self.tables if t["caption"] == caption]
        return table["rows"][1:]  # without its header


def main_of(response) -> str:
    source = response.content.decode()
    return source[source.index("<main") : source.index("</main>")]


@pytest.fixture
def dataset(db, dns_staff):
    """Four participants, three chapters, six published contributions (one a reply) over four
    weeks, three of them answered; a hidden, a rejected and a pending one."""
    consultation = consultation_of_four_weeks()
    normandie = Region.objects.get(slug="normandie")
    bretagne = Region.objects.get(slug="bretagne")
    u1 = UserFactory(stakeholder_type="citizen", region=normandie)
    u2 = UserFactory(stakeholder_type="health_professional", region=bretagne)
    u3 = UserFactory(stakeholder_type="industry", region=None)
    u4 = UserFactory(stakeholder_type="citizen", region=None)
    ch1 = chapter_of(consultation, number=1, title="Sécurité")
    ch2 = chapter_of(consultation, number=2, title="Interopérabilité")
    chapter_of(consultation, number=3, title="Éthique")
    p1, p2 = paragraph_at(ch1, 1), paragraph_at(ch1, 2)

    def contribution(author, chapter, week, **kwargs):
        return ContributionFactory(
            author=author, chapter=chapter, created_at=during(consultation, week), **kwargs
        )

    c1 = contribution(u1, ch1, 0, paragraph=p1)
    contribution(u1, ch1, 0, paragraph=p1, kind="rewording", proposed_text="Mieux dit.")
    c3 = contribution(
        u2, ch1, 1, paragraph=p2, moderated_at=during(consultation, 1, hours=3) + _minutes(30)
    )
    c4 = contribution(u3, ch2, 1)
    contribution(u4, ch1, 3, paragraph=p1)
    contribution(u2, ch1, 2, paragraph=p1, parent=c1)
    contribution(
        u3,
        ch1,
        2,
        status=S.HIDDEN,
        moderation_reason="abuse",
        moderated_at=during(consultation, 2) + _minutes(120),
    )
    contribution(
        u4,
        ch2,
        2,
        status=S.REJECTED,
        moderation_reason="off_topic",
        moderated_at=during(consultation, 2) + _minutes(240),
    )
    contribution(u1, ch1, 3, status=S.PENDING, held_reason="personal_data")
    taken = services.answer_draft(
        actor=dns_staff, contributions=[c1, c3], state="taken", body="Retenu."
    )
    refused = services.answer_draft(
        actor=dns_staff, contributions=[c4], state="not_retained", body="Hors de portée."
    )
    services.answers_publish(actor=dns_staff, answer_ids=[taken.pk, refused.pk])
    return consultation


def _minutes(n):
    return datetime.timedelta(minutes=n)


def results_url(consultation, page=""):
    return f"/concertation/{consultation.slug}/resultats/{page}"


def test_the_figures_of_a_known_dataset(dataset):
    totals = figures.totals(dataset)
    assert (totals.contributions, totals.replies, totals.participants) == (6, 1, 4)
    # The rate leaves the replies out: three of the five contributions on the text.
    assert totals.answered == totals.answered_top_level == 3 and totals.answer_rate == 60.0
    assert totals.by_state == {
        "taken": 2,
        "partly": 0,
        "not_retained": 1,
        "out_of_scope": 0,
        "already_planned": 0,
    }

    def rows(chart):
        return [(str(bar.label), bar.value, bar.extra.get("participants")) for bar in chart.bars]

    assert rows(figures.by_stakeholder(dataset)) == [
        ("Citoyen ou patient", 3, 2),
        ("Professionnel de santé", 2, 1),
        ("Industriel ou éditeur", 1, 1),
    ]
    assert rows(figures.by_region(dataset)) == [
        ("Bretagne", 2, 1),
        ("Normandie", 2, 1),
        ("Région non renseignée", 2, 2),
    ]
    chapters = figures.by_chapter(dataset)
    assert rows(chapters) == [
        ("1. Sécurité", 5, 3),
        ("2. Interopérabilité", 1, 1),
        ("3. Éthique", 0, 0),
    ]
    assert [bar.extra["answered"] for bar in chapters.bars] == [2, 1, 0]
    weeks = figures.by_week(dataset)
    assert [column.value for column in weeks.columns] == [2, 2, 1, 1, 0]
    first = timezone.localdate(dataset.opens_at)
    assert weeks.columns[0].label == f"Semaine du {date_in_words(first, 'j F Y')}"
    assert [column.short_label for column in weeks.columns] == [
        (first + datetime.timedelta(days=7 * k)).strftime("%d/%m") for k in range(5)
    ]
    [top, second] = figures.top_paragraphs(dataset)
    assert (top.chapter_number, top.position, top.contributions, top.participants) == (1, 1, 4, 3)
    assert (second.position, second.contributions) == (2, 1)
    assert top.excerpt.startswith("La sécurité des systèmes")
    assert re.fullmatch(r"/concertation/[\w-]+/chapitre-1/\?paragraphe=(p-\w+)#\1", top.url)


def test_an_answered_reply_counts_in_the_positions_not_in_the_rate(dataset, dns_staff):
    reply = Contribution.objects.get(consultation=dataset, parent__isnull=False)
    answer = services.answer_draft(
        actor=dns_staff, contributions=[reply], state="partly", body="En partie."
    )
    services.answers_publish(actor=dns_staff, answer_ids=[answer.pk])
    totals = figures.totals(dataset)
    assert (totals.answered, totals.answered_top_level) == (4, 3)
    assert totals.by_state["partly"] == 1 and totals.answer_rate == 60.0


def test_the_moderation_figures(dataset):
    moderation = figures.moderation(dataset)
    assert (moderation.received, moderation.pending, moderation.held_personal_data) == (9, 1, 1)
    assert (moderation.hidden, moderation.rejected, moderation.moderated) == (1, 1, 3)
    assert round(moderation.removed_rate, 1) == 22.2
    assert moderation.median_delay == datetime.timedelta(hours=2)
    assert figures.duration_in_words(moderation.median_delay) == "2 h 00"
    assert [(str(r.label), r.extra["hidden"], r.extra["rejected"]) for r in moderation.reasons] == [
        ("Propos injurieux, diffamatoires ou haineux", 1, 0),
        ("Hors sujet", 0, 1),
    ]


def test_the_page_shows_the_figures_with_a_table_under_every_chart(client, dataset):
    response = client.get(results_url(dataset))
    assert response.status_code == 200
    html = main_of(response)
    page = Page(html)
    assert len(page.svgs) == 5  # stakeholders, regions, weeks, chapters, answer positions
    for svg in page.svgs:
        assert svg["role"] == "img"
        # Named by its <title>, described by its <desc> (the figures, in words).
        title_id, desc_id = svg["aria-labelledby"], svg["aria-describedby"]
        prefix = title_id.removesuffix("-titre")
        assert page.titles[title_id].strip() and desc_id == f"{prefix}-desc"
        # Its data right below, in a table whose caption says the same.
        [table] = [t for t in page.tables if t["caption_id"] == f"{prefix}-tableau"]
        assert table["caption"] == page.titles[title_id].strip()
        assert html.index(f'id="{title_id}"') < html.index(f'id="{prefix}-tableau"')
    assert page.inline_styles == 0 and page.scripts_inline == 0
    assert page.table("Contributions publiées par type d'acteur") == [
        ["Citoyen ou patient", "3", "50,0\xa0%", "2"],
        ["Professionnel de santé", "2", "33,3\xa0%", "1"],
        ["Industriel ou éditeur", "1", "16,7\xa0%", "1"],
        ["Total", "6", "100\xa0%", ""],
    ]
    assert page.table("Contributions publiées par région des participants")[2] == [
        "Région non renseignée",
        "2",
        "33,3\xa0%",
        "2",
    ]
    assert [row[1] for row in page.table("Contributions publiées par semaine")] == [
        "2",
        "2",
        "1",
        "1",
        "0",
        "6",
    ]
    assert page.table("Contributions publiées par chapitre")[0] == [
        "1. Sécurité",
        "5",
        "83,3\xa0%",
        "3",
        "2",
    ]
    positions = page.table("Contributions ayant reçu une réponse officielle, par position")
    assert positions[0] == ["Pris en compte", "2", "66,7\xa0%"]
    assert positions[2] == ["Non retenu", "1", "33,3\xa0%"]
    assert (
        "répondu officiellement à 3 contributions publiées sur 5 "
        "(hors réponses entre participants), soit 60 %"
    ) in html
    assert "Les paragraphes les plus commentés" in html
    assert "?paragraphe=" in html and "Chiffres en cours" not in html
    assert "Modération" not in html  # the public sees no moderation figures
    # SVG lengths keep a dot whatever the language: 3 of the longest 3 is the full bar.
    assert 'width="82%"' in html and not re.search(r'(width|x)="\d+,\d+%?"', html)


def test_the_results_are_not_public_before_the_close(client, db):
    for consultation in (ConsultationFactory(), ConsultationFactory(upcoming=True)):
        chapter_of(consultation)
        for page in ("", "reponses/", "changements/"):
            assert client.get(results_url(consultation, page)).status_code == 404
        detail = client.get(consultation.get_absolute_url()).content.decode()
        assert "Voir les résultats de la consultation" not in detail
    client.force_login(UserFactory())
    assert client.get(results_url(consultation)).status_code == 404
    unpublished = ConsultationFactory(closed=True, is_published=False)
    assert client.get(results_url(unpublished)).status_code == 404


def test_the_consultation_page_links_to_its_results_once_closed(client, db):
    consultation = ConsultationFactory(closed=True)
    html = client.get(consultation.get_absolute_url()).content.decode()
    assert f'href="{results_url(consultation)}"' in html
    assert "Voir les résultats de la consultation" in html


def test_the_dns_team_sees_them_live_with_the_moderation_figures(dns_client, dataset):
    dataset.closes_at = timezone.now() + datetime.timedelta(days=3)
    dataset.save(update_fields=["closes_at"])
    detail = dns_client.get(dataset.get_absolute_url()).content.decode()
    assert f'href="{results_url(dataset)}"' in detail and "Chiffres en cours" in detail
    response = dns_client.get(results_url(dataset))
    assert response.status_code == 200
    html = main_of(response)
    assert "Chiffres en cours" in html and "La consultation n'est pas close" in html
    page = Page(html)
    assert page.table("Contributions masquées ou rejetées, par motif") == [
        ["Propos injurieux, diffamatoires ou haineux", "1", "0", "11,1\xa0%"],
        ["Hors sujet", "0", "1", "11,1\xa0%"],
    ]
    assert "2 h 00" in html  # the median time to moderate
    assert "22,2&nbsp;%" in html  # hidden or rejected, of the nine received
    assert "contribution en attente de modération" in html
    for page_name in ("reponses/", "changements/"):
        assert dns_client.get(results_url(dataset, page_name)).status_code == 200


def test_the_synthesis_is_shown_once_published(client, dataset, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    synthesis = Synthesis.objects.create(
        consultation=dataset,
        body="## Ce que nous avons entendu\n\nMerci **à toutes et à tous**.",
        document=SimpleUploadedFile("synthese.pdf", b"%PDF-1.4\n" + b"0" * 1_234_558),
    )
    html = main_of(client.get(results_url(dataset)))
    assert "Ce que nous avons entendu" not in html and "Télécharger la synthèse" not in html
    document_url = results_url(dataset, "synthese.pdf")
    assert client.get(document_url).status_code == 404  # not published: not served either

    synthesis.is_published = True
    synthesis.published_at = timezone.now()
    synthesis.save()
    html = main_of(client.get(results_url(dataset)))
    assert "<h2>Ce que nous avons entendu</h2>" in html
    assert "<strong>à toutes et à tous</strong>" in html
    assert "Télécharger la synthèse (PDF, 1,2\xa0Mo)" in html
    assert f'href="{document_url}"' in html and 'type="application/pdf"' in html
    # Served by the site (the same address under `make run` and in production).
    response = client.get(document_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")
    assert 'filename="synthese-' in response["Content-Disposition"]


def test_the_file_size_reads_in_french():
    assert figures.file_size(1_234_567) == "1,2\xa0Mo"
    assert figures.file_size(350_400) == "350\xa0Ko"
    assert figures.file_size(None) == ""


def test_the_answered_contributions_by_chapter_filtered_and_paginated(client, dataset):
    url = results_url(dataset, "reponses/")
    html = main_of(client.get(url))
    assert "3 contributions ont reçu une réponse officielle" in html
    assert html.index("Chapitre 1. Sécurité") < html.index("Chapitre 2. Interopérabilité")
    for contribution in Contribution.objects.exclude(answer_state=""):
        assert f'href="{contribution.get_absolute_url()}"' in html
    assert html.count("Pris en compte</p>") == 2 and html.count("Non retenu</p>") == 1

    html = main_of(client.get(url + "?etat=not_retained"))
    assert "1 contribution a reçu une réponse officielle" in html
    assert "Chapitre 2. Interopérabilité" in html and "Chapitre 1. Sécurité</h2>" not in html
    html = main_of(client.get(url + "?chapitre=chapitre-1"))
    assert "2 contributions ont reçu une réponse officielle" in html
    html = main_of(client.get(url + "?etat=partly"))
    assert "Aucune réponse ne correspond à ces critères." in html


def test_the_print_variant_uses_the_print_stylesheet_on_screen(client, dataset):
    normal = client.get(results_url(dataset)).content.decode()
    assert re.search(r'<link rel="stylesheet" href="[^"]*print\.css" media="print">', normal)
    assert "?impression=1" in normal
    printing = client.get(results_url(dataset) + "?impression=1").content.decode()
    assert re.search(r'<link rel="stylesheet" href="[^"]*print\.css">', printing)
    assert '<meta name="robots" content="noindex">' in printing
    assert "Version imprimable" in printing


# --- Queries ----------------------------------------------------------------------------------


@pytest.fixture
def growing(db, dns_staff):
    """`grow(n)`: n more published contributions of every kind of author, on every chapter and
    paragraph, over the weeks, a third answered, some hidden, rejected or pending."""
    consultation = consultation_of_four_weeks()
    chapters = [chapter_of(consultation, number=n) for n in (1, 2, 3)]
    paragraphs = [paragraph_at(chapter, 1) for chapter in chapters]
    regions = [*Region.objects.all()[:3], None]
    kinds = ["citizen", "industry", "health_professional", "association"]
    authors = [UserFactory(stakeholder_type=kinds[i % 4], region=regions[i % 4]) for i in range(8)]
    states = ["taken", "partly", "not_retained", "out_of_scope", "already_planned"]

    def grow(n):
        start = Contribution.objects.count()
        rows = []
        for i in range(start, start + n):
            chapter = chapters[i % 3]
            moderated = i % 7 in (3, 4)
            rows.append(
                Contribution(
                    consultation=consultation,
                    chapter=chapter,
                    version=chapter.current_version,
                    paragraph=paragraphs[i % 3] if i % 2 else None,
                    author=authors[i % len(authors)],
                    body=f"Contribution n° {i}.",
                    status={3: S.HIDDEN, 4: S.REJECTED, 5: S.PENDING}.get(i % 7, S.PUBLISHED),
                    moderation_reason="abuse" if i % 7 == 3 else "",
                    created_at=during(consultation, i % 4),
                    moderated_at=during(consultation, i % 4, hours=5) if moderated else None,
                    answer_state=states[i % 5] if i % 3 == 0 and i % 7 not in (3, 4, 5) else "",
                )
            )
        Contribution.objects.bulk_create(rows)

    return consultation, grow


@pytest.mark.parametrize("viewer", ["anonymous", "dns"])
def test_results_page_queries_do_not_grow(client, growing, dns_staff, viewer, assert_flat_queries):
    consultation, grow = growing
    if viewer == "dns":
        client.force_login(dns_staff)
    # Consultation, totals, by stakeholder, region, chapter, week, top paragraphs and their texts,
    # changed chapters, synthesis, themes and opinion groups (one each when none are stored); the
    # team's session, user and groups, and three of moderation.
    most = {"anonymous": 12, "dns": 18}[viewer]
    response = assert_flat_queries(results_url(consultation), grow, most=most, sizes=(10, 60))
    assert ("Modération" in main_of(response)) == (viewer == "dns")


def test_answers_page_queries_do_not_grow(client, growing, assert_flat_queries):
    consultation, grow = growing
    for query in ("", "?etat=taken", "?chapitre=chapitre-2&page=2"):
        url = results_url(consultation, "reponses/") + query
        assert_flat_queries(url, grow, most=4, sizes=(10, 200))


def test_answers_are_paginated(client, growing):
    consultation, grow = growing
    grow(200)
    html = main_of(client.get(results_url(consultation, "reponses/")))
    assert "fr-pagination" in html and html.count("Lire la contribution et la réponse") == 25
    # No way back from the first page: said, not only greyed out.
    assert 'fr-pagination__link--prev fr-pagination__link--lg-label" aria-disabled="true"' in html
    html = main_of(client.get(results_url(consultation, "reponses/") + "?chapitre=chapitre-1"))
    assert 'href="?chapitre=chapitre-1&amp;page=2"' in html  # the filter kept from page to page


def test_the_file_size_reads_in_english_on_the_english_pages():
    from django.utils import translation

    with translation.override("en"):
        assert figures.file_size(1_234_567) == "1.2\xa0MB"
        assert figures.file_size(1) == "1\xa0byte"
