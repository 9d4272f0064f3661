"""Helpers for the CSV exports staff open in spreadsheet software."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """Neutralise a formula typed into a user field (CSV injection): prefix it with a quote."""
    return f"'{value}" if value[:1] in FORMULA_PREFIXES else value
