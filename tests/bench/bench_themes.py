"""Benchmark (not a test): the themes computation of issue 18 (themes.services) at 10,000 and
100,000 contributions, and print one JSON line per size: seconds and peak memory (maximum
resident set size of a process of its own) of the full fit (French lemmas, TF-IDF, NMF) and of
assigning 1,000 new contributions to the stored themes without a refit (what the debounced
task does as contributions arrive).

    .venv/bin/python tests/bench/bench_themes.py                      # 10,000 and 100,000
    BENCH_CONTRIBUTIONS=2000 .venv/bin/python tests/bench/bench_themes.py   # quick

The texts are drawn from the French test corpus (tests/themes/corpus.py): each contribution
joins two to five sentences of one topic, and one sentence of another now and then, with a
fixed seed, so that their vocabulary and length are those of real contributions. No database:
the task reads the rows in one query (pk and text) and writes its memberships with
bulk_create; the cost measured here is what grows with the number of contributions and
what a web request must never carry.
"""

import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "esante.settings.test")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.pop("REDIS_URL", None)
NEW = 1000


def texts(count: int, seed: int = 0) -> list[str]:
    from tests.themes.corpus import CONTRIBUTIONS

    by_topic: dict[str, list[str]] = {}
    for topic, text in CONTRIBUTIONS:
        by_topic.setdefault(topic, []).extend(
            s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 20
        )
    topics = sorted(by_topic)
    draw = random.Random(seed)
    out = []
    for _ in range(count):
        topic = draw.choice(topics)
        sentences = draw.sample(by_topic[topic], draw.randint(2, 5))
        if draw.random() < 0.2:
            sentences.append(draw.choice(by_topic[draw.choice(topics)]))
        out.append(" ".join(sentences))
    return out


def measure(count: int) -> dict:
    """In this process: fit on `count` texts, then assign NEW more with the stored arrays."""
    import django

    django.setup()
    from themes import services
    from themes.models import ThemeModel, arrays_dump

    corpus = texts(count)
    started = time.monotonic()
    vectorizer, _weights, components = services.fit_texts(corpus, services.theme_count(len(corpus)))
    fit_seconds = time.monotonic() - started
    model = ThemeModel(
        vocabulary=vectorizer.get_feature_names_out().tolist(),
        arrays=arrays_dump(idf=vectorizer.idf_, components=components),
    )
    started = time.monotonic()
    new_weights = services.assign_texts(model, texts(NEW, seed=1))
    assign_seconds = time.monotonic() - started
    assert new_weights.shape == (NEW, components.shape[0])
    return {
        "contributions": count,
        "themes": int(components.shape[0]),
        "vocabulary": len(model.vocabulary),
        "fit_seconds": round(fit_seconds, 2),
        f"assign_{NEW}_seconds": round(assign_seconds, 2),
        "model_kb": round(len(model.arrays) / 1024 + len(json.dumps(model.vocabulary)) / 1024),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        print(json.dumps(measure(int(sys.argv[2]))))
        return
    sizes = [int(s) for s in os.environ.get("BENCH_CONTRIBUTIONS", "10000,100000").split(",")]
    for size in sizes:
        # A process per size: its peak memory is its own.
        subprocess.run(  # noqa: S603 - this interpreter and this script
            [sys.executable, __file__, "--one", str(size)], check=True, cwd=ROOT
        )


if __name__ == "__main__":
    main()
