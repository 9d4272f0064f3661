"""The shape of the issue 18 test corpus (tests/themes/corpus.py): no database, fast."""

import re

from tests.themes.corpus import (
    CONTRIBUTIONS,
    HARD_NEGATIVES,
    NEAR_DUPLICATES,
    TOPICS,
    expected_labels,
)

MIN_WORDS, MAX_WORDS = 25, 120
PER_TOPIC = 30

EMAIL = re.compile(r"\S+@\S+\.\w+")
URL = re.compile(r"(https?://|www\.)\S+|\b[\w-]+\.(fr|com|org|net|gouv)\b", re.IGNORECASE)
PHONE = re.compile(r"(\+33|\b0)\s?[1-9]([\s.-]?\d{2}){4}\b")


def _all_texts():
    return (
        [text for _, text in CONTRIBUTIONS]
        + [text for _, text in NEAR_DUPLICATES]
        + [text for _, text in HARD_NEGATIVES]
    )


def test_ten_topics_of_thirty_contributions():
    assert len(TOPICS) == 10
    assert len(CONTRIBUTIONS) == 10 * PER_TOPIC
    codes = [code for code, _ in CONTRIBUTIONS]
    assert set(codes) == set(TOPICS)
    assert all(codes.count(code) == PER_TOPIC for code in TOPICS)
    assert expected_labels() == codes
    assert all(label.strip() for label in TOPICS.values())


def test_word_counts_in_range():
    for text in _all_texts():
        assert MIN_WORDS <= len(text.split()) <= MAX_WORDS, text


def test_texts_are_clean_single_spaced_strings():
    for text in _all_texts():
        assert text == " ".join(text.split()), text


def test_no_duplicate_text():
    texts = [" ".join(text.lower().split()) for text in _all_texts()]
    assert len(texts) == len(set(texts))


def test_no_email_url_or_phone_number():
    for text in _all_texts():
        assert not EMAIL.search(text), text
        assert not URL.search(text), text
        assert not PHONE.search(text), text


def test_near_duplicates_and_hard_negatives_point_at_contributions():
    assert len(NEAR_DUPLICATES) == 15
    assert len(HARD_NEGATIVES) == 15
    for index, text in NEAR_DUPLICATES + HARD_NEGATIVES:
        assert isinstance(index, int)
        assert 0 <= index < len(CONTRIBUTIONS)
        assert text != CONTRIBUTIONS[index][1]
    # One near-duplicate per original: each pair is a distinct detection case.
    assert len({index for index, _ in NEAR_DUPLICATES}) == len(NEAR_DUPLICATES)
