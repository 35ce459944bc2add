"""Discovery: sitemap.xml, a Google News sitemap and robots.txt."""


def register() -> None:
    """Connects nothing yet: the sharing issue (#5) fills this in."""
