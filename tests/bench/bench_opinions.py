"""Benchmark (not a test): the opinion groups (opinions.method, issue 18) of 1,000,000 reactions
by default, and one JSON line: seconds, peak memory of the process (its maximum resident set
size, the generated arrays included), participants, contributions, groups found and their
agreement with the planted ones (adjusted Rand index).

    BENCH_REACTIONS=1000000 .venv/bin/python tests/bench/bench_opinions.py
    BENCH_REACTIONS=50000 .venv/bin/python tests/bench/bench_opinions.py   # quick

The reactions come from tests/opinions/synthetic.py (planted groups, 20 votes a participant on
average, one contribution for ten participants), in memory: the computation is measured, not
the reading of the reactions from the database (opinions.services reads them in chunks of
20,000 rows into three arrays: about 17 bytes a reaction).
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "esante.settings.test")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.pop("REDIS_URL", None)
TARGET_SECONDS = 60
TARGET_MB = 1000


def main() -> None:
    from sklearn.metrics import adjusted_rand_score

    from opinions import method
    from tests.opinions.synthetic import planted

    reactions = int(os.environ.get("BENCH_REACTIONS", "1000000"))
    participants = max(reactions // 20, 50)
    contributions = max(participants // 10, 40)
    sizes = [participants * share // 100 for share in (40, 30, 20, 10)]
    users, columns, values, truth, _ = planted(
        sizes=sizes, contributions=contributions, votes=(8, 32), seed=11
    )
    started = time.monotonic()
    result = method.compute(users, columns, values)
    seconds = time.monotonic() - started
    counted = sorted(result.members)
    ari = adjusted_rand_score([truth[u] for u in counted], [result.members[u] for u in counted])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "bench": "opinions",
                "reactions": len(values),
                "participants": result.participants,
                "contributions": result.contributions,
                "groups": len(result.groups),
                "planted_groups": len(sizes),
                "adjusted_rand_index": round(ari, 3),
                "silhouette": round(result.silhouette or 0, 3),
                "seconds": round(seconds, 2),
                "peak_rss_mb": round(peak_mb),
                "target": f"< {TARGET_SECONDS} s, < {TARGET_MB} MB",
                "met": seconds < TARGET_SECONDS and peak_mb < TARGET_MB,
            }
        )
    )


if __name__ == "__main__":
    import django

    django.setup()
    main()
