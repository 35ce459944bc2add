"""Social cards: a 1200×630 PNG per release, built with Pillow."""


def register() -> None:
    """Connects nothing yet: the sharing issue (#5) fills this in."""
