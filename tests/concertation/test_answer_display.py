"""The DNS team's published answers on the chapter page: under each contribution they answer,
at the top of a paragraph's panel, in a callout no participant's reply looks like; drafts never.
A rewording's outcome is shown on it, with the change it led to."""

import datetime
import re
from html.parser import HTMLParser

from django.urls import reverse
from django.utils import translation

from concertation import services
from concertation.models import Contribution, OfficialAnswer
from tests.concertation.factories import (
    PARAGRAPHS,
    ChapterFactory,
    ContributionFactory,
    paragraph_at,
)
from tests.esante.test_content_language import assert_marked_french, languages_of

TEAM_HEADING = "Réponse officielle de la Délégation au numérique en santé"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Element(HTMLParser):
    """The source of the first element whose id is `wanted`, its descendants included."""

    def __init__(self, wanted):
        super().__init__(convert_charrefs=False)
        self.wanted, self.depth, self.parts, self.done = wanted, 0, [], False

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if not self.depth and dict(attrs).get("id") != self.wanted:
            return
        self.parts.append(self.get_starttag_text())
        if tag not in VOID:
            self.depth += 1
        elif not self.depth:
            self.done = True

    def handle_endtag(self, tag):
        if self.depth and not self.done:
            self.parts.append(f"</{tag}>")
            self.depth -= 1
            self.done = not self.depth

    def handle_data(self, data):
        if self.depth and not self.done:
            self.parts.append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")


def element(html: str, wanted: str) -> str:
    parser = _Element(wanted)
    parser.feed(html)
    assert parser.parts, f"no element with id {wanted!r}"
    return "".join(parser.parts)


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").split())


def publish(dns_staff, answer) -> OfficialAnswer:
    assert services.answers_publish(actor=dns_staff, answer_ids=[answer.pk]) == 1
    answer.refresh_from_db()
    return answer


def test_an_answer_is_shown_under_each_contribution_it_answers_and_a_draft_nowhere(
    client, dns_staff
):
    chapter = ChapterFactory()
    first, second, unanswered = ContributionFactory.create_batch(3, chapter=chapter)
    reply = ContributionFactory(chapter=chapter, parent=first, body="Je partage cet avis.")
    services.answer_draft(
        actor=dns_staff, contributions=[unanswered], state="taken", body="Brouillon **secret**."
    )
    answer = publish(
        dns_staff,
        services.answer_draft(
            actor=dns_staff,
            contributions=[first, second],
            state="partly",
            body="Nous retenons **l'identité numérique**, pas le reste.",
        ),
    )
    # Half past eleven in the evening of 31 December in UTC is New Year's Day in Paris.
    published_at = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    OfficialAnswer.objects.filter(pk=answer.pk).update(published_at=published_at)

    page = client.get(chapter.get_absolute_url()).content.decode()
    for contribution in (first, second):
        article = element(page, f"contribution-{contribution.pk}")
        callout = element(article, f"reponse-{answer.pk}-{contribution.pk}")
        assert callout.startswith('<div class="fr-callout fr-icon-government-line')
        assert (
            f'<h4 class="fr-callout__title esante-official-answer__title">{TEAM_HEADING}</h4>'
            in (callout)
        )
        assert "Publiée le 1er janvier 2027" in text(callout)
        assert '<time datetime="2027-01-01T00:30:00+01:00">' in callout
        assert 'fr-badge--info">Partiellement pris en compte</p>' in callout
        assert "<strong>l'identité numérique</strong>" in callout.replace("&#x27;", "'")
    # Not among the participants' replies, and no reply looks like it.
    article = element(page, f"contribution-{first.pk}")
    assert article.index(f'id="reponse-{answer.pk}-{first.pk}"') < article.index("esante-replies")
    assert "fr-callout" not in element(page, f"contribution-{reply.pk}")
    assert "reponse-" not in element(page, f"contribution-{unanswered.pk}")
    assert "secret" not in page and page.count(TEAM_HEADING) == 2


