"""The parts of tests.shard cover the suite exactly once, and rotate with the seed."""

import pytest

from tests.shard import _part

pytestmark = pytest.mark.undated

IDS = [f"tests/x/test_{n}.py::test_{m}" for n in range(30) for m in range(20)]


@pytest.mark.parametrize("seed", [0, 1, 417])
def test_every_test_is_in_exactly_one_of_the_parts(seed):
    parts = [{i for i in IDS if _part(i, seed, 4) == k} for k in range(4)]
    assert set().union(*parts) == set(IDS)
    assert sum(len(p) for p in parts) == len(IDS)
    assert all(len(p) > len(IDS) / 8 for p in parts)  # roughly even


def test_over_four_seeds_each_test_meets_each_part():
    for test_id in IDS[:50]:
        assert {_part(test_id, seed, 4) for seed in range(4)} == {0, 1, 2, 3}
