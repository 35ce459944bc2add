"""Listings: pages per spokesperson and campaign, the press office and 404 pages, links between releases,
and the check that the theme's settings (brand colours, featured campaign) can be used."""

from __future__ import annotations

import logging

from pelican import signals

from pressroom.content_model.site import site_of

from .branding import brand_problems
from .generator import ListingsGenerator

logger = logging.getLogger(__name__)


class ThemeSettingsInvalid(SystemExit):
    """Ends the build, before anything is written, with every problem in the theme's settings."""

    def __init__(self, problems: list[str]):
        summary = f"{len(problems)} problem(s) in pelicanconf.py: nothing was built."
        super().__init__("\n".join([*problems, summary]))
        self.problems = problems


def featured_campaign_problem(featured: str, campaign_ids) -> str:
    if not featured or featured in campaign_ids:
        return ""
    known = ", ".join(campaign_ids) or "none yet"
    return f"FEATURED_CAMPAIGN: no campaign '{featured}' in topics.yaml, so none is featured — use: {known}"


def check_theme_settings(pelican) -> None:
    """Unreadable brand colours stop the build; a featured campaign that is not there only loses its box."""
    settings = pelican.settings
    problems = brand_problems(settings.get("BRAND_COLOURS") or {})
    if problems:
        raise ThemeSettingsInvalid(problems)
    campaigns = site_of(settings).directory.campaigns
    missing = featured_campaign_problem(settings.get("FEATURED_CAMPAIGN", ""), list(campaigns))
    if missing:
        logger.warning(missing)


def listings_generator(pelican):
    return ListingsGenerator


def register() -> None:
    signals.initialized.connect(check_theme_settings)
    signals.get_generators.connect(listings_generator)
