"""Near-duplicates: the published contributions that say nearly what a participant is writing,
and the duplicates staff mark.

The measure is a TF-IDF cosine over the French lemmas of the texts (esante.textmining.words),
computed per request over a small, bounded set: the newest CANDIDATES published contributions
of the same paragraph (or of the chapter as a whole when the form targets no paragraph), the
IDF learnt from those candidates and the text being written. Measured on the test corpus
(tests/duplicates/test_corpus.py): light edits of a contribution (words changed, added, removed,
typos) score 0.89-0.98 against it, contributions on the same subject saying something else
(hard negatives) at most 0.56, any other pair at most 0.37. THRESHOLD sits in that gap: every
light edit found, no hard negative suggested. Paraphrases (the same idea in other words) score
0.28-0.50, as high as the hard negatives, so no threshold on words separates them; character
n-grams (analyzer="char_wb", 3-5, alone or averaged with the lemmas) were measured too and do
not separate them either (paraphrases 0.30-0.58, hard negatives up to 0.51), so they are left
out: the suggestion promises « nearly the same words », not « the same idea »."""

import html

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext
from sklearn.feature_extraction.text import TfidfVectorizer

from concertation import rules as concertation_rules
from concertation.models import Contribution, OfficialAnswer
from esante.textmining import words

from .models import DuplicateMark

# Texts shorter than this (in characters, spaces trimmed) are not compared: too few words.
MIN_LENGTH = 30
# The newest published contributions compared with the text: bounds a request's work.
CANDIDATES = 2_000
THRESHOLD = 0.7
SUGGESTIONS = 3


def candidates(*, chapter, paragraph=None):
    """The published top-level contributions a text is compared with, newest first, bounded."""
    return (
        Contribution.objects.published()
        .top_level()
        .filter(chapter=chapter, paragraph=paragraph)
        .order_by("-created_at", "-id")[:CANDIDATES]
    )


def scores(text: str, bodies: list[str]) -> np.ndarray:
    """The cosine of `text` with each of `bodies` (TF-IDF over lemmas, IDF from all of them)."""
    if not bodies:
        return np.zeros(0)
    vectorizer = TfidfVectorizer(analyzer=words, sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform([text, *bodies])
    except ValueError:  # No word at all in any text.
        return np.zeros(len(bodies))
    return (matrix[1:] @ matrix[0].T).toarray().ravel()


def nearest(text: str, rows: list[tuple[int, str]]) -> list[tuple[int, float]]:
    """Up to SUGGESTIONS (pk, score) of `rows` (pk, body) at THRESHOLD or above, most similar
    first (the newest first among equals)."""
    found = scores(text, [body for _, body in rows])
    order = sorted(range(len(rows)), key=lambda i: -found[i])  # Stable: rows come newest first.
    return [(rows[i][0], float(found[i])) for i in order[:SUGGESTIONS] if found[i] >= THRESHOLD]


def near_duplicates(*, text: str, chapter, paragraph=None) -> list[Contribution]:
    """The published contributions that repeat `text`, most similar first (two queries)."""
    text = (text or "").strip()
    if len(text) < MIN_LENGTH:
        return []
    rows = list(candidates(chapter=chapter, paragraph=paragraph).values_list("pk", "body"))
    best = nearest(text, rows)
    if not best:
        return []
    found = {
        c.pk: c
        for c in Contribution.objects.filter(pk__in=[pk for pk, _ in best])
        .select_related("author")
        .only("pk", "body_html", "is_anonymous", "chapter_id", "paragraph_id", "created_at",
              "author__display_name", "author__stakeholder_type", "author__email")
    }  # fmt: skip
    result = []
    for pk, score in best:
        contribution = found[pk]
        # The page's own objects: get_absolute_url reads them without a query.
        contribution.chapter = chapter
        contribution.paragraph = paragraph
        contribution.similarity = score
        plain = html.unescape(strip_tags(contribution.body_html))
        contribution.excerpt = Truncator(plain).words(40)
        result.append(contribution)
    return result


def mark_error(*, contribution: Contribution, original: Contribution) -> str | None:
    """Why `contribution` cannot be marked a duplicate of `original`, in French (or None):
    asked by the service and by the admin form."""
    if contribution.pk == original.pk:
        return gettext("Une contribution ne peut pas être le double d'elle-même.")
    if contribution.chapter_id != original.chapter_id:
        return gettext("Les deux contributions doivent porter sur le même chapitre.")
    if not (contribution.is_visible and original.is_visible):
        return gettext("Seules des contributions publiées peuvent être marquées comme doublons.")
    return None


@transaction.atomic
def duplicate_mark(*, actor, contribution: Contribution, original: Contribution) -> DuplicateMark:
    """Mark `contribution` as a duplicate of `original` (both published, of one chapter): an
    official answer to the original will answer it too. Marking again moves the mark."""
    concertation_rules.ensure("concertation.answer", actor)
    # The original of an original: one level only, so that answering follows a single hop.
    root = getattr(DuplicateMark.objects.filter(contribution=original).first(), "original", None)
    original = root or original
    if error := mark_error(contribution=contribution, original=original):
        raise ValidationError(error)
    mark, _ = DuplicateMark.objects.update_or_create(
        contribution=contribution,
        defaults={"original": original, "marked_by": actor, "marked_at": timezone.now()},
    )
    # Its own duplicates follow it to the new original.
    DuplicateMark.objects.filter(original=contribution).update(original=original)
    # Drafts already answering the original now answer it too.
    for answer in OfficialAnswer.objects.filter(
        contributions=original, status=OfficialAnswer.Status.DRAFT
    ):
        answer.contributions.add(contribution)
    return mark


@transaction.atomic
def duplicate_unmark(*, actor, contribution: Contribution) -> bool:
    """Remove the mark; False if it was not marked. Answers already drafted keep it."""
    concertation_rules.ensure("concertation.answer", actor)
    deleted, _ = DuplicateMark.objects.filter(contribution=contribution).delete()
    return bool(deleted)


def with_duplicates(contributions) -> list[Contribution]:
    """`contributions` and, after them, the published duplicates marked on them (one query):
    what an official answer to them answers."""
    contributions = list(contributions)
    if not contributions:
        return contributions
    present = {c.pk for c in contributions}
    extra = (
        Contribution.objects.published()
        .filter(duplicate_mark__original__in=present)
        .exclude(pk__in=present)
        .select_related("chapter")
        .order_by("pk")
    )
    return contributions + list(extra)
