"""Benchmark (not a test): build the weekly digests of N generated subscribers and print
digests per second. `make bench` runs it against a throwaway PostgreSQL database.

    BENCH_SUBSCRIBERS=100000 .venv/bin/python tests/bench/bench_digests.py
"""

import datetime
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DB = os.environ.get("BENCH_DATABASE", "esante_bench")
os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DB}")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "esante.settings.test")
os.environ.pop("REDIS_URL", None)


def main():
    subscribers = int(os.environ.get("BENCH_SUBSCRIBERS", "100000"))
    for sql in (f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)", f"CREATE DATABASE {DB}"):
        subprocess.run(  # noqa: S603 - the PostgreSQL client, fixed arguments
            [shutil.which("psql"), "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql],
            check=True,
        )
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from concertation import services
    from concertation.models import Consultation, Contribution, Follow, Reaction
    from concertation.notifications import _digests_for
    from esante.models import Notification, User

    now = timezone.now()
    consultation = Consultation.objects.create(
        title="Bench", slug="bench", introduction="i", charter="c", is_published=True,
        opens_at=now - datetime.timedelta(days=30), closes_at=now + datetime.timedelta(days=30),
    )  # fmt: skip
    chapters = [
        services.chapter_create(
            consultation=consultation, number=n, title=f"C{n}", slug=f"c{n}", body="Texte."
        )
        for n in range(1, 21)
    ]
    started = time.monotonic()
    User.objects.bulk_create(
        (
            User(email=f"abonne{n}@example.org", password="!", digest_frequency="weekly")
            for n in range(subscribers)
        ),
        batch_size=5000,
    )
    ids = list(User.objects.values_list("pk", flat=True))
    Follow.objects.bulk_create(
        (Follow(user_id=pk, chapter=chapters[i % 20]) for i, pk in enumerate(ids)),
        batch_size=5000,
    )
    authors = ids[:2000]
    contributions = Contribution.objects.bulk_create(
        (
            Contribution(
                consultation=consultation, chapter=chapters[i % 20],
                version_id=chapters[i % 20].current_version_id, author_id=pk,
                body="Contribution", status="published",
                created_at=now - datetime.timedelta(days=1),
            )
            for i, pk in enumerate(authors)
        ),
        batch_size=5000,
    )  # fmt: skip
    Reaction.objects.bulk_create(
        (
            Reaction(contribution=c, user_id=ids[-(i + 1)], value="agree")
            for i, c in enumerate(contributions)
        ),
        batch_size=5000,
    )
    print(f"generated {subscribers} subscribers in {time.monotonic() - started:.1f} s")

    started = time.monotonic()
    created = _digests_for("weekly", "weekly:bench", datetime.timedelta(days=7), now)
    elapsed = time.monotonic() - started
    assert created == Notification.objects.filter(kind="digest").count()
    print(f"built {created} weekly digests in {elapsed:.1f} s: {created / elapsed:,.0f} digests/s")
    again = _digests_for("weekly", "weekly:bench", datetime.timedelta(days=7), now)
    print(f"second run for the same week: {again} new digests (exactly once)")


if __name__ == "__main__":
    main()
