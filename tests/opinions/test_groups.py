"""The opinion groups of a consultation, end to end: computed from its reactions and stored
without anyone's id, recomputed once after a burst of reactions, shown on the results page
(public once closed, the DNS team live) in two queries, and in the admin."""

import json
from unittest import mock

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse

from concertation.models import Contribution, Reaction
from esante.models import User
from opinions import demo, method, services, tasks
from opinions.models import OpinionGroups
from tests.concertation.factories import ChapterFactory, ConsultationFactory, ContributionFactory
from tests.opinions.synthetic import planted

pytestmark = pytest.mark.django_db


def consultation_with_reactions(*, closed=True, sizes=(12, 10, 9), count=12):
    """A consultation whose reactions come from planted groups (tests/opinions/synthetic.py),
    written in bulk (no signal: the tests compute when they mean to)."""
    consultation = ConsultationFactory(closed=closed)
    chapter = ChapterFactory(consultation=consultation)
    contributions = ContributionFactory.create_batch(count, chapter=chapter)
    start = User.objects.count()
    voters = User.objects.bulk_create(
        User(email=f"votant{start + n}@example.org") for n in range(sum(sizes))
    )
    users, columns, values, _, _ = planted(
        sizes=list(sizes), contributions=count, votes=(9, 12), fidelity=0.95, consensus=2
    )
    Reaction.objects.bulk_create(
        Reaction(
            user=voters[user - 1],
            contribution=contributions[column - 1000],
            value=Reaction.Value.AGREE if value > 0 else Reaction.Value.DISAGREE,
        )
        for user, column, value in zip(users, columns, values, strict=True)
    )
    return consultation, contributions, voters


def test_the_stored_groups_hold_aggregates_and_no_user_id():
    consultation, contributions, _voters = consultation_with_reactions()
    stored = services.opinion_groups_compute(consultation=consultation)
    assert [group["size"] for group in stored.groups] == [12, 10, 9]
    assert stored.participants == stored.voters == 31 and stored.hidden == 0
    # Nothing in the model points at a user, and the JSON holds only groups, rounded
    # coordinates and contribution ids.
    assert not [f for f in OpinionGroups._meta.get_fields() if f.related_model is User]
    assert {key for group in stored.groups for key in group} == {"size", "center", "representative"}
    shown = {item["id"] for group in stored.groups for item in group["representative"]}
    shown |= {item["id"] for item in stored.consensus}
    assert shown and shown <= {c.pk for c in contributions}
    assert len(stored.points) == 31
    for index, x, y in stored.points:
        assert index in (0, 1, 2) and round(x, 2) == x and round(y, 2) == y
    assert stored.points == sorted(stored.points)
    assert "email" not in json.dumps([stored.groups, stored.points, stored.consensus])


def test_too_few_participants_store_no_group_and_say_why(client):
    consultation, _, _ = consultation_with_reactions(sizes=(6, 5))
    tasks.compute_opinion_groups(consultation.pk)
    stored = OpinionGroups.objects.get(consultation=consultation)
    assert stored.groups == [] and stored.points == [] and stored.participants == 11
    page = client.get(reverse("concertation:results", kwargs={"slug": consultation.slug}))
    assert "Pas assez de réactions pour former des groupes d'opinion" in page.content.decode()


@override_settings(OPINIONS_AUTO_REFRESH=True)
def test_a_burst_of_reactions_asks_for_one_computation_after_a_delay(
    django_capture_on_commit_callbacks,
):
    consultation, contributions, _ = consultation_with_reactions(sizes=(6, 5))
    voters = User.objects.bulk_create([User(email="a@example.org"), User(email="b@example.org")])
    with mock.patch.object(tasks.compute_opinion_groups, "apply_async") as apply_async:
        with django_capture_on_commit_callbacks(execute=True):
            for contribution in contributions[:3]:
                Reaction.objects.create(
                    contribution=contribution, user=voters[0], value=Reaction.Value.AGREE
                )
            Reaction.objects.filter(contribution=contributions[0], user=voters[0]).delete()
        assert apply_async.call_args_list == [
            mock.call(
                args=[consultation.pk],
                countdown=tasks.DEBOUNCE_SECONDS + tasks.MARGIN_SECONDS,
                retry=False,
            )
        ]
        # Once the delay is over (the key expired), the next reaction asks again.
        tasks.cache.delete(tasks._key(consultation.pk))
        with django_capture_on_commit_callbacks(execute=True):
            Reaction.objects.create(
                contribution=contributions[5], user=voters[1], value=Reaction.Value.DISAGREE
            )
        assert apply_async.call_count == 2
        # Nothing is asked before the commit.
        with django_capture_on_commit_callbacks(execute=False):
            Reaction.objects.filter(user=voters[1]).delete()
        assert apply_async.call_count == 2


@override_settings(OPINIONS_AUTO_REFRESH=True)
def test_a_reaction_computes_the_groups_through_the_task(django_capture_on_commit_callbacks):
    consultation, contributions, voters = consultation_with_reactions()
    with django_capture_on_commit_callbacks(execute=True):  # Celery is eager in tests
        Reaction.objects.filter(user=voters[0], contribution=contributions[0]).delete()
    assert len(OpinionGroups.objects.get(consultation=consultation).groups) == 3


