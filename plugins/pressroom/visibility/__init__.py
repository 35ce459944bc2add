"""Visibility: the build's clock decides which releases are public; the preview build shows the rest.

In a public build a release that is not public becomes a Pelican draft as it is read, so no later
stage (listings, feeds, cards, sitemaps) ever holds it; a scan of the output afterwards proves it.
In a preview build (PRESSROOM_PREVIEW) it stays an article and carries the banner to show.
"""

from __future__ import annotations

from pelican import signals

from pressroom.content_model.decision import Visibility, decide
from pressroom.content_model.site import site_of

from .leaks import find_leaks

HIDDEN_KEY = "PRESSROOM_HIDDEN"


class EmbargoLeak(SystemExit):
    """The output names a release that is not public: the build fails, listing every place."""

    def __init__(self, leaks):
        lines = [str(leak) for leak in leaks]
        lines.append(f"{len(leaks)} leak(s) of releases that are not public: the build has failed.")
        super().__init__("\n".join(lines))
        self.leaks = leaks


def start_hidden_list(pelican) -> None:
    pelican.settings.setdefault(HIDDEN_KEY, [])


def apply_visibility(generator, metadata) -> None:
    release = metadata.get("release")
    if release is None:
        return
    site = site_of(generator.settings)
    visibility = decide(release, site.now)
    if site.preview:
        metadata["visibility"] = visibility
        if release.status == "draft":
            metadata["status"] = "published"
    elif not visibility.public:
        metadata["status"] = "draft"
        generator.settings[HIDDEN_KEY].append(release)


def public_address(article, settings) -> str:
    """Where the release will live once public (as a draft, Pelican only knows its draft address)."""
    return settings["ARTICLE_URL"].format(**article.url_format)


def remember_hidden_addresses(generator) -> None:
    hidden = {id(release) for release in generator.settings[HIDDEN_KEY]}
    generator.settings[HIDDEN_KEY] = [
        (draft.release, public_address(draft, generator.settings))
        for draft in generator.drafts
        if id(getattr(draft, "release", None)) in hidden
    ]


def scan_for_leaks(pelican) -> None:
    if site_of(pelican.settings).preview:
        return
    hidden = pelican.settings.get(HIDDEN_KEY, [])
    leaks = find_leaks(pelican.output_path, hidden)
    if leaks:
        raise EmbargoLeak(leaks)


def register() -> None:
    signals.initialized.connect(start_hidden_list)
    signals.article_generator_context.connect(apply_visibility)
    signals.article_generator_finalized.connect(remember_hidden_addresses)
    signals.finalized.connect(scan_for_leaks)


__all__ = ["EmbargoLeak", "Visibility", "decide", "register"]
