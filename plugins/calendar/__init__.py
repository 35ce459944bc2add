"""Calendar: an .ics file for every event release."""


def register() -> None:
    """Connects nothing yet: the theme issue (#3) fills this in."""
