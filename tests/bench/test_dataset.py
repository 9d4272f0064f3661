"""The benchmark's dataset (bench/dataset.py) goes through the models' own tables: the rows it
writes by COPY are the rows the site would have written (stored HTML, counters, reactions and
their totals), so the pages measured read what they read in production. Run once at its
smallest scale (about 30 s), every check on that one dataset; PostgreSQL only, as the generator."""

import pytest
import rules
from django.db import connection
from django.db.models import Count, F, Q

from bench import dataset
from concertation.models import Chapter, Contribution, Reaction
from esante.models import User
from events.models import Event, Registration

pytestmark = pytest.mark.django_db


def test_the_dataset_is_what_the_site_would_have_written():
    if connection.vendor != "postgresql":
        pytest.skip("bench/dataset.py writes with COPY: PostgreSQL only")

    generated = dataset.generate(scale=0.0001)

    # The figures asked for.
    figures = generated["figures"]
    assert Contribution.objects.count() == figures["contributions"]
    assert Reaction.objects.count() == figures["reactions"]
    assert Event.objects.count() == figures["events"]
    assert Registration.objects.count() == figures["registrations"]
    big = Contribution.objects.filter(chapter__slug=dataset.BIG_CHAPTER)
    assert big.count() == figures["big_chapter"]
    assert Contribution.objects.filter(chapter__slug=dataset.SMALL_CHAPTER).count() == 10
    assert generated["pages"]["big_chapter"].endswith(f"/{dataset.BIG_CHAPTER}/")

    # Totals equal the rows they sum.
    mismatched = Contribution.objects.annotate(
        agree=Count("reactions", filter=Q(reactions__value="agree")),
        disagree=Count("reactions", filter=Q(reactions__value="disagree")),
    ).exclude(agree_count=F("agree"), disagree_count=F("disagree"))
    assert not mismatched.exists()
    assert Contribution.objects.filter(agree_count__gt=0).exists()

    # Derived columns filled as the site fills them (when the code has them).
    if "body_html" in {f.name for f in Contribution._meta.get_fields()}:
        from esante.markdown import render_markdown

        sample = Contribution.objects.order_by("?")[:20]
        assert all(c.body_html == render_markdown(c.body) for c in sample)
    try:
        from concertation.services.counters import counters_expected, counters_stored
    except ImportError:
        counters_expected = None
    if counters_expected is not None:
        for slug in (dataset.BIG_CHAPTER, dataset.SMALL_CHAPTER):
            chapter = Chapter.objects.get(slug=slug)
            assert counters_stored(chapter=chapter) == counters_expected(chapter=chapter)

    # The accounts the benchmark signs in with may contribute on the big chapter.
    consultation = Chapter.objects.get(slug=dataset.BIG_CHAPTER).consultation
    for pk in [generated["reader"], *generated["writers"]]:
        assert rules.test_rule("concertation.contribute", User.objects.get(pk=pk), consultation)
