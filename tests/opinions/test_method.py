"""The Polis method (opinions.method) on synthetic vote matrices with planted groups: it finds
them (adjusted Rand index), picks their number by the silhouette, names what each group agrees
with and what they all agree with, leaves out who voted too little and hides small groups."""

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from opinions import method
from tests.opinions.synthetic import planted

# The planted groups must be found almost exactly: an ARI of 1 is a perfect match, 0 chance.
MIN_ARI = 0.9


def _ari(result, truth) -> float:
    users = sorted(result.members)
    return adjusted_rand_score([truth[u] for u in users], [result.members[u] for u in users])


@pytest.mark.parametrize("sizes", [[60, 50], [70, 60, 50], [50, 45, 40, 35]])
def test_planted_groups_are_found_and_counted(sizes, ci_report):
    users, contributions, values, truth, _ = planted(sizes=sizes, contributions=40)
    result = method.compute(users, contributions, values)
    ari = _ari(result, truth)
    ci_report(
        f"opinion groups, planted {len(sizes)} groups of {sizes} on 40 contributions "
        f"({len(values)} reactions, 85 % faithful votes): {len(result.groups)} found, "
        f"adjusted Rand index {ari:.3f} (threshold {MIN_ARI}), silhouette {result.silhouette:.3f}"
    )
    assert len(result.groups) == len(sizes)  # k chosen by the silhouette
    assert ari >= MIN_ARI
    for found, size in zip(sorted(g.size for g in result.groups), sorted(sizes), strict=True):
        assert abs(found - size) <= 0.1 * size
    assert [g.size for g in result.groups] == sorted((g.size for g in result.groups), reverse=True)
    assert result.participants == sum(sizes) and result.hidden == 0


def test_representative_and_consensus_contributions_follow_the_planted_stances():
    users, contributions, values, truth, stance = planted(
        sizes=[80, 70, 60], contributions=30, votes=(15, 30), fidelity=0.9
    )
    result = method.compute(users, contributions, values)
    assert _ari(result, truth) >= MIN_ARI
    for index, group in enumerate(result.groups):
        planted_group = truth[next(u for u, g in result.members.items() if g == index)]
        assert group.representative, index
        for statement in group.representative:
            column = statement.contribution - 1000
            # The group agrees with it, and some other group does not.
            assert stance[planted_group, column] == 1
            assert (stance[:, column] == -1).any()
            assert statement.agree > 0.5 and statement.agree > statement.others
    consensus = [pk for pk, _ in result.consensus]
    assert consensus, "the four shared contributions"
    for pk, agree in result.consensus:
        assert (stance[:, pk - 1000] == 1).all()
        assert min(agree) >= method.CONSENSUS_MIN_AGREE and len(agree) == 3


def test_participants_with_too_few_votes_are_not_counted():
    users, contributions, values, _, _ = planted(sizes=[40, 40], contributions=30)
    # Ten more participants with 3 votes each.
    extra = np.repeat(np.arange(10_001, 10_011), 3)
    result = method.compute(
        np.concatenate([users, extra]),
        np.concatenate([contributions, np.tile([1000, 1001, 1002], 10)]),
        np.concatenate([values, np.ones(30, dtype=np.int8)]),
    )
    assert result.voters == 90
    assert result.participants == 80
    assert not set(result.members) & set(range(10_001, 10_011))


def test_too_few_participants_give_no_groups():
    users, contributions, values, _, _ = planted(sizes=[10, 9], contributions=20, votes=(8, 15))
    result = method.compute(users, contributions, values)
    assert result.participants == 19 < method.MIN_PARTICIPANTS
    assert result.groups == [] and result.points == [] and result.consensus == []
    assert method.compute(np.array([]), np.array([]), np.array([])).participants == 0


def test_a_group_below_the_minimum_size_is_not_shown_nor_its_points():
    users, contributions, values, _, _ = planted(
        sizes=[60, 50, 3], contributions=40, fidelity=0.95, votes=(25, 35)
    )
    result = method.compute(users, contributions, values)
    assert [g.size for g in result.groups] == [60, 50]
    assert result.hidden == 3
    assert sum(1 for g in result.members.values() if g == -1) == 3
    assert len(result.points) == 110
    assert {point[0] for point in result.points} == {0, 1}


def test_the_same_reactions_give_the_same_groups():
    data = planted(sizes=[50, 40, 30], contributions=30)[:3]
    first, second = method.compute(*data), method.compute(*data)
    assert first.points == second.points
    assert [g.representative for g in first.groups] == [g.representative for g in second.groups]


def test_points_are_rounded_and_sampled_in_no_participant_order():
    users, contributions, values, _, _ = planted(sizes=[400, 300], contributions=30)
    result = method.compute(users, contributions, values)
    assert len(result.points) == method.MAX_POINTS
    assert result.points == sorted(result.points)
    assert all(round(x, 2) == x and -1 <= x <= 1 and -1 <= y <= 1 for _, x, y in result.points)
