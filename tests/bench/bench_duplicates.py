"""Benchmark (not a test): the work of one near-duplicates request (issue 18) at its bound, the
newest CANDIDATES (2,000) contributions of a paragraph compared with the text being written,
and print one JSON line: median and worst seconds of the comparison over a few texts, and the
peak memory of the process. The database read (two indexed queries) is not in it: this is the
TF-IDF over lemmas, per request. The candidates are the test corpus's 300 contributions, each
varied (a number and a word added) until there are as many as asked.

    BENCH_CANDIDATES=2000 .venv/bin/python tests/bench/bench_duplicates.py
"""

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "esante.settings.test")


def main() -> None:
    import django

    django.setup()
    from duplicates import services
    from tests.themes.corpus import CONTRIBUTIONS, HARD_NEGATIVES, NEAR_DUPLICATES

    size = int(os.environ.get("BENCH_CANDIDATES", services.CANDIDATES))
    texts = [text for _, text in CONTRIBUTIONS]
    rows = [(n, f"{texts[n % len(texts)]} ({n // len(texts)} bis)") for n in range(size)]
    queries = [text for _, text in NEAR_DUPLICATES + HARD_NEGATIVES]
    services.nearest(queries[0], rows)  # The lemma cache warm, as in a running server.
    seconds = []
    for text in queries:
        start = time.perf_counter()
        services.nearest(text, rows)
        seconds.append(time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "bench": "duplicates",
                "candidates": size,
                "texts": len(queries),
                "median_s": round(statistics.median(seconds), 3),
                "max_s": round(max(seconds), 3),
                "peak_mb": round(peak_mb),
            }
        )
    )


if __name__ == "__main__":
    main()
