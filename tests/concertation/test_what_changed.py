"""What changed in the text after the consultation closed
(/concertation/<slug>/resultats/changements/): the versions published since, their word diffs
from the version before, and beside each changed paragraph the accepted rewordings and the
answered contributions that led to it, each linked; in queries that do not grow.

Dates are the consultation's: its texts are dated from its opening, the revisions after its close
(the factory's closed consultation ended yesterday: a revision made now comes after it)."""

import datetime
import re

import pytest

from concertation import services
from concertation.models import Contribution, OfficialAnswer
from concertation.results.changes import consultation_changes
from tests.concertation.factories import (
    PARAGRAPHS,
    ChapterFactory,
    ConsultationFactory,
    ContributionFactory,
    paragraph_at,
)

S = Contribution.Status
REVISED = [
    PARAGRAPHS[0],
    "Les établissements déclarent sans délai leurs incidents de sécurité.",
    "L'interopérabilité repose sur des standards ouverts et publics.",
    "Un paragraphe nouveau sur la réversibilité des contrats.",
]


def chapter_of(consultation, **kwargs):
    """A chapter whose first version was online from the opening."""
    chapter = ChapterFactory(consultation=consultation, **kwargs)
    chapter.versions.update(created_at=consultation.opens_at)
    chapter.refresh_from_db()
    return chapter


def url_of(consultation):
    return f"/concertation/{consultation.slug}/resultats/changements/"


def main_of(response) -> str:
    source = response.content.decode()
    return source[source.index("<main") : source.index("</main>")]


def row_of(html: str, heading: str) -> str:
    """The diff row (<li>) whose label starts with `heading` (« Paragraphe 2 modifié »)."""
    start = html.index(heading)
    ends = [html.find(end, start) for end in ('<li class="esante-diff__row', "</ol>")]
    return html[start : min(end for end in ends if end != -1)]


@pytest.fixture
def revised(db, dns_staff):
    """A closed consultation, two chapters; the first revised after the close, taking in a
    rewording on its second paragraph and an answered comment on its third."""
    consultation = ConsultationFactory(closed=True)
    chapter = chapter_of(consultation, number=1, title="Sécurité")
    untouched = chapter_of(consultation, number=2, title="Éthique")
    second, third = paragraph_at(chapter, 2), paragraph_at(chapter, 3)
    rewording = ContributionFactory(
        chapter=chapter,
        paragraph=second,
        kind="rewording",
        proposed_text=REVISED[1],
        created_at=consultation.opens_at + datetime.timedelta(days=2),
    )
    comment = ContributionFactory(
        chapter=chapter,
        paragraph=third,
        created_at=consultation.opens_at + datetime.timedelta(days=3),
    )
    general = ContributionFactory(
        chapter=chapter, created_at=consultation.opens_at + datetime.timedelta(days=4)
    )
    version = services.chapter_revise(
        chapter=chapter, body="\n\n".join(REVISED), note="Après la consultation", by=dns_staff
    )
    services.rewording_decide(
        actor=dns_staff, contribution=rewording, outcome="accepted", version=version
    )
    answer = services.answer_draft(
        actor=dns_staff, contributions=[comment, general], state="taken", body="Retenu."
    )
    # The answer names the version that takes it into account (set in the admin).
    OfficialAnswer.objects.filter(pk=answer.pk).update(version=version)
    services.answers_publish(actor=dns_staff, answer_ids=[answer.pk])
    return {
        "consultation": consultation,
        "chapter": chapter,
        "untouched": untouched,
        "version": version,
        "rewording": rewording,
        "comment": comment,
        "general": general,
    }


def test_the_changes_since_the_close_with_what_led_to_them(client, revised):
    consultation, version = revised["consultation"], revised["version"]
    response = client.get(url_of(consultation))
    assert response.status_code == 200
    html = main_of(response)
    assert "Version en vigueur à la clôture : version 1" in html
    assert "Version 2, publiée le" in html and "Après la consultation" in html
    assert "3 paragraphes modifiés, ajoutés ou supprimés, 1 inchangé" in html

    second = row_of(html, "Paragraphe 2 modifié")
    assert "déclarent<ins> sans délai</ins> leurs" in second
    rewording = revised["rewording"]
    assert f'href="{rewording.get_absolute_url()}"' in second
    assert "Proposition de reformulation de" in second and "Acceptée" in second
    anchor = paragraph_at(revised["chapter"], 2).anchor
    assert f"?paragraphe={anchor}#{anchor}" in second  # the paragraph on its chapter's page

    third = row_of(html, "Paragraphe 3 modifié")
    assert "<del>ouverts.</del><ins>ouverts et publics.</ins>" in third
    assert f'href="{revised["comment"].get_absolute_url()}"' in third
    assert "réponse officielle : Pris en compte" in third
    assert rewording.get_absolute_url() not in third

    added = html[html.index("Paragraphe 4 ajouté") :]
    assert "<ins>Un paragraphe nouveau sur la réversibilité des contrats.</ins>" in added
    # Taken in on the whole chapter, not on a paragraph: listed after the paragraphs.
    also = html[html.index("Également pris en compte dans la version 2") :]
    assert f'href="{revised["general"].get_absolute_url()}"' in also
    assert f"?de=1&amp;a={version.number}#comparaison" in html

    untouched = html[html.index("Chapitre 2. Éthique</h2>") :]
    assert "Pas de modification depuis la clôture." in untouched


