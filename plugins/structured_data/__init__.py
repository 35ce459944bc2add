"""Structured data: Open Graph and schema.org JSON-LD for every page, as dicts."""


def register() -> None:
    """Connects nothing yet: the sharing issue (#5) fills this in."""
