"""Open Graph and Twitter card tags as (key, value) pairs, in the order the template writes them."""

from __future__ import annotations


def language_tag(language: str) -> str:
    """BCP 47 case for Pelican's lowercased DEFAULT_LANG: en-gb becomes en-GB."""
    primary, _, region = language.replace("_", "-").partition("-")
    return f"{primary.lower()}-{region.upper()}" if region else primary.lower()


def locale(language: str) -> str:
    """Open Graph writes a locale as language_TERRITORY: en-GB becomes en_GB."""
    return language_tag(language).replace("-", "_")


def image_properties(image) -> list[tuple[str, str]]:
    if image is None:
        return []
    pairs = [("og:image", image.url)]
    if image.mime_type:
        pairs.append(("og:image:type", image.mime_type))
    if image.width and image.height:
        pairs += [("og:image:width", str(image.width)), ("og:image:height", str(image.height))]
    pairs.append(("og:image:alt", image.alt))
    return pairs


def common_properties(kind, title, description, url, site_name, language, image) -> list[tuple[str, str]]:
    pairs = [
        ("og:type", kind),
        ("og:site_name", site_name),
        ("og:locale", locale(language)),
        ("og:title", title),
        ("og:url", url),
    ]
    if description:
        pairs.append(("og:description", description))
    return pairs + image_properties(image)


def article_properties(published, modified, section: str, tags: list[str]) -> list[tuple[str, str]]:
    pairs = [
        ("article:published_time", published.isoformat()),
        ("article:modified_time", modified.isoformat()),
        ("article:section", section),
    ]
    return pairs + [("article:tag", tag) for tag in tags]


def twitter_names(title: str, description: str, image) -> list[tuple[str, str]]:
    pairs = [("twitter:card", "summary_large_image" if image else "summary"), ("twitter:title", title)]
    if description:
        pairs.append(("twitter:description", description))
    if image is not None:
        pairs += [("twitter:image", image.url), ("twitter:image:alt", image.alt)]
    return pairs
