"""One part of the suite: `pytest -p tests.shard --shard=K/N --shard-seed=S` keeps the tests
whose stable number (CRC-32 of the test id, plus S) is K modulo N.

.ci/run reruns the suite at four instants (a 1st of the month, New Year in Paris, the night the
clocks change, a leap day). The whole suite at each of them took 20 minutes of the 15 CI may
use, so each instant runs one quarter of the tests: every test meets one of the four instants in
every run, besides today's in `make test`. The seed is the number of commits, so the quarters
rotate: over four consecutive commits every test has met every instant.
"""

import zlib


def pytest_addoption(parser):
    group = parser.getgroup("shard")
    group.addoption("--shard", default="", help="K/N: keep the K-th of N parts (0 <= K < N).")
    group.addoption("--shard-seed", type=int, default=0, help="Rotates which part a test is in.")


def _part(nodeid: str, seed: int, parts: int) -> int:
    return (zlib.crc32(nodeid.encode()) + seed) % parts


def pytest_collection_modifyitems(config, items):
    shard = config.getoption("--shard")
    if not shard:
        return
    index, parts = (int(n) for n in shard.split("/"))
    if not 0 <= index < parts:
        raise ValueError(f"--shard={shard}: K must be between 0 and N - 1")
    seed = config.getoption("--shard-seed")
    kept, dropped = [], []
    for item in items:
        (kept if _part(item.nodeid, seed, parts) == index else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    items[:] = kept
