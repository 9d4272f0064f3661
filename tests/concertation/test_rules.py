"""The one gate (concertation.rules): every permission for every role in every consultation
state, as adhocracy4 tests its rules; a refusal says why, in French."""

import pytest

from concertation import rules as concertation_rules
from concertation.models import ContributorBlock, Follow
from tests.concertation.factories import ChapterFactory, ConsultationFactory, ContributionFactory
from tests.esante.factories import ArsStaffFactory, DnsStaffFactory, UserFactory

ROLES = ["anonymous", "unverified", "member", "blocked", "author", "dns", "ars"]
STATES = ["upcoming", "open", "closed"]
EVERY = set(STATES)
OPEN = {"open"}
NEVER = set()
# Who may contribute at all: a verified account that is not blocked.
CONTRIBUTORS = {"member": OPEN, "author": OPEN, "dns": OPEN, "ars": OPEN}

# permission → role → states in which it is allowed (absent role: never). The target is a
# published contribution by "author" (or its consultation).
EXPECTED = {
    "concertation.contribute": CONTRIBUTORS,
    "concertation.reply": CONTRIBUTORS,
    "concertation.react": {**CONTRIBUTORS, "author": NEVER},
    # A closed consultation still shows its contributions: they can still be flagged, by
    # anyone signed in but their author.
    "concertation.flag": {r: EVERY for r in ROLES if r not in {"anonymous", "author"}},
    "concertation.edit_contribution": {"author": OPEN},
    "concertation.withdraw_contribution": {"author": EVERY},
    # Nobody starts following a closed consultation.
    "concertation.follow": {r: {"upcoming", "open"} for r in ROLES if r != "anonymous"},
    "concertation.moderate": {"dns": EVERY},
}
ON_CONSULTATION = {"concertation.contribute", "concertation.follow"}


def make_user(role, author):
    from django.contrib.auth.models import AnonymousUser

    if role == "anonymous":
        return AnonymousUser()
    if role == "author":
        return author
    if role == "dns":
        return DnsStaffFactory()
    if role == "ars":
        return ArsStaffFactory()
    user = UserFactory(verified=role != "unverified")
    if role == "blocked":
        ContributorBlock.objects.create(user=user, reason="Propos injurieux répétés.")
    return user


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_every_permission_for_every_role_and_consultation_state(db, role, state):
    consultation = ConsultationFactory(**{state: True} if state != "open" else {})
    author = UserFactory()
    contribution = ContributionFactory(
        chapter=ChapterFactory(consultation=consultation), author=author
    )
    user = make_user(role, author)
    answers = {}
    for permission in EXPECTED:
        target = consultation if permission in ON_CONSULTATION else contribution
        reason = concertation_rules.why_not(permission, user, target)
        answers[permission] = reason is None
        # The rule and the django-rules permission answer the same; a refusal says why.
        assert (reason is None) == user.has_perm(permission, target) or user.is_superuser
        assert reason is None or reason.strip()
    expected = {p: state in EXPECTED[p].get(role, NEVER) for p in EXPECTED}
    assert answers == expected


def test_a_follower_may_stop_following_a_closed_consultation(db):
    consultation = ConsultationFactory(closed=True)
    follower, newcomer = UserFactory(), UserFactory()
    Follow.objects.create(user=follower, consultation=consultation)
    assert concertation_rules.why_not("concertation.follow", follower, consultation) is None
    assert concertation_rules.why_not("concertation.follow", newcomer, consultation) == (
        "Cette consultation est close : il n'y a plus rien à suivre."
    )


@pytest.mark.parametrize(
    ("role", "reason"),
    [
        ("anonymous", "Connectez-vous pour contribuer."),
        ("unverified", "Confirmez votre adresse électronique avant de contribuer"),
        ("blocked", "Votre compte ne peut plus contribuer. Motif : Propos injurieux répétés."),
    ],
)
def test_contribute_says_why_not(db, role, reason):
    consultation = ConsultationFactory()
    refusal = concertation_rules.why_not(
        "concertation.contribute", make_user(role, None), consultation
    )
    assert refusal.startswith(reason)


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        ("upcoming", "Cette consultation n'est pas encore ouverte"),
        ("closed", "Cette consultation est close : elle ne reçoit plus de contributions"),
    ],
)
def test_contribute_on_a_consultation_that_is_not_open_says_why_not(db, state, reason):
    refusal = concertation_rules.why_not(
        "concertation.contribute", UserFactory(), ConsultationFactory(**{state: True})
    )
    assert refusal.startswith(reason)


def test_flag_says_why_not(db):
    contribution = ContributionFactory()
    flagger = UserFactory()
    why = concertation_rules.why_not
    assert why("concertation.flag", contribution.author, contribution) == (
        "Vous ne pouvez pas signaler votre propre contribution."
    )
    contribution.flags.create(user=flagger, reason="spam")
    assert why("concertation.flag", flagger, contribution) == (
        "Vous avez déjà signalé cette contribution."
    )
