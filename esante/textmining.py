"""French text for the statistical tools of issue 18 (themes, near-duplicates): the words of a
text, lower-cased and reduced to their lemma by simplemma, whose French dictionary ships inside
its wheel (nothing is downloaded at run time). « Les contributions proposées » and « la
contribution proposée » give the same words. Letters only: numbers, punctuation and one-letter
words (the « l » of « l'interopérabilité ») are left out; function words are not, the callers'
vectorisers weigh them down (document frequency) or drop them."""

import functools
import re

import simplemma

WORD = re.compile(r"[^\W\d_]{2,}")


@functools.lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    return simplemma.lemmatize(word, lang="fr")


def words(text: str) -> list[str]:
    """The lemmas of `text`, in order (an analyzer for scikit-learn's vectorisers)."""
    return [lemma(word) for word in WORD.findall(text.lower())]
