"""Share links: one pure function per network, attached to releases and quotes as data."""


def register() -> None:
    """Connects nothing yet: the sharing issue (#5) fills this in."""
