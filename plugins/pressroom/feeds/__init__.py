"""Feeds: Atom, RSS and JSON Feed for every slice of public releases, a Subscribe page, and the
`<link rel="alternate">` data every page's head renders.

Only `generator.articles` is read, and the withdrawn releases, whose entries become notices of their
withdrawal: drafts and embargoed releases are never there (plugins/visibility), so they reach no feed.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator

from pressroom.content_model.memo import code_version
from pressroom.content_model.site import note_withdrawal_notice, site_of, withdrawn_articles

from . import entries
from .entries import absolute_links
from .plan import FeedPlan, plan_feeds, write_feeds


def plan_site_feeds(generators) -> None:
    """Decide every feed once all content is read (so links in bodies are resolved) and before any page
    is written, so each page's head can advertise its feeds."""
    generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    template = generator.env.get_template("feeds/entry.html")
    site = site_of(generator.settings)
    memo = site.memos.named("feed_entry_links", code_version(entries.__name__) + site.kind)

    def render_content(**values) -> str:
        html, url = template.render(**values), values["url"]
        return memo.answer((html, url), lambda: absolute_links(html, url))

    plan = plan_feeds(
        generator.articles, generator.settings, render_content, withdrawn_articles(generator.context)
    )
    for source, paths in plan.withdrawal_notices.items():
        for path in paths:
            note_withdrawal_notice(generator.settings, source, path)
    generator.context["FEEDS"] = plan.directory
    generator.pressroom_feed_plan = plan


def write_site_feeds(generator, writer) -> None:
    plan: FeedPlan = generator.pressroom_feed_plan
    write_feeds(plan, Path(generator.output_path))
    writer.write_file(
        plan.settings.subscribe_save_as,
        generator.get_template("subscribe"),
        generator.context,
        relative_urls=plan.settings.relative_urls,
        url=plan.settings.subscribe_url,
        feed_groups=plan.directory.groups,
    )


def register() -> None:
    signals.all_generators_finalized.connect(plan_site_feeds)
    signals.article_writer_finalized.connect(write_site_feeds)
