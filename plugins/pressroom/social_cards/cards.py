"""What each card says and where it lives: pure functions from a release and the settings."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image

from pressroom.content_model.model import RELEASE_TYPES
from pressroom.content_model.outputs import CARDS_FOLDER, PUBLISHER_LOGO_CARD, SITE_CARD
from pressroom.content_model.site import site_of

from .render import CARD_SIZE, LOGO_SIZE, CardStyle, CardText

# Used where the settings give no colour. The brand's own colours come from BRAND_COLOURS (the theme's
# setting: "primary" is checked for white text on it and as text on white), and SOCIAL_CARD_COLOURS
# overrides any one of them for the cards alone.
DEFAULT_COLOURS = {
    "background": "#ffffff",
    "accent": "#6b2c91",
    "text": "#1b1b1b",
    "muted": "#4a4a4a",
    "on_accent": "#ffffff",
}


@dataclass(frozen=True)
class SocialImage:
    """The picture a link preview shows. A generated card also carries its words and output path."""

    url: str
    alt: str
    width: int | None = None
    height: int | None = None
    mime_type: str = ""
    output_path: str = ""
    kind: str = "card"
    card: CardText | None = None


def card_style(settings: dict) -> CardStyle:
    options = site_of(settings).options
    brand = options.brand_colours
    from_brand = {
        role: brand[name] for role, name in (("accent", "primary"), ("text", "text")) if name in brand
    }
    colours = {**DEFAULT_COLOURS, **from_brand, **options.card_colours}
    # Outside theme/static, so the fonts are drawn with but never published.
    fonts = os.path.join(settings["THEME"], "fonts")
    return CardStyle(
        **colours,
        bold_font=options.card_bold_font or os.path.join(fonts, "Inter-Bold.otf"),
        regular_font=options.card_regular_font or os.path.join(fonts, "Inter-Regular.otf"),
    )


def site_host(settings: dict) -> str:
    return urlsplit(site_of(settings).url).netloc


def event_time(event) -> str:
    return f"{event.when.text} · {event.location}" if event.location else event.when.text


def release_card_text(release, lead_quote, settings: dict) -> CardText:
    """Brand, type and headline, then the lead quote and its speaker (an event: when and where)."""
    detail, attribution = release.summary, ""
    if release.event:
        detail = event_time(release.event)
    elif lead_quote:
        detail = f"“{lead_quote.text}”"
        attribution = ", ".join(
            part for part in (lead_quote.person.name, lead_quote.person.role_line) if part
        )
    return CardText(
        brand=site_of(settings).organisation,
        label=release.type.label,
        headline=release.title,
        detail=detail,
        attribution=attribution,
        footer=site_host(settings),
    )


def release_card(release, lead_quote, year: int, slug: str, settings: dict) -> SocialImage:
    path = f"{CARDS_FOLDER}/{year}/{slug}.png"
    alt = f"{release.type.label} from {site_of(settings).organisation}: {release.title}"
    if lead_quote and not release.event:
        alt += f", with a quote from {lead_quote.person.name}"
    return SocialImage(
        url=site_of(settings).link(path),
        alt=alt,
        width=CARD_SIZE[0],
        height=CARD_SIZE[1],
        mime_type="image/png",
        output_path=path,
        card=release_card_text(release, lead_quote, settings),
    )


def own_image(image, settings: dict) -> SocialImage:
    """A release's own image; its size is read from the file when the file is in the content."""
    width = height = None
    mime_type = ""
    source = Path(settings["PATH"]) / image.src.lstrip("/")
    if not urlsplit(image.src).scheme and source.is_file():
        with Image.open(source) as picture:
            width, height = picture.size
            mime_type = Image.MIME.get(picture.format or "", "")
    return SocialImage(
        url=site_of(settings).link(image.src),
        alt=image.alt,
        width=width,
        height=height,
        mime_type=mime_type,
        kind="own",
    )


def what_the_site_publishes() -> str:
    """'Press releases, policy responses, statements, news and events', from the release types."""
    kinds = [kind.plural.lower() for kind in RELEASE_TYPES.values()]
    return (", ".join(kinds[:-1]) + " and " + kinds[-1]).capitalize()


def site_image(settings: dict) -> SocialImage:
    """The card for pages that are not releases: the home page, listings and the site's own pages."""
    site = site_of(settings)
    name = site.organisation
    return SocialImage(
        url=site.link(SITE_CARD),
        alt=site.name or name,
        width=CARD_SIZE[0],
        height=CARD_SIZE[1],
        mime_type="image/png",
        output_path=SITE_CARD,
        card=CardText(
            brand=name,
            label="Press office",
            headline=site.name or name,
            detail=what_the_site_publishes(),
            footer=site_host(settings),
        ),
    )


def publisher_logo(settings: dict) -> SocialImage:
    """ORGANISATION['logo'] if the settings give one; else a square wordmark drawn from the name."""
    site = site_of(settings)
    given = site.options.organisation.get("logo")
    name = site.organisation
    if given:
        return SocialImage(url=site.link(given), alt=f"{name} logo", kind="own")
    return SocialImage(
        url=site.link(PUBLISHER_LOGO_CARD),
        alt=f"{name} logo",
        width=LOGO_SIZE[0],
        height=LOGO_SIZE[1],
        mime_type="image/png",
        output_path=PUBLISHER_LOGO_CARD,
        kind="logo",
        card=CardText(brand=name, label="", headline=""),
    )