def test_an_answer_to_a_reply_sits_one_heading_level_lower(client, dns_staff):
    chapter = ChapterFactory()
    reply = ContributionFactory(chapter=chapter, parent=ContributionFactory(chapter=chapter))
    answer = publish(
        dns_staff,
        services.answer_draft(
            actor=dns_staff, contributions=[reply], state="out_of_scope", body="Hors du texte."
        ),
    )
    page = client.get(chapter.get_absolute_url()).content.decode()
    callout = element(element(page, f"contribution-{reply.pk}"), f"reponse-{answer.pk}-{reply.pk}")
    assert f'<h5 class="fr-callout__title esante-official-answer__title">{TEAM_HEADING}</h5>' in (
        callout
    )
    assert 'fr-badge--no-icon">Hors champ</p>' in callout


def test_each_position_has_a_badge_of_its_own_colour_with_its_words(client, dns_staff):
    chapter = ChapterFactory()
    expected = {
        "taken": ("fr-badge--success", "Pris en compte"),
        "partly": ("fr-badge--info", "Partiellement pris en compte"),
        "not_retained": ("fr-badge--warning", "Non retenu"),
        "out_of_scope": ("fr-badge--no-icon", "Hors champ"),
        "already_planned": ("fr-badge--new", "Déjà prévu"),
    }
    answers = {}
    for state in expected:
        contribution = ContributionFactory(chapter=chapter)
        answer = services.answer_draft(
            actor=dns_staff, contributions=[contribution], state=state, body=f"Position {state}."
        )
        answers[state] = (publish(dns_staff, answer), contribution)
    page = client.get(chapter.get_absolute_url()).content.decode()
    for state, (css, words) in expected.items():
        answer, contribution = answers[state]
        callout = element(page, f"reponse-{answer.pk}-{contribution.pk}")
        assert f'<p class="fr-badge fr-badge--sm {css}">{words}</p>' in callout
    assert len({css for css, _ in expected.values()}) == len(expected)


def test_an_answer_on_a_paragraph_heads_its_panel(client, dns_staff):
    chapter = ChapterFactory()
    paragraph = paragraph_at(chapter, 2)
    on_it = ContributionFactory(chapter=chapter, paragraph=paragraph)
    answer = publish(
        dns_staff,
        services.answer_draft(
            actor=dns_staff,
            paragraph=paragraph,
            contributions=[on_it],
            state="already_planned",
            body="Prévu dans la **feuille de route 2027**.",
        ),
    )
    page = client.get(f"{chapter.get_absolute_url()}?paragraphe={paragraph.anchor}").content
    panel = element(page.decode(), paragraph.anchor)
    full = element(panel, f"reponse-{answer.pk}")
    assert f'<h3 class="fr-callout__title esante-official-answer__title">{TEAM_HEADING}' in full
    assert "feuille de route 2027" in text(full) and "fr-badge--new" in full
    assert panel.index(f'id="reponse-{answer.pk}"') < panel.index(f'id="contribution-{on_it.pk}"')
    # Under the contribution it also answers: its position and a link up, not the text again.
    compact = element(panel, f"reponse-{answer.pk}-{on_it.pk}")
    assert f'href="#reponse-{answer.pk}"' in compact and "Déjà prévu" in compact
    assert "feuille de route" not in compact

    # Without the panel open, the paragraph says it has an answer and leads to it.
    general = client.get(chapter.get_absolute_url()).content.decode()
    assert "feuille de route 2027" not in general
    link = f'href="?paragraphe={paragraph.anchor}#reponse-{answer.pk}"'
    assert link in element(general, paragraph.anchor)


