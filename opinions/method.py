"""Opinion groups from agree/disagree reactions, after the Polis deliberation tool (issue 18).

The method, as Polis documents it (compdemocracy.org/analysis, and its reference implementation
red-dwarf): a vote matrix (participants by contributions: +1 agree, -1 disagree, missing when not
voted); the participants with too few votes left out; missing votes imputed with the
contribution's mean vote; a PCA to two components, each participant's position scaled up by
sqrt(contributions / their votes) so that who voted little is not pulled to the centre; k-means for
k = 2..5, k chosen by the silhouette score; then, per group, the contributions it agrees with
more than the other participants (representative) and those every group agrees with
(group-informed consensus).

PCA, k-means and the silhouette come from scikit-learn (not red-dwarf 0.4.0: it would bring
pandas, requests, requests-cache, requests-ratelimiter and fake-useragent into the web server for
what scikit-learn does). The matrix stays sparse: imputing a missing vote with its column's
mean makes it exactly 0 once the columns are centred, so the centred, imputed matrix has the
votes' sparsity and a truncated SVD of it *is* the PCA of the imputed matrix, at 1,000,000
reactions in seconds and a few hundred MB (tests/bench/bench_opinions.py).

Pure computation on arrays (no database): opinions.services reads the reactions and stores the
result.
"""

from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.metrics import silhouette_score

# Who is counted: Polis keeps the participants with at least 7 votes (fewer when the
# consultation has fewer contributions with votes).
MIN_VOTES = 7
# A contribution enters the matrix with at least this many votes: one or two votes say nothing
# about how people divide, and they would only add noise to the PCA.
MIN_CONTRIBUTION_VOTES = 3
# A group with fewer participants is not shown, nor are its participants' points: a very small
# group could point at someone.
MIN_GROUP_SIZE = 5
# Below this many counted participants, no groups at all.
MIN_PARTICIPANTS = 4 * MIN_GROUP_SIZE
MAX_GROUPS = 5
# Deterministic: the same reactions always give the same groups.
RANDOM_STATE = 0
# The silhouette is quadratic in the participants: measured on a fixed sample beyond this.
SILHOUETTE_SAMPLE = 4000
# Polis's significance threshold: one-sided z at 90 %.
Z_90 = 1.2816
REPRESENTATIVE_TOP = 5
CONSENSUS_TOP = 5
# A consensus contribution: every group agrees with it with at least this (smoothed) probability.
CONSENSUS_MIN_AGREE = 0.6
# Points drawn on the scatter: a sample, in proportion to the groups, beyond this.
MAX_POINTS = 600


@dataclass
class Statement:
    """A contribution's standing in a group: agree probability in it and among the others."""

    contribution: int
    agree: float
    others: float
    votes: int


@dataclass
class Group:
    size: int
    center: tuple[float, float]
    representative: list[Statement] = field(default_factory=list)


@dataclass
class Result:
    voters: int  # participants with at least one reaction
    participants: int  # counted: enough votes
    contributions: int  # in the matrix
    reactions: int  # in the matrix, from counted participants
    silhouette: float | None = None
    groups: list[Group] = field(default_factory=list)  # shown, largest first
    hidden: int = 0  # participants of the groups too small to show
    points: list[tuple[int, float, float]] = field(default_factory=list)  # (group index, x, y)
    consensus: list[tuple[int, list[float]]] = field(default_factory=list)  # (id, agree per group)
    # Who is in which group (user id -> group index, -1 for a hidden group): for the evaluation
    # only (tests/opinions), never stored or shown.
    members: dict[int, int] = field(default_factory=dict)


def _smoothed(agree: np.ndarray, seen: np.ndarray) -> np.ndarray:
    """The agree probability with Laplace smoothing, as Polis: (agrees + 1) / (votes + 2)."""
    return (agree + 1.0) / (seen + 2.0)


def _proportion_z(agree: np.ndarray, seen: np.ndarray) -> np.ndarray:
    """Polis's test that the agree probability is above one half."""
    return 2.0 * np.sqrt(seen + 1.0) * ((agree + 1.0) / (seen + 1.0) - 0.5)


def _two_proportions_z(a1, n1, a2, n2) -> np.ndarray:
    """Polis's test that a group agrees more than the others (pooled, smoothed)."""
    p1 = (a1 + 1.0) / (n1 + 2.0)
    p2 = (a2 + 1.0) / (n2 + 2.0)
    pooled = (a1 + a2 + 1.0) / (n1 + n2 + 2.0)
    spread = np.sqrt(pooled * (1.0 - pooled) * (1.0 / (n1 + 1.0) + 1.0 / (n2 + 1.0)))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(spread > 0, (p1 - p2) / spread, 0.0)


