"""Themes in the database (issue 18): the computation, new contributions joining the existing
themes without a refit, staff edits (label, hidden, merge, split off) surviving a full
recomputation, too few contributions giving no themes, and the debounced refresh."""

import pytest
from django.test import override_settings

from concertation.models import Contribution
from tests.themes.conftest import corpus_rows
from themes import services, signals
from themes.models import Theme, ThemeMembership, ThemeModel


def live(consultation):
    return list(Theme.objects.filter(consultation=consultation, merged_into__isnull=True))


def test_too_few_contributions_give_no_themes(consultation, write):
    write(corpus_rows(per_topic=5))
    assert services.themes_fit(consultation=consultation) == 0
    assert not Theme.objects.exists()
    assert not ThemeModel.objects.exists()


def test_the_computation_stores_themes_members_and_figures(consultation, write):
    contributions = write(corpus_rows())
    assert services.themes_fit(consultation=consultation) == 4
    themes = live(consultation)
    assert len(themes) == 4
    assert sum(theme.size for theme in themes) == ThemeMembership.objects.count()
    assert ThemeMembership.objects.count() >= len(contributions) - 2
    for theme in themes:
        assert len(theme.top_terms) == services.TOP_TERMS
        assert theme.chapters and theme.chapters[0]["title"].startswith(("1. ", "2. "))
        representatives = theme.memberships.filter(representative=True)
        assert representatives.count() == min(theme.size, services.REPRESENTATIVES)
        weakest = min(m.weight for m in representatives)
        assert not theme.memberships.filter(representative=False, weight__gt=weakest).exists()


def test_new_contributions_join_the_existing_themes_without_a_refit(consultation, write):
    write(corpus_rows())
    services.themes_fit(consultation=consultation)
    model = ThemeModel.objects.get()
    before = (bytes(model.arrays), model.theme_ids, model.fitted_at)
    topic_of = {m.contribution_id: m.theme_id for m in ThemeMembership.objects.all()}
    new = write(corpus_rows(per_topic=3, skip=20))
    assert services.themes_refresh(consultation=consultation) == len(new)
    model.refresh_from_db()
    assert (bytes(model.arrays), model.theme_ids, model.fitted_at) == before
    assigned = {m.contribution_id: m.theme_id for m in ThemeMembership.objects.all()}
    assert all(c.pk in assigned for c in new)
    assert {k: v for k, v in assigned.items() if k in topic_of} == topic_of
    assert sum(t.size for t in live(consultation)) == len(assigned)
    # Run twice: nothing more to do.
    assert services.themes_refresh(consultation=consultation) == 0


def test_a_hidden_contribution_leaves_its_theme(consultation, write):
    contributions = write(corpus_rows())
    services.themes_fit(consultation=consultation)
    Contribution.objects.filter(pk=contributions[0].pk).update(status=Contribution.Status.HIDDEN)
    services.themes_refresh(consultation=consultation)
    assert not ThemeMembership.objects.filter(contribution=contributions[0]).exists()


def test_staff_edits_survive_a_full_recomputation(consultation, write):
    write(corpus_rows())
    services.themes_fit(consultation=consultation)
    first, second, third, fourth = sorted(live(consultation), key=lambda t: t.pk)
    first.label = "Interopérabilité"
    first.save()
    services.themes_hide(themes=[second], hidden=True)
    services.themes_merge(themes=[fourth], into=third)
    split_ids = list(
        first.memberships.order_by("-weight").values_list("contribution_id", flat=True)[:2]
    )
    split = services.theme_split(contribution_ids=split_ids, label="À part")
    merged_members = set(third.memberships.values_list("contribution_id", flat=True))

    # The deliberate full recomputation, with two more contributions (still 4 themes).
    write(corpus_rows(per_topic=1, skip=20)[:2])
    services.themes_fit(consultation=consultation)

    assert Theme.objects.get(pk=first.pk).label == "Interopérabilité"
    assert Theme.objects.get(pk=second.pk).hidden
    fourth.refresh_from_db()
    assert fourth.merged_into_id == third.pk
    now_in_third = set(
        ThemeMembership.objects.filter(theme=third).values_list("contribution_id", flat=True)
    )
    assert len(merged_members & now_in_third) >= 0.8 * len(merged_members)
    assert set(split.memberships.values_list("contribution_id", flat=True)) == set(split_ids)
    assert ThemeMembership.objects.filter(contribution_id__in=split_ids, by_staff=True).count() == 2


@override_settings(THEMES_AUTO_REFRESH=True)
def test_publications_queue_one_refresh_per_consultation(
    consultation, write, author, chapters, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(
        "themes.tasks.themes_refresh.apply_async",
        lambda args, countdown, retry=True: queued.append((args, countdown)),
    )
    with django_capture_on_commit_callbacks(execute=True):
        write(corpus_rows(per_topic=2))
    assert queued == [((consultation.pk,), signals.DEBOUNCE_SECONDS)]


@override_settings(THEMES_AUTO_REFRESH=True)
def test_a_pending_contribution_queues_nothing_until_published(
    consultation, chapters, author, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(
        "themes.tasks.themes_refresh.apply_async",
        lambda args, countdown, retry=True: queued.append(args),
    )
    from tests.concertation.factories import ContributionFactory

    with django_capture_on_commit_callbacks(execute=True):
        contribution = ContributionFactory(
            chapter=chapters[0], author=author, status=Contribution.Status.PENDING
        )
    assert queued == []
    with django_capture_on_commit_callbacks(execute=True):
        contribution.status = Contribution.Status.PUBLISHED
        contribution.save(update_fields=["status"])
    assert queued == [(consultation.pk,)]


@override_settings(CELERY_TASK_ALWAYS_EAGER=True)
def test_with_eager_celery_nothing_is_queued_by_default(
    consultation, write, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(
        "themes.tasks.themes_refresh.apply_async",
        lambda *a, **k: pytest.fail("queued inside the request"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        write(corpus_rows(per_topic=1))


def test_representative_contributions_say_different_things(consultation, write):
    """The same words posted several times (it happens) stand for their theme once."""
    contributions = write(corpus_rows())
    services.themes_fit(consultation=consultation)
    theme = live(consultation)[0]
    best = theme.memberships.order_by("-weight").first()
    copies = Contribution.objects.filter(
        pk__in=theme.memberships.exclude(pk=best.pk).values("contribution")[:3]
    )
    copies.update(body=f"  {Contribution.objects.get(pk=best.contribution_id).body.upper()} ")
    ThemeMembership.objects.filter(contribution__in=copies).update(weight=best.weight + 1)
    services.themes_recount(consultation=consultation)
    bodies = [
        " ".join(m.contribution.body.split()).casefold()
        for m in theme.memberships.filter(representative=True).select_related("contribution")
    ]
    assert len(bodies) == min(theme.size, services.REPRESENTATIVES) == len(set(bodies))
    assert len(contributions) > theme.size


def test_redis_down_the_publication_goes_through_and_nothing_is_queued(consultation, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("Redis down")

    monkeypatch.setattr("themes.signals.cache.add", down)
    assert signals.schedule_refresh(consultation.pk) is False