def test_a_rewording_shows_its_outcome_and_the_change_it_led_to(client, dns_staff):
    chapter = ChapterFactory()
    paragraph = paragraph_at(chapter, 1)
    accepted, rejected = (
        ContributionFactory(
            chapter=chapter,
            paragraph=paragraph,
            kind="rewording",
            proposed_text="La sécurité des systèmes d'information est la première priorité.",
        )
        for _ in range(2)
    )
    services.chapter_revise(
        chapter=chapter,
        body="\n\n".join(
            ["La sécurité des systèmes d'information est la première priorité.", *PARAGRAPHS[1:]]
        ),
    )
    chapter.refresh_from_db()
    version_2 = chapter.current_version
    services.rewording_decide(
        actor=dns_staff, contribution=accepted, outcome="accepted", version=version_2
    )
    services.rewording_decide(actor=dns_staff, contribution=rejected, outcome="rejected")
    answer = publish(
        dns_staff,
        services.answer_draft(
            actor=dns_staff, contributions=[accepted], state="taken", body="Merci, c'est repris."
        ),
    )
    OfficialAnswer.objects.filter(pk=answer.pk).update(version=version_2)
    changes = (
        reverse(
            "concertation:chapter_versions",
            kwargs={"slug": chapter.consultation.slug, "chapter": chapter.slug},
        )
        + "?de=1&a=2#comparaison"
    )

    page = client.get(f"{chapter.get_absolute_url()}?paragraphe={paragraph.anchor}").content
    article = element(page.decode(), f"contribution-{accepted.pk}")
    assert 'fr-badge--success">Acceptée</p>' in article
    assert "Intégrée à la version 2 du chapitre : voir la modification" in text(article)
    callout = element(article, f"reponse-{answer.pk}-{accepted.pk}")
    assert "Prise en compte dans la version 2 du chapitre" in text(callout)
    assert article.count(f'href="{changes.replace("&", "&amp;")}"') == 2
    other = element(page.decode(), f"contribution-{rejected.pk}")
    assert 'fr-badge--warning">Non retenue</p>' in other and "Intégrée" not in other
    # The link leads to the comparison of the version with the one before.
    versions = client.get(changes).content.decode()
    assert "Modifications entre la version 1 et la version 2" in versions


def test_a_hidden_contribution_keeps_its_answer_out_of_sight(client, dns_staff):
    contribution = ContributionFactory()
    publish(
        dns_staff,
        services.answer_draft(
            actor=dns_staff, contributions=[contribution], state="taken", body="Réponse retirée."
        ),
    )
    Contribution.objects.filter(pk=contribution.pk).update(status="hidden")
    page = client.get(contribution.chapter.get_absolute_url()).content.decode()
    assert "Contribution masquée par la modération" in page
    assert "Réponse retirée" not in page and TEAM_HEADING not in page


def test_another_team_is_named_and_in_english_the_answer_is_marked_french(client, dns_staff):
    contribution = ContributionFactory()
    body = "Cette proposition rejoint le programme de l'espace numérique de santé."
    answer = publish(
        dns_staff,
        services.answer_draft(
            actor=dns_staff,
            contributions=[contribution],
            state="taken",
            body=body,
            team="Agence du numérique en santé",
        ),
    )
    page = client.get(contribution.chapter.get_absolute_url()).content.decode()
    callout = element(page, f"reponse-{answer.pk}-{contribution.pk}")
    assert "Réponse officielle : Agence du numérique en santé" in text(callout)

    with translation.override("en"):
        path = contribution.chapter.get_absolute_url()
    assert path.startswith("/en/")
    english = client.get(path).content.decode()
    texts = languages_of(element(english, f"reponse-{answer.pk}-{contribution.pk}"))
    assert_marked_french(texts, body, path)
    assert_marked_french(texts, "Agence du numérique en santé", path)


def test_the_chapter_pages_dead_pagination_links_say_so_and_keep_the_panel(db, client, settings):
    """The DSFR's grey for a link that leads nowhere passes only on an inactive control
    (aria-disabled): a bare grey link fails its contrast (WCAG 1.4.3). The pages keep the
    paragraph's panel open."""
    settings.CONTRIBUTIONS_PER_PAGE = 2
    chapter = ChapterFactory()
    paragraph = paragraph_at(chapter, 1)
    ContributionFactory.create_batch(5, chapter=chapter, paragraph=paragraph)
    url = f"{chapter.get_absolute_url()}?paragraphe={paragraph.anchor}"
    page = client.get(url).content.decode()
    nav = page[page.index('class="fr-pagination"') :].split("</nav>")[0]
    assert (
        '<a class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label"'
        ' aria-disabled="true" role="link">'
    ) in nav
    assert f'href="?paragraphe={paragraph.anchor}&amp;page=3"' in nav