def test_the_structure_read_by_the_page(revised):
    [first, second] = consultation_changes(revised["consultation"])
    assert first.at_closing.number == 1 and [v.version for v in first.versions] == [
        revised["version"]
    ]
    [change] = first.versions
    by_state = [(row.state, row.position) for row in change.changes]
    assert by_state == [("changed", 2), ("changed", 3), ("added", 4)]
    assert change.changes[0].rewordings == [revised["rewording"]]
    assert change.changes[1].answered == [revised["comment"]]
    assert change.answered == [revised["general"]] and change.linked_count == 3
    assert second.versions == [] and second.at_closing.number == 1


def test_only_versions_after_the_close_are_shown_each_against_the_one_before(client, db, dns_staff):
    consultation = ConsultationFactory(closed=True)
    chapter = chapter_of(consultation)
    during = services.chapter_revise(chapter=chapter, body="\n\n".join(REVISED[:3]))
    during.created_at = consultation.opens_at + datetime.timedelta(days=5)
    during.save(update_fields=["created_at"])
    third = services.chapter_revise(chapter=chapter, body="\n\n".join(REVISED))
    fourth = services.chapter_revise(
        chapter=chapter, body="\n\n".join([*REVISED[:3], "Le dernier mot sur la réversibilité."])
    )
    rewording = ContributionFactory(
        chapter=chapter,
        paragraph=paragraph_at(chapter, 4),
        kind="rewording",
        proposed_text="Le dernier mot sur la réversibilité.",
    )
    services.rewording_decide(
        actor=dns_staff, contribution=rewording, outcome="partly_accepted", version=fourth
    )
    html = main_of(client.get(url_of(consultation)))
    assert "Version en vigueur à la clôture : version 2" in html
    assert "Version 2, publiée" not in html  # published during the consultation
    assert html.index("Version 3, publiée") < html.index("Version 4, publiée")
    assert f"?de=2&amp;a={third.number}" in html and f"?de=3&amp;a={fourth.number}" in html
    version_four = html[html.index("Version 4, publiée") :]
    assert f'href="{rewording.get_absolute_url()}"' in version_four
    assert "Partiellement acceptée" in version_four
    assert rewording.get_absolute_url() not in html[: html.index("Version 4, publiée")]


def test_a_hidden_contribution_is_not_listed(client, revised):
    Contribution.objects.filter(pk=revised["rewording"].pk).update(status=S.HIDDEN)
    html = main_of(client.get(url_of(revised["consultation"])))
    assert f"#contribution-{revised['rewording'].pk}" not in html
    assert f"#contribution-{revised['comment'].pk}" in html


def test_nothing_changed_yet(client, db):
    consultation = ConsultationFactory(closed=True)
    chapter_of(consultation)
    html = main_of(client.get(url_of(consultation)))
    assert "Aucun chapitre n'a été modifié depuis la clôture de la consultation." in html
    results = main_of(client.get(f"/concertation/{consultation.slug}/resultats/"))
    assert "Aucun chapitre n'a été modifié depuis la clôture" in results


def test_the_results_page_counts_the_changed_chapters(client, revised):
    html = main_of(client.get(f"/concertation/{revised['consultation'].slug}/resultats/"))
    assert "1 chapitre a été modifié depuis la clôture de la consultation." in html
    assert re.search(r'href="/concertation/[\w-]+/resultats/changements/"', html)


def test_changes_page_queries_do_not_grow(client, revised, dns_staff, assert_flat_queries):
    """More chapters revised after the close, each with rewordings and answers taken in."""
    consultation = revised["consultation"]

    def grow(n):
        for _ in range(n):
            chapter = chapter_of(consultation, number=consultation.chapters.count() + 1)
            version = services.chapter_revise(chapter=chapter, body="\n\n".join(REVISED))
            rewordings = Contribution.objects.bulk_create(
                Contribution(
                    consultation=consultation,
                    chapter=chapter,
                    version=chapter.versions.get(number=1),
                    paragraph=paragraph_at(chapter, 2 + i % 2),
                    author=revised["rewording"].author,
                    body=f"Proposition {i}.",
                    kind="rewording",
                    proposed_text="Mieux dit.",
                    status=S.PUBLISHED,
                    rewording_outcome="accepted",
                    rewording_version=version,
                    answer_state="taken",
                )
                for i in range(3)
            )
            answer = OfficialAnswer.objects.create(
                consultation=consultation,
                chapter=chapter,
                state="taken",
                body="Retenu.",
                status="published",
                version=version,
            )
            answer.contributions.set(rewordings)

    response = assert_flat_queries(url_of(consultation), grow, most=6, sizes=(2, 8))
    assert main_of(response).count("Proposition de reformulation de") == 1 + 3 * 8


def test_a_contribution_s_change_link_leads_to_its_place_in_what_changed(client, revised):
    """The trail « my contribution → its answer → the change it caused » ends on the version
    in "what changed" (beside what led to it) when the version came after the close, from the
    chapter page and from the author's account page."""
    rewording, version = revised["rewording"], revised["version"]
    target = (
        f"{url_of(revised['consultation'])}#chapitre-{revised['chapter'].slug}-v{version.number}"
    )
    chapter_page = client.get(rewording.get_absolute_url()).content.decode()
    assert f'href="{target}"' in chapter_page
    client.force_login(rewording.author)
    assert f'href="{target}"' in client.get("/mon-compte/").content.decode()
    changes = client.get(url_of(revised["consultation"])).content.decode()
    assert f'id="chapitre-{revised["chapter"].slug}-v{version.number}"' in changes
