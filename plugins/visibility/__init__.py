"""Visibility: the build's clock decides which releases are public; the preview build shows the rest."""


def register() -> None:
    """Connects nothing yet: the workflow issue (#6) fills this in."""