def test_the_results_section_runs_two_queries_and_leaves_hidden_contributions_out(
    django_assert_num_queries,
):
    consultation, _contributions, _ = consultation_with_reactions()
    stored = services.opinion_groups_compute(consultation=consultation)
    first = stored.groups[0]["representative"][0]["id"]
    Contribution.objects.filter(pk=first).update(status=Contribution.Status.HIDDEN)
    template = Template("{% load opinions_tags %}{% opinion_groups consultation %}")
    with django_assert_num_queries(2):
        html = template.render(Context({"consultation": consultation}))
    assert f"#contribution-{first}" not in html
    assert html.count('id="groupes-opinion"') == 1
    # A consultation never computed: nothing, in one query.
    other = ConsultationFactory()
    with django_assert_num_queries(1):
        assert template.render(Context({"consultation": other})).strip() == ""


def test_the_closed_consultations_results_show_the_groups_to_everyone(client):
    consultation, _contributions, _ = consultation_with_reactions()
    stored = services.opinion_groups_compute(consultation=consultation)
    page = client.get(reverse("concertation:results", kwargs={"slug": consultation.slug}))
    html = page.content.decode()
    assert page.status_code == 200
    section = html[html.index('aria-labelledby="groupes-opinion"') : html.index('id="reponses"')]
    assert "Groupes d&#x27;opinion" in section or "Groupes d'opinion" in section
    assert 'role="img"' in section and '<title id="groupes-opinion-titre">' in section
    assert "style=" not in section  # the CSP: presentation attributes only
    # Each group a shape and a colour, named in the legend and the table.
    for letter, shape, colour in [("A", "rond", "blue-cumulus"), ("B", "carré", "pink-tuile")]:
        assert f"Groupe {letter} ({shape})" in section
        assert f"fr-text-label--{colour}" in section
    assert section.count("<circle") == 12 + 1  # the points of group A and its legend
    assert "Comment ces groupes sont formés" in section
    for item in stored.groups[0]["representative"]:
        assert f"#contribution-{item['id']}" in section


def test_an_open_consultations_groups_are_for_the_dns_team_only(client, dns_client):
    consultation, _, _ = consultation_with_reactions(closed=False)
    services.opinion_groups_compute(consultation=consultation)
    url = reverse("concertation:results", kwargs={"slug": consultation.slug})
    assert 'id="groupes-opinion"' in dns_client.get(url).content.decode()
    dns_client.logout()
    assert client.get(url).status_code == 404


def test_the_dns_team_sees_and_recomputes_the_groups_in_the_admin(dns_client):
    consultation, _, _ = consultation_with_reactions(closed=False)
    stored = services.opinion_groups_compute(consultation=consultation)
    change = reverse("admin:opinions_opiniongroups_change", args=[stored.pk])
    html = dns_client.get(change).content.decode()
    assert 'id="groupes-opinion"' in html and 'role="img"' in html
    OpinionGroups.objects.filter(pk=stored.pk).update(groups=[], participants=0)
    response = dns_client.post(
        reverse("admin:opinions_opiniongroups_changelist"),
        {"action": "recompute", "_selected_action": [stored.pk]},
    )
    assert response.status_code == 302
    assert len(OpinionGroups.objects.get(pk=stored.pk).groups) == 3


def test_the_admin_page_is_closed_to_other_staff(ars_client):
    consultation, _, _ = consultation_with_reactions(sizes=(6, 5))
    stored = services.opinion_groups_compute(consultation=consultation)
    change = reverse("admin:opinions_opiniongroups_change", args=[stored.pk])
    assert ars_client.get(change).status_code == 403


def test_the_demo_loader_computes_every_consultation_with_reactions():
    consultation, _, _ = consultation_with_reactions()
    ConsultationFactory()  # no reaction: nothing computed
    lines = []
    demo.load(log=lines.append)
    assert OpinionGroups.objects.get().consultation == consultation
    assert lines == [
        f"Groupes d'opinion « {consultation.title} » : 3 groupe(s), 31 participant(s) "
        "comptés sur 31 ayant réagi."
    ]
    assert method.MIN_GROUP_SIZE == 5


@override_settings(CELERY_TASK_ALWAYS_EAGER=True)
def test_with_eager_celery_a_reaction_queues_nothing(django_capture_on_commit_callbacks):
    """The computation never runs inside the request that reacted (Celery eager in tests)."""
    consultation, contributions, voters = consultation_with_reactions()
    with django_capture_on_commit_callbacks(execute=True):
        Reaction.objects.filter(user=voters[0], contribution=contributions[0]).delete()
    assert not OpinionGroups.objects.filter(consultation=consultation).exists()


@override_settings(OPINIONS_AUTO_REFRESH=True)
def test_redis_down_a_reaction_goes_through(django_capture_on_commit_callbacks, monkeypatch):
    consultation, contributions, voters = consultation_with_reactions()

    def down(*args, **kwargs):
        raise ConnectionError("Redis down")

    monkeypatch.setattr("opinions.tasks.cache.add", down)
    with django_capture_on_commit_callbacks(execute=True):
        Reaction.objects.filter(user=voters[0], contribution=contributions[0]).delete()
    assert not OpinionGroups.objects.filter(consultation=consultation).exists()
