import pytest

from tests.concertation.factories import ChapterFactory, ConsultationFactory, ContributionFactory
from tests.esante.factories import UserFactory
from tests.themes.corpus import CONTRIBUTIONS

# Four topics of the corpus, 15 contributions each: enough for themes (60 > 30), quick to write.
TOPIC_CODES = ("INTEROP", "CYBER", "TELESANTE", "EPRESC")


def corpus_rows(per_topic=15, skip=0):
    rows = []
    for code in TOPIC_CODES:
        texts = [text for c, text in CONTRIBUTIONS if c == code]
        rows += [(code, text) for text in texts[skip : skip + per_topic]]
    return rows


@pytest.fixture
def consultation(db):
    return ConsultationFactory(closed=True, title="Doctrine technique 2019")


@pytest.fixture
def chapters(consultation):
    return [ChapterFactory(consultation=consultation, number=n) for n in (1, 2)]


@pytest.fixture
def author(db):
    return UserFactory()


@pytest.fixture
def write(chapters, author):
    """write(rows) → the contributions, alternating between the two chapters."""

    def write(rows):
        return [
            ContributionFactory(chapter=chapters[i % 2], author=author, body=text)
            for i, (_, text) in enumerate(rows)
        ]

    return write
