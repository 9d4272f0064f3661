"""Dates in words follow French typography: « 1er mars 2026 », not « 1 mars 2026 »."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template import engines
from django.utils import translation


def render(source, **context):
    return engines["django"].from_string("{% load esante %}" + source).render(context)


def test_the_first_of_the_month_takes_the_ordinal_in_french():
    first, second = datetime.date(2026, 3, 1), datetime.date(2026, 3, 2)
    with translation.override("fr"):
        assert render('{{ d|date_ordinal:"j F Y" }}', d=first) == "1er mars 2026"
        assert render('{{ d|date_ordinal:"j F Y" }}', d=second) == "2 mars 2026"
        assert render('{{ d|date_ordinal:"l j F Y" }}', d=first) == "dimanche 1er mars 2026"
    with translation.override("en"):
        assert render('{{ d|date_ordinal:"j F Y" }}', d=first) == "1 March 2026"


def test_the_day_is_the_one_in_france():
    # 23:30 UTC on 28 February is 00:30 on 1 March in Paris.
    moment = datetime.datetime(2026, 2, 28, 23, 30, tzinfo=ZoneInfo("UTC"))
    with translation.override("fr"):
        assert render('{{ d|date_ordinal:"j F Y à H:i" }}', d=moment) == "1er mars 2026 à 00:30"


def test_no_template_writes_a_day_in_words_without_the_ordinal():
    pattern = re.compile(r"\|date:_?\(?\"[^\"]*j[^\"]*\"")
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in Path(settings.BASE_DIR, "templates").rglob("*.*")
        if path.suffix in (".html", ".txt") and pattern.search(path.read_text())
    ]
    assert not offenders, f"use |date_ordinal for a date with its day: {offenders}"


def test_a_translated_format_on_the_first_of_the_month():
    # Templates pass `_("j F Y à H:i")`, a lazy translation: on a 1st it crashed every page
    # showing that date (HTTP 500), in French and English alike.
    first = datetime.datetime(2026, 12, 1, 9, 5, tzinfo=ZoneInfo("Europe/Paris"))
    source = '{{ d|date_ordinal:_("j F Y à H:i") }}'
    with translation.override("fr"):
        assert render(source, d=first) == "1er décembre 2026 à 09:05"
    with translation.override("en"):
        assert render(source, d=first).startswith("1 December 2026")


def test_a_time_element_gets_the_paris_time_to_the_second():
    # HTML refuses more than three decimals of a second: `|date:"c"` printed six.
    moment = datetime.datetime(2026, 7, 1, 1, 52, 42, 991300, tzinfo=ZoneInfo("UTC"))
    assert render("{{ d|html_datetime }}", d=moment) == "2026-07-01T03:52:42+02:00"
    winter = datetime.datetime(2026, 12, 1, 2, 52, 42, 991300, tzinfo=ZoneInfo("UTC"))
    assert render("{{ d|html_datetime }}", d=winter) == "2026-12-01T03:52:42+01:00"
    assert render("{{ d|html_datetime }}", d=datetime.date(2026, 3, 1)) == "2026-03-01"
    assert render("{{ d|html_datetime }}", d=None) == ""


def test_no_template_prints_microseconds_in_a_time_element():
    pattern = re.compile(r"\|date:['\"]c['\"]")
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in Path(settings.BASE_DIR, "templates").rglob("*.html")
        if pattern.search(path.read_text())
    ]
    assert not offenders, f'use |html_datetime rather than |date:"c": {offenders}'