def _choose_k(coords: np.ndarray) -> tuple[np.ndarray, float]:
    """k-means for k = 2..5 (at most one group per MIN_GROUP_SIZE participants); the labels
    of the k with the best silhouette score, and that score."""
    best = None
    top = min(MAX_GROUPS, max(2, len(coords) // MIN_GROUP_SIZE))
    sample = min(len(coords), SILHOUETTE_SAMPLE)
    for k in range(2, top + 1):
        labels = KMeans(n_clusters=k, n_init=10, random_state=RANDOM_STATE).fit_predict(coords)
        if len(set(labels)) < 2:
            continue
        score = silhouette_score(coords, labels, sample_size=sample, random_state=RANDOM_STATE)
        if best is None or score > best[1] + 1e-9:
            best = (labels, float(score))
    return best if best else (np.zeros(len(coords), dtype=int), 0.0)


def compute(users: np.ndarray, contributions: np.ndarray, values: np.ndarray) -> Result:
    """The opinion groups of reactions given as three arrays of the same length: user ids,
    contribution ids, +1 (agree) or -1 (disagree)."""
    values = np.asarray(values, dtype=np.float32)
    voters = len(np.unique(users)) if len(users) else 0
    if not len(users):
        return Result(voters=0, participants=0, contributions=0, reactions=0)
    user_ids, rows = np.unique(users, return_inverse=True)
    contribution_ids, cols = np.unique(contributions, return_inverse=True)
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(len(user_ids), len(contribution_ids)))
    del rows, cols
    # Contributions with enough votes, then participants with enough votes on those.
    kept_cols = np.flatnonzero(matrix.getnnz(axis=0) >= MIN_CONTRIBUTION_VOTES)
    matrix = matrix[:, kept_cols]
    contribution_ids = contribution_ids[kept_cols]
    needed = min(MIN_VOTES, len(contribution_ids))
    votes = matrix.getnnz(axis=1)
    kept_rows = np.flatnonzero((votes >= needed) & (votes > 0))
    matrix = matrix[kept_rows].tocsr()
    votes = votes[kept_rows]
    result = Result(
        voters=voters,
        participants=len(kept_rows),
        contributions=len(contribution_ids),
        reactions=int(matrix.nnz),
    )
    if result.participants < MIN_PARTICIPANTS or result.contributions < 2:
        return result

    # Centre on each contribution's mean vote among those who voted: a missing vote, imputed
    # with that mean, becomes 0 and the matrix stays sparse.
    sums = np.asarray(matrix.sum(axis=0)).ravel()
    means = (sums / np.maximum(matrix.getnnz(axis=0), 1)).astype(np.float32)
    centred = matrix.copy()
    centred.data = centred.data - means[centred.indices]
    coords = TruncatedSVD(
        n_components=2, algorithm="arpack", random_state=RANDOM_STATE
    ).fit_transform(centred)
    del centred
    coords *= np.sqrt(result.contributions / votes)[:, None]
    # Each axis's sign fixed by the data (the SVD's is arbitrary): the heavier side positive.
    coords *= np.where(np.median(coords, axis=0) < 0, -1.0, 1.0)
    labels, result.silhouette = _choose_k(coords)

    sizes = np.bincount(labels)
    order = [g for g in np.argsort(-sizes, kind="stable") if sizes[g] > 0]
    shown = [g for g in order if sizes[g] >= MIN_GROUP_SIZE]
    result.hidden = int(sum(sizes[g] for g in order if sizes[g] < MIN_GROUP_SIZE))

    # Votes per group and contribution: agrees and votes seen, by a sparse product.
    membership = sparse.csr_matrix(
        (np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(len(sizes), len(labels))
    )
    agrees = membership @ (matrix > 0).astype(np.float64)
    seen = membership @ (matrix != 0).astype(np.float64)
    agrees, seen = np.asarray(agrees.todense()), np.asarray(seen.todense())
    total_agrees, total_seen = agrees.sum(axis=0), seen.sum(axis=0)

    scale = np.abs(coords).max() or 1.0
    for g in shown:
        in_agree, in_seen = agrees[g], seen[g]
        out_agree, out_seen = total_agrees - in_agree, total_seen - in_seen
        p_in, p_out = _smoothed(in_agree, in_seen), _smoothed(out_agree, out_seen)
        significant = (
            (p_in > 0.5)
            & (p_in > p_out)
            & (_proportion_z(in_agree, in_seen) > Z_90)
            & (_two_proportions_z(in_agree, in_seen, out_agree, out_seen) > Z_90)
        )
        strength = np.where(significant, (p_in / p_out) * p_in, 0.0)
        best = [c for c in np.argsort(-strength, kind="stable") if strength[c] > 0]
        center = coords[labels == g].mean(axis=0) / scale
        result.groups.append(
            Group(
                size=int(sizes[g]),
                center=(round(float(center[0]), 3), round(float(center[1]), 3)),
                representative=[
                    Statement(
                        contribution=int(contribution_ids[c]),
                        agree=round(float(p_in[c]), 3),
                        others=round(float(p_out[c]), 3),
                        votes=int(in_seen[c]),
                    )
                    for c in best[:REPRESENTATIVE_TOP]
                ],
            )
        )

    # Group-informed consensus: the product over every group (the hidden ones too) of its
    # smoothed agree probability; kept when each group agrees clearly.
    probabilities = _smoothed(agrees[order], seen[order])
    product = probabilities.prod(axis=0)
    candidates = np.flatnonzero((probabilities >= CONSENSUS_MIN_AGREE).all(axis=0))
    candidates = candidates[np.argsort(-product[candidates], kind="stable")]
    position = {g: i for i, g in enumerate(order)}
    result.consensus = [
        (
            int(contribution_ids[c]),
            [round(float(probabilities[position[g], c]), 3) for g in shown],
        )
        for c in candidates[:CONSENSUS_TOP]
    ]

    index = {g: i for i, g in enumerate(shown)}
    kept_users = user_ids[kept_rows]
    result.members = {
        int(user): index.get(int(label), -1) for user, label in zip(kept_users, labels, strict=True)
    }

    # The scatter: shown groups only, a sample proportional to them, rounded, in no user order.
    visible = np.flatnonzero(np.isin(labels, shown))
    if len(visible) > MAX_POINTS:
        rng = np.random.default_rng(RANDOM_STATE)
        visible = np.sort(rng.choice(visible, size=MAX_POINTS, replace=False))
    result.points = sorted(
        (
            index[int(labels[i])],
            round(float(coords[i, 0] / scale), 2),
            round(float(coords[i, 1] / scale), 2),
        )
        for i in visible
    )
    return result
