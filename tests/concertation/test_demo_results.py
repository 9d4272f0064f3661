"""The results of the closed 2019 doctrine consultation in the demo (concertation/demo_results.py):
their shape, that they hold what the services would have written, and that they are the same on
every fresh load, whatever the day. Loading twice changes nothing: tests/esante/test_load_demo.py.
"""

import datetime
import hashlib
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from concertation import demo_results, services
from concertation.models import (
    AnswerState,
    Chapter,
    CharterAcceptance,
    Consultation,
    Contribution,
    Flag,
    ModerationLog,
    OfficialAnswer,
    ParagraphText,
    Reaction,
    RewordingOutcome,
    Synthesis,
)
from concertation.personal_data import find_personal_data
from esante.models import User
from tests.demo_once import demo_loaded

PARIS = ZoneInfo("Europe/Paris")
DOCTRINE = "doctrine-technique-2019"
SECURITY = "securite-des-systemes-d-information"
OPENS = datetime.datetime(2019, 9, 30, 9, 0, tzinfo=PARIS)
CLOSES = datetime.datetime(2019, 12, 15, 23, 59, tzinfo=PARIS)
# A day far from the story: nothing in the results may come from the clock.
SOME_DAY = datetime.datetime(2031, 6, 3, 16, 45, tzinfo=PARIS)


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def _doctrine_output(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module's tests (tests/demo_once.py)."""
    clock = time_machine.travel(SOME_DAY, tick=False)
    with demo_loaded(django_db_blocker, clock=clock, DEMO_ACCOUNTS=True) as output:
        yield output


@pytest.fixture
def doctrine(_doctrine_output, db, settings):
    """As `make run` loads it (development: the DNS demo account signs the decisions), on a day
    of 2031. Loaded once for the module: the tests that need a database without it come first
    (tests/demo_once.py)."""
    settings.DEMO_ACCOUNTS = True
    consultation = Consultation.objects.get(slug=DOCTRINE)
    consultation.output = _doctrine_output
    return consultation


# Without the demo, so before the first test that uses it (tests/demo_once.py).


def test_two_fresh_databases_get_the_same_results(db):
    """The same seed, the same story: loaded, thrown away (a fresh database again), loaded on
    another day, the results are identical."""
    with transaction.atomic():
        with time_machine.travel(SOME_DAY, tick=False):
            load_demo()
        first = fingerprint()
        transaction.set_rollback(True)
    assert not Consultation.objects.exists() and not User.objects.exists()

    with time_machine.travel(datetime.datetime(2027, 1, 1, 0, 30, tzinfo=PARIS), tick=True):
        load_demo()

    assert fingerprint() == first


def test_without_demo_accounts_the_decisions_have_no_actor(db, settings):
    """In production there is no DNS demo account: nobody is named, nothing else changes."""
    settings.DEMO_ACCOUNTS = False
    load_demo()
    answers = OfficialAnswer.objects.filter(status="published")
    assert answers.exists() and not answers.filter(published_by__isnull=False).exists()
    assert not ModerationLog.objects.filter(action="answer", actor__isnull=False).exists()
    assert Contribution.objects.filter(rewording_outcome=RewordingOutcome.ACCEPTED).exists()


def contributions(consultation):
    return Contribution.objects.filter(consultation=consultation)


def test_a_few_hundred_contributions_from_every_kind_of_participant(doctrine):
    rows = contributions(doctrine)
    assert 300 <= rows.count() <= 400
    participants = User.objects.filter(email__startswith=demo_results.EMAIL_PREFIX)
    assert participants.count() == demo_results.PARTICIPANTS
    # Every participant wrote, accepted the charter first, and cannot sign in.
    assert not participants.filter(contributions__isnull=True).exists()
    assert not [user for user in participants if user.has_usable_password()]
    for acceptance in CharterAcceptance.objects.filter(user__in=participants):
        assert acceptance.consultation_id == doctrine.pk
        assert (
            acceptance.accepted_at
            <= rows.filter(author=acceptance.user_id).earliest("created_at").created_at
        )
    assert CharterAcceptance.objects.filter(user__in=participants).count() == len(participants)
    assert participants.values("stakeholder_type").distinct().count() >= 6
    assert participants.values("region").distinct().count() >= 12
    assert participants.filter(region__is_overseas=True).exists()
    # Comments, questions, rewordings (each on one paragraph, with a new text), replies.
    kinds = dict(rows.filter(parent__isnull=True).values_list("kind").annotate(n=Count("pk")))
    assert kinds["comment"] > kinds["question"] > kinds["rewording"] >= 15
    assert not rows.filter(kind="rewording", paragraph__isnull=True).exists()
    assert 50 <= rows.filter(parent__isnull=False).count() <= 120
    assert rows.filter(is_anonymous=True).exists()
    # Each chapter is discussed, most of them paragraph by paragraph.
    by_chapter = dict(rows.values_list("chapter__slug").annotate(n=Count("pk")))
    assert len(by_chapter) == 4 and min(by_chapter.values()) >= 50
    assert rows.filter(paragraph__isnull=False).count() > rows.count() / 2


def test_participation_peaks_at_the_opening_and_before_the_close(doctrine):
    published = contributions(doctrine).filter(status="published")
    dates = [timezone.localtime(d, PARIS) for d in published.values_list("created_at", flat=True)]
    assert all(OPENS <= d < CLOSES for d in dates)
    weeks = [0] * 11
    for moment in dates:
        weeks[(moment.date() - OPENS.date()).days // 7] += 1
    middle = sum(weeks[2:9]) / 7
    assert weeks[0] > 2 * middle and weeks[10] > 2 * middle
    assert len({d.date() for d in dates}) > 60  # spread over the ten weeks, not a few days


def test_reactions_flags_and_moderation_as_the_lifecycle_writes_them(doctrine):
    rows = contributions(doctrine)
    assert Reaction.objects.filter(contribution__consultation=doctrine).count() > 1000
    assert rows.filter(agree_count__gte=20).exists()  # a few popular ones
    offline = rows.filter(status__in=["hidden", "rejected"])
    assert offline.filter(status="rejected").exists()
    assert offline.values("moderation_reason").distinct().count() >= 4
    dns = User.objects.get(email="dns@demo.esante.local")
    for contribution in offline:
        assert contribution.moderation_reason and contribution.moderation_note
        assert contribution.moderated_at > contribution.created_at
        decision = contribution.moderation_logs.get(action__in=["hide", "reject"])
        assert decision.actor == dns and decision.target_user_id == contribution.author_id
        assert decision.after == {
            "status": contribution.status,
            "moderation_reason": contribution.moderation_reason,
            "moderation_note": contribution.moderation_note,
        }
        assert decision.reason == contribution.moderation_reason
        assert decision.created_at == contribution.moderated_at
        # Its flags were resolved by the decision.
        assert not contribution.flags.filter(resolved_at__isnull=True).exists()
    # Held by the flags' threshold before the moderators hid it.
    held = ModerationLog.objects.filter(action="auto_hide", contribution__consultation=doctrine)
    assert held.exists()
    for entry in held:
        assert entry.actor is None and entry.after == {"status": "pending"}
        decision = entry.contribution.moderation_logs.get(action__in=["hide", "reject"])
        assert decision.before["status"] == "pending"
    # Flags examined and the contribution kept; edits and withdrawals by their authors.
    assert ModerationLog.objects.filter(action="publish", contribution__status="published")
    for action, status in (("edit", "published"), ("withdraw", "withdrawn")):
        entries = ModerationLog.objects.filter(action=action, contribution__consultation=doctrine)
        assert entries.exists()
        for entry in entries:
            assert entry.actor_id == entry.contribution.author_id
            assert entry.after["status"] == status
    assert not Flag.objects.filter(resolved_at__isnull=True, contribution__consultation=doctrine)


def test_official_answers_in_every_state_as_publishing_them_writes(doctrine):
    dns = User.objects.get(email="dns@demo.esante.local")
    answers = OfficialAnswer.objects.filter(consultation=doctrine)
    published = answers.filter(status="published")
    assert set(published.values_list("state", flat=True)) == set(AnswerState.values)
    assert published.annotate(n=Count("contributions")).filter(n__gte=2).count() >= 10
    assert published.filter(paragraph__isnull=False).count() >= 3
    assert published.filter(template__isnull=False).exists()
    assert published.exclude(team=published.first().team).exists()  # DNS and ANS
    for answer in published.prefetch_related("contributions"):
        assert answer.published_by == dns and answer.created_by == dns
        assert CLOSES < answer.created_at < answer.published_at
        if answer.paragraph_id:
            assert answer.paragraph.chapter_id == answer.chapter_id
        for contribution in answer.contributions.all():
            assert contribution.chapter_id == answer.chapter_id
            assert contribution.status == "published"
            assert contribution.answer_state == answer.state
            assert contribution.answered_at == answer.published_at
            [entry] = contribution.moderation_logs.filter(action="answer")
            assert entry.actor == dns and entry.target_user_id == contribution.author_id
            assert entry.before == {"answer_state": ""}
            assert entry.after == {"answer_state": answer.state, "answer": answer.pk}
            assert entry.created_at == answer.published_at
    answered = contributions(doctrine).exclude(answer_state="")
    assert answered.count() == published.aggregate(n=Count("contributions"))["n"]
    # Drafts still in the works: nothing public, nothing answered.
    drafts = answers.filter(status="draft")
    assert drafts.count() >= 3
    assert not drafts.filter(Q(published_at__isnull=False) | Q(published_by__isnull=False))
    assert not contributions(doctrine).filter(official_answers__in=drafts).exclude(answer_state="")
    # Two thirds of what the chapters received has its answer: the rate means something.
    top = contributions(doctrine).filter(status="published", parent__isnull=True)
    assert 0.6 <= top.exclude(answer_state="").count() / top.count() <= 0.7


def test_the_demo_answers_have_the_shape_the_service_gives(doctrine, settings):
    """Publish one more answer through the services: its rows look like the demo's."""
    dns = User.objects.get(email="dns@demo.esante.local")
    unanswered = (
        contributions(doctrine)
        .filter(status="published", parent__isnull=True, answer_state="")
        .exclude(official_answers__isnull=False)
        .first()
    )
    demo = ModerationLog.objects.filter(action="answer").first()
    answer = services.answer_draft(
        actor=dns, contributions=[unanswered], state="taken", body="Retenu."
    )
    services.answers_publish(actor=dns, answer_ids=[answer.pk])
    unanswered.refresh_from_db()
    real = unanswered.moderation_logs.get(action="answer")
    fields = ["actor_id", "reason", "note"]
    assert [getattr(real, f) for f in fields] == [getattr(demo, f) for f in fields]
    assert set(real.before) == set(demo.before) and set(real.after) == set(demo.after)
    assert real.target_user_id == unanswered.author_id
    answer.refresh_from_db()
    assert unanswered.answered_at == answer.published_at


def test_an_accepted_rewording_led_to_version_2_of_the_security_chapter(doctrine):
    chapter = Chapter.objects.get(consultation=doctrine, slug=SECURITY)
    first, second = chapter.versions.order_by("number")
    assert chapter.current_version == second
    assert timezone.localtime(second.created_at, PARIS) == datetime.datetime(
        2020, 3, 2, 10, 0, tzinfo=PARIS
    )
    assert second.created_by == User.objects.get(email="dns@demo.esante.local")
    # Every paragraph of version 1 kept its anchor, so what was said on it stays attached.
    kept = set(first.texts.values_list("paragraph_id", flat=True))
    assert kept < set(second.texts.values_list("paragraph_id", flat=True))
    accepted = Contribution.objects.get(chapter=chapter, rewording_outcome="accepted")
    assert accepted.rewording_version == second and accepted.version == first
    assert accepted.proposed_text in second.body.split("\n\n")
    assert second.texts.filter(paragraph=accepted.paragraph, text=accepted.proposed_text)
    partly = Contribution.objects.get(rewording_outcome="partly_accepted")
    assert partly.rewording_version == second and partly.proposed_text not in second.body
    rejected = Contribution.objects.filter(consultation=doctrine, rewording_outcome="rejected")
    assert rejected.count() >= 3 and not rejected.filter(rewording_version__isnull=False)
    assert Contribution.objects.filter(kind="rewording", rewording_outcome="").exists()
    for contribution in Contribution.objects.exclude(rewording_outcome=""):
        [entry] = contribution.moderation_logs.filter(action="rewording")
        assert entry.before == {"rewording_outcome": "", "rewording_version": None}
        assert entry.after == {
            "rewording_outcome": contribution.rewording_outcome,
            "rewording_version": contribution.rewording_version_id,
        }
        assert entry.created_at > CLOSES
    # The answers version 2 takes up point to it.
    taken_up = OfficialAnswer.objects.filter(version=second)
    assert taken_up.count() >= 2
    assert taken_up.filter(contributions=accepted).exists()
    assert not OfficialAnswer.objects.exclude(version=None).exclude(version=second).exists()
    assert taken_up.filter(published_at__gt=second.created_at).count() == taken_up.count()


def test_a_published_synthesis_with_the_figures_of_the_rows(doctrine):
    synthesis = Synthesis.objects.get(consultation=doctrine)
    assert synthesis.is_published and not synthesis.document
    assert synthesis.published_at > CLOSES and synthesis.updated_at == synthesis.published_at
    for heading in (
        "### Une participation large",
        "### Les grands thèmes",
        "### Ce que nous retenons, et pourquoi",
        "### Ce que nous ne retenons pas",
        "### Les réponses officielles",
        "### Prochaines étapes",
    ):
        assert heading in synthesis.body
    published = contributions(doctrine).filter(status="published")
    participants = published.values("author").distinct().count()
    assert f"**{participants} participants**" in synthesis.body
    assert f"**{published.count()} contributions**" in synthesis.body
    assert "Ce que nous retenons" in synthesis.body and "version 2" in synthesis.body
    assert "votre contribution" not in synthesis.body  # written to everyone


def test_every_date_is_the_storys_not_the_clocks(doctrine):
    """Loaded on a day of 2031: every date is within the consultation or just after it."""
    story_end = datetime.datetime(2020, 4, 1, tzinfo=PARIS)
    rows = contributions(doctrine)
    for field in ("created_at", "edited_at", "moderated_at", "answered_at"):
        dates = [d for d in rows.values_list(field, flat=True) if d is not None]
        assert dates and all(OPENS <= d < story_end for d in dates), field
    assert all(d < CLOSES for d in rows.values_list("created_at", flat=True))
    participants = User.objects.filter(email__startswith=demo_results.EMAIL_PREFIX)
    dated = [
        *participants.values_list("date_joined", flat=True),
        *Reaction.objects.filter(contribution__consultation=doctrine).values_list(
            "created_at", flat=True
        ),
        *Flag.objects.filter(contribution__consultation=doctrine).values_list(
            "created_at", flat=True
        ),
        *CharterAcceptance.objects.filter(consultation=doctrine).values_list(
            "accepted_at", flat=True
        ),
    ]
    assert all(OPENS <= d <= CLOSES for d in dated)
    later = [
        *ModerationLog.objects.filter(contribution__consultation=doctrine).values_list(
            "created_at", flat=True
        ),
        *OfficialAnswer.objects.filter(consultation=doctrine).values_list("created_at", flat=True),
        *doctrine.chapters.values_list("versions__created_at", flat=True),
    ]
    assert all(OPENS <= d < story_end for d in later)


def test_the_texts_are_what_the_contribution_form_accepts(doctrine):
    rows = contributions(doctrine).select_related("version")
    current = {
        (t.version_id, t.paragraph_id): t.text
        for t in ParagraphText.objects.filter(version__chapter__consultation=doctrine)
    }
    for contribution in rows:
        assert services.clean_text(contribution.body, field="body") == contribution.body
        assert len(contribution.body) > 20
        if contribution.status == "published":
            # Published at once, a posteriori: nothing the personal-data guard would hold.
            assert not find_personal_data(contribution.body)
        if contribution.kind == "rewording":
            text = current[(contribution.version_id, contribution.paragraph_id)]
            assert contribution.proposed_text.split() != text.split()
            assert not find_personal_data(contribution.proposed_text, already_published=text)
    # Texts, not placeholders: put together, but varied.
    bodies = list(rows.filter(parent__isnull=True).values_list("body", flat=True))
    assert len(set(bodies)) > 0.9 * len(bodies)
    assert "lorem" not in " ".join(bodies).lower()


def fingerprint(consultation_slug: str = DOCTRINE) -> str:
    """What the results hold, without primary keys (a database's sequences are its own)."""
    consultation = Consultation.objects.get(slug=consultation_slug)
    positions = {
        t.paragraph_id: (t.version.chapter.slug, t.position)
        for t in ParagraphText.objects.filter(
            version__chapter__consultation=consultation, version__number=1
        ).select_related("version__chapter")
    }

    def key(contribution):
        return (contribution.author.email, contribution.created_at.isoformat())

    rows = []
    for c in contributions(consultation).select_related("author", "parent__author", "chapter"):
        rows.append(
            (
                key(c),
                c.chapter.slug,
                positions.get(c.paragraph_id),
                key(c.parent) if c.parent_id else None,
                c.kind,
                c.body,
                c.proposed_text,
                c.status,
                c.moderation_reason,
                c.is_anonymous,
                c.agree_count,
                c.disagree_count,
                c.flag_count,
                c.answer_state,
                str(c.answered_at),
                c.rewording_outcome,
            )
        )
    for answer in OfficialAnswer.objects.filter(consultation=consultation).prefetch_related(
        "contributions__author"
    ):
        rows.append(
            (
                answer.chapter.slug,
                positions.get(answer.paragraph_id),
                answer.state,
                answer.body,
                answer.status,
                str(answer.published_at),
                sorted(key(c) for c in answer.contributions.all()),
            )
        )
    for entry in ModerationLog.objects.filter(contribution__consultation=consultation):
        after = {k: v for k, v in entry.after.items() if k not in ("answer", "rewording_version")}
        rows.append((entry.action, key(entry.contribution), sorted(after.items()), entry.note))
    for user in User.objects.filter(email__startswith=demo_results.EMAIL_PREFIX):
        rows.append((user.email, user.display_name, user.stakeholder_type, str(user.region)))
    rows.append(consultation.synthesis.body)
    return hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()


def test_load_demo_says_what_it_loaded(doctrine):
    published = OfficialAnswer.objects.filter(status="published").count()
    assert f"{contributions(doctrine).count()} contributions" in doctrine.output
    assert f"{published} réponses officielles publiées" in doctrine.output
    assert "synthèse publiée" in doctrine.output
