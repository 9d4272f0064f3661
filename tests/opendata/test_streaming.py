"""Downloads stream: the memory a live export takes does not grow with its number of rows."""

import tracemalloc

import pytest

from concertation.models import Contribution
from opendata import datasets, exports
from tests.concertation.factories import ChapterFactory
from tests.esante.factories import UserFactory

pytestmark = pytest.mark.django_db

# Each row carries 2 kB of text: 1,500 rows make a 3 MB file, twice the bound below.
BODY = "Une contribution assez longue pour peser. " * 50
# The most a streamed download may allocate at once, whatever its number of rows: a batch of
# rows, a piece of output, and what the interpreter keeps for reuse (free lists of tuples,
# compiled queries), which grows over the first thousands of rows read in a process.
BOUND = 1536 * 1024


def add_contributions(chapter, author, count):
    Contribution.objects.bulk_create(
        Contribution(
            consultation=chapter.consultation, chapter=chapter, author=author,
            version=chapter.current_version, body=BODY, status="published",
        )
        for _ in range(count)
    )  # fmt: skip


def peak_while_reading(client, url) -> tuple[int, int]:
    """(peak bytes allocated while the response is read, bytes read)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        response = client.get(url)
        assert response.streaming
        read = sum(len(piece) for piece in response.streaming_content)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    return peak, read


@pytest.mark.parametrize("extension", ["csv", "json"])
def test_streaming_does_not_grow_with_the_rows(client, monkeypatch, extension):
    # Small batches and pieces, so that both sizes below span many of each.
    monkeypatch.setattr(datasets, "BATCH_SIZE", 50)
    monkeypatch.setattr(exports, "CHUNK", 8 * 1024)
    chapter, author = ChapterFactory(), UserFactory()
    url = f"/donnees/contributions.{extension}"
    add_contributions(chapter, author, 150)
    b"".join(client.get(url).streaming_content)  # Once first: imports, first-use caches.
    small_peak, small_read = peak_while_reading(client, url)
    add_contributions(chapter, author, 1350)
    large_peak, large_read = peak_while_reading(client, url)
    assert large_read > 9 * small_read > 9 * 300_000
    assert large_read > 2 * BOUND
    assert small_peak < BOUND and large_peak < BOUND, (small_peak, large_peak)
