"""The themes in the DNS team's admin (issue 18): the list with its links to the answering
queue, the « thème » filter of the moderation and answering queues, answering a whole theme
chapter by chapter, editing a label, merging, splitting off, recomputing; the public and the
ARS team see none of it."""

import pytest

from concertation.models import OfficialAnswer
from tests.themes.conftest import corpus_rows
from themes import services
from themes.admin import answering_url
from themes.models import Theme, ThemeMembership

THEMES = "/admin/themes/theme/"
MEMBERS = "/admin/themes/thememembership/"
QUEUE = "/admin/concertation/contribution/"
ANSWERING = "/admin/concertation/contribution/a-repondre/"


@pytest.fixture
def themed(consultation, write):
    contributions = write(corpus_rows())
    services.themes_fit(consultation=consultation)
    return contributions


def members(theme):
    return set(theme.memberships.values_list("contribution_id", flat=True))


def test_the_list_shows_each_theme_with_its_links(dns_client, consultation, themed):
    theme = Theme.objects.order_by("-size").first()
    page = dns_client.get(THEMES).content.decode()
    assert ", ".join(theme.top_terms) in page
    assert answering_url(theme).replace("&", "&amp;") in page
    assert "Recalculer les thèmes de « Doctrine technique 2019 »" in page


@pytest.mark.parametrize("queue", [QUEUE, ANSWERING])
def test_the_queues_filter_on_a_theme(dns_client, consultation, themed, queue):
    theme = Theme.objects.order_by("-size").first()
    response = dns_client.get(f"{queue}?theme={theme.pk}")
    assert {c.pk for c in response.context["cl"].queryset} == members(theme)
    unthemed = dns_client.get(f"{queue}?theme=sans").context["cl"].queryset
    assert {c.pk for c in unthemed} == {c.pk for c in themed} - set(
        ThemeMembership.objects.values_list("contribution_id", flat=True)
    )


def test_a_whole_theme_is_answered_chapter_by_chapter(dns_client, consultation, themed):
    theme = Theme.objects.order_by("-size").first()
    chapter = theme.chapters[0]
    url = answering_url(theme, chapter["id"])
    selected = [c.pk for c in dns_client.get(url).context["cl"].queryset]
    assert len(selected) == chapter["count"]
    response = dns_client.post(
        url,
        {
            "action": "answer_together",
            "_selected_action": selected,
            "state": "taken",
            "body": "Nous retenons ce thème.",
            "team": "DNS",
            "template": "",
            "_publish": "1",
        },
        follow=True,
    )
    assert response.status_code == 200
    answer = OfficialAnswer.objects.get()
    assert {c.pk for c in answer.contributions.all()} == set(selected)


def test_a_label_edited_by_staff_marks_the_theme(dns_client, consultation, themed):
    theme = Theme.objects.first()
    response = dns_client.post(f"{THEMES}{theme.pk}/change/", {"label": "Cybersécurité"})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.label, theme.edited, theme.hidden) == ("Cybersécurité", True, False)


def test_merging_and_hiding_from_the_list(dns_client, consultation, themed):
    big, small, *_ = Theme.objects.order_by("-size", "pk")
    before = members(big) | members(small)
    dns_client.post(THEMES, {"action": "merge", "_selected_action": [big.pk, small.pk]})
    small.refresh_from_db()
    assert small.merged_into == big
    assert members(big) == before
    dns_client.post(THEMES, {"action": "hide", "_selected_action": [big.pk]})
    big.refresh_from_db()
    assert big.hidden and big.edited


def test_splitting_off_selected_contributions(dns_client, consultation, themed):
    theme = Theme.objects.order_by("-size").first()
    chosen = sorted(members(theme))[:3]
    dns_client.post(
        MEMBERS,
        {"action": "split_off", "_selected_action": chosen, "label": "Logiciels libres"},
    )
    split = Theme.objects.get(label="Logiciels libres")
    assert members(split) == set(chosen)
    assert split.size == 3
    assert not members(theme) & set(chosen)


def test_recomputing_asks_the_task(dns_client, consultation, themed, monkeypatch):
    asked = []
    monkeypatch.setattr("themes.tasks.themes_fit.delay", asked.append)
    response = dns_client.post(f"{THEMES}recalculer/", {"consultation": consultation.pk})
    assert response.status_code == 302
    assert asked == [consultation.pk]


def test_the_public_and_the_ars_team_see_no_themes(
    client, ars_staff, consultation, themed, monkeypatch
):
    monkeypatch.setattr("themes.tasks.themes_fit.delay", lambda pk: pytest.fail("queued"))
    assert client.get(THEMES).status_code == 302
    client.force_login(ars_staff)
    assert client.get(THEMES).status_code == 403
    assert client.post(f"{THEMES}recalculer/", {"consultation": consultation.pk}).status_code == 403
