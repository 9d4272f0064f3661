"""Helpers for the CSV exports staff open in spreadsheet software."""

import datetime

from django.utils import timezone

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """Neutralise a formula typed into a user field (CSV injection): prefix it with a quote."""
    return f"'{value}" if value[:1] in FORMULA_PREFIXES else value


def paris_stamp(value: datetime.datetime | None, *, with_time: bool = True) -> str:
    """A moment as staff read it, in Paris time (« 2027-01-01 00:30 »); stored moments are UTC,
    and an event at 00:30 on New Year's Day would otherwise read as 31 December."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local:%Y-%m-%d %H:%M}" if with_time else f"{local:%Y-%m-%d}"
