"""Listings: pages per spokesperson and campaign, archive by year, press office page."""


def register() -> None:
    """Connects nothing yet: the theme issue (#3) fills this in."""
