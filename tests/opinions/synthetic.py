"""A synthetic vote matrix with planted opinion groups, for the evaluation test and the
benchmark: each group has a stance (+1 or -1) on every contribution, shared by all groups on the
first `consensus` ones. Stances come from two hidden dimensions of opinion, as the method
assumes (it keeps two components): groups sit at evenly spaced angles, each contribution is a
random direction, and a group agrees when it stands on that direction's side. Each participant
votes on a random subset, following their group's stance with probability `fidelity`.
Deterministic (a fixed seed)."""

import numpy as np


def planted(
    *,
    sizes: list[int],
    contributions: int,
    votes: tuple[int, int] = (10, 30),
    fidelity: float = 0.85,
    consensus: int = 4,
    seed: int = 7,
    first_contribution: int = 1000,
):
    """(users, contributions, values, truth, stance): the three arrays opinions.method.compute
    takes, the planted group of each user id, and the stances (groups by contributions)."""
    rng = np.random.default_rng(seed)
    angles = 2 * np.pi * np.arange(len(sizes)) / len(sizes)
    positions = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    directions = rng.normal(size=(2, contributions))
    stance = np.where(positions @ directions >= 0, 1, -1).astype(np.int8)
    stance[:, :consensus] = 1
    truth = np.repeat(np.arange(len(sizes)), sizes)
    counts = rng.integers(votes[0], votes[1] + 1, size=len(truth))
    users = np.repeat(np.arange(1, len(truth) + 1), counts)
    columns = np.concatenate(
        [rng.choice(contributions, size=count, replace=False) for count in counts]
    )
    follows = rng.random(len(users)) < fidelity
    values = stance[truth[users - 1], columns] * np.where(follows, 1, -1).astype(np.int8)
    return users, columns + first_contribution, values, dict(enumerate(truth, start=1)), stance
