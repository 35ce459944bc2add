"""Feeds: Atom, RSS and JSON Feed for every slice of releases."""


def register() -> None:
    """Connects nothing yet: the feeds issue (#4) fills this in."""
